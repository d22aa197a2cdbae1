package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Demotion. When a stored article's text changes (a re-clean, a
// re-fetch) to a text another article already holds, the article becomes
// a duplicate of that one: its record moves to the versions bucket (the
// history keeps it), its URL and the URLs that were its duplicates map
// to the holder, its block counts are taken back, and its files are
// removed. The steps follow Put's:
//
//  1. one transaction does all of the above in the database and puts
//     pending[id] = the old record marked for deletion;
//  2. the old record's files are removed;
//  3. one transaction deletes pending[id].
//
// Open's repair finishes step 2 and 3 for every pending deletion.

// blockArticleKey is the key of an article's block hashes in the blocks
// bucket: a \x00 id -> 8 bytes per distinct hash, so that its counts can
// be taken back.
func blockArticleKey(id string) []byte {
	return append([]byte{'a', 0}, id...)
}

// putArticleBlocks remembers the distinct block hashes counted for id.
func putArticleBlocks(tx *bolt.Tx, id string, hashes []uint64) error {
	seen := map[uint64]bool{}
	var v []byte
	for _, h := range hashes {
		if !seen[h] {
			seen[h] = true
			v = binary.BigEndian.AppendUint64(v, h)
		}
	}
	return tx.Bucket(bucketBlocks).Put(blockArticleKey(id), v)
}

// takeBackBlocks undoes the block counts of article id of site.
func takeBackBlocks(tx *bolt.Tx, site, id string) error {
	b := tx.Bucket(bucketBlocks)
	dk := blockDocsKey(site)
	if n := blockGet(b, dk); n > 0 {
		if err := blockSet(b, dk, n-1); err != nil {
			return err
		}
	}
	ak := blockArticleKey(id)
	v := b.Get(ak)
	prefix := blockHashPrefix(site)
	for i := 0; i+8 <= len(v); i += 8 {
		k := append(bytes.Clone(prefix), v[i:i+8]...)
		if n := blockGet(b, k); n > 1 {
			if err := blockSet(b, k, n-1); err != nil {
				return err
			}
		} else if err := b.Delete(k); err != nil {
			return err
		}
	}
	return b.Delete(ak)
}

func blockSet(b *bolt.Bucket, k []byte, n uint64) error {
	var v [8]byte
	binary.BigEndian.PutUint64(v[:], n)
	return b.Put(k, v[:])
}

// demote is step 1 of a demotion inside tx: article id becomes a
// duplicate of owner.
func demote(tx *bolt.Tx, id, owner string) error {
	old, ok, err := getRecord(tx, id)
	if err != nil || !ok {
		return err
	}
	if err := putVersion(tx, old); err != nil {
		return err
	}
	if err := deleteArticle(tx, id); err != nil {
		return err
	}
	if err := tx.Bucket(bucketOrder).Delete(orderKey(old)); err != nil {
		return err
	}
	hashes := tx.Bucket(bucketHashes)
	if string(hashes.Get([]byte(old.ContentHash))) == id {
		if err := hashes.Delete([]byte(old.ContentHash)); err != nil {
			return err
		}
	}
	urls := tx.Bucket(bucketURLs)
	var aliases [][]byte
	err = urls.ForEach(func(k, v []byte) error {
		if string(v) == id {
			aliases = append(aliases, bytes.Clone(k))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range aliases {
		if err := urls.Put(k, []byte(owner)); err != nil {
			return err
		}
	}
	if err := takeBackBlocks(tx, old.Site, id); err != nil {
		return err
	}
	v, err := marshalDelete(old)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketPending).Put([]byte(id), v)
}

// finishDelete is steps 2 and 3 of a demotion.
func (db *DB) finishDelete(old Record) error {
	if err := removeArticleFiles(db.corpus, old); err != nil {
		return err
	}
	if err := syncDir(articleDir(db.corpus, old)); err != nil {
		return err
	}
	return db.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPending).Delete([]byte(old.ID))
	})
}

func marshalPendingErr(id string, err error) error {
	return fmt.Errorf("encode pending %s: %w", id, err)
}

// pendingRecord reads the record staged in pending[id].
func (db *DB) pendingRecord(id string) (Record, error) {
	var e pendingEntry
	err := db.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketPending).Get([]byte(id))
		if v == nil {
			return fmt.Errorf("pending %s: %w", id, ErrNotFound)
		}
		var err error
		e, err = decodePending(tx, v)
		return err
	})
	return e.Record, err
}
