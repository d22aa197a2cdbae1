package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// ForEachCanonical calls fn for every canonical article, in ForEach
// order: one record per story, each listing its copies in Duplicates.
func (db *DB) ForEachCanonical(fn func(Record) error) error {
	return db.ForEach(func(r Record) error {
		if isCopy(r) {
			return nil
		}
		return fn(r)
	})
}

// ForEachWithCopies calls fn for every stored article and, after each,
// for its exact copies: the copies carry DuplicateOf. A near-duplicate
// copy is a stored record with its own text; an exact copy is the record
// that holds its text under the copy's URL, site and date.
func (db *DB) ForEachWithCopies(fn func(Record) error) error {
	return db.ForEach(func(r Record) error {
		if err := fn(r); err != nil {
			return err
		}
		var as []Duplicate
		err := db.bolt.View(func(tx *bolt.Tx) error {
			var err error
			as, err = aliasesOf(tx, r.ID)
			return err
		})
		if err != nil {
			return fmt.Errorf("copies of %s: %w", r.ID, err)
		}
		for _, a := range as {
			if err := fn(copyOf(r, a)); err != nil {
				return err
			}
		}
		return nil
	})
}

// ForEachCluster calls fn with the canonical article of every story
// stored more than once (its Duplicates list the copies) whose canonical
// or one of whose copies is of site ("" for all) and that has at least
// minSize copies in all, the canonical included. Clusters come in the
// order of their canonicals' ids.
func (db *DB) ForEachCluster(site string, minSize int, fn func(Record) error) error {
	var ids []string
	err := db.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketClusters)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			ids = append(ids, string(k))
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("list clusters: %w", err)
	}
	for len(ids) > 0 {
		batch := ids[:min(forEachBatch, len(ids))]
		ids = ids[len(batch):]
		recs, err := db.getMany(batch)
		if err != nil {
			return fmt.Errorf("list clusters: %w", err)
		}
		for _, r := range recs {
			if len(r.Duplicates)+1 < minSize || !siteOK(r, site) {
				continue
			}
			if err := fn(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// SitePair names the site of a story's canonical article and the site of
// one of its copies.
type SitePair struct{ Canonical, Copy string }

// clusterStats counts clusters, copies and copies per site pair.
func clusterStats(tx *bolt.Tx, s *Stats) error {
	s.SitePairs = map[SitePair]int{}
	b := tx.Bucket(bucketClusters)
	if b == nil {
		return nil
	}
	return b.ForEach(func(k, _ []byte) error {
		r, ok, err := getRecord(tx, string(k))
		if err != nil || !ok {
			return err
		}
		s.Clusters++
		for _, d := range r.Duplicates {
			s.Copies++
			s.SitePairs[SitePair{r.Site, d.Site}]++
		}
		return nil
	})
}
