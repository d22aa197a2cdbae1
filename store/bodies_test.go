package store

import (
	"bytes"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// inlineRecords puts every record back into the articles bucket, as
// versions before the bodies bucket stored them, and drops the bodies.
func inlineRecords(tx *bolt.Tx) error {
	articles := tx.Bucket(bucketArticles)
	type kv struct{ k, v []byte }
	var all []kv
	err := articles.ForEach(func(k, v []byte) error {
		js, err := recordBytes(tx, v)
		all = append(all, kv{bytes.Clone(k), bytes.Clone(js)})
		return err
	})
	if err != nil {
		return err
	}
	for _, e := range all {
		if err := articles.Put(e.k, e.v); err != nil {
			return err
		}
	}
	if tx.Bucket(bucketBodies) == nil {
		return nil
	}
	if err := tx.DeleteBucket(bucketBodies); err != nil {
		return err
	}
	_, err = tx.CreateBucket(bucketBodies)
	return err
}

// bodyKeys counts the bodies bucket's keys.
func bodyKeys(t *testing.T, db *DB) int {
	t.Helper()
	n := 0
	err := db.view(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketBodies).Stats().KeyN
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A record's JSON lives in the bodies bucket under a growing key; the
// articles bucket holds a short reference (bodies.go), so that a new
// article does not rewrite the leaves of its neighbours' records. An
// update replaces the body, a demotion deletes it: no body is left
// without its record.
func TestRecordsKeptAsBodies(t *testing.T) {
	db, _ := mustOpen(t)
	a := article("https://laodongthudo.vn/a.html", "Đoàn viên nhận quà Tết.")
	res, err := db.Put(a)
	if err != nil {
		t.Fatal(err)
	}
	var ref []byte
	_ = db.view(func(tx *bolt.Tx) error {
		ref = bytes.Clone(tx.Bucket(bucketArticles).Get([]byte(res.ID)))
		return nil
	})
	if len(ref) != bodyRefLen || !isBodyRef(ref) {
		t.Fatalf("articles value = %q, want a %d-byte body reference", ref, bodyRefLen)
	}
	if _, err := db.Put(article("https://laodongthudo.vn/b.html", "Công nhân được khám bệnh miễn phí.")); err != nil {
		t.Fatal(err)
	}
	a.Text = "Đoàn viên nhận quà Tết sớm."
	if _, err := db.Put(a); err != nil {
		t.Fatal(err)
	}
	if n := bodyKeys(t, db); n != 2 {
		t.Errorf("bodies after an update = %d, want 2", n)
	}
	// a's new text is b's: a becomes b's duplicate (demote.go).
	a.Text = "Công nhân được khám bệnh miễn phí."
	if _, err := db.Put(a); err != nil {
		t.Fatal(err)
	}
	if n := bodyKeys(t, db); n != 1 {
		t.Errorf("bodies after a demotion = %d, want 1", n)
	}
}

// A store written before the bodies bucket keeps its records inline:
// they are read, scanned and repaired as they are, and a record moves to
// a body when it is next written.
func TestInlineRecordsOfOlderStores(t *testing.T) {
	db, dir := mustOpen(t)
	ids := putN(t, db, 3)
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		if err := inlineRecords(tx); err != nil {
			return err
		}
		return tx.DeleteBucket(bucketBodies) // as before the upgrade
	})
	if err != nil {
		t.Fatal(err)
	}
	db = reopen(t, db, dir)
	t.Cleanup(func() { db.Close() })
	for _, id := range ids {
		if _, err := db.Get(id); err != nil {
			t.Fatalf("inline record: %v", err)
		}
	}
	if got, _ := scanAll(t, db, nil); len(got) != 3 {
		t.Errorf("scan of inline records: %d, want 3", len(got))
	}
	if p := db.check(); len(p) != 0 {
		t.Errorf("check of inline records: %v", p)
	}
	r, _ := db.Get(ids[0])
	r.Text += " Thêm một câu."
	if _, err := db.Put(r); err != nil {
		t.Fatal(err)
	}
	if n := bodyKeys(t, db); n != 1 {
		t.Errorf("bodies after updating an inline record = %d, want 1", n)
	}
	checkConsistent(t, db)
}

// Step 1 stages the record's JSON as its body and the pending entry only
// names it; the commit keeps that body (the record is written once), and
// a crash in between is completed from it.
func TestStagedRecordWrittenOnce(t *testing.T) {
	db, dir := mustOpen(t)
	r := prepare(article("https://laodongthudo.vn/a.html", "Đoàn viên nhận quà Tết."))
	r.BlockHashes = []uint64{7, 9}
	stageOnly(t, db, r)
	var entry, staged []byte
	_ = db.view(func(tx *bolt.Tx) error {
		entry = bytes.Clone(tx.Bucket(bucketPending).Get([]byte(r.ID)))
		staged = bytes.Clone(stagedBody(tx, r.ID))
		return nil
	})
	if len(entry) > 64 || staged == nil {
		t.Fatalf("pending entry = %s (%d bytes), want a reference to the staged body", entry, len(entry))
	}
	db = reopen(t, db, dir) // a crash after step 1: Open completes it
	t.Cleanup(func() { db.Close() })
	var ref []byte
	_ = db.view(func(tx *bolt.Tx) error {
		ref = bytes.Clone(tx.Bucket(bucketArticles).Get([]byte(r.ID)))
		return nil
	})
	if !bytes.Equal(ref, append([]byte{0}, staged...)) {
		t.Errorf("committed reference %x, want the staged body %x", ref, staged)
	}
	if n := bodyKeys(t, db); n != 1 {
		t.Errorf("bodies = %d, want 1", n)
	}
	counts, docs, err := db.BlockCounts(r.Site, []uint64{7, 9})
	if err != nil || docs != 1 || counts[7] != 1 || counts[9] != 1 {
		t.Errorf("block counts after repair = %v, %d, %v", counts, docs, err)
	}
	r.BlockHashes = nil // not part of the record
	assertStored(t, db, r)
}
