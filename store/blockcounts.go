package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// BlockCounts returns, for each of the given block hashes of site, in
// how many of its stored articles it occurs (hashes never counted are
// left out), and the site's counted articles. It reads only those keys,
// so a caller that tracks the hashes of the articles it added can keep
// the learnt boilerplate current without re-reading every hash of the
// site (crawler/pipeline's Boilerplate).
func (db *DB) BlockCounts(site string, hashes []uint64) (map[uint64]uint64, uint64, error) {
	out := make(map[uint64]uint64, len(hashes))
	var docs uint64
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketBlocks)
		docs = blockGet(b, blockDocsKey(site))
		prefix := blockHashPrefix(site)
		k := make([]byte, len(prefix)+8)
		copy(k, prefix)
		for _, h := range hashes {
			binary.BigEndian.PutUint64(k[len(prefix):], h)
			if n := blockGet(b, k); n > 0 {
				out[h] = n
			}
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("block counts %s: %w", site, err)
	}
	return out, docs, nil
}
