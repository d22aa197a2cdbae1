package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// IsVisited reports whether the article URL was marked visited, in this
// run or an earlier one. URLs are compared in canonical form (see ID).
func (db *DB) IsVisited(url string) (bool, error) {
	var ok bool
	err := db.view(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketVisited).Get([]byte(ID(url))) != nil
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("is visited %s: %w", url, err)
	}
	return ok, nil
}

// MarkVisited records the article URL as visited now. Marking it again
// updates the time.
func (db *DB) MarkVisited(url string) error {
	if db.readOnly {
		return fmt.Errorf("mark visited %s: %w", url, ErrReadOnly)
	}
	now := []byte(time.Now().UTC().Format(time.RFC3339Nano))
	err := db.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketVisited).Put([]byte(ID(url)), now)
	})
	if err != nil {
		return fmt.Errorf("mark visited %s: %w", url, err)
	}
	return nil
}
