package store

import (
	"encoding/json"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/unionnews/unionnews/store/neardup"
)

// RebuildResult counts what RebuildDuplicates found.
type RebuildResult struct {
	Articles int // stored texts indexed
	Clusters int // stories with more than one copy
	Changed  int // records whose duplicate fields changed
}

// RebuildDuplicates recomputes the near-duplicate index and the clusters
// from the stored texts, with parameters p (nil keeps the stored ones),
// which are saved for later writes. Exact copies stay with the article
// that holds their text.
//
// It is crash-safe: the index, the clusters and every changed record are
// rewritten in one bbolt transaction, which also marks the changed
// records' files dirty; the files follow after the commit, and a crash
// before they do leaves marks that the next writable Open completes.
func (db *DB) RebuildDuplicates(p *neardup.Params) (RebuildResult, error) {
	var res RebuildResult
	if db.readOnly {
		return res, fmt.Errorf("rebuild duplicates: %w", ErrReadOnly)
	}
	params := db.nd
	if p != nil {
		params = *p
	}
	params = params.Current() // a rebuild always uses the current signature scheme
	if err := params.Validate(); err != nil {
		return res, fmt.Errorf("rebuild duplicates: %w", err)
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if err := db.finishPending(); err != nil {
		return res, fmt.Errorf("rebuild duplicates: %w", err)
	}
	prev := db.nd
	db.nd = params
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		var err error
		res, err = db.rebuild(tx, params)
		return err
	})
	if err != nil {
		db.nd = prev
		return res, fmt.Errorf("rebuild duplicates: %w", err)
	}
	if err := db.syncFiles(); err != nil {
		return res, fmt.Errorf("rebuild duplicates: %w", err)
	}
	return res, nil
}

// rebuild is RebuildDuplicates' transaction.
func (db *DB) rebuild(tx *bolt.Tx, p neardup.Params) (RebuildResult, error) {
	var res RebuildResult
	for _, name := range [][]byte{bucketSigs, bucketBands, bucketClusters, bucketMember} {
		if err := tx.DeleteBucket(name); err != nil {
			return res, fmt.Errorf("clear %s: %w", name, err)
		}
		if _, err := tx.CreateBucket(name); err != nil {
			return res, fmt.Errorf("create %s: %w", name, err)
		}
	}
	v, err := json.Marshal(p)
	if err != nil {
		return res, err
	}
	if err := tx.Bucket(bucketSigs).Put(paramsKey, v); err != nil {
		return res, err
	}
	var ids []string
	err = tx.Bucket(bucketArticles).ForEach(func(k, _ []byte) error {
		ids = append(ids, string(k))
		return nil
	})
	if err != nil {
		return res, err
	}
	// The queued band keys belong to the index just cleared.
	if err := db.queue.clear(tx); err != nil {
		return res, err
	}
	db.bands.reset(tx, uint(len(ids)*p.Bands))
	// Union-find over the similar pairs: the clusters are the connected
	// components, whatever the order the texts were stored in.
	parent := make(map[string]string, len(ids))
	var find func(string) string
	find = func(x string) string {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, id := range ids {
		r, ok, err := getRecord(tx, id)
		if err != nil || !ok {
			return res, err
		}
		parent[id] = id
		sig := p.Sign(r.Text)
		near, err := similar(tx, p, &db.bands, &db.queue, sig, id)
		if err != nil {
			return res, err
		}
		if err := indexHolder(tx, p, &db.bands, nil, id, sig); err != nil {
			return res, err
		}
		for _, m := range near {
			a, b := find(id), find(m)
			if a != b {
				parent[max(a, b)] = min(a, b)
			}
		}
	}
	res.Articles = len(ids)
	groups := map[string]map[string]bool{}
	for _, id := range ids {
		root := find(id)
		if groups[root] == nil {
			groups[root] = map[string]bool{}
		}
		groups[root][id] = true
	}
	roots := make([]string, 0, len(groups))
	for r := range groups {
		roots = append(roots, r)
	}
	slices.Sort(roots)
	before := countKeys(tx.Bucket(bucketDirty))
	for _, root := range roots {
		if err := db.refreshCluster(tx, groups[root]); err != nil {
			return res, err
		}
	}
	res.Changed = countKeys(tx.Bucket(bucketDirty)) - before
	res.Clusters = countKeys(tx.Bucket(bucketClusters))
	return res, nil
}

// countKeys counts a bucket's keys with a cursor (Bucket.Stats does not
// see the writes of an open transaction).
func countKeys(b *bolt.Bucket) int {
	n := 0
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		n++
	}
	return n
}
