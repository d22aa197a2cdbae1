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

// aliasPrefix is the aliases-bucket prefix of a holder's exact copies.
func aliasPrefix(holder string) []byte { return []byte(holder + "\x00") }

// aliasesOf returns the exact copies mapped to a holder.
func aliasesOf(tx *bolt.Tx, holder string) ([]Duplicate, error) {
	b := tx.Bucket(bucketAliases)
	if b == nil {
		return nil, nil
	}
	var out []Duplicate
	c, prefix := b.Cursor(), aliasPrefix(holder)
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var d Duplicate
		if err := json.Unmarshal(v, &d); err != nil {
			return nil, fmt.Errorf("alias %q: %w", k, err)
		}
		out = append(out, d)
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
		if err := putRecord(tx.Bucket(bucketArticles), want); err != nil {
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
	if err := unindexHolder(tx, db.nd, id); err != nil {
		return err
	}
	return db.refreshCluster(tx, hs)
}

// stageCopy handles a new URL whose text an existing article (owner)
// already holds: the exact-duplicate fast path. When the new copy ranks
// before the owner it is staged as the new holder and commit moves the
// owner under it (takeover); otherwise the URL becomes an exact copy of
// the owner and the owner's cluster is refreshed.
func (db *DB) stageCopy(tx *bolt.Tx, canon, mapped string, r Record, owner Record) (res PutResult, staged bool, err error) {
	if mapped != "" && mapped != owner.ID {
		if err := db.dropAlias(tx, mapped, canon); err != nil {
			return res, false, err
		}
	}
	if before(db.rankRecord(r), db.rankRecord(owner)) {
		return PutResult{ID: r.ID, Created: true, Displaced: owner.ID}, true, putRecord(tx.Bucket(bucketPending), r)
	}
	if err := db.addAlias(tx, owner.ID, r); err != nil {
		return res, false, err
	}
	hs, err := clusterOf(tx, owner.ID)
	if err != nil {
		return res, false, err
	}
	return PutResult{ID: owner.ID, Duplicate: true}, false, db.refreshCluster(tx, hs)
}

// dropAlias takes a URL that was an exact copy of holder's text out of
// holder's copies (its text changed) and refreshes holder's cluster.
func (db *DB) dropAlias(tx *bolt.Tx, holder, canon string) error {
	key := append(aliasPrefix(holder), canon...)
	if tx.Bucket(bucketAliases).Get(key) == nil {
		return nil
	}
	if err := tx.Bucket(bucketAliases).Delete(key); err != nil {
		return err
	}
	hs, err := clusterOf(tx, holder)
	if err != nil {
		return err
	}
	return db.refreshCluster(tx, hs)
}

// addAlias maps the URL of r to holder as an exact copy.
func (db *DB) addAlias(tx *bolt.Tx, holder string, r Record) error {
	canon := canonicalURL(r.URL)
	v, err := json.Marshal(Duplicate{URL: r.URL, Site: r.Site, Published: r.Published})
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketAliases).Put(append(aliasPrefix(holder), canon...), v); err != nil {
		return err
	}
	return tx.Bucket(bucketURLs).Put([]byte(canon), []byte(holder))
}

// takeover moves the holder old under r, which holds the same text and
// ranks before it: old's exact copies and old itself become exact copies
// of r, old's record and files go, and r takes its place in the index.
// It returns the other holders of old's cluster.
func (db *DB) takeover(tx *bolt.Tx, old Record, r Record) (map[string]bool, error) {
	hs, err := clusterOf(tx, old.ID)
	if err != nil {
		return nil, err
	}
	delete(hs, old.ID)
	aliases, urls := tx.Bucket(bucketAliases), tx.Bucket(bucketURLs)
	c, prefix := aliases.Cursor(), aliasPrefix(old.ID)
	type kv struct{ url, v []byte }
	var moved []kv
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		moved = append(moved, kv{bytes.Clone(k[len(prefix):]), bytes.Clone(v)})
	}
	for _, m := range moved {
		if err := aliases.Delete(append(bytes.Clone(prefix), m.url...)); err != nil {
			return nil, err
		}
		if err := aliases.Put(append(aliasPrefix(r.ID), m.url...), m.v); err != nil {
			return nil, err
		}
		if err := urls.Put(m.url, []byte(r.ID)); err != nil {
			return nil, err
		}
	}
	if err := db.addAlias(tx, r.ID, old); err != nil {
		return nil, err
	}
	for _, b := range [][]byte{bucketClusters, bucketMember} {
		if err := tx.Bucket(b).Delete([]byte(old.ID)); err != nil {
			return nil, err
		}
	}
	if err := unindexHolder(tx, db.nd, old.ID); err != nil {
		return nil, err
	}
	if err := markDirty(tx, old); err != nil {
		return nil, err
	}
	if err := tx.Bucket(bucketArticles).Delete([]byte(old.ID)); err != nil {
		return nil, err
	}
	if err := tx.Bucket(bucketOrder).Delete(orderKey(old)); err != nil {
		return nil, err
	}
	return hs, tx.Bucket(bucketHashes).Put([]byte(r.ContentHash), []byte(r.ID))
}

// commitCluster is the near-duplicate part of commit, run in its
// transaction after r's record is put: r takes over an owner of its text
// that ranks after it, leaves its old cluster when its text changed,
// enters the index, joins the clusters of the similar holders, and the
// merged cluster is refreshed.
func (db *DB) commitCluster(tx *bolt.Tx, r, old Record, hadOld bool) error {
	if err := markDirty(tx, r); err != nil {
		return err
	}
	changed := !hadOld || old.ContentHash != r.ContentHash || signature(tx, r.ID) == nil
	if hadOld && changed {
		if old.ContentHash != r.ContentHash {
			if err := db.promoteAlias(tx, old); err != nil {
				return err
			}
		}
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
	sig := db.nd.Sign(r.Text)
	near, err := similar(tx, db.nd, sig, r.ID)
	if err != nil {
		return err
	}
	if err := indexHolder(tx, db.nd, r.ID, sig); err != nil {
		return err
	}
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

// promoteAlias keeps the former text of an article whose text changed:
// when exact copies of it were recorded, the best-ranked of them becomes
// an article holding that text (with the former record's title and
// fields, under the copy's URL, site and date), the other copies move to
// it, and it enters the index and the article's former cluster.
func (db *DB) promoteAlias(tx *bolt.Tx, old Record) error {
	as, err := aliasesOf(tx, old.ID)
	if err != nil || len(as) == 0 {
		return err
	}
	best := as[0]
	for _, a := range as[1:] {
		if before(db.rankOf(a.URL, a.Site, a.Published), db.rankOf(best.URL, best.Site, best.Published)) {
			best = a
		}
	}
	nr := old
	nr.ID, nr.URL, nr.Site, nr.Published = ID(best.URL), best.URL, best.Site, best.Published
	nr.DuplicateOf, nr.Duplicates = "", nil
	aliases, urls := tx.Bucket(bucketAliases), tx.Bucket(bucketURLs)
	for _, a := range as {
		canon := canonicalURL(a.URL)
		if err := aliases.Delete(append(aliasPrefix(old.ID), canon...)); err != nil {
			return err
		}
		if a.URL == best.URL {
			if err := urls.Put([]byte(canon), []byte(nr.ID)); err != nil {
				return err
			}
			continue
		}
		r := Record{URL: a.URL, Site: a.Site, Published: a.Published}
		if err := db.addAlias(tx, nr.ID, r); err != nil {
			return err
		}
	}
	if err := putRecord(tx.Bucket(bucketArticles), nr); err != nil {
		return err
	}
	if err := tx.Bucket(bucketOrder).Put(orderKey(nr), []byte{}); err != nil {
		return err
	}
	if err := tx.Bucket(bucketHashes).Put([]byte(nr.ContentHash), []byte(nr.ID)); err != nil {
		return err
	}
	if err := markDirty(tx, nr); err != nil {
		return err
	}
	sig := db.nd.Sign(nr.Text)
	near, err := similar(tx, db.nd, sig, nr.ID)
	if err != nil {
		return err
	}
	if err := indexHolder(tx, db.nd, nr.ID, sig); err != nil {
		return err
	}
	holders := map[string]bool{nr.ID: true}
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

// hasDuplicates reports whether a URL names a copy rather than a
// canonical article.
func isCopy(r Record) bool { return r.DuplicateOf != "" }

// copyOf builds the record an exact copy stands for: the holder's
// article under the copy's URL, site and date.
func copyOf(holder Record, d Duplicate) Record {
	c := holder
	c.ID, c.URL, c.Site, c.Published = ID(d.URL), d.URL, d.Site, d.Published
	c.Duplicates = nil
	c.DuplicateOf = holder.DuplicateOf
	if c.DuplicateOf == "" {
		c.DuplicateOf = holder.URL
	}
	return c
}

// siteOK reports whether a cluster touches site ("" matches all).
func siteOK(r Record, site string) bool {
	if site == "" || r.Site == site {
		return true
	}
	return slices.ContainsFunc(r.Duplicates, func(d Duplicate) bool { return strings.EqualFold(d.Site, site) })
}
