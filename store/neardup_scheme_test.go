package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/unionnews/unionnews/store/neardup"
)

// An index written with an older signature scheme (parameters without a
// scheme, band keys prefixed by the band number) is stale: the next
// writable Open rebuilds it with the current scheme, and the clusters
// are those the Puts built.
func TestStaleIndexRebuiltAtOpen(t *testing.T) {
	dir := t.TempDir()
	db := openWithPriority(t, dir)
	var urls []string
	for _, r := range world() {
		urls = append(urls, r.URL)
		if _, err := db.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	built := state(t, db, urls)
	// Turn the index into one of scheme 0: old parameters, old-layout
	// band keys and signatures that match nothing.
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		sigs, bands := tx.Bucket(bucketSigs), tx.Bucket(bucketBands)
		if err := sigs.Put(paramsKey, []byte(`{"Bands":56,"Rows":2,"Threshold":0.27}`)); err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketBands); err != nil {
			return err
		}
		bands, err := tx.CreateBucket(bucketBands)
		if err != nil {
			return err
		}
		c := sigs.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if bytes.Equal(k, paramsKey) {
				continue
			}
			old := make([]byte, 9, 9+len(k))
			old[0] = 3
			binary.BigEndian.PutUint64(old[1:], 42)
			if err := bands.Put(append(old, k...), nil); err != nil {
				return err
			}
			if err := sigs.Put(k, make([]byte, 4*112)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	ro, err := Open(dir, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if !ro.DuplicateParams().Stale() {
		t.Errorf("read-only Open: params %+v, want the stale scheme 0", ro.DuplicateParams())
	}
	_ = ro.Close()

	db = openWithPriority(t, dir)
	defer db.Close()
	if p := db.DuplicateParams(); p != neardup.Default {
		t.Errorf("params after Open = %+v, want %+v", p, neardup.Default)
	}
	err = db.bolt.View(func(tx *bolt.Tx) error {
		stored, err := loadParams(tx)
		if err != nil || stored != neardup.Default {
			t.Errorf("stored params = %+v, %v", stored, err)
		}
		n := 0
		c := tx.Bucket(bucketBands).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			n++
			if len(k) != bandKeyLen+idLen {
				t.Errorf("band key %x of the old layout left", k)
			}
		}
		holders := countKeys(tx.Bucket(bucketSigs)) - 1 // the texts; exact copies are aliases
		if want := holders * neardup.Default.Bands; holders != 4 || n != want {
			t.Errorf("%d band keys of %d holders, want %d of 4", n, holders, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := state(t, db, urls); got != built {
		t.Errorf("after the rebuild at Open:\n%s\nwant:\n%s", got, built)
	}
	checkConsistent(t, db)
}

// idSet answers the same as a map before and after it becomes one.
func TestIDSet(t *testing.T) {
	var s idSet
	for i := range 100 {
		id := fmt.Sprintf("%016x", i)
		if s.has([]byte(id)) {
			t.Fatalf("%s found before it was added", id)
		}
		s.add(id)
		for j := 0; j <= i; j++ {
			if !s.has([]byte(fmt.Sprintf("%016x", j))) {
				t.Fatalf("after %d adds, %d is missing", i+1, j)
			}
		}
	}
}
