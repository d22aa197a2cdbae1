package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unionnews/unionnews/store/neardup"
)

// The benchmark's hooks into the lookup (BenchmarkNearDup100k), kept
// apart so that the benchmark runs unchanged against an older index.

// benchLookup is one lookup, as Put makes it.
func benchLookup(db *DB, tx *bolt.Tx, sig neardup.Signature) ([]string, error) {
	return similar(tx, db.nd, &db.bands, &db.queue, sig, "")
}

// benchNewSession forgets the band filter, as a new process would.
func benchNewSession(db *DB) {
	db.bands.mu.Lock()
	defer db.bands.mu.Unlock()
	db.bands.f = nil
}

// benchSaveLoad saves the band filter as Close does and takes it back
// as the next Open does, and returns the CPU time of each.
func benchSaveLoad(db *DB) (save, load time.Duration, err error) {
	t0 := cpuTime()
	if err := db.saveBandFilter(); err != nil {
		return 0, 0, err
	}
	t1 := cpuTime()
	benchNewSession(db)
	if err := db.loadBandFilter(); err != nil {
		return 0, 0, err
	}
	if db.bands.f == nil {
		return 0, 0, fmt.Errorf("saved band filter not taken")
	}
	return t1 - t0, cpuTime() - t1, nil
}

// benchFilterBytes is the band filter's memory.
func benchFilterBytes(db *DB) int { return db.bands.bytes() }

// benchFilterStats tells how many band keys the filter let through.
func benchFilterStats(db *DB) string {
	bf := &db.bands
	bf.mu.Lock()
	defer bf.mu.Unlock()
	return fmt.Sprintf("%d builds, %d of %d keys passed (%.2f%%), %d keys in a filter sized for %d, %d hashes",
		bf.builds, bf.passed, bf.probes, 100*float64(bf.passed)/float64(max(1, bf.probes)), bf.keys, bf.capKeys, bf.f.K())
}
