package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Stats counts what the store holds.
type Stats struct {
	Articles int // stored articles
	// NearCopies counts the stored articles that are near copies of
	// another (listed under their canonical); Articles - NearCopies is
	// what a default export writes, one record per story.
	NearCopies int
	URLs       int            // known URLs, including duplicate aliases
	Visited    int            // URLs marked visited
	Pending    int            // interrupted writes awaiting repair
	PerSite    map[string]int // articles per site
	// Clusters counts stories stored more than once; Copies the copies
	// (exact and near) listed under their canonical articles; SitePairs
	// the copies per (canonical site, copy site).
	Clusters, Copies int
	SitePairs        map[SitePair]int
}

// Stats counts the store's contents.
func (db *DB) Stats() (Stats, error) {
	s := Stats{PerSite: make(map[string]int)}
	err := db.view(func(tx *bolt.Tx) error {
		s.Articles = tx.Bucket(bucketArticles).Stats().KeyN
		s.URLs = tx.Bucket(bucketURLs).Stats().KeyN
		s.Visited = tx.Bucket(bucketVisited).Stats().KeyN
		s.Pending = tx.Bucket(bucketPending).Stats().KeyN
		if m := tx.Bucket(bucketMember); m != nil {
			s.NearCopies = m.Stats().KeyN
		}
		if err := clusterStats(tx, &s); err != nil {
			return err
		}
		return tx.Bucket(bucketOrder).ForEach(func(k, _ []byte) error {
			if i := bytes.IndexByte(k, 0); i >= 0 {
				s.PerSite[string(k[:i])]++
			}
			return nil
		})
	})
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	return s, nil
}
