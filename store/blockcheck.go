package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// CheckDerived recounts what the store derives from its articles and
// compares it with what it holds: the learnt-boilerplate counts (per site,
// the articles counted and, per block hash, the articles holding it,
// recounted from each article's remembered hashes) and the content-hash
// index (each article's text hash names it; no two articles share a
// text). It returns nil when everything agrees, else an error listing
// the first differences. Crash tests call it after every kill; it writes
// nothing.
func (db *DB) CheckDerived() error {
	var diffs []string
	err := db.view(func(tx *bolt.Tx) error {
		docs := map[string]uint64{}
		counts := map[string]uint64{} // string(blockHashPrefix(site)+hash) -> articles
		blocks := tx.Bucket(bucketBlocks)
		hashes := tx.Bucket(bucketHashes)
		texts := map[string]string{} // content hash -> id
		err := tx.Bucket(bucketArticles).ForEach(func(k, _ []byte) error {
			r, ok, err := getRecord(tx, string(k))
			if err != nil || !ok {
				return err
			}
			if other, dup := texts[r.ContentHash]; dup {
				diffs = append(diffs, fmt.Sprintf("articles %s and %s hold the same text (%s)", other, r.ID, r.ContentHash))
			}
			texts[r.ContentHash] = r.ID
			if got := string(hashes.Get([]byte(r.ContentHash))); got != r.ID {
				diffs = append(diffs, fmt.Sprintf("content hash %s of %s (%s) names %q", r.ContentHash, r.ID, r.URL, got))
			}
			docs[r.Site]++
			v := blocks.Get(blockArticleKey(r.ID))
			for i := 0; i+8 <= len(v); i += 8 {
				counts[string(blockHashPrefix(r.Site))+string(v[i:i+8])]++
			}
			return nil
		})
		if err != nil {
			return err
		}
		c := blocks.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			switch {
			case bytes.HasPrefix(k, []byte{blockKeyDocs, 0}):
				site := string(k[2:])
				if n := binary.BigEndian.Uint64(v); n != docs[site] {
					diffs = append(diffs, fmt.Sprintf("%s: block counts cover %d articles, the store holds %d", site, n, docs[site]))
				}
				delete(docs, site)
			case bytes.HasPrefix(k, []byte{blockKeyHash, 0}):
				if n := binary.BigEndian.Uint64(v); n != counts[string(k)] {
					diffs = append(diffs, fmt.Sprintf("block %x: counted in %d articles, held by %d", k[len(k)-8:], n, counts[string(k)]))
				}
				delete(counts, string(k))
			}
		}
		for site, n := range docs {
			diffs = append(diffs, fmt.Sprintf("%s: %d articles, no block count", site, n))
		}
		for k, n := range counts {
			diffs = append(diffs, fmt.Sprintf("block %x: held by %d articles, not counted", k[len(k)-8:], n))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("check derived counts: %w", err)
	}
	if len(diffs) == 0 {
		return nil
	}
	sort.Strings(diffs)
	if len(diffs) > 10 {
		diffs = append(diffs[:10], fmt.Sprintf("... and %d more", len(diffs)-10))
	}
	return fmt.Errorf("%w: derived data differs from a recount: %s", ErrCorrupt, strings.Join(diffs, "; "))
}
