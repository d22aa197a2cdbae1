package store

import (
	"errors"

	bolt "go.etcd.io/bbolt"
)

// errNotSound stops soundAsIs's walk at the first article in doubt.
var errNotSound = errors.New("not sound")

// soundAsIs reports whether the database in dir needs nothing a writable
// open would do, checked read-only so that a sound database is left
// byte for byte as it was: every bucket exists, no write is pending and
// no file is marked out of line, the check finds nothing and every
// canonical article's files exist. Any doubt answers false; the caller
// then opens it writable and repairs. A file that bbolt cannot even open
// (ErrCorrupt) is returned as such: the caller rebuilds at once, since a
// bbolt Open that panicked keeps its lock in this process and a
// writable Open after it would wait for itself.
func soundAsIs(dir string, o Options) (bool, error) {
	o.ReadOnly = true
	db, err := Open(dir, &o)
	if errors.Is(err, ErrCorrupt) {
		return false, err
	}
	if err != nil {
		return false, nil
	}
	defer db.Close()
	if len(db.check()) > 0 {
		return false, nil
	}
	sound := false
	err = db.view(func(tx *bolt.Tx) error {
		for _, list := range [][][]byte{allBuckets, optionalBuckets, dedupBuckets} {
			for _, name := range list {
				if tx.Bucket(name) == nil {
					return nil
				}
			}
		}
		if countKeys(tx.Bucket(bucketPending)) > 0 || countKeys(tx.Bucket(bucketDirty)) > 0 {
			return nil
		}
		err := tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			v, err := recordBytes(tx, v)
			if err != nil {
				return errNotSound
			}
			r, err := decodeRecord(v)
			if err != nil || (!isCopy(r) && !filesExist(db.corpus, r)) {
				return errNotSound
			}
			return nil
		})
		sound = err == nil
		return nil
	})
	return err == nil && sound, nil
}
