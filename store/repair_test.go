package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// filled makes a store in a fresh directory with n articles and closes it.
func filled(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	db := mustOpenDir(t, dir)
	for i := range n {
		r := article(fmt.Sprintf("https://laodongthudo.vn/bai-%d.html", i), fmt.Sprintf("Bài số %d. %s", i, strings.Repeat("Nội dung công đoàn. ", 40)))
		if _, err := db.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// damage overwrites every page after the meta and freelist pages with a
// pattern, as a torn disk or a bad copy would.
func damage(t *testing.T, dir string) {
	t.Helper()
	path := filepath.Join(dir, dbFileName)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ps := os.Getpagesize()
	for i := 3 * ps; i < len(b); i++ {
		b[i] = byte(i*7 + 13)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A damaged database is an error wrapping ErrCorrupt from every entry
// point, never a panic.
func TestDamagedDatabaseIsAnError(t *testing.T) {
	dir := filled(t, 40)
	damage(t, dir)
	var err error
	func() {
		defer func() {
			if v := recover(); v != nil {
				t.Fatalf("panic escaped the store: %v", v)
			}
		}()
		var db *DB
		db, err = Open(dir, &Options{ReadOnly: true})
		if err != nil {
			return
		}
		defer db.Close()
		if _, err = db.Stats(); err != nil {
			return
		}
		err = db.ForEach(func(Record) error { return nil })
	}()
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("err = %v, want ErrCorrupt", err)
	}
	if !strings.Contains(err.Error(), dbFileName) {
		t.Errorf("error %q does not name the file", err)
	}
}

func TestRepairRebuildsFromCorpus(t *testing.T) {
	dir := filled(t, 40)
	damage(t, dir)
	rep, err := Repair(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Rebuilt || rep.Restored != 40 || rep.Damaged == "" || len(rep.Problems) == 0 {
		t.Fatalf("report %+v", rep)
	}
	if _, err := os.Stat(rep.Damaged); err != nil {
		t.Errorf("damaged file not kept: %v", err)
	}
	db := mustOpenDir(t, dir)
	defer db.Close()
	st, err := db.Stats()
	if err != nil || st.Articles != 40 || st.Visited != 40 {
		t.Fatalf("after repair: %+v, %v", st, err)
	}
	checkConsistent(t, db)
}

func TestRepairSoundDatabase(t *testing.T) {
	dir := filled(t, 3)
	var files []string
	filepath.WalkDir(filepath.Join(dir, corpusDirName), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".txt") {
			files = append(files, p)
		}
		return nil
	})
	os.Remove(files[0])
	rep, err := Repair(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rebuilt || rep.Damaged != "" || len(rep.Problems) != 0 || rep.FilesRewritten != 1 {
		t.Errorf("report %+v, want a sound database with one article's files rewritten", rep)
	}
}

// A kill during set-up leaves a bbolt file without buckets: a reader is
// told the set-up was interrupted and nothing is lost — not that this is
// "not a unionnews database" — and Repair finishes it.
func TestInterruptedSetUp(t *testing.T) {
	for _, tt := range []struct {
		name string
		make func(path string) error
	}{
		{"no buckets", func(path string) error {
			b, err := bolt.Open(path, 0o644, nil)
			if err != nil {
				return err
			}
			return b.Close()
		}},
		{"empty file", func(path string) error { return os.WriteFile(path, nil, 0o644) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := tt.make(filepath.Join(dir, dbFileName)); err != nil {
				t.Fatal(err)
			}
			_, err := Open(dir, &Options{ReadOnly: true})
			if err == nil || strings.Contains(err.Error(), "not a unionnews database") {
				t.Errorf("read-only open: %v", err)
			}
			if tt.name == "no buckets" && (!errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), "repair")) {
				t.Errorf("read-only open: %v, want ErrIncomplete suggesting repair", err)
			}
			rep, err := Repair(dir, nil)
			if err != nil || !rep.SetUpFinished || rep.Rebuilt {
				t.Fatalf("repair: %+v, %v", rep, err)
			}
			db, err := Open(dir, &Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("after repair: %v", err)
			}
			db.Close()
		})
	}
}

// Another program's bbolt file is refused and left untouched.
func TestForeignDatabaseLeftAlone(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, dbFileName)
	b, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("widgets")); return err })
	b.Close()
	before, _ := os.ReadFile(path)
	for _, ro := range []bool{true, false} {
		if _, err := Open(dir, &Options{ReadOnly: ro}); !errors.Is(err, ErrForeign) {
			t.Errorf("open (read-only %v): %v, want ErrForeign", ro, err)
		}
	}
	if _, err := Repair(dir, nil); !errors.Is(err, ErrForeign) {
		t.Errorf("repair: %v, want ErrForeign", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("the foreign file was changed")
	}
}

func TestMissingDatabaseReadOnly(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(dir, &Options{ReadOnly: true})
	if !errors.Is(err, ErrNoDatabase) || strings.Count(err.Error(), "open ") != 1 {
		t.Errorf("err = %v, want ErrNoDatabase saying the path once", err)
	}
}
