package store

import (
	"bytes"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Record bodies. The articles bucket is keyed by id, a hash: a new
// article lands on a random leaf, and bbolt rewrites the whole leaf on
// commit. With record values of several KB a leaf holds two to four of
// them, so an inline record cost three to four records of writes. The
// record's JSON is therefore kept in the bodies bucket under a key that
// only grows (the bucket's own sequence), where a batch appends to the
// last leaf, and the articles bucket keeps a 9-byte reference:
//
//	articles  id  -> 0x00, body key (8 bytes, big-endian)
//	bodies    key -> record JSON (canonical, sites.Article.MarshalJSON)
//
// A record JSON starts with '{', never with 0x00, so an articles value
// written by an older version (the record inline) is read as it is; the
// record's next write moves it to a body. Nothing else changes: every
// reader goes through recordBytes.
var bucketBodies = []byte("bodies")

// bodyRefLen is the length of an articles value that names a body.
const bodyRefLen = 9

// isBodyRef reports whether an articles value names a body.
func isBodyRef(v []byte) bool { return len(v) > 0 && v[0] == 0 }

// errBodyRef is a reference whose body is missing or malformed: the
// database is damaged (Repair rebuilds it from the files).
var errBodyRef = errors.New("record body missing")

// recordBytes returns the record JSON an articles value stands for: the
// value itself (inline, older versions) or the body it names. The bytes
// are valid for the life of tx.
func recordBytes(tx *bolt.Tx, v []byte) ([]byte, error) {
	if !isBodyRef(v) {
		return v, nil
	}
	b := tx.Bucket(bucketBodies)
	if len(v) != bodyRefLen || b == nil {
		return nil, fmt.Errorf("%w: reference %x", errBodyRef, v)
	}
	body := b.Get(v[1:])
	if body == nil {
		return nil, fmt.Errorf("%w: reference %x", errBodyRef, v)
	}
	return body, nil
}

// articleJSON reads the record JSON of id (nil when there is none).
func articleJSON(tx *bolt.Tx, id []byte) ([]byte, error) {
	v := tx.Bucket(bucketArticles).Get(id)
	if v == nil {
		return nil, nil
	}
	return recordBytes(tx, v)
}

// putArticleJSON stores js as the record of id: a new body, appended,
// and a reference to it; the body of the previous version is deleted.
func putArticleJSON(tx *bolt.Tx, id string, js []byte) error {
	key, err := putBody(tx, js)
	if err != nil {
		return err
	}
	return setArticleBody(tx, id, key)
}

// putBody appends js to the bodies bucket and returns its key.
func putBody(tx *bolt.Tx, js []byte) ([]byte, error) {
	bodies := tx.Bucket(bucketBodies)
	if bodies == nil {
		return nil, fmt.Errorf("bucket %s missing", bucketBodies)
	}
	// Keys only grow: full leaves, no half-empty pages left behind.
	bodies.FillPercent = 1.0
	n, err := bodies.NextSequence()
	if err != nil {
		return nil, fmt.Errorf("next body key: %w", err)
	}
	key := seqKey(n)
	return key, bodies.Put(key, js)
}

// setArticleBody points the record of id at the body key and deletes
// the body of the previous version.
func setArticleBody(tx *bolt.Tx, id string, key []byte) error {
	articles := tx.Bucket(bucketArticles)
	if old := articles.Get([]byte(id)); !bytes.Equal(old, append([]byte{0}, key...)) {
		if err := deleteBody(tx, old); err != nil {
			return err
		}
	}
	return articles.Put([]byte(id), append([]byte{0}, key...))
}

// deleteBody deletes the body an articles value names, if it names one.
func deleteBody(tx *bolt.Tx, v []byte) error {
	if !isBodyRef(v) || len(v) != bodyRefLen {
		return nil
	}
	return tx.Bucket(bucketBodies).Delete(bytes.Clone(v[1:]))
}

// deleteArticle deletes the record of id and its body.
func deleteArticle(tx *bolt.Tx, id string) error {
	articles := tx.Bucket(bucketArticles)
	if err := deleteBody(tx, articles.Get([]byte(id))); err != nil {
		return err
	}
	return articles.Delete([]byte(id))
}
