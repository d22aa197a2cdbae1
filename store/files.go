package store

import (
	"encoding/json"
	"errors"
	"fmt"
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
// directory, each atomically and fsynced, then fsyncs the directory.
func writeArticleFiles(corpus string, r Record) error {
	dir, err := writeArticleFilesSync(corpus, r, true)
	if err != nil {
		return err
	}
	return syncDir(dir)
}

// writeArticleFilesSync writes <id>.txt and <id>.json into the article's
// directory, each atomically; each file is fsynced when sync is true
// (the batch writer syncs the whole file system once instead: batch.go).
// It returns the directory.
func writeArticleFilesSync(corpus string, r Record, sync bool) (string, error) {
	dir := articleDir(corpus, r)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return dir, fmt.Errorf("create %s: %w", dir, err)
	}
	js, err := jsonFile(r)
	if err != nil {
		return dir, fmt.Errorf("encode %s: %w", r.ID, err)
	}
	if err := writeFileAtomic(dir, r.ID+".txt", textFile(r), sync); err != nil {
		return dir, err
	}
	return dir, writeFileAtomic(dir, r.ID+".json", js, sync)
}

// writeFileAtomic writes data to dir/name through a temporary file
// <name>.*.tmp in the same directory: write, fsync (when sync), close,
// rename. A reader sees the old file or the new one, never a part of it.
// The temporary file is removed on error.
func writeFileAtomic(dir, name string, data []byte, sync bool) (err error) {
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
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if sync {
		if err = f.Sync(); err != nil {
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
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
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

// articleFiles are the paths of an article's files in dir.
func articleFiles(dir, id string) []string {
	return []string{filepath.Join(dir, id+".txt"), filepath.Join(dir, id+".json")}
}
