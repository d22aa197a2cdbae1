package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ict is Vietnam's time zone (Asia/Ho_Chi_Minh, no daylight saving).
var ict = time.FixedZone("ICT", 7*3600)

// corpusDirName is the directory under the store directory that holds
// the article files.
const corpusDirName = "corpus"

// articleDir returns the directory of an article's files:
// <corpus>/<site>/<yyyy>/<mm>, the month of Published in Vietnam's time
// zone, or of FetchedAt when Published is zero.
func articleDir(corpus string, r Record) string {
	t := r.Published
	if t.IsZero() {
		t = r.FetchedAt
	}
	t = t.In(ict)
	return filepath.Join(corpus, r.Site, fmt.Sprintf("%04d", t.Year()), fmt.Sprintf("%02d", int(t.Month())))
}

// textFile renders the .txt file: title, blank line, text, newline.
func textFile(r Record) []byte {
	return []byte(r.Title + "\n\n" + strings.TrimRight(r.Text, "\n") + "\n")
}

// jsonFile renders the .json file: the record's canonical JSON (the
// bytes of the database record and of the export line) and a newline.
func jsonFile(r Record) ([]byte, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// writeArticleFiles writes <id>.txt and <id>.json into the article's
// directory, each atomically and fsynced (through sync, Options.SyncFile;
// nil: (*os.File).Sync), then fsyncs the directory.
func writeArticleFiles(corpus string, r Record) error { return writeArticleFilesWith(nil, corpus, r) }

// writeArticleFilesWith is writeArticleFiles with every fsync through sync.
func writeArticleFilesWith(sync func(*os.File) error, corpus string, r Record) error {
	dir, err := writeArticleFilesSync(sync, corpus, r, true)
	if err != nil {
		return err
	}
	return syncDirWith(sync, dir)
}

// articleFilesDir creates the article's directory and encodes its .json
// file.
func articleFilesDir(corpus string, r Record) (dir string, js []byte, err error) {
	dir = articleDir(corpus, r)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return dir, nil, fmt.Errorf("create %s: %w", dir, err)
	}
	js, err = jsonFile(r)
	if err != nil {
		return dir, nil, fmt.Errorf("encode %s: %w", r.ID, err)
	}
	return dir, js, nil
}

// writeArticleFilesSync writes <id>.txt and <id>.json into the article's
// directory, each atomically; each file is fsynced (through sync) when
// doSync is true
// (the batch writer syncs the whole file system once instead: batch.go).
// It returns the directory.
func writeArticleFilesSync(sync func(*os.File) error, corpus string, r Record, doSync bool) (string, error) {
	dir, js, err := articleFilesDir(corpus, r)
	if err != nil {
		return dir, err
	}
	if err := writeFileAtomic(sync, dir, r.ID+".txt", textFile(r), doSync); err != nil {
		return dir, err
	}
	return dir, writeFileAtomic(sync, dir, r.ID+".json", js, doSync)
}

// writeFileAtomic writes data to dir/name through a temporary file
// <name>.*.tmp in the same directory: write, fsync (when doSync, through
// sync; nil: (*os.File).Sync), close, rename. A reader sees the old file
// or the new one, never a part of it. The temporary file is removed on
// error.
func writeFileAtomic(sync func(*os.File) error, dir, name string, data []byte, doSync bool) error {
	return writeFileAtomicFrom(sync, dir, name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, doSync)
}

// writeFileAtomicFrom is writeFileAtomic with the content written by body
// (straight to the temporary file: buffer it if it writes in small
// pieces), for content too large to build in memory first.
func writeFileAtomicFrom(sync func(*os.File) error, dir, name string, body func(io.Writer) error, doSync bool) (err error) {
	path := filepath.Join(dir, name)
	f, err := os.CreateTemp(dir, name+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if err = body(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if doSync {
		if err = syncWith(sync, f); err != nil {
			return fmt.Errorf("sync %s: %w", path, err)
		}
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	if err = os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("chmod %s: %w", path, err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("rename %s: %w", path, err)
	}
	return nil
}

// syncDir fsyncs a directory so that renames in it survive a crash.
func syncDir(dir string) error { return syncDirWith(nil, dir) }

// syncDirWith is syncDir through sync (nil: (*os.File).Sync).
func syncDirWith(sync func(*os.File) error, dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := syncWith(sync, d); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// removeArticleFiles removes an article's .txt and .json files from the
// directory its record names. Missing files are not an error.
func removeArticleFiles(corpus string, r Record) error {
	dir := articleDir(corpus, r)
	for _, ext := range []string{".txt", ".json"} {
		path := filepath.Join(dir, r.ID+ext)
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", path, err)
		}
	}
	return nil
}

// removeTempFiles removes leftover <id>.*.tmp files of an article in its
// directory, as a crash in writeFileAtomic may leave them.
func removeTempFiles(corpus string, r Record) (int, error) {
	dir := articleDir(corpus, r)
	matches, err := filepath.Glob(filepath.Join(dir, r.ID+".*.tmp"))
	if err != nil {
		return 0, fmt.Errorf("list temporary files of %s: %w", r.ID, err)
	}
	for _, m := range matches {
		if err := os.Remove(m); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return 0, fmt.Errorf("remove %s: %w", m, err)
		}
	}
	return len(matches), nil
}

// filesExist reports whether both files of an article exist.
func filesExist(corpus string, r Record) bool {
	dir := articleDir(corpus, r)
	for _, ext := range []string{".txt", ".json"} {
		if _, err := os.Stat(filepath.Join(dir, r.ID+ext)); err != nil {
			return false
		}
	}
	return true
}

// validSite reports whether a site name is safe as one directory name.
func validSite(site string) bool {
	if site == "" || site == "." || site == ".." || strings.Contains(site, "..") {
		return false
	}
	if strings.ContainsAny(site, `/\`) || !filepath.IsLocal(site) {
		return false
	}
	for _, c := range site {
		if c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
}

// syncWith fsyncs f through sync, or f.Sync when sync is nil.
func syncWith(sync func(*os.File) error, f *os.File) error {
	if sync != nil {
		return sync(f)
	}
	return f.Sync()
}

// articleFiles are the paths of an article's files in dir.
func articleFiles(dir, id string) []string {
	return []string{filepath.Join(dir, id+".txt"), filepath.Join(dir, id+".json")}
}
