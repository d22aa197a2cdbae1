package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/unionnews/unionnews/store/neardup"
)

// checkBandFilter asserts that the band filter lets every band key of
// bucketBands through (a key it dropped would hide a duplicate). It
// builds the filter when the session has none. checkConsistent calls it,
// so every test that reopens a store after a crash checks it too.
func checkBandFilter(t *testing.T, db *DB) {
	t.Helper()
	if db.readOnly {
		return
	}
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		var keys []uint64
		c := tx.Bucket(bucketBands).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if len(k) < bandKeyLen {
				t.Errorf("band key %x too short", k)
				continue
			}
			keys = append(keys, binary.BigEndian.Uint64(k))
		}
		keys = slices.Compact(keys)
		passed := db.bands.mayHave(tx, slices.Clone(keys))
		if len(passed) != len(keys) {
			t.Errorf("band filter lets %d of the %d stored band keys through", len(passed), len(keys))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// filterStore is a store of n distinct generated articles, two of them
// with near copies.
func filterStore(t *testing.T, n int) (*DB, string) {
	t.Helper()
	dir := t.TempDir()
	db := openWithPriority(t, dir)
	for i := range n {
		if _, err := db.Put(article(fmt.Sprintf("https://laodong.vn/bai-%d.ldo", i), distinctText(i)+" "+distinctText(i+n))); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range world() {
		if _, err := db.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	return db, dir
}

// The band filter holds every stored band key: built during the
// session's Puts, built anew after a reopen, after a rebuild with other
// parameters, and after a transaction that deleted keys and built the
// filter rolled back.
func TestBandFilterHoldsEveryKey(t *testing.T) {
	db, dir := filterStore(t, 40)
	checkBandFilter(t, db)
	db = reopen(t, db, dir)
	defer func() { db.Close() }()
	db.bands.mu.Lock()
	if db.bands.f != nil {
		t.Error("a new session has a band filter before its first lookup")
	}
	db.bands.mu.Unlock()
	checkBandFilter(t, db)

	p := db.nd
	p.Bands, p.Rows = 28, 4
	if _, err := db.RebuildDuplicates(&p); err != nil {
		t.Fatal(err)
	}
	checkBandFilter(t, db)
	if _, err := db.RebuildDuplicates(&neardup.Default); err != nil {
		t.Fatal(err)
	}
	checkBandFilter(t, db)

	// A transaction takes holders out of the index, fills the filter so
	// that the next lookup builds it again from what the transaction
	// sees, and fails: its deletes are undone, the filter must not stay.
	errFail := errors.New("fail on purpose")
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		for i := range 10 {
			if err := db.detach(tx, ID(fmt.Sprintf("https://laodong.vn/bai-%d.ldo", i))); err != nil {
				return err
			}
		}
		db.bands.mu.Lock()
		db.bands.keys = db.bands.capKeys + 1
		db.bands.mu.Unlock()
		builds := db.bands.builds
		if _, err := similar(tx, db.nd, &db.bands, db.nd.Sign(other), ""); err != nil {
			return err
		}
		if db.bands.builds != builds+1 {
			t.Errorf("a full filter was not built again")
		}
		return errFail
	})
	if !errors.Is(err, errFail) {
		t.Fatal(err)
	}
	checkBandFilter(t, db)
	checkConsistent(t, db)
}

// With the filter, a lookup finds exactly what it finds without one,
// and a new unrelated text's band keys are not sought in bbolt.
func TestBandFilterLookups(t *testing.T) {
	db, _ := filterStore(t, 150)
	defer db.Close()
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		db.bands.probes, db.bands.passed = 0, 0
		texts := []string{story, nearCopy(story), nearCopy(story) + extraSentence, other}
		for i := range 150 {
			texts = append(texts, distinctText(i)+" "+distinctText(i+150), distinctText(1000+i)+" "+distinctText(2000+i))
		}
		for _, text := range texts {
			sig := db.nd.Sign(text)
			with, err := similar(tx, db.nd, &db.bands, sig, "")
			if err != nil {
				return err
			}
			without, err := similar(tx, db.nd, nil, sig, "")
			if err != nil {
				return err
			}
			slices.Sort(with)
			slices.Sort(without)
			if !slices.Equal(with, without) {
				t.Errorf("%.30q: %v with the filter, %v without", text, with, without)
			}
		}
		// The new texts alone.
		db.bands.probes, db.bands.passed = 0, 0
		for i := range 150 {
			if _, err := similar(tx, db.nd, &db.bands, db.nd.Sign(distinctText(1000+i)+" "+distinctText(2000+i)), ""); err != nil {
				return err
			}
		}
		if db.bands.probes != 150*uint64(db.nd.Bands) || db.bands.passed > db.bands.probes/20 {
			t.Errorf("new texts: %d of %d band keys sought in bbolt, want at most 5%%", db.bands.passed, db.bands.probes)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A band key shared by several holders is one key of the filter, and
// the filter grows when more keys come than it was sized for.
func TestBandFilterGrows(t *testing.T) {
	db, _ := filterStore(t, 5)
	defer db.Close()
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		db.bands.mu.Lock()
		db.bands.f = nil
		db.bands.ready(tx, 0)
		keys, capKeys := db.bands.keys, db.bands.capKeys
		db.bands.mu.Unlock()
		distinct := 0
		var last []byte
		c := tx.Bucket(bucketBands).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if !bytes.Equal(last, k[:bandKeyLen]) {
				distinct++
			}
			last = k[:bandKeyLen]
		}
		if int(keys) != distinct || capKeys != filterMinKeys {
			t.Errorf("built with %d keys for %d, want %d for %d", keys, capKeys, distinct, filterMinKeys)
		}
		big := make([]uint64, filterMinKeys)
		for i := range big {
			big[i] = uint64(i) * 0x9e3779b97f4a7c15
		}
		db.bands.add(big[:len(big)/2])
		before := db.bands.builds
		if got := db.bands.mayHave(tx, slices.Clone(big[:len(big)/2])); len(got) != len(big)/2 {
			t.Errorf("%d of %d added keys found", len(got), len(big)/2)
		}
		// Past its size, the next lookup builds it from the bucket, where
		// these keys are not: they are dropped.
		db.bands.add(big[len(big)/2:])
		if got := db.bands.mayHave(tx, slices.Clone(big)); len(got) > len(big)/50 {
			t.Errorf("%d of %d keys that are not stored found after the filter was built again", len(got), len(big))
		}
		if db.bands.builds != before+1 || db.bands.capKeys < 2*filterMinKeys {
			t.Errorf("after %d adds: %d builds (was %d), sized for %d", len(big), db.bands.builds, before, db.bands.capKeys)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkBandFilter(t, db)
}
