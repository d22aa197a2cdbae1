package store

import (
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// dirtyIDs lists the ids marked dirty (dirty.go).
func dirtyIDs(t *testing.T, db *DB) []string {
	t.Helper()
	var ids []string
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDirty).ForEach(func(k, _ []byte) error {
			ids = append(ids, string(k))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// The commit of an article whose files step 2 already wrote leaves no
// dirty mark: otherwise every commit is followed by a second write of
// the same two files, each fsynced, and a third transaction (the batch
// writer's files would be written twice, the second time one fsync at
// a time). A near copy, whose files must go, is still marked.
func TestCommitMarksOnlyFilesToChange(t *testing.T) {
	db, _ := mustOpen(t)
	first := prepare(article("https://laodongthudo.vn/a.html", story))
	stageOnly(t, db, first)
	if err := db.complete(first); err != nil {
		t.Fatal(err)
	}
	if got := dirtyIDs(t, db); len(got) != 0 {
		t.Fatalf("dirty after committing a new article = %v, want none", got)
	}
	cp := prepare(article("https://laodongthudo.vn/b.html", nearCopy(story)))
	cp.Published = first.Published.Add(1)
	stageOnly(t, db, cp)
	if err := db.complete(cp); err != nil {
		t.Fatal(err)
	}
	got := dirtyIDs(t, db)
	if len(got) != 2 {
		t.Fatalf("dirty after committing a near copy = %v, want the copy and its canonical", got)
	}
	db.mu.Lock()
	err := db.syncFiles()
	db.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
}

// The batch writer writes a new article's files in place (filesnew.go):
// a crash can leave them cut short under their final names. The pending
// entry is still there, so Open rewrites them whole.
func TestNewFilesCutShortAreRepaired(t *testing.T) {
	dir := t.TempDir()
	db := mustOpenDir(t, dir)
	r := prepare(article("https://laodongthudo.vn/a.html", story))
	stageOnly(t, db, r)
	d, err := writeNewArticleFiles(db.corpus, r)
	if err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".txt", ".json"} {
		if err := os.Truncate(filepath.Join(d, r.ID+ext), 10); err != nil {
			t.Fatal(err)
		}
	}
	db = reopen(t, db, dir)
	defer db.Close()
	assertStored(t, db, r) // checkConsistent compares both files with the record
}
