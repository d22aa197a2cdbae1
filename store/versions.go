package store

import (
	"bytes"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Versions. When a re-fetch (a refresh, a crawl that found the article
// again) brings a text that differs from the stored one, the stored
// record is kept in the versions bucket before it is replaced:
//
//	versions  id \x00 fetched_at (UTC, sortable) -> the earlier record JSON
//
// A re-clean of the same fetch (reclean: same FetchedAt) replaces the
// record without keeping a version: it is a better reading of the same
// page, not a new version of the page.

// isNewVersion reports whether r, replacing old, is a new version of the
// page worth keeping old for.
func isNewVersion(old, r Record) bool {
	return old.ContentHash != r.ContentHash && !old.FetchedAt.Equal(r.FetchedAt)
}

func versionKey(id string, fetched time.Time) []byte {
	return []byte(id + "\x00" + fetched.UTC().Format(orderTime))
}

// putVersion keeps old as an earlier version inside tx.
func putVersion(tx *bolt.Tx, old Record) error {
	b := tx.Bucket(bucketVersions)
	if b == nil {
		return fmt.Errorf("bucket %s missing", bucketVersions)
	}
	v, err := jsonRecord(old)
	if err != nil {
		return err
	}
	return b.Put(versionKey(old.ID, old.FetchedAt), v)
}

// Versions returns every version of the article with the given id,
// oldest first, the current record last; each carries its FetchedAt and
// ContentHash. It fails with ErrNotFound for an unknown id.
func (db *DB) Versions(id string) ([]Record, error) {
	cur, ok, err := db.get(id)
	if err != nil {
		return nil, fmt.Errorf("versions %s: %w", id, err)
	}
	if !ok {
		return nil, fmt.Errorf("versions %s: %w", id, ErrNotFound)
	}
	var out []Record
	err = db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketVersions)
		if b == nil {
			return nil
		}
		prefix := []byte(id + "\x00")
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			r, err := decodeRecord(v)
			if err != nil {
				return fmt.Errorf("decode version %q: %w", k, err)
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("versions %s: %w", id, err)
	}
	return append(out, cur), nil
}

// MarkGone records that the stored article of url answered 404/410 at
// at: GoneAt is set (once) and the text is kept. It returns ErrNotFound
// when no article is stored under url.
func (db *DB) MarkGone(url string, at time.Time) error {
	if db.readOnly {
		return fmt.Errorf("mark gone %s: %w", url, ErrReadOnly)
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	r, ok, err := db.get(ID(url))
	if err != nil {
		return fmt.Errorf("mark gone %s: %w", url, err)
	}
	if !ok {
		return fmt.Errorf("mark gone %s: %w", url, ErrNotFound)
	}
	if !r.GoneAt.IsZero() {
		return nil
	}
	r.GoneAt = at.Round(0)
	if err := db.rewrite(r); err != nil {
		return fmt.Errorf("mark gone %s: %w", url, err)
	}
	return nil
}

// rewrite stores a changed record of an existing article with the same
// steps as Put (pending, files, commit). db.mu must be held.
func (db *DB) rewrite(r Record) error {
	err := db.update(func(tx *bolt.Tx) error {
		return putPending(tx, r)
	})
	if err != nil {
		return err
	}
	return db.complete(r)
}
