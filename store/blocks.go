package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Boilerplate learning. The cleaner hashes every body block of an article
// (cleaner.BlockHash) into Record.BlockHashes, and Put counts the hashes
// of each new article in the transaction that commits the article, so
// the counts never drift from the articles after a crash. A block that
// recurs in many articles of the same site is page furniture ("Mời bạn đọc theo dõi…", a signature, a
// hotline box) rather than article text; Boilerplate returns those hashes
// so that the cleaner drops them. The counts live in the blocks bucket:
//
//	d \x00 site                 -> uint64 big endian: articles counted
//	h \x00 site \x00 hash(8 BE) -> uint64 big endian: articles holding hash
//	a \x00 id                   -> the article's distinct hashes (8 BE each), so that
//	                               a demotion can take its counts back (demote.go)

// Suggested thresholds for Boilerplate, and why:
//
//   - DefaultBlockMinDocs (5): a block must recur in at least five
//     articles. Two articles may share a quoted sentence or a standard
//     phrase of a press release; that is text, not furniture. Real union
//     papers print their read-more invitation, signature or hotline block
//     under nearly every article, so five is reached quickly.
//   - DefaultBlockMinShare (0.2): and in at least a fifth of the site's
//     counted articles, so that on a large corpus a sentence quoted by a
//     handful of a thousand articles is not dropped.
const (
	DefaultBlockMinDocs  = 5
	DefaultBlockMinShare = 0.2
)

// blockKeyDocs and blockKeyHash prefix the two key kinds of the bucket.
const (
	blockKeyDocs = 'd'
	blockKeyHash = 'h'
)

func blockDocsKey(site string) []byte {
	return append([]byte{blockKeyDocs, 0}, site...)
}

// blockHashPrefix is the key prefix of every hash of site.
func blockHashPrefix(site string) []byte {
	k := append([]byte{blockKeyHash, 0}, site...)
	return append(k, 0)
}

func blockGet(b *bolt.Bucket, k []byte) uint64 {
	v := b.Get(k)
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

func blockInc(b *bolt.Bucket, k []byte) error {
	var v [8]byte
	binary.BigEndian.PutUint64(v[:], blockGet(b, k)+1)
	return b.Put(k, v[:])
}

// AddBlocks counts one article of site holding the given block hashes
// (repeated hashes in one call count once). Put already counts the
// BlockHashes of every new article; AddBlocks is for articles stored
// without them. A second call for the same article counts it twice.
// A call with no hashes still counts the article.
func (db *DB) AddBlocks(site string, hashes []uint64) error {
	if db.readOnly {
		return fmt.Errorf("add blocks %s: %w", site, ErrReadOnly)
	}
	if site == "" {
		return fmt.Errorf("add blocks: empty site: %w", ErrInvalid)
	}
	err := db.update(func(tx *bolt.Tx) error { return addBlocks(tx, site, hashes) })
	if err != nil {
		return fmt.Errorf("add blocks %s: %w", site, err)
	}
	return nil
}

// addBlocks counts one article of site with hashes inside tx. Put calls
// it in the transaction that commits a new article (see the package
// documentation: crash safety).
func addBlocks(tx *bolt.Tx, site string, hashes []uint64) error {
	seen := make(map[uint64]bool, len(hashes))
	prefix := blockHashPrefix(site)
	b := tx.Bucket(bucketBlocks)
	if err := blockInc(b, blockDocsKey(site)); err != nil {
		return err
	}
	for _, h := range hashes {
		if seen[h] {
			continue
		}
		seen[h] = true
		k := binary.BigEndian.AppendUint64(bytes.Clone(prefix), h)
		if err := blockInc(b, k); err != nil {
			return err
		}
	}
	return nil
}

// Boilerplate returns the block hashes of site that occur in at least
// minDocs articles and in at least minShare (0..1) of the site's counted
// articles, together with that article count. minDocs below 1 counts as
// 1. See DefaultBlockMinDocs and DefaultBlockMinShare for sensible values.
func (db *DB) Boilerplate(site string, minDocs int, minShare float64) (map[uint64]bool, int, error) {
	out := map[uint64]bool{}
	var docs uint64
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketBlocks)
		docs = blockGet(b, blockDocsKey(site))
		if docs == 0 {
			return nil
		}
		need := uint64(max(minDocs, 1))
		prefix := blockHashPrefix(site)
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if len(k) != len(prefix)+8 || len(v) != 8 {
				continue
			}
			n := binary.BigEndian.Uint64(v)
			if n >= need && float64(n) >= minShare*float64(docs) {
				out[binary.BigEndian.Uint64(k[len(prefix):])] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("boilerplate %s: %w", site, err)
	}
	return out, int(docs), nil
}
