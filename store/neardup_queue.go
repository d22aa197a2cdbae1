package store

import (
	"bytes"
	"fmt"
	"slices"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/unionnews/unionnews/store/neardup"
)

// Deferred band writes. Every article has 56 band keys, random across
// the band key space, so putting them in bucketBands in the article's own
// commit dirties a leaf page of that tree per key: at 100,000 articles a
// batch of 512 rewrites most of a tree of 5.6 million keys, 80% of the
// bytes an ingest writes. Instead, an indexed holder's signature is
// stored as before, its id is put in bucketBandQueue in the same
// transaction, and its band keys are held in memory (bandQueue) and in
// the band filter; lookups read the queue's keys as well as the bucket,
// so they find exactly what they found before. When the queue holds
// bandQueueMax holders, and when the store closes, one transaction puts
// all the queued keys in sorted order and empties the queue (flushBands).
//
// Crashes: the queue is in the committed transactions, so a writable
// Open reads the queued holders' band keys back from their stored
// signatures; nothing is lost. Read-only sessions never look up.
//
// Rollbacks: only write transactions (serialised by bbolt) read or
// change the queue in memory. A transaction that changes it is recorded;
// if it does not commit, the next transaction that uses the queue reads
// it back from the bucket (as the band filter is dropped when the
// transaction that built it rolls back).
var bucketBandQueue = []byte("bandq") // holder id -> nothing: band keys not yet in bucketBands

// bandQueueMax is how many holders the queue holds before their band
// keys are written to bucketBands in one transaction: 8,192 holders are
// 460,000 keys and about 30 MB of memory at most.
const bandQueueMax = 8192

// bandQueue is the in-memory side of bucketBandQueue.
type bandQueue struct {
	mu    sync.Mutex
	bands map[uint64][]string // band key -> queued holders with it
	ids   map[string][]uint64 // queued holder -> its band keys
	// changed is the write transaction that last changed the maps, until
	// it commits; loaded reports that they reflect the bucket.
	changed *bolt.Tx
	loaded  bool
	// max overrides bandQueueMax (tests; 0: bandQueueMax).
	max int
}

// use makes the queue reflect tx's view of bucketBandQueue, reading it
// back when a transaction that changed it did not commit. It returns the
// band keys read back, for the band filter.
func (q *bandQueue) use(tx *bolt.Tx, p neardup.Params) ([]uint64, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.loaded && (q.changed == nil || q.changed == tx) {
		return nil, nil
	}
	q.bands, q.ids, q.changed, q.loaded = map[uint64][]string{}, map[string][]uint64{}, nil, false
	b := tx.Bucket(bucketBandQueue)
	var all []uint64
	if b != nil {
		err := b.ForEach(func(k, _ []byte) error {
			sig := signature(tx, string(k))
			if len(sig) != p.Hashes() {
				return nil // a stale scheme: the rebuild Open runs empties the queue
			}
			keys := p.BandKeys(sig)
			q.addLocked(string(k), keys)
			all = append(all, keys...)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("band queue: %w", err)
		}
	}
	q.loaded = true
	return all, nil
}

// touch records that tx changes the maps. The caller holds mu.
func (q *bandQueue) touch(tx *bolt.Tx) {
	if q.changed == tx {
		return
	}
	q.changed = tx
	tx.OnCommit(func() {
		q.mu.Lock()
		defer q.mu.Unlock()
		if q.changed == tx {
			q.changed = nil
		}
	})
}

func (q *bandQueue) addLocked(id string, keys []uint64) {
	q.ids[id] = keys
	for _, k := range keys {
		q.bands[k] = append(q.bands[k], id)
	}
}

// add queues holder id with its band keys in tx.
func (q *bandQueue) add(tx *bolt.Tx, id string, keys []uint64) error {
	if err := tx.Bucket(bucketBandQueue).Put([]byte(id), nil); err != nil {
		return err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.touch(tx)
	q.addLocked(id, slices.Clone(keys))
	return nil
}

// remove takes holder id out of the queue in tx; it reports whether id
// was queued (its keys are then not in bucketBands).
func (q *bandQueue) remove(tx *bolt.Tx, id string) (bool, error) {
	b := tx.Bucket(bucketBandQueue)
	if b == nil || b.Get([]byte(id)) == nil {
		return false, nil
	}
	if err := b.Delete([]byte(id)); err != nil {
		return false, err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.touch(tx)
	for _, k := range q.ids[id] {
		ids := slices.DeleteFunc(q.bands[k], func(x string) bool { return x == id })
		if len(ids) == 0 {
			delete(q.bands, k)
		} else {
			q.bands[k] = ids
		}
	}
	delete(q.ids, id)
	return true, nil
}

// holders appends the queued holders with band key k.
func (q *bandQueue) holders(dst []string, k uint64) []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	return append(dst, q.bands[k]...)
}

// full reports whether the queue should be flushed.
func (q *bandQueue) full() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.ids) >= orDefault(q.max, bandQueueMax)
}

// empty reports whether the queue is known to be empty.
func (q *bandQueue) empty() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.loaded && q.changed == nil && len(q.ids) == 0
}

// len is the number of queued holders.
func (q *bandQueue) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.ids)
}

// allKeys returns every queued band key (for the band filter's build).
func (q *bandQueue) allKeys() []uint64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]uint64, 0, len(q.bands))
	for k := range q.bands {
		out = append(out, k)
	}
	return out
}

// clear empties the queue in tx: bucketBandQueue is recreated empty.
func (q *bandQueue) clear(tx *bolt.Tx) error {
	if tx.Bucket(bucketBandQueue) != nil {
		if err := tx.DeleteBucket(bucketBandQueue); err != nil {
			return err
		}
	}
	if _, err := tx.CreateBucket(bucketBandQueue); err != nil {
		return err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.touch(tx)
	q.bands, q.ids, q.loaded = map[uint64][]string{}, map[string][]uint64{}, true
	return nil
}

// flush puts the band keys of every queued holder in bucketBands, in
// sorted order, and empties the queue, in tx.
func (q *bandQueue) flush(tx *bolt.Tx) error {
	q.mu.Lock()
	entries := make([][]byte, 0, len(q.ids)*8)
	for id, keys := range q.ids {
		for _, k := range keys {
			entries = append(entries, bandEntry(k, id))
		}
	}
	q.mu.Unlock()
	if len(entries) == 0 {
		return nil
	}
	slices.SortFunc(entries, bytes.Compare)
	bands := tx.Bucket(bucketBands)
	for i, e := range entries {
		if i > 0 && bytes.Equal(e, entries[i-1]) {
			continue
		}
		if err := bands.Put(e, nil); err != nil {
			return fmt.Errorf("flush band queue: %w", err)
		}
	}
	if err := q.clear(tx); err != nil {
		return fmt.Errorf("flush band queue: %w", err)
	}
	return nil
}

// orDefault returns v, or def when v is 0.
func orDefault(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// FlushBands writes the band keys of the holders queued since the last
// flush to the near-duplicate index's bucket, in one transaction. Close
// (of the DB and of a Writer) calls it; the queue is also flushed in the
// transaction that fills it.
func (db *DB) FlushBands() error {
	if db.readOnly || db.queue.empty() {
		return nil
	}
	err := db.update(func(tx *bolt.Tx) error {
		if err := readyQueue(tx, db.nd, &db.queue, &db.bands); err != nil {
			return err
		}
		return db.queue.flush(tx)
	})
	if err != nil {
		return fmt.Errorf("flush band queue: %w", err)
	}
	return nil
}

// readyQueue readies the band queue q for tx; the keys it reads back
// from the bucket enter the band filter bf (nil: none).
func readyQueue(tx *bolt.Tx, p neardup.Params, q *bandQueue, bf *bandFilter) error {
	keys, err := q.use(tx, p)
	if err != nil {
		return err
	}
	if len(keys) > 0 && bf != nil {
		bf.add(keys)
	}
	return nil
}
