package store

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/bits"
	"sync"

	"github.com/bits-and-blooms/bloom/v3"
	bolt "go.etcd.io/bbolt"
)

// bandFilter is an in-memory Bloom filter over the band keys of
// bucketBands (github.com/bits-and-blooms/bloom/v3): a lookup seeks a
// band key in bbolt only when the filter says it may be there. A new
// text shares almost none of its 56 band keys with the stored ones, and
// each seek into a B+tree of millions of band keys costs a few cache
// and TLB misses, so the filter turns most of a lookup's seeks into a
// few bit tests.
//
// It is never stored, so a crash cannot leave it behind the database:
// the first lookup of a writable session builds it in one sequential
// pass over bucketBands, and every band key is added to it before it is
// put. It may hold more keys than the bucket (keys deleted since, keys
// of a transaction that rolled back, a Bloom filter's false positives):
// that costs a seek that finds nothing. It must never hold fewer, or a
// duplicate would be missed, so a filter built inside a write
// transaction (which sees that transaction's deletes) is kept only once
// that transaction commits.
//
// Memory: sized for twice the band keys present when it is built (at
// least filterMinKeys), 10.5 bits a key it is sized for; when more keys
// have been added than it was sized for, the next lookup builds it again
// for twice as many. That is 1.3–2.6 bytes a band key, 74–147 bytes an
// article with 56 bands (14 MB at 100,000 articles), and never more
// than filterMaxBytes (128 MiB): from about 900,000 articles on the
// filter keeps that size and its false-positive rate rises, to about 1%
// at 1.8 million articles and 10% at 4 million (a false positive costs a
// seek that finds nothing, never a missed duplicate).
type bandFilter struct {
	mu      sync.Mutex
	f       *bloom.BloomFilter // nil until the first lookup
	capKeys uint               // keys it was sized for
	keys    uint               // keys added, those of the build included
	// pending is the write transaction that built f, until it commits
	// (f reflects its uncommitted deletes: if it rolls back, f is
	// dropped).
	pending *bolt.Tx
	builds  int // times built, for tests and the benchmark
	// extra returns the band keys queued but not yet in bucketBands
	// (neardup_queue.go), which a build adds too; nil: none.
	extra func() []uint64
	// probes and passed count the keys tested and those that may be
	// present, for tests and the benchmark.
	probes, passed uint64
}

// The filter has filterBitsPerKey bits for each key it is sized for and
// sets filterHashes bits a key: a false-positive rate of 1% when full,
// 0.13% when built (half full). Four bits rather than the seven that
// minimise the size for 1% (9.6 bits a key): a key that is stored costs
// four bit tests, and a key that is not stops at its first clear bit
// more often (a fifth of the bits are set when built, not a third).
const (
	filterBitsPerKey = 10.5
	filterHashes     = 4
	filterMinKeys    = 1 << 16
	filterMaxBytes   = 128 << 20
)

// ready makes f usable by write transaction tx: it drops a filter
// whose building transaction did not commit, and builds one from tx's
// view of bucketBands when there is none or it is full. hint is the
// number of band keys expected (0: those present). The caller holds mu.
func (bf *bandFilter) ready(tx *bolt.Tx, hint uint) {
	if bf.f != nil && bf.pending != nil && bf.pending != tx {
		bf.f, bf.pending = nil, nil // its transaction rolled back
	}
	if bf.f != nil && bf.keys <= bf.capKeys {
		return
	}
	b := tx.Bucket(bucketBands)
	n := max(uint(b.Stats().KeyN), hint, bf.keys)
	bf.capKeys = max(2*n, filterMinKeys)
	m, k := uint(math.Ceil(filterBitsPerKey*float64(bf.capKeys))), uint(filterHashes)
	if m > 8*filterMaxBytes {
		// Capped: fewer bits a key, so as many hashes as keep the
		// false-positive rate lowest, at most filterHashes.
		m = 8 * filterMaxBytes
		k = uint(min(filterHashes, max(1, math.Round(math.Ln2*float64(m)/float64(bf.capKeys)))))
	}
	bf.f, bf.keys = bloom.New(m, k), 0
	c := b.Cursor()
	var last []byte
	for key, _ := c.First(); key != nil; key, _ = c.Next() {
		if len(key) < bandKeyLen || (last != nil && bytes.Equal(last, key[:bandKeyLen])) {
			continue // one band key of several holders is added once
		}
		last = key[:bandKeyLen]
		bf.setLocked(binary.BigEndian.Uint64(last))
		bf.keys++
	}
	if bf.extra != nil {
		for _, k := range bf.extra() {
			bf.setLocked(k)
			bf.keys++
		}
	}
	bf.builds++
	bf.pending = tx
	tx.OnCommit(func() {
		bf.mu.Lock()
		defer bf.mu.Unlock()
		if bf.pending == tx {
			bf.pending = nil
		}
	})
}

// reset builds the filter again in tx for about hint keys: a rebuild of
// the index has just emptied bucketBands.
func (bf *bandFilter) reset(tx *bolt.Tx, hint uint) {
	bf.mu.Lock()
	defer bf.mu.Unlock()
	bf.f = nil
	bf.ready(tx, hint)
}

// mayHave keeps the keys that may be in bucketBands, in place, building
// the filter first when tx needs one.
func (bf *bandFilter) mayHave(tx *bolt.Tx, keys []uint64) []uint64 {
	bf.mu.Lock()
	defer bf.mu.Unlock()
	bf.ready(tx, 0)
	out := keys[:0]
	var la [16]uint64
	for _, k := range keys {
		if bf.f.TestLocations(filterLocations(la[:0], k, bf.f.K())) {
			out = append(out, k)
		}
	}
	bf.probes += uint64(len(keys))
	bf.passed += uint64(len(out))
	return out
}

// add puts band keys in the filter, before they are put in bucketBands.
// Without a filter there is nothing to do: the one the next lookup
// builds reads them from the bucket.
func (bf *bandFilter) add(keys []uint64) {
	bf.mu.Lock()
	defer bf.mu.Unlock()
	if bf.f == nil {
		return
	}
	for _, k := range keys {
		bf.setLocked(k)
	}
	bf.keys += uint(len(keys))
}

// setLocked sets the bits of band key k, as TestLocations reads them.
// The caller holds mu.
func (bf *bandFilter) setLocked(k uint64) {
	var la [16]uint64
	b, m := bf.f.BitSet(), uint64(bf.f.Cap())
	for _, l := range filterLocations(la[:0], k, bf.f.K()) {
		b.Set(uint(l % m))
	}
}

// filterLocations appends the filter's k bit locations of band key k
// (TestLocations takes them modulo the filter's size). The library's Add
// and Test derive them from a murmur3 hash of the data by double hashing
// (Kirsch and Mitzenmacher); a band key already is a uniform 64-bit
// hash (neardup mixes it with SplitMix64), so its two halves serve as
// the two hashes. That saves a murmur3 hash per key, and with nothing
// between the bit tests of successive keys their cache misses overlap:
// 3–5 times faster per key on a filter of 13 MB.
func filterLocations(dst []uint64, k uint64, n uint) []uint64 {
	h1, h2 := k, bits.RotateLeft64(k, 32)|1
	for i := range uint64(n) {
		dst = append(dst, h1+i*h2)
	}
	return dst
}

// bytes is the filter's memory (0 before it is built).
func (bf *bandFilter) bytes() int {
	bf.mu.Lock()
	defer bf.mu.Unlock()
	if bf.f == nil {
		return 0
	}
	return int(bf.f.Cap() / 8)
}
