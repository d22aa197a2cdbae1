package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
	// Damaged is where the damaged file is kept after the rebuild (""
	// when the database was sound or missing). It is never deleted.
	Damaged string
	// Rebuilt is set when the database was rebuilt; Restored records
	// were read back from the corpus files, Unreadable files skipped.
	Rebuilt    bool
	Restored   int
	Unreadable []string
	// Unrestored lists the copies (near duplicates, duplicate URLs)
	// that the corpus files name but the rebuilt database lacks: their
	// texts were only in the damaged file and the archive did not
	// supply them.
	Unrestored []string
	// FilesRewritten counts articles whose missing corpus files were
	// rewritten from a sound database.
	FilesRewritten int
}

// RepairOptions choose what a rebuild reads. Nil means the corpus files
// only.
type RepairOptions struct {
	// NoCorpus skips the corpus files: the new database holds only what
	// Fill puts in it (`repair -from archive`).
	NoCorpus bool
	// Fill, when set, is called with the new database after the corpus
	// records are in and before it replaces the damaged file; it adds
	// what the corpus files lack (cmd replays the WARC archive through
	// the pipeline). Its error aborts the rebuild and leaves the
	// damaged file in place. A set Fill also makes a missing database
	// beside an empty corpus worth rebuilding.
	Fill func(db *DB) error
}

// Repair checks the store in dir and puts it right, rebuilding a damaged
// database from the corpus files only; see RepairWith.
func Repair(dir string, opts *Options) (RepairReport, error) {
	return RepairWith(dir, opts, nil)
}

// RepairWith checks the store in dir and puts it right:
//
//   - a database whose set-up was interrupted gets its buckets; writes
//     left pending by a crash are completed (as Open does);
//   - a sound database is checked record by record (bbolt's consistency
//     check and every article decoded), and missing corpus files are
//     rewritten (RepairFiles); nothing else changes, and a database that
//     needs nothing is only read (soundAsIs), never written;
//   - a damaged database (bbolt errors or panics, failed check) or a
//     missing one beside a corpus is rebuilt: from the corpus's JSON
//     files, which hold every canonical record, then ro.Fill. What
//     neither holds is lost with the damaged file: without an archive,
//     near-duplicate copies' texts, articles whose files are missing,
//     the learnt boilerplate blocks (relearnt as articles are stored),
//     URL aliases of duplicates and earlier versions.
//
// The rebuild is safe against a kill at any moment: the new database is
// built as unionnews.db.rebuild (a leftover of a killed repair is
// discarded) and only a complete one replaces the damaged file, which is
// first linked to unionnews.db.damaged-<time> and never deleted. Until
// the final rename unionnews.db is the damaged file, so a re-run finds
// it damaged again and starts over.
//
// It refuses a database in use (ErrInUse) and another program's bbolt
// file (ErrForeign), leaving both untouched.
func RepairWith(dir string, opts *Options, ro *RepairOptions) (RepairReport, error) {
	if dir == "" {
		dir = DefaultDir
	}
	var o Options
	if opts != nil {
		o = *opts
	}
	o.ReadOnly = false
	o.file = ""
	if ro == nil {
		ro = &RepairOptions{}
	}
	path := filepath.Join(dir, dbFileName)
	rep := RepairReport{DB: path}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		switch {
		case corpusHasRecords(filepath.Join(dir, corpusDirName)):
			rep.Problems = append(rep.Problems, "database missing beside a corpus")
			return rep, rebuild(dir, &o, ro, &rep)
		case ro.Fill != nil:
			rep.Problems = append(rep.Problems, "database missing")
			return rep, rebuild(dir, &o, ro, &rep)
		}
	} else {
		sound, err := soundAsIs(dir, o)
		if sound {
			return rep, nil
		}
		if err != nil {
			rep.Problems = append(rep.Problems, err.Error())
			return rep, rebuild(dir, &o, ro, &rep)
		}
		rep.SetUpFinished = setUpInterrupted(path, o.Timeout)
	}
	db, err := Open(dir, &o)
	switch {
	case errors.Is(err, ErrInUse), errors.Is(err, ErrForeign):
		return rep, err
	case err != nil:
		rep.Problems = append(rep.Problems, err.Error())
		rep.SetUpFinished = false
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
	return rep, rebuild(dir, &o, ro, &rep)
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
			v, err := recordBytes(tx, v)
			if err == nil {
				_, err = decodeRecord(v)
			}
			if err != nil {
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
