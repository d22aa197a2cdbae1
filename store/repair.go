package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// RepairReport says what Repair found and did.
type RepairReport struct {
	// DB is the path of the database file.
	DB string
	// Problems are what the check found wrong; empty for a sound
	// database.
	Problems []string
	// SetUpFinished is set when the database's set-up had been
	// interrupted (its buckets missing) and Repair created them.
	SetUpFinished bool
	// Damaged is where the damaged file was moved before the rebuild
	// ("" when the database was sound). It is kept, never deleted.
	Damaged string
	// Rebuilt is set when the database was rebuilt from the corpus
	// files; Restored records were read back, Unreadable files skipped.
	Rebuilt    bool
	Restored   int
	Unreadable []string
	// FilesRewritten counts articles whose missing corpus files were
	// rewritten from a sound database.
	FilesRewritten int
}

// Repair checks the store in dir and puts it right:
//
//   - a database whose set-up was interrupted gets its buckets; writes
//     left pending by a crash are completed (as Open does);
//   - a sound database is checked record by record (bbolt's consistency
//     check and every article decoded), and missing corpus files are
//     rewritten (RepairFiles);
//   - a damaged database (bbolt errors or panics, failed check) or a
//     missing one beside a corpus is rebuilt from the corpus's JSON
//     files, which hold every stored record; the damaged file is kept
//     beside it as unionnews.db.damaged-<time>. What the corpus files do
//     not hold is lost with the damaged file: the learnt boilerplate
//     blocks (relearnt as articles are stored) and URL aliases of
//     duplicates.
//
// It refuses a database in use (ErrInUse) and another program's bbolt
// file (ErrForeign), leaving both untouched.
func Repair(dir string, opts *Options) (RepairReport, error) {
	if dir == "" {
		dir = DefaultDir
	}
	var o Options
	if opts != nil {
		o = *opts
	}
	o.ReadOnly = false
	path := filepath.Join(dir, dbFileName)
	rep := RepairReport{DB: path}
	_, statErr := os.Stat(path)
	exists := statErr == nil
	if exists {
		rep.SetUpFinished = setUpInterrupted(path, o.Timeout)
	}
	db, err := Open(dir, &o)
	switch {
	case errors.Is(err, ErrInUse), errors.Is(err, ErrForeign):
		return rep, err
	case err != nil:
		rep.Problems = append(rep.Problems, err.Error())
		rep.SetUpFinished = false
	case !exists && corpusHasRecords(filepath.Join(dir, corpusDirName)):
		rep.Problems = append(rep.Problems, "database missing beside a corpus")
		return rep, restore(db, dir, &rep)
	default:
		rep.Problems = db.check()
		if len(rep.Problems) == 0 {
			rep.FilesRewritten, err = db.RepairFiles()
			if cerr := db.Close(); err == nil {
				err = cerr
			}
			return rep, err
		}
		_ = db.Close()
	}
	return rep, rebuild(dir, &o, &rep)
}

// setUpInterrupted reports whether the file at path is a bbolt file
// without the store's buckets (or an empty file).
func setUpInterrupted(path string, timeout time.Duration) bool {
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
		return true
	}
	bdb, err := openBolt(path, &bolt.Options{ReadOnly: true, Timeout: max(timeout, defaultTimeout)})
	if err != nil {
		return false
	}
	defer bdb.Close()
	var incomplete bool
	func() (err error) {
		defer guard(path, &err)()
		return bdb.View(func(tx *bolt.Tx) error {
			incomplete = errors.Is(checkBuckets(tx), ErrIncomplete)
			return nil
		})
	}()
	return incomplete
}

// check runs bbolt's consistency check and decodes every record; it
// returns the problems found.
func (db *DB) check() []string {
	var problems []string
	err := db.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			problems = append(problems, err.Error())
			if len(problems) >= 20 {
				break
			}
		}
		if err := checkBuckets(tx); err != nil {
			problems = append(problems, err.Error())
			return nil
		}
		return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			if _, err := decodeRecord(v); err != nil {
				problems = append(problems, fmt.Sprintf("record %s: %v", k, err))
			}
			return nil
		})
	})
	if err != nil {
		problems = append(problems, err.Error())
	}
	return problems
}

// rebuild moves the damaged database aside and builds a new one from the
// corpus JSON files.
func rebuild(dir string, o *Options, rep *RepairReport) error {
	path := filepath.Join(dir, dbFileName)
	if _, err := os.Stat(path); err == nil {
		rep.Damaged = path + ".damaged-" + time.Now().UTC().Format("20060102T150405Z")
		if err := os.Rename(path, rep.Damaged); err != nil {
			return fmt.Errorf("repair: move the damaged database aside: %w", err)
		}
	}
	db, err := Open(dir, o)
	if err != nil {
		return fmt.Errorf("repair: create a new database: %w", err)
	}
	return restore(db, dir, rep)
}

// restore puts every record of the corpus JSON files into the new
// database db and closes it.
func restore(db *DB, dir string, rep *RepairReport) error {
	rep.Rebuilt = true
	err := filepath.WalkDir(filepath.Join(dir, corpusDirName), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		r, err := readRecordFile(p)
		if err == nil {
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
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("repair: rebuild from the corpus: %w", err)
	}
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
