package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// damagedFiles lists the kept damaged files in dir.
func damagedFiles(t *testing.T, dir string) []string {
	t.Helper()
	kept, err := filepath.Glob(filepath.Join(dir, dbFileName+damagedInfix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	return kept
}

// A repair killed while it builds (here: Fill fails, leaving a
// half-built temporary database behind) leaves the damaged database in
// place, untouched; the next repair discards the half-built file and
// completes.
func TestRepairInterruptedLeavesDamagedInPlace(t *testing.T) {
	dir := filled(t, 20)
	// A record that no longer decodes: bbolt opens the file (a torn
	// page would make bbolt's Open panic and, in this one test process,
	// keep its lock), the check fails.
	spoilRecord(t, dir)
	path := filepath.Join(dir, dbFileName)
	boom := errors.New("killed")
	_, err := RepairWith(dir, nil, &RepairOptions{Fill: func(*DB) error { return boom }})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the fill's error", err)
	}
	if !spoiled(t, path) {
		t.Fatal("an interrupted repair replaced the damaged database")
	}
	if k := damagedFiles(t, dir); len(k) != 0 {
		t.Errorf("damaged copies before the swap: %v", k)
	}
	if _, err := os.Stat(path + rebuildSuffix); err != nil {
		t.Fatalf("no half-built database to discard (the test proves nothing): %v", err)
	}
	// Garbage in the half-built file, as a kill mid-write leaves.
	if err := os.WriteFile(path+rebuildSuffix, bytes.Repeat([]byte{0xAB}, 9000), 0o644); err != nil {
		t.Fatal(err)
	}

	rep, err := Repair(dir, nil)
	if err != nil || !rep.Rebuilt || rep.Restored != 20 {
		t.Fatalf("re-run: %+v, %v", rep, err)
	}
	if _, err := os.Stat(path + rebuildSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary database left: %v", err)
	}
	k := damagedFiles(t, dir)
	if len(k) != 1 || k[0] != rep.Damaged {
		t.Fatalf("kept %v, report says %q", k, rep.Damaged)
	}
	if !spoiled(t, k[0]) {
		t.Error("the kept file is not the damaged database")
	}
	db := mustOpenDir(t, dir)
	defer db.Close()
	if st, err := db.Stats(); err != nil || st.Articles != 20 {
		t.Fatalf("after repair: %+v, %v", st, err)
	}
}

// spoilRecord overwrites one stored record with bytes that do not decode.
func spoilRecord(t *testing.T, dir string) {
	t.Helper()
	bdb, err := bolt.Open(filepath.Join(dir, dbFileName), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	err = bdb.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		k, _ := b.Cursor().First()
		return b.Put(k, []byte("{not json"))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// spoiled reports whether the bbolt file at path holds spoilRecord's bytes.
func spoiled(t *testing.T, path string) bool {
	t.Helper()
	bdb, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	found := false
	bdb.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketArticles).ForEach(func(_, v []byte) error {
			found = found || bytes.Equal(v, []byte("{not json"))
			return nil
		})
	})
	return found
}

// A repair killed between keeping the damaged file (a hard link) and
// renaming the new database into place: the re-run keeps the same
// damaged file, not a second copy.
func TestRepairKilledAfterKeepingDamaged(t *testing.T) {
	dir := filled(t, 5)
	damage(t, dir)
	path := filepath.Join(dir, dbFileName)
	early := path + damagedInfix + "20000101T000000Z"
	if err := os.Link(path, early); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	rep, err := Repair(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if k := damagedFiles(t, dir); rep.Damaged != early || len(k) != 1 {
		t.Errorf("kept %v, report %q; want only %s", k, rep.Damaged, early)
	}
}

// A missing database beside an archive but no corpus files is rebuilt
// from what Fill supplies alone; -from archive (NoCorpus) ignores the
// corpus files.
func TestRepairFillOnly(t *testing.T) {
	dir := filled(t, 4)
	damage(t, dir)
	var saw int
	rep, err := RepairWith(dir, nil, &RepairOptions{NoCorpus: true, Fill: func(db *DB) error {
		st, err := db.Stats()
		saw = st.Articles
		_, perr := db.Put(article("https://laodongthudo.vn/tu-luu-tru.html", "Bài từ kho lưu trữ. "+distinctText(99)))
		return errors.Join(err, perr)
	}})
	if err != nil || !rep.Rebuilt || rep.Restored != 0 || saw != 0 {
		t.Fatalf("report %+v, %v; fill saw %d articles", rep, err, saw)
	}
	db := mustOpenDir(t, dir)
	defer db.Close()
	if _, err := db.LookupURL("https://laodongthudo.vn/tu-luu-tru.html"); err != nil {
		t.Error(err)
	}
}
