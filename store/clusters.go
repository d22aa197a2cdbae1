package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store/neardup"
)

// Duplicate is one copy of a story (sites.Duplicate).
type Duplicate = sites.Duplicate

// rank is what the stable canonical rule compares: the earliest
// publication first (an undated copy last), then the site with the
// highest Options.Priority, then the smallest canonical URL. Fetch order
// plays no part.
type rank struct {
	published time.Time
	priority  int
	url       string
}

func (db *DB) rankOf(url, site string, published time.Time) rank {
	return rank{published: published, priority: db.priority[site], url: canonicalURL(url)}
}

func (db *DB) rankRecord(r Record) rank { return db.rankOf(r.URL, r.Site, r.Published) }

// before reports whether a ranks before b under the stable rule.
func before(a, b rank) bool {
	switch {
	case a.published.IsZero() != b.published.IsZero():
		return !a.published.IsZero()
	case !a.published.Equal(b.published):
		return a.published.Before(b.published)
	case a.priority != b.priority:
		return a.priority > b.priority
	}
	return a.url < b.url
}

// clusterOf returns the holders of id's cluster (id included): the
// canonical and the ids listed under it.
func clusterOf(tx *bolt.Tx, id string) (map[string]bool, error) {
	canon := id
	if c := tx.Bucket(bucketMember).Get([]byte(id)); c != nil {
		canon = string(c)
	}
	out := map[string]bool{id: true, canon: true}
	if v := tx.Bucket(bucketClusters).Get([]byte(canon)); v != nil {
		var ids []string
		if err := json.Unmarshal(v, &ids); err != nil {
			return nil, fmt.Errorf("cluster %s: %w", canon, err)
		}
		for _, h := range ids {
			out[h] = true
		}
	}
	return out, nil
}

// refreshCluster makes the given holders one cluster: it picks the
// canonical by the stable rule, lists every other holder and every exact
// copy under it, points the others at it, and rewrites (and marks dirty)
// the records whose duplicate fields changed.
func (db *DB) refreshCluster(tx *bolt.Tx, holders map[string]bool) error {
	ids := make([]string, 0, len(holders))
	recs := map[string]Record{}
	for h := range holders {
		r, ok, err := getRecord(tx, h)
		if err != nil {
			return err
		}
		if ok {
			ids = append(ids, h)
			recs[h] = r
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	canon := ids[0]
	for _, h := range ids[1:] {
		if before(db.rankRecord(recs[h]), db.rankRecord(recs[canon])) {
			canon = h
		}
	}
	csig := signature(tx, canon)
	var dups []Duplicate
	for _, h := range ids {
		sim := 1.0
		if h != canon {
			r := recs[h]
			sim = round3(neardup.Similarity(csig, signature(tx, h)))
			dups = append(dups, Duplicate{URL: r.URL, Site: r.Site, Published: r.Published, Similarity: sim})
		}
		as, err := aliasesOf(tx, h)
		if err != nil {
			return err
		}
		for _, a := range as {
			a.Exact, a.Similarity = h == canon, sim
			dups = append(dups, a)
		}
	}
	slices.SortFunc(dups, func(a, b Duplicate) int {
		ra, rb := db.rankOf(a.URL, a.Site, a.Published), db.rankOf(b.URL, b.Site, b.Published)
		switch {
		case before(ra, rb):
			return -1
		case before(rb, ra):
			return 1
		}
		return 0
	})
	clusters, member := tx.Bucket(bucketClusters), tx.Bucket(bucketMember)
	var others []string
	for _, h := range ids {
		if err := clusters.Delete([]byte(h)); err != nil {
			return err
		}
		if err := member.Delete([]byte(h)); err != nil {
			return err
		}
		if h != canon {
			others = append(others, h)
			if err := member.Put([]byte(h), []byte(canon)); err != nil {
				return err
			}
		}
	}
	if len(dups) > 0 {
		v, err := json.Marshal(others)
		if err != nil {
			return err
		}
		if err := clusters.Put([]byte(canon), v); err != nil {
			return err
		}
	}
	for _, h := range ids {
		r := recs[h]
		want := r
		want.DuplicateOf, want.Duplicates = "", nil
		if h == canon {
			want.Duplicates = dups
		} else {
			want.DuplicateOf = recs[canon].URL
		}
		if sameDupFields(r, want) {
			continue
		}
		if err := markDirty(tx, r); err != nil {
			return err
		}
		if err := putArticle(tx, want); err != nil {
			return err
		}
	}
	return nil
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// sameDupFields reports whether two versions of a record agree on
// DuplicateOf and Duplicates.
func sameDupFields(a, b Record) bool {
	if a.DuplicateOf != b.DuplicateOf || len(a.Duplicates) != len(b.Duplicates) {
		return false
	}
	if len(a.Duplicates) == 0 {
		return true
	}
	ja, _ := json.Marshal(a.Duplicates)
	jb, _ := json.Marshal(b.Duplicates)
	return bytes.Equal(ja, jb)
}

// detach takes a holder out of its cluster (the rest of the cluster is
// refreshed) and out of the near-duplicate index.
func (db *DB) detach(tx *bolt.Tx, id string) error {
	hs, err := clusterOf(tx, id)
	if err != nil {
		return err
	}
	delete(hs, id)
	if err := tx.Bucket(bucketClusters).Delete([]byte(id)); err != nil {
		return err
	}
	if err := tx.Bucket(bucketMember).Delete([]byte(id)); err != nil {
		return err
	}
	if err := unindexHolder(tx, db.nd, &db.queue, id); err != nil {
		return err
	}
	return db.refreshCluster(tx, hs)
}

// commitCluster is the near-duplicate part of commit, run in its
// transaction after r's record is put: r takes over an owner of its text
// that ranks after it, leaves its old cluster when its text changed,
// enters the index, joins the clusters of the similar holders, and the
// merged cluster is refreshed.
func (db *DB) commitCluster(tx *bolt.Tx, r, old Record, hadOld bool) error {
	// r's files were written from r before this commit (step 2), so
	// they match the record as put; refreshCluster marks r dirty when it
	// rewrites r's duplicate fields. Only a record put as a copy has
	// files it must not keep.
	if isCopy(r) {
		if err := markDirty(tx, r); err != nil {
			return err
		}
	}
	changed := !hadOld || old.ContentHash != r.ContentHash || signature(tx, r.ID) == nil
	if hadOld && changed {
		if err := db.detach(tx, r.ID); err != nil {
			return err
		}
	}
	holders := map[string]bool{r.ID: true}
	if h := string(tx.Bucket(bucketHashes).Get([]byte(r.ContentHash))); h != "" && h != r.ID {
		owner, ok, err := getRecord(tx, h)
		if err != nil {
			return err
		}
		if ok && before(db.rankRecord(r), db.rankRecord(owner)) {
			hs, err := db.takeover(tx, owner, r)
			if err != nil {
				return err
			}
			for id := range hs {
				holders[id] = true
			}
		}
	}
	if !changed {
		hs, err := clusterOf(tx, r.ID)
		if err != nil {
			return err
		}
		for id := range hs {
			holders[id] = true
		}
		return db.refreshCluster(tx, holders)
	}
	return db.joinSimilar(tx, r, holders)
}

// joinSimilar indexes holder r and refreshes one cluster made of
// holders, r and the clusters of every holder similar to r.
func (db *DB) joinSimilar(tx *bolt.Tx, r Record, holders map[string]bool) error {
	if db.noNearDup {
		holders[r.ID] = true
		return db.refreshCluster(tx, holders)
	}
	sig := db.nd.Sign(r.Text)
	near, err := similar(tx, db.nd, &db.bands, &db.queue, sig, r.ID)
	if err != nil {
		return err
	}
	if err := indexHolder(tx, db.nd, &db.bands, &db.queue, r.ID, sig); err != nil {
		return err
	}
	if db.queue.full() {
		if err := db.queue.flush(tx); err != nil {
			return err
		}
	}
	holders[r.ID] = true
	for _, m := range near {
		hs, err := clusterOf(tx, m)
		if err != nil {
			return err
		}
		for id := range hs {
			holders[id] = true
		}
	}
	return db.refreshCluster(tx, holders)
}

// isCopy reports whether a record is a copy of a story rather than its
// canonical article.
func isCopy(r Record) bool { return r.DuplicateOf != "" }

// siteOK reports whether a cluster touches site ("" matches all).
func siteOK(r Record, site string) bool {
	if site == "" || r.Site == site {
		return true
	}
	return slices.ContainsFunc(r.Duplicates, func(d Duplicate) bool { return strings.EqualFold(d.Site, site) })
}
