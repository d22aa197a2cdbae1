package store

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// bucketKeys lists a bucket's keys as hex strings.
func bucketKeys(t *testing.T, db *DB, name []byte) []string {
	t.Helper()
	var out []string
	err := db.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(name)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			out = append(out, fmt.Sprintf("%x=%x", k, v))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// queueWorld is world() plus an article whose text changes (its first
// text's band keys must not stay anywhere).
func queueWorld() []Record {
	rs := []Record{article("https://laodong.vn/doi-1.ldo", distinctText(1)+" "+distinctText(2))}
	rs = append(rs, world()...)
	return append(rs, article("https://laodong.vn/doi-1.ldo", distinctText(3)+" "+distinctText(4)))
}

// putAll puts rs and returns their URLs.
func putAll(t *testing.T, db *DB, rs []Record) []string {
	t.Helper()
	var urls []string
	for _, r := range rs {
		if _, err := db.Put(r); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(urls, r.URL) {
			urls = append(urls, r.URL)
		}
	}
	return urls
}

// Band keys are queued, not written to their bucket, and lookups find
// the near copies of queued articles: the clusters are those of a store
// that writes every article's band keys in its own commit.
func TestQueuedHoldersAreFound(t *testing.T) {
	ref := openWithPriority(t, t.TempDir())
	defer ref.Close()
	ref.queue.max = 1 // flushed in every article's commit: the old path
	urls := putAll(t, ref, queueWorld())
	want := state(t, ref, urls)
	if n := len(bucketKeys(t, ref, bucketBandQueue)); n != 0 {
		t.Errorf("queue of 1: %d holders queued", n)
	}

	db := openWithPriority(t, t.TempDir())
	defer db.Close()
	putAll(t, db, queueWorld())
	if got := state(t, db, urls); got != want {
		t.Errorf("with queued band keys:\n%s\nwant:\n%s", got, want)
	}
	if n := len(bucketKeys(t, db, bucketBands)); n != 0 {
		t.Errorf("%d band keys written before the queue is full", n)
	}
	// world() has 4 distinct texts (exact copies are not indexed) and
	// the changed article 1.
	if q := bucketKeys(t, db, bucketBandQueue); len(q) != 5 || db.queue.len() != 5 {
		t.Errorf("queue holds %d holders (%d in memory), want 5", len(q), db.queue.len())
	}
	checkBandFilter(t, db)
}

// A flush writes exactly the keys that writing each article's band keys
// in its own commit writes, and empties the queue.
func TestFlushWritesSameKeys(t *testing.T) {
	ref := openWithPriority(t, t.TempDir())
	ref.queue.max = 1
	putAll(t, ref, queueWorld())
	db := openWithPriority(t, t.TempDir())
	putAll(t, db, queueWorld())
	if err := db.FlushBands(); err != nil {
		t.Fatal(err)
	}
	for _, name := range [][]byte{bucketBands, bucketSigs, bucketClusters, bucketMember} {
		got, want := bucketKeys(t, db, name), bucketKeys(t, ref, name)
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("bucket %s after a flush: %d keys, want the %d of per-article writes", name, len(got), len(want))
		}
	}
	if q := bucketKeys(t, db, bucketBandQueue); len(q) != 0 || db.queue.len() != 0 {
		t.Errorf("after a flush %d holders queued (%d in memory)", len(q), db.queue.len())
	}
	for _, d := range []*DB{ref, db} {
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// The queue fills up: its transaction writes the band keys.
func TestQueueFlushedWhenFull(t *testing.T) {
	db := openWithPriority(t, t.TempDir())
	defer db.Close()
	db.queue.max = 3
	putAll(t, db, world())
	if n := len(bucketKeys(t, db, bucketBands)); n == 0 {
		t.Error("no band keys written after the queue was full")
	}
	if n := db.queue.len(); n >= 3 {
		t.Errorf("%d holders queued, want fewer than 3", n)
	}
	checkBandFilter(t, db)
}

// A kill -9 loses no queued band key: the queue is committed with the
// articles, and Open reads it back.
func TestQueueSurvivesCrash(t *testing.T) {
	ref := openWithPriority(t, t.TempDir())
	defer ref.Close()
	urls := putAll(t, ref, world())
	want := state(t, ref, urls)

	dir := t.TempDir()
	db := openWithPriority(t, dir)
	putAll(t, db, world()[:2])
	// The crash: no flush, no filter file.
	if err := db.bolt.Close(); err != nil {
		t.Fatal(err)
	}
	db = openWithPriority(t, dir)
	defer db.Close()
	if q := bucketKeys(t, db, bucketBandQueue); len(q) != 1 || db.queue.len() != 1 {
		t.Fatalf("after the crash %d holders queued (%d in memory), want 1", len(q), db.queue.len())
	}
	checkBandFilter(t, db)
	putAll(t, db, world()[2:])
	if got := state(t, db, urls); got != want {
		t.Errorf("after a crash:\n%s\nwant:\n%s", got, want)
	}
}

// A transaction that changes the queue and rolls back leaves the queue
// as committed: a failed flush loses no key, a failed index adds none.
func TestQueueRollback(t *testing.T) {
	db := openWithPriority(t, t.TempDir())
	defer db.Close()
	putAll(t, db, world()[:1])
	errRollback := errors.New("rollback")
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		if err := db.queue.flush(tx); err != nil {
			return err
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatal(err)
	}
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		if err := indexHolder(tx, db.nd, &db.bands, &db.queue, "ghost", db.nd.Sign(other)); err != nil {
			return err
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatal(err)
	}
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		near, err := similar(tx, db.nd, &db.bands, &db.queue, db.nd.Sign(nearCopy(story)), "")
		if err != nil {
			return err
		}
		if len(near) != 1 {
			t.Errorf("after a failed flush the near copy finds %v, want the queued original", near)
		}
		if db.queue.len() != 1 || len(db.queue.holders(nil, db.nd.BandKeys(db.nd.Sign(other))[0])) != 0 {
			t.Errorf("queue after rollbacks: %d holders, want the 1 committed", db.queue.len())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A rebuild empties the queue: it indexes every text again.
func TestRebuildEmptiesQueue(t *testing.T) {
	db := openWithPriority(t, t.TempDir())
	defer db.Close()
	urls := putAll(t, db, world())
	want := state(t, db, urls)
	if _, err := db.RebuildDuplicates(nil); err != nil {
		t.Fatal(err)
	}
	if got := state(t, db, urls); got != want {
		t.Errorf("rebuilt:\n%s\nwant:\n%s", got, want)
	}
	if q := bucketKeys(t, db, bucketBandQueue); len(q) != 0 || db.queue.len() != 0 {
		t.Errorf("after a rebuild %d holders queued (%d in memory)", len(q), db.queue.len())
	}
	putAll(t, db, world())
	if got := state(t, db, urls); got != want {
		t.Errorf("after a rebuild and the same puts:\n%s\nwant:\n%s", got, want)
	}
}
