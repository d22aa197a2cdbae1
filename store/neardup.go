package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/unionnews/unionnews/store/neardup"
)

// The near-duplicate index (see the package documentation, "Duplicates").
var (
	bucketSigs     = []byte("sigs")     // holder id -> MinHash signature; "\x00params" -> neardup.Params JSON
	bucketBands    = []byte("bands")    // band key (8 bytes, band index folded in) + holder id -> nothing
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
// were stored. Parameters of an older signature scheme are returned as
// stored (p.Stale() is true): the index must be rebuilt.
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

// bandKeyLen is the length of a band key in bucketBands: the 64-bit band
// hash (band index folded in), big-endian; the holder id follows.
const bandKeyLen = 8

// bandEntry is the bands-bucket key of one band of a holder.
func bandEntry(key uint64, id string) []byte {
	k := make([]byte, bandKeyLen, bandKeyLen+len(id))
	binary.BigEndian.PutUint64(k, key)
	return append(k, id...)
}

// indexHolder stores a holder's signature and its band keys, which
// enter the band filter bf (nil: none) first. With a band queue q (nil:
// none) the keys are queued (neardup_queue.go) instead of put in
// bucketBands.
func indexHolder(tx *bolt.Tx, p neardup.Params, bf *bandFilter, q *bandQueue, id string, sig neardup.Signature) error {
	if err := tx.Bucket(bucketSigs).Put([]byte(id), sig.Marshal()); err != nil {
		return err
	}
	keys := p.BandKeys(sig)
	if bf != nil {
		bf.add(keys)
	}
	if q != nil {
		return q.add(tx, id, keys)
	}
	bands := tx.Bucket(bucketBands)
	for _, k := range keys {
		if err := bands.Put(bandEntry(k, id), nil); err != nil {
			return err
		}
	}
	return nil
}

// unindexHolder removes a holder's signature and band keys, from the
// band queue q (nil: none) when it is queued there.
func unindexHolder(tx *bolt.Tx, p neardup.Params, q *bandQueue, id string) error {
	sigs := tx.Bucket(bucketSigs)
	v := sigs.Get([]byte(id))
	if v == nil {
		return nil
	}
	if q != nil {
		queued, err := q.remove(tx, id)
		if err != nil {
			return err
		}
		if queued {
			return sigs.Delete([]byte(id))
		}
	}
	sig, err := neardup.Unmarshal(v)
	if err != nil {
		return fmt.Errorf("signature of %s: %w", id, err)
	}
	if len(sig) == p.Hashes() {
		bands := tx.Bucket(bucketBands)
		for _, k := range p.BandKeys(sig) {
			if err := bands.Delete(bandEntry(k, id)); err != nil {
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
// share a band key with it and whose estimated Jaccard similarity
// reaches the threshold. self is skipped. It never scans: the band
// filter bf (nil: none; tx must be writable when there is one) drops the
// band keys that cannot be in bucketBands, the others are sorted and
// visited with one cursor moving forward (a seek per key, none when the
// cursor already stands past it), and each candidate's signature is
// compared where it is stored, without decoding. The holders queued in
// q (nil: none) with one of the band keys are candidates too.
func similar(tx *bolt.Tx, p neardup.Params, bf *bandFilter, q *bandQueue, sig neardup.Signature, self string) ([]string, error) {
	if q != nil {
		if err := readyQueue(tx, p, q, bf); err != nil {
			return nil, err
		}
	}
	var ka [64]uint64
	keys := p.AppendBandKeys(ka[:0], sig)
	if bf != nil {
		keys = bf.mayHave(tx, keys)
	}
	slices.Sort(keys)
	c, sigs := tx.Bucket(bucketBands).Cursor(), tx.Bucket(bucketSigs)
	var seen idSet
	var out []string
	var at []byte // the cursor's key; nil before the first seek and at the end
	var prefix [bandKeyLen]byte
	var queued []string
	for i, k := range keys {
		if i > 0 && k == keys[i-1] {
			continue
		}
		if q != nil {
			queued = q.holders(queued[:0], k)
			for _, id := range queued {
				if id == self || seen.has([]byte(id)) {
					continue
				}
				seen.add(id)
				if p.Threshold <= neardup.SimilarityMarshalled(sig, sigs.Get([]byte(id))) {
					out = append(out, id)
				}
			}
		}
		binary.BigEndian.PutUint64(prefix[:], k)
		if i == 0 || (at != nil && bytes.Compare(at[:min(len(at), bandKeyLen)], prefix[:]) < 0) {
			at, _ = c.Seek(prefix[:])
		}
		for ; at != nil && bytes.HasPrefix(at, prefix[:]); at, _ = c.Next() {
			id := at[bandKeyLen:]
			if string(id) == self || seen.has(id) {
				continue
			}
			seen.add(string(id))
			if p.Threshold <= neardup.SimilarityMarshalled(sig, sigs.Get(id)) {
				out = append(out, string(id))
			}
		}
	}
	return out, nil
}

// idSet is the set of candidates similar has checked: a short list,
// which becomes a map when a lookup meets many candidates (texts without
// words all share their band keys).
type idSet struct {
	list []string
	m    map[string]bool
}

func (s *idSet) has(id []byte) bool {
	if s.m != nil {
		return s.m[string(id)]
	}
	return slices.Contains(s.list, string(id))
}

func (s *idSet) add(id string) {
	switch {
	case s.m != nil:
		s.m[id] = true
	case len(s.list) < 32:
		s.list = append(s.list, id)
	default:
		s.m = make(map[string]bool, 2*len(s.list))
		for _, x := range s.list {
			s.m[x] = true
		}
		s.m[id] = true
	}
}

// initDedup creates the index buckets in Open's set-up transaction and
// loads the index parameters. It reports whether the index must be built
// from the stored texts: a store written before the index existed, or
// one whose index was built with an older signature scheme (its
// parameters are kept, with the current scheme).
func (db *DB) initDedup(tx *bolt.Tx) (rebuild bool, err error) {
	fresh := tx.Bucket(bucketSigs) == nil
	for _, name := range append(dedupBuckets[:len(dedupBuckets):len(dedupBuckets)], bucketBandQueue) {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return false, fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	db.nd, err = loadParams(tx)
	if err != nil {
		return false, err
	}
	stale := db.nd.Stale()
	db.nd = db.nd.Current()
	articles := tx.Bucket(bucketArticles).Stats().KeyN
	if stale && !fresh {
		if articles == 0 {
			return false, storeParams(tx, db.nd)
		}
		db.logger.Warn("near-duplicate index built with an older signature scheme; rebuilding it from the stored texts",
			logKeyN, articles)
	}
	return (fresh || stale) && articles > 0, nil
}

// loadParamsReadOnly loads the index parameters for a read-only Open,
// which cannot rebuild a stale index: the stored clusters stay readable,
// and a warning says what brings the index up to date.
func (db *DB) loadParamsReadOnly(tx *bolt.Tx) error {
	var err error
	db.nd, err = loadParams(tx)
	if err == nil && db.nd.Stale() && tx.Bucket(bucketArticles).Stats().KeyN > 0 {
		db.logger.Warn("near-duplicate index built with an older signature scheme; the next read-write open rebuilds it, or run `unionnews dedup -rebuild`")
	}
	return err
}

// storeParams saves the index parameters in bucketSigs.
func storeParams(tx *bolt.Tx, p neardup.Params) error {
	v, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketSigs).Put(paramsKey, v)
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
