package store

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// mustOpen opens a store in a fresh directory, closes it at the end of
// the test and then checks that database and corpus agree.
func mustOpen(t *testing.T) (*DB, string) {
	t.Helper()
	dir := t.TempDir()
	db := mustOpenDir(t, dir)
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
		db2 := mustOpenDir(t, dir)
		checkConsistent(t, db2)
		db2.Close()
	})
	return db, dir
}

func mustOpenDir(t *testing.T, dir string) *DB {
	t.Helper()
	db, err := Open(dir, nil)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	return db
}

// reopen closes db and opens its directory again.
func reopen(t *testing.T, db *DB, dir string) *DB {
	t.Helper()
	if err := db.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	return mustOpenDir(t, dir)
}

// checkConsistent asserts the store's invariants: nothing pending, every
// record has both files with the expected content, every file in the
// corpus belongs to a record at that path, no temporary files, and the
// url and hash indexes point to records.
func checkConsistent(t *testing.T, db *DB) {
	t.Helper()
	st, err := db.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Pending != 0 {
		t.Errorf("pending = %d, want 0", st.Pending)
	}
	want := map[string][]byte{} // path -> content
	n := 0
	err = db.ForEach(func(r Record) error {
		n++
		if isCopy(r) {
			return nil // a copy of a story has no files: its canonical has
		}
		dir := articleDir(db.CorpusDir(), r)
		js, err := jsonFile(r)
		if err != nil {
			return err
		}
		want[filepath.Join(dir, r.ID+".txt")] = textFile(r)
		want[filepath.Join(dir, r.ID+".json")] = js
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != st.Articles {
		t.Errorf("ForEach saw %d articles, Stats says %d", n, st.Articles)
	}
	got := map[string]bool{}
	err = filepath.WalkDir(db.CorpusDir(), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		got[p] = true
		if strings.HasSuffix(p, ".tmp") {
			t.Errorf("temporary file left: %s", p)
			return nil
		}
		w, ok := want[p]
		if !ok {
			t.Errorf("file without record: %s", p)
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !bytes.Equal(b, w) {
			t.Errorf("%s = %q, want %q", p, b, w)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for p := range want {
		if !got[p] {
			t.Errorf("record without file: %s", p)
		}
	}
	checkIndexes(t, db)
	checkBandFilter(t, db)
}

// checkIndexes asserts that urls and hashes point to stored articles.
func checkIndexes(t *testing.T, db *DB) {
	t.Helper()
	err := db.bolt.View(func(tx *bolt.Tx) error {
		articles := tx.Bucket(bucketArticles)
		for _, name := range [][]byte{bucketURLs, bucketHashes} {
			err := tx.Bucket(name).ForEach(func(k, v []byte) error {
				if articles.Get(v) == nil {
					t.Errorf("%s[%s] = %s: no such article", name, k, v)
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var (
	published = time.Date(2026, 3, 31, 20, 30, 0, 0, time.UTC) // 1 April 03:30 in Hanoi
	fetched   = time.Date(2026, 5, 2, 8, 0, 0, 0, time.UTC)
)

// article returns a valid record for url with the given text.
func article(url, text string) Record {
	return Record{
		URL:       url,
		Site:      "laodongthudo.vn",
		Title:     "Công đoàn Thủ đô chăm lo Tết cho đoàn viên",
		Lead:      "Sa pô",
		Text:      text,
		Author:    "Minh Anh",
		Published: published,
		Category:  "Công đoàn",
		Tags:      []string{"công đoàn", "Tết"},
		Images:    []Image{{URL: "https://laodongthudo.vn/a.jpg", Caption: "Ảnh"}},
		Extractor: "profile",
		FetchedAt: fetched,
	}
}
