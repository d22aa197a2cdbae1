package store

import (
	"encoding/binary"
	"fmt"
	"unicode"

	bolt "go.etcd.io/bbolt"
)

// ExportMark returns the change sequence saved under an export name by
// SetExportMark; ok is false when no export of that name completed.
// The marks live in the database so that a database rebuilt from the
// corpus forgets them and the next export of that name is a full one:
// nothing is skipped by a stale mark.
func (db *DB) ExportMark(name string) (seq uint64, ok bool, err error) {
	if err := validMarkName(name); err != nil {
		return 0, false, err
	}
	err = db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketMarks)
		if b == nil {
			return nil
		}
		if v := b.Get([]byte(name)); len(v) == 8 {
			seq, ok = binary.BigEndian.Uint64(v), true
		}
		return nil
	})
	if err != nil {
		return 0, false, fmt.Errorf("export mark %q: %w", name, err)
	}
	return seq, ok, nil
}

// SetExportMark saves seq as the change sequence that the export called
// name has delivered everything up to. It needs a writable DB.
func (db *DB) SetExportMark(name string, seq uint64) error {
	if db.readOnly {
		return fmt.Errorf("save export mark %q: %w", name, ErrReadOnly)
	}
	if err := validMarkName(name); err != nil {
		return err
	}
	err := db.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMarks).Put([]byte(name), seqKey(seq))
	})
	if err != nil {
		return fmt.Errorf("save export mark %q: %w", name, err)
	}
	return nil
}

// validMarkName accepts names of 1 to 200 bytes without control
// characters.
func validMarkName(name string) error {
	if name == "" || len(name) > 200 {
		return fmt.Errorf("%w: export name %q must have 1 to 200 characters", ErrInvalid, name)
	}
	for _, c := range name {
		if unicode.IsControl(c) {
			return fmt.Errorf("%w: export name %q holds a control character", ErrInvalid, name)
		}
	}
	return nil
}
