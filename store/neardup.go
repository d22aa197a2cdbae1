package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/unionnews/unionnews/store/neardup"
)

// The near-duplicate index (see the package documentation, "Duplicates").
var (
	bucketSigs     = []byte("sigs")     // holder id -> MinHash signature; "\x00params" -> neardup.Params JSON
	bucketBands    = []byte("bands")    // band (1 byte) + band key (8) + holder id -> nothing
	bucketClusters = []byte("clusters") // canonical id -> JSON list of the cluster's other holder ids
	bucketMember   = []byte("member")   // non-canonical holder id -> canonical id
	bucketAliases  = []byte("aliases")  // holder id \x00 canonical URL -> Duplicate JSON of an exact copy
	bucketDirty    = []byte("dirty")    // id -> fileState JSON: files to bring in line with the record
)

// dedupBuckets are created by a writable Open; a read-only Open of a
// store written by an older version finds them missing and reads them as
// empty.
var dedupBuckets = [][]byte{bucketSigs, bucketBands, bucketClusters, bucketMember, bucketAliases, bucketDirty}

// paramsKey holds the parameters the index was built with, in bucketSigs
// (ids are 16 hex digits, so the key cannot clash).
var paramsKey = []byte("\x00params")

// loadParams reads the index parameters, or neardup.Default when none
// were stored.
func loadParams(tx *bolt.Tx) (neardup.Params, error) {
	b := tx.Bucket(bucketSigs)
	if b == nil {
		return neardup.Default, nil
	}
	v := b.Get(paramsKey)
	if v == nil {
		return neardup.Default, nil
	}
	var p neardup.Params
	if err := json.Unmarshal(v, &p); err != nil {
		return p, fmt.Errorf("near-duplicate parameters: %w", err)
	}
	if err := p.Validate(); err != nil {
		return p, fmt.Errorf("near-duplicate parameters %+v: %w", p, err)
	}
	return p, nil
}

// bandKey is the bands-bucket key prefix of one band of a signature.
func bandKey(band int, key uint64) []byte {
	k := make([]byte, 9, 9+idLen)
	k[0] = byte(band)
	binary.BigEndian.PutUint64(k[1:], key)
	return k
}

// indexHolder computes r's signature and stores it and its band keys.
func indexHolder(tx *bolt.Tx, p neardup.Params, id string, sig neardup.Signature) error {
	if err := tx.Bucket(bucketSigs).Put([]byte(id), sig.Marshal()); err != nil {
		return err
	}
	bands := tx.Bucket(bucketBands)
	for i, k := range p.BandKeys(sig) {
		if err := bands.Put(append(bandKey(i, k), id...), nil); err != nil {
			return err
		}
	}
	return nil
}

// unindexHolder removes a holder's signature and band keys.
func unindexHolder(tx *bolt.Tx, p neardup.Params, id string) error {
	sigs := tx.Bucket(bucketSigs)
	v := sigs.Get([]byte(id))
	if v == nil {
		return nil
	}
	sig, err := neardup.Unmarshal(v)
	if err != nil {
		return fmt.Errorf("signature of %s: %w", id, err)
	}
	if len(sig) == p.Hashes() {
		bands := tx.Bucket(bucketBands)
		for i, k := range p.BandKeys(sig) {
			if err := bands.Delete(append(bandKey(i, k), id...)); err != nil {
				return err
			}
		}
	}
	return sigs.Delete([]byte(id))
}

// signature reads a holder's stored signature (nil when it has none).
func signature(tx *bolt.Tx, id string) neardup.Signature {
	b := tx.Bucket(bucketSigs)
	if b == nil {
		return nil
	}
	v := b.Get([]byte(id))
	if v == nil {
		return nil
	}
	sig, err := neardup.Unmarshal(v)
	if err != nil {
		return nil
	}
	return sig
}

// similar returns the holders whose signatures are near sig: those that
// share a band with it (one cursor seek per band, never a scan) and whose
// estimated Jaccard similarity reaches the threshold. self is skipped.
func similar(tx *bolt.Tx, p neardup.Params, sig neardup.Signature, self string) ([]string, error) {
	c := tx.Bucket(bucketBands).Cursor()
	seen := map[string]bool{self: true}
	var out []string
	for i, k := range p.BandKeys(sig) {
		prefix := bandKey(i, k)
		for key, _ := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, _ = c.Next() {
			id := string(key[len(prefix):])
			if seen[id] {
				continue
			}
			seen[id] = true
			if other := signature(tx, id); other != nil && p.Similar(sig, other) {
				out = append(out, id)
			}
		}
	}
	return out, nil
}

// initDedup creates the index buckets in Open's set-up transaction and
// loads the index parameters. It reports whether the index must be built
// from the stored texts: a store written before the index existed.
func (db *DB) initDedup(tx *bolt.Tx) (rebuild bool, err error) {
	fresh := tx.Bucket(bucketSigs) == nil
	for _, name := range dedupBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return false, fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	db.nd, err = loadParams(tx)
	if err != nil {
		return false, err
	}
	return fresh && tx.Bucket(bucketArticles).Stats().KeyN > 0, nil
}

// finishDedup ends a writable Open: it builds a missing index and
// brings the files marked dirty in line with their records.
func (db *DB) finishDedup(rebuild bool) error {
	if rebuild {
		if _, err := db.RebuildDuplicates(nil); err != nil {
			return err
		}
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.syncFiles()
}

// finishPending completes writes left pending by an earlier failure in
// this process (a crash's are completed by Open). The caller holds db.mu.
func (db *DB) finishPending() error {
	var any bool
	err := db.bolt.View(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketPending).Cursor().First()
		any = k != nil
		return nil
	})
	if err != nil || !any {
		return err
	}
	return db.repairLocked()
}

// DuplicateParams returns the parameters of the near-duplicate index.
func (db *DB) DuplicateParams() neardup.Params { return db.nd }
