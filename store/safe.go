package store

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// bbolt trusts the file it maps: a damaged page makes it panic (or fault
// on a bad pointer) instead of returning an error. Every transaction of
// the store runs through view and update, which turn such a panic into an
// error wrapping ErrCorrupt, so a damaged database is reported — and
// `unionnews repair` offered — instead of a Go stack trace. No caller
// code runs inside a transaction (ForEach calls its fn outside), so a
// recovered panic is always bbolt's.

// view runs fn in a read-only transaction, recovering bbolt's panics.
func (db *DB) view(fn func(*bolt.Tx) error) (err error) {
	defer guard(db.path, &err)()
	return db.bolt.View(fn)
}

// update runs fn in a read-write transaction, recovering bbolt's panics.
func (db *DB) update(fn func(*bolt.Tx) error) (err error) {
	defer guard(db.path, &err)()
	return db.bolt.Update(fn)
}

// openBolt opens the bbolt file, recovering panics on a damaged file.
func openBolt(path string, opts *bolt.Options) (bdb *bolt.DB, err error) {
	defer guard(path, &err)()
	return bolt.Open(path, 0o644, opts)
}

// guard makes memory faults in this goroutine recoverable panics and
// returns the func to defer: it turns a panic into *err wrapping
// ErrCorrupt. Use as `defer guard(path, &err)()`.
func guard(path string, err *error) func() {
	old := debug.SetPanicOnFault(true)
	return func() {
		debug.SetPanicOnFault(old)
		if v := recover(); v != nil {
			*err = fmt.Errorf("%s: %w: %v", path, ErrCorrupt, v)
		}
	}
}

// openError words an error of bbolt's Open: a damaged file is
// ErrCorrupt; the path is said once.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, ErrCorrupt):
		return fmt.Errorf("open %w", err)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrChecksum), errors.Is(err, bolterrors.ErrVersionMismatch):
		return fmt.Errorf("open %s: %w: %w", path, ErrCorrupt, err)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		return err // "open <path>: <reason>" already
	}
	return fmt.Errorf("open %s: %w", path, err)
}

// checkBuckets tells a complete store from an interrupted set-up and
// from another program's bbolt file, for a read-only Open.
func checkBuckets(tx *bolt.Tx) error {
	var missing []string
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil && !laterBuckets[string(name)] {
			missing = append(missing, string(name))
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if err := foreignCheck(tx); err != nil {
		return err
	}
	return fmt.Errorf("%w (buckets %v not created yet; nothing is lost): run `unionnews repair` or a crawl to finish it", ErrIncomplete, missing)
}

// foreignCheck refuses a bbolt file that has buckets, none of them ours:
// it belongs to another program and must not be written to.
func foreignCheck(tx *bolt.Tx) error {
	ours, other := 0, ""
	_ = tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		for _, b := range allBuckets {
			if string(b) == string(name) {
				ours++
				return nil
			}
		}
		if other == "" {
			other = string(name)
		}
		return nil
	})
	if ours == 0 && other != "" {
		return fmt.Errorf("%w (it has a bucket %q and none of unionnews's); it was left untouched: check -data", ErrForeign, other)
	}
	return nil
}
