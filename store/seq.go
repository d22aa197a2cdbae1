package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/unionnews/unionnews/sites"
)

// Change sequence. Every commit of an article record takes the next
// number of the changes bucket's bbolt sequence (NextSequence), so
// "what changed since an export" is a range scan of that bucket:
//
//	changes  seq (8 bytes, big-endian) -> order key of the record
//	seqof    id -> seq (8 bytes) of its latest change, then the
//	         sites.JSONSchema (4 bytes) its record was encoded with
//
// A record has an entry in seqof when it was written by this version of
// the store, whose records are the canonical JSON of the article
// (sites.Article.MarshalJSON). Scan hands out a record's bytes as they
// are only when its schema is the current one; records written before
// the sequence existed, or before a field was added to the article, are
// re-encoded (so every key is present in every export line). These buckets are created by a
// writable Open; read-only, a database that lacks them has seen no
// change since it was upgraded.
var (
	bucketChanges = []byte("changes")
	bucketSeqOf   = []byte("seqof")
	bucketMarks   = []byte("exportmarks") // export name -> seq (marks.go)
)

// optionalBuckets are created by a writable Open but not required by a
// read-only one, so databases made before they existed stay readable.
var optionalBuckets = [][]byte{bucketChanges, bucketSeqOf, bucketMarks, bucketBodies}

// putArticle stores a committed record and records the change: the
// record gets the next sequence number and its previous number is
// dropped from the changes index.
func putArticle(tx *bolt.Tx, r Record) error { return putArticleStaged(tx, r, nil) }

// putArticleStaged is putArticle for a record whose JSON step 1 already
// put in the bodies bucket under the key body (nil: encode it now).
func putArticleStaged(tx *bolt.Tx, r Record, body []byte) error {
	if body == nil {
		js, err := jsonRecord(r)
		if err != nil {
			return err
		}
		if body, err = putBody(tx, js); err != nil {
			return err
		}
	}
	if err := setArticleBody(tx, r.ID, body); err != nil {
		return err
	}
	changes, seqOf := tx.Bucket(bucketChanges), tx.Bucket(bucketSeqOf)
	if changes == nil || seqOf == nil {
		return fmt.Errorf("bucket %s missing", bucketChanges)
	}
	if old := seqOf.Get([]byte(r.ID)); len(old) >= 8 {
		if err := changes.Delete(old[:8]); err != nil {
			return err
		}
	}
	n, err := changes.NextSequence()
	if err != nil {
		return fmt.Errorf("next sequence: %w", err)
	}
	k := seqKey(n)
	if err := changes.Put(k, orderKey(r)); err != nil {
		return err
	}
	return seqOf.Put([]byte(r.ID), binary.BigEndian.AppendUint32(k[:8:8], sites.JSONSchema()))
}

// seqOfValue splits a seqof value into the sequence number and whether
// the record was encoded with the current schema.
func seqOfValue(v []byte) (seq uint64, current bool) {
	if len(v) < 8 {
		return 0, false
	}
	seq = binary.BigEndian.Uint64(v)
	return seq, len(v) == 12 && binary.BigEndian.Uint32(v[8:]) == sites.JSONSchema()
}

// seqKey is the 8-byte big-endian key of a sequence number.
func seqKey(n uint64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), n)
}

// Sequence returns the number of the latest change to any article (0
// when none was recorded). Every change made after this call gets a
// greater number.
func (db *DB) Sequence() (uint64, error) {
	var n uint64
	err := db.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketChanges); b != nil {
			n = b.Sequence()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("sequence: %w", err)
	}
	return n, nil
}
