package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Exact copies: URLs whose text an article already holds (see
// "Duplicates" in the package documentation).

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
		return PutResult{ID: r.ID, Created: true, Displaced: owner.ID}, true, putPending(tx, r)
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
	if err := unindexHolder(tx, db.nd, &db.queue, old.ID); err != nil {
		return nil, err
	}
	if err := markDirty(tx, old); err != nil {
		return nil, err
	}
	// As a demotion does (demote.go): the history keeps the record and
	// its block counts are taken back.
	if err := putVersion(tx, old); err != nil {
		return nil, err
	}
	if err := takeBackBlocks(tx, old.Site, old.ID); err != nil {
		return nil, err
	}
	if err := deleteArticle(tx, old.ID); err != nil {
		return nil, err
	}
	if err := tx.Bucket(bucketOrder).Delete(orderKey(old)); err != nil {
		return nil, err
	}
	return hs, tx.Bucket(bucketHashes).Put([]byte(r.ContentHash), []byte(r.ID))
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

// demoteCluster is the cluster side of a demotion (demote.go): article r,
// whose new text owner holds and which ranks after owner, leaves its
// cluster and becomes an exact copy of owner, and its exact copies follow
// it (as demote maps their URLs to owner).
func (db *DB) demoteCluster(tx *bolt.Tx, r, owner Record) error {
	old, ok, err := getRecord(tx, r.ID)
	if err != nil || !ok {
		return err
	}
	if err := db.moveAliases(tx, old.ID, owner.ID); err != nil {
		return err
	}
	if err := db.detach(tx, r.ID); err != nil {
		return err
	}
	if err := db.addAlias(tx, owner.ID, r); err != nil {
		return err
	}
	hs, err := clusterOf(tx, owner.ID)
	if err != nil {
		return err
	}
	return db.refreshCluster(tx, hs)
}

// moveAliases moves the exact copies recorded under holder from to
// holder to.
func (db *DB) moveAliases(tx *bolt.Tx, from, to string) error {
	as, err := aliasesOf(tx, from)
	if err != nil {
		return err
	}
	for _, a := range as {
		canon := canonicalURL(a.URL)
		if err := tx.Bucket(bucketAliases).Delete(append(aliasPrefix(from), canon...)); err != nil {
			return err
		}
		if err := db.addAlias(tx, to, Record{URL: a.URL, Site: a.Site, Published: a.Published}); err != nil {
			return err
		}
	}
	return nil
}
