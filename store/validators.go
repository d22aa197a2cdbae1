package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/unionnews/unionnews/sites"
)

// Validators of listings, feeds, sitemaps and robots.txt, kept for the
// crawler's conditional re-crawls (crawler.ValidatorStore):
//
//	validators  canonical URL -> sites.Validator JSON
//
// The bucket is created by the first PutValidator, so older databases
// and read-only opens simply have none.
var bucketValidators = []byte("validators")

// Validator returns the validators kept for url; ok is false when none.
func (db *DB) Validator(url string) (sites.Validator, bool, error) {
	var v sites.Validator
	ok := false
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketValidators)
		if b == nil {
			return nil
		}
		raw := b.Get([]byte(canonicalURL(url)))
		if raw == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(raw, &v)
	})
	if err != nil {
		return sites.Validator{}, false, fmt.Errorf("validator %s: %w", url, err)
	}
	return v, ok, nil
}

// PutValidator keeps the validators of url, replacing earlier ones.
func (db *DB) PutValidator(url string, v sites.Validator) error {
	if db.readOnly {
		return fmt.Errorf("put validator %s: %w", url, ErrReadOnly)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("put validator %s: %w", url, err)
	}
	err = db.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketValidators)
		if err != nil {
			return err
		}
		return b.Put([]byte(canonicalURL(url)), raw)
	})
	if err != nil {
		return fmt.Errorf("put validator %s: %w", url, err)
	}
	return nil
}
