package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
		// The queued band keys (neardup_queue.go) too.
		if err := readyQueue(tx, db.nd, &db.queue, &db.bands); err != nil {
			return err
		}
		keys = append(keys, db.queue.allKeys()...)
		slices.Sort(keys)
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
	if db.bands.builds != 1 {
		t.Errorf("the Puts built the band filter %d times, want once", db.bands.builds)
	}
	db = reopen(t, db, dir)
	defer func() { db.Close() }()
	if db.bands.f == nil || db.bands.builds != 0 {
		t.Errorf("the reopened store did not take the saved band filter (%d builds)", db.bands.builds)
	}
	checkBandFilter(t, db)
	if db.bands.builds != 0 {
		t.Errorf("the saved filter was built again")
	}

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
		if _, err := similar(tx, db.nd, &db.bands, &db.queue, db.nd.Sign(other), ""); err != nil {
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
			with, err := similar(tx, db.nd, &db.bands, &db.queue, sig, "")
			if err != nil {
				return err
			}
			without, err := similar(tx, db.nd, nil, &db.queue, sig, "")
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
			if _, err := similar(tx, db.nd, &db.bands, &db.queue, db.nd.Sign(distinctText(1000+i)+" "+distinctText(2000+i)), ""); err != nil {
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
	// The band keys are counted in their bucket: none stays queued.
	if err := db.FlushBands(); err != nil {
		t.Fatal(err)
	}
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

// A saved band filter is used only by the next session of the same
// database with no commit in between: a session that ended without
// saving (a crash), a damaged file and another store's file are ignored
// and the filter is built from the bands.
func TestBandFilterFile(t *testing.T) {
	db, dir := filterStore(t, 20)
	checkBandFilter(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, dbFileName+filterFileSuffix)
	saved, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Another store's filter file.
	odb, odir := filterStore(t, 3)
	if err := odb.Close(); err != nil {
		t.Fatal(err)
	}
	foreign, err := os.ReadFile(filepath.Join(odir, dbFileName+filterFileSuffix))
	if err != nil {
		t.Fatal(err)
	}

	// The next session takes the file and removes it; it stores more
	// texts and ends without saving (as kill -9 would).
	db = mustOpenDir(t, dir)
	if db.bands.f == nil {
		t.Fatal("saved filter not taken")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("filter file left after Open: %v", err)
	}
	for i := range 5 {
		if _, err := db.Put(article(fmt.Sprintf("https://nld.com.vn/moi-%d.htm", i), distinctText(500+i)+" "+distinctText(600+i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.bolt.Close(); err != nil { // no Close: no save
		t.Fatal(err)
	}

	for _, c := range []struct {
		name, reason string
		file         func(good []byte) []byte
	}{
		{"stale (saved before the crashed session)", "saved at transaction", func([]byte) []byte { return saved }},
		{"damaged", "checksum", func(good []byte) []byte {
			good[len(good)/2] ^= 0x10
			return good
		}},
		{"truncated", "size", func(good []byte) []byte { return good[:len(good)-100] }},
		{"another store's", "another database", func([]byte) []byte { return foreign }},
	} {
		good, err := os.ReadFile(path)
		if c.name != "stale (saved before the crashed session)" && err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, c.file(good), 0o644); err != nil {
			t.Fatal(err)
		}
		var log bytes.Buffer
		db, err = Open(dir, &Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
		if err != nil {
			t.Fatal(err)
		}
		if db.bands.f != nil || !strings.Contains(log.String(), c.reason) {
			t.Errorf("%s filter file taken, or not for the reason %q; log:\n%s", c.name, c.reason, log.String())
		}
		checkBandFilter(t, db)
		if db.bands.builds != 1 {
			t.Errorf("%s filter file: built %d times, want once", c.name, db.bands.builds)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
	// A rebuild clears the token: the filter saved before it is ignored.
	db = mustOpenDir(t, dir)
	checkBandFilter(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	saved, err = os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	db = mustOpenDir(t, dir)
	if _, err := db.RebuildDuplicates(nil); err != nil {
		t.Fatal(err)
	}
	if err := db.bolt.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, saved, 0o644); err != nil {
		t.Fatal(err)
	}
	db = mustOpenDir(t, dir)
	defer db.Close()
	if db.bands.f != nil {
		t.Error("filter saved before a rebuild taken")
	}
	checkBandFilter(t, db)
	checkConsistent(t, db)
}

// A database a repair builds under a temporary name saves no band
// filter: the file would be left behind when the database is renamed.
func TestBandFilterNotSavedUnderTemporaryName(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, &Options{file: dbFileName + rebuildSuffix})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range world() {
		if _, err := db.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	checkBandFilter(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	m, _ := filepath.Glob(filepath.Join(dir, "*"+filterFileSuffix))
	if len(m) != 0 {
		t.Errorf("band filter saved for a temporary database: %v", m)
	}
}
