package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// rebuildSuffix names the database a repair is building, beside
// unionnews.db, until it is complete.
const rebuildSuffix = ".rebuild"

// damagedInfix names the kept damaged files: unionnews.db.damaged-<time>.
const damagedInfix = ".damaged-"

// rebuild builds a new database under a temporary name from the corpus
// JSON files (unless ro.NoCorpus) and ro.Fill, then puts it in place of
// the damaged one, which is kept (swapIn).
func rebuild(dir string, o *Options, ro *RepairOptions, rep *RepairReport) error {
	path := filepath.Join(dir, dbFileName)
	tmp := path + rebuildSuffix
	if err := dropStale(tmp, o.Timeout); err != nil {
		return err
	}
	to := *o
	to.file = dbFileName + rebuildSuffix
	db, err := Open(dir, &to)
	if err != nil {
		return fmt.Errorf("repair: create a new database: %w", err)
	}
	rep.Rebuilt = true
	if !ro.NoCorpus {
		if err := restore(db, dir, rep); err != nil {
			_ = db.Close()
			return err
		}
	}
	if ro.Fill != nil {
		if err := ro.Fill(db); err != nil {
			_ = db.Close()
			return fmt.Errorf("repair: %w (the damaged database is still in place; run repair again)", err)
		}
	}
	if err := unrestored(db, rep); err != nil {
		_ = db.Close()
		return err
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("repair: close the new database: %w", err)
	}
	return swapIn(path, tmp, rep)
}

// dropStale removes the half-built database a killed repair left at tmp,
// unless another repair is building it (ErrInUse).
func dropStale(tmp string, timeout time.Duration) error {
	if _, err := os.Stat(tmp); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	bdb, err := openBolt(tmp, &bolt.Options{ReadOnly: true, Timeout: max(timeout, defaultTimeout)})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return fmt.Errorf("repair: %s: %w (another repair is building it)", tmp, ErrInUse)
	}
	if err == nil {
		_ = bdb.Close()
	}
	if err := os.Remove(tmp); err != nil {
		return fmt.Errorf("repair: remove the half-built %s of an interrupted repair: %w", tmp, err)
	}
	return nil
}

// swapIn puts the complete new database tmp in place of path. The
// damaged file at path is first hard-linked to path.damaged-<time> (or,
// where links fail, renamed there), so that path names either the
// damaged or the new database at every moment and the damaged one is
// never lost; a damaged file already kept under such a name (a repair
// killed between the link and the rename) is not linked twice.
func swapIn(path, tmp string, rep *RepairReport) error {
	if fi, err := os.Stat(path); err == nil {
		kept, err := keepDamaged(path, fi)
		if err != nil {
			return fmt.Errorf("repair: keep the damaged database: %w", err)
		}
		rep.Damaged = kept
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("repair: put the new database in place: %w", err)
	}
	return syncDir(filepath.Dir(path))
}

// keepDamaged gives the damaged file at path (fi) a name of its own.
func keepDamaged(path string, fi os.FileInfo) (string, error) {
	old, _ := filepath.Glob(path + damagedInfix + "*")
	for _, k := range old {
		if ki, err := os.Stat(k); err == nil && os.SameFile(fi, ki) {
			return k, nil
		}
	}
	base := path + damagedInfix + time.Now().UTC().Format("20060102T150405Z")
	kept := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(kept); errors.Is(err, fs.ErrNotExist) {
			break
		}
		kept = fmt.Sprintf("%s-%d", base, i)
	}
	if err := os.Link(path, kept); err == nil {
		return kept, syncDir(filepath.Dir(path))
	}
	if err := os.Rename(path, kept); err != nil {
		return "", err
	}
	return kept, nil
}

// restore puts every record of the corpus JSON files into the new
// database db.
func restore(db *DB, dir string, rep *RepairReport) error {
	err := filepath.WalkDir(filepath.Join(dir, corpusDirName), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		r, err := readRecordFile(p)
		if err == nil {
			for _, d := range r.Duplicates {
				rep.Unrestored = append(rep.Unrestored, d.URL)
			}
			_, err = db.Put(r)
		}
		if err == nil {
			err = db.MarkVisited(r.URL)
		}
		if err != nil {
			if errors.Is(err, ErrCorrupt) {
				return err
			}
			rep.Unreadable = append(rep.Unreadable, fmt.Sprintf("%s: %v", p, err))
			return nil
		}
		rep.Restored++
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		err = nil // no corpus yet: an empty store
	}
	if err != nil {
		return fmt.Errorf("repair: rebuild from the corpus: %w", err)
	}
	return nil
}

// unrestored keeps in rep.Unrestored (filled by restore with the copies
// the corpus files list) the URLs that the new database db lacks.
func unrestored(db *DB, rep *RepairReport) error {
	var lacking []string
	for _, u := range rep.Unrestored {
		_, err := db.LookupURL(u)
		switch {
		case errors.Is(err, ErrNotFound):
			lacking = append(lacking, u)
		case err != nil:
			return fmt.Errorf("repair: %w", err)
		}
	}
	slices.Sort(lacking)
	rep.Unrestored = slices.Compact(lacking)
	return nil
}

// readRecordFile reads one corpus JSON file.
func readRecordFile(p string) (Record, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return Record{}, err
	}
	r, err := decodeRecord(b)
	if err != nil {
		return Record{}, fmt.Errorf("decode: %w", err)
	}
	return r, nil
}

// corpusHasRecords reports whether the corpus directory holds at least
// one JSON record file.
func corpusHasRecords(corpus string) bool {
	found := errors.New("found")
	err := filepath.WalkDir(corpus, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
			return found
		}
		return nil
	})
	return errors.Is(err, found)
}
