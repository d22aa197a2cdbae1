package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// fileState says where an article's files may be on disk: the fields
// that decide its directory, as of the version last written.
type fileState struct {
	Site      string    `json:"site"`
	Published time.Time `json:"published,omitzero"`
	FetchedAt time.Time `json:"fetched_at,omitzero"`
}

// markDirty records, in the transaction that changes an article's
// record, that its files must be brought in line with the record: written
// for a canonical article, removed for a copy or a deleted record. r is
// the version whose files may exist now. A mark already present is kept:
// it names the files still on disk.
func markDirty(tx *bolt.Tx, r Record) error {
	b := tx.Bucket(bucketDirty)
	if b.Get([]byte(r.ID)) != nil {
		return nil
	}
	v, err := json.Marshal(fileState{Site: r.Site, Published: r.Published, FetchedAt: r.FetchedAt})
	if err != nil {
		return err
	}
	return b.Put([]byte(r.ID), v)
}

// syncFiles brings the files of every dirty article in line with its
// record and clears the marks. Put runs it after each write and Open
// after a crash, so files follow the database: a crash between the
// commit and the files leaves marks that the next writable Open
// completes. The caller holds db.mu.
func (db *DB) syncFiles() error {
	type mark struct {
		id  string
		raw []byte
		st  fileState
	}
	var marks []mark
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDirty).ForEach(func(k, v []byte) error {
			m := mark{id: string(k), raw: bytes.Clone(v)}
			if err := json.Unmarshal(v, &m.st); err != nil {
				return fmt.Errorf("dirty %s: %w", k, err)
			}
			marks = append(marks, m)
			return nil
		})
	})
	if err != nil || len(marks) == 0 {
		return err
	}
	for _, m := range marks {
		was := Record{ID: m.id, Site: m.st.Site, Published: m.st.Published, FetchedAt: m.st.FetchedAt}
		r, ok, err := db.get(m.id)
		if err != nil {
			return err
		}
		// A crash in an earlier sync may have left temporary files.
		for _, at := range []Record{was, r} {
			if at.Site == "" {
				continue
			}
			if _, err := removeTempFiles(db.corpus, Record{ID: m.id, Site: at.Site, Published: at.Published, FetchedAt: at.FetchedAt}); err != nil {
				return err
			}
		}
		if ok && !isCopy(r) {
			if err := writeArticleFiles(db.corpus, r); err != nil {
				return err
			}
		} else if ok {
			if err := removeArticleFiles(db.corpus, r); err != nil {
				return err
			}
		}
		if !ok || articleDir(db.corpus, r) != articleDir(db.corpus, was) {
			if err := removeArticleFiles(db.corpus, was); err != nil {
				return err
			}
		}
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDirty)
		for _, m := range marks {
			if bytes.Equal(b.Get([]byte(m.id)), m.raw) {
				if err := b.Delete([]byte(m.id)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
