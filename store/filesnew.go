package store

import (
	"fmt"
	"os"
	"path/filepath"
)

// writeNewArticleFiles writes the two files of an article that has no
// committed record, in place: no temporary file, rename or fsync. The
// batch writer (batchrun.go) uses it in step 2, where nothing refers to
// these paths yet: the record is committed only after the file system
// sync, and until then the pending entry stands for the write, so a file
// a crash cut short is rewritten whole by Open's repair, as a temporary
// file would be removed. It saves two file-system operations per file
// (the rename and the temporary name's directory entry). It returns the
// directory.
func writeNewArticleFiles(corpus string, r Record) (string, error) {
	dir, js, err := articleFilesDir(corpus, r)
	if err != nil {
		return dir, err
	}
	if err := writeFileInPlace(filepath.Join(dir, r.ID+".txt"), textFile(r)); err != nil {
		return dir, err
	}
	return dir, writeFileInPlace(filepath.Join(dir, r.ID+".json"), js)
}

// writeFileInPlace creates or truncates path and writes data, mode 0644
// whatever the umask (as writeFileAtomic).
func writeFileInPlace(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
