package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Each case stops a Put at a step boundary, as a crash would, then
// reopens the store and expects the put completed and the store
// consistent.
func TestRepairAfterCrash(t *testing.T) {
	tests := []struct {
		name  string
		crash func(t *testing.T, db *DB, r Record)
	}{
		{"after pending, before files", func(t *testing.T, db *DB, r Record) {
			stageOnly(t, db, r)
		}},
		{"after files, before commit", func(t *testing.T, db *DB, r Record) {
			stageOnly(t, db, r)
			if err := writeArticleFiles(db.corpus, r); err != nil {
				t.Fatal(err)
			}
		}},
		{"stray temporary file", func(t *testing.T, db *DB, r Record) {
			stageOnly(t, db, r)
			d := articleDir(db.corpus, r)
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
			tmp := filepath.Join(d, r.ID+".txt.123456.tmp")
			if err := os.WriteFile(tmp, []byte("half"), 0o600); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/new", func(t *testing.T) {
			dir := t.TempDir()
			db := mustOpenDir(t, dir)
			r := prepare(article(url1, text))
			tt.crash(t, db, r)
			db = reopen(t, db, dir)
			defer db.Close()
			assertStored(t, db, r)
		})
		t.Run(tt.name+"/moved update", func(t *testing.T) {
			dir := t.TempDir()
			db := mustOpenDir(t, dir)
			if _, err := db.Put(article(url1, text)); err != nil {
				t.Fatal(err)
			}
			r := article(url1, text+" Cập nhật.")
			r.Published = time.Date(2025, 12, 1, 0, 0, 0, 0, ict)
			r = prepare(r)
			tt.crash(t, db, r)
			db = reopen(t, db, dir)
			defer db.Close()
			assertStored(t, db, r)
		})
	}
}

// prepare fills the fields Put computes.
func prepare(r Record) Record {
	r.ID, r.ContentHash = ID(r.URL), ContentHash(r.Text)
	return r
}

// stageOnly runs step 1 of Put and asserts it staged the record.
func stageOnly(t *testing.T, db *DB, r Record) {
	t.Helper()
	_, staged, err := db.stage(canonicalURL(r.URL), r)
	if err != nil || !staged {
		t.Fatalf("stage = %v, %v; want staged", staged, err)
	}
}

// assertStored checks that r is the committed version and that the
// store is consistent.
func assertStored(t *testing.T, db *DB, r Record) {
	t.Helper()
	got, err := db.Get(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	assertSameRecord(t, got, r)
	if l, err := db.LookupURL(r.URL); err != nil || l.ID != r.ID {
		t.Errorf("LookupURL = %s, %v", l.ID, err)
	}
	checkConsistent(t, db)
}

// A read-only open leaves pending writes alone and reports them.
func TestReadOnlyDoesNotRepair(t *testing.T) {
	dir := t.TempDir()
	db := mustOpenDir(t, dir)
	r := prepare(article(url1, text))
	stageOnly(t, db, r)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(dir, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	st, err := ro.Stats()
	if err != nil || st.Pending != 1 || st.Articles != 0 {
		t.Errorf("read-only Stats = %+v, %v; want 1 pending, 0 articles", st, err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	db = mustOpenDir(t, dir)
	defer db.Close()
	assertStored(t, db, r)
}
