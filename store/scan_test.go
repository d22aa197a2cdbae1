package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
	bolt "go.etcd.io/bbolt"
)

// putN stores n articles spread over three sites and returns their ids
// in ForEach order.
func putN(t *testing.T, db *DB, n int) []string {
	t.Helper()
	for i := range n {
		r := article(fmt.Sprintf("https://laodongthudo.vn/a/%d.html", i), fmt.Sprintf("Bài %d: công đoàn & <người lao động>.", i))
		r.Site = []string{"laodong.vn", "nld.com.vn", "laodongthudo.vn"}[i%3]
		r.Published = published.Add(time.Duration(i%7) * time.Hour)
		if i%5 == 0 {
			r.Published = time.Time{}
		}
		if _, err := db.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	if err := db.ForEach(func(r Record) error { ids = append(ids, r.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	return ids
}

// scanAll collects what Scan hands out, checking each record's bytes
// against the canonical encoding of Get.
func scanAll(t *testing.T, db *DB, o *ScanOptions) (ids []string, seqs []uint64) {
	t.Helper()
	err := db.Scan(o, func(r *RawArticle) error {
		rec, err := db.Get(r.ID)
		if err != nil {
			return err
		}
		want, _ := json.Marshal(rec)
		if !bytes.Equal(r.JSON, want) {
			t.Errorf("%s: scanned\n%s\nwant\n%s", r.ID, r.JSON, want)
		}
		if r.Site != rec.Site || !r.Published.Equal(rec.Published) {
			t.Errorf("%s: site %q published %v, record has %q %v", r.ID, r.Site, r.Published, rec.Site, rec.Published)
		}
		ids = append(ids, r.ID)
		seqs = append(seqs, r.Seq)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids, seqs
}

func TestScanHandsOutStoredBytesInForEachOrder(t *testing.T) {
	db, _ := mustOpen(t)
	want := putN(t, db, 23)
	for _, batch := range []int{0, 1, 4, 23} {
		got, seqs := scanAll(t, db, &ScanOptions{batch: batch})
		if !slices.Equal(got, want) {
			t.Errorf("batch %d: ids %v, want %v", batch, got, want)
		}
		if slices.Contains(seqs, 0) {
			t.Errorf("batch %d: a new record has no sequence: %v", batch, seqs)
		}
	}
	got, _ := scanAll(t, db, &ScanOptions{Sites: []string{"nld.com.vn", "laodong.vn", "nld.com.vn"}, batch: 2})
	var wantSites []string
	for _, id := range want {
		r, _ := db.Get(id)
		if r.Site == "nld.com.vn" || r.Site == "laodong.vn" {
			wantSites = append(wantSites, id)
		}
	}
	if !slices.Equal(got, wantSites) {
		t.Errorf("sites: %v, want %v", got, wantSites)
	}
	got, _ = scanAll(t, db, &ScanOptions{Sites: []string{"laodong"}})
	if len(got) != 0 {
		t.Errorf("site prefix matched: %v", got)
	}
}

func TestScanChangesAfterSequence(t *testing.T) {
	db, _ := mustOpen(t)
	putN(t, db, 6)
	mark, err := db.Sequence()
	if err != nil || mark != 6 {
		t.Fatalf("Sequence = %d, %v; want 6", mark, err)
	}
	if got, _ := scanAll(t, db, &ScanOptions{Changes: true, AfterSeq: mark}); len(got) != 0 {
		t.Errorf("changes after the mark before any change: %v", got)
	}
	// Update one, add one: both come out, in the order of change.
	upd := article("https://laodongthudo.vn/a/2.html", "Bài 2 đã sửa.")
	upd.Site = "laodongthudo.vn"
	if res, err := db.Put(upd); err != nil || !res.Updated {
		t.Fatalf("update: %+v %v", res, err)
	}
	added := article("https://laodongthudo.vn/a/new.html", "Bài mới.")
	if _, err := db.Put(added); err != nil {
		t.Fatal(err)
	}
	for _, batch := range []int{0, 1} {
		got, seqs := scanAll(t, db, &ScanOptions{Changes: true, AfterSeq: mark, batch: batch})
		if want := []string{ID(upd.URL), ID(added.URL)}; !slices.Equal(got, want) || !slices.Equal(seqs, []uint64{7, 8}) {
			t.Errorf("batch %d: changes %v %v, want %v [7 8]", batch, got, seqs, want)
		}
	}
	if got, _ := scanAll(t, db, &ScanOptions{Changes: true, AfterSeq: mark, Sites: []string{"nld.com.vn"}}); len(got) != 0 {
		t.Errorf("site filter on changes: %v", got)
	}
	// The updated record's old sequence number is gone: a full change
	// scan lists every article once.
	all, _ := scanAll(t, db, &ScanOptions{Changes: true})
	if len(all) != 7 {
		t.Errorf("changes from 0: %d records, want 7", len(all))
	}
}

func TestExportMarks(t *testing.T) {
	db, _ := mustOpen(t)
	if _, ok, err := db.ExportMark("daily"); ok || err != nil {
		t.Fatalf("mark before any: %v %v", ok, err)
	}
	if err := db.SetExportMark("daily", 42); err != nil {
		t.Fatal(err)
	}
	if seq, ok, err := db.ExportMark("daily"); seq != 42 || !ok || err != nil {
		t.Errorf("mark = %d %v %v", seq, ok, err)
	}
	if err := db.SetExportMark("", 1); err == nil {
		t.Error("empty mark name accepted")
	}
}

// TestScanReencodesOlderRecords: a database written before the canonical
// encoding (records as json.Marshal of the old struct, no sequence
// buckets) opens read-only and scans as canonical JSON.
func TestScanReencodesOlderRecords(t *testing.T) {
	db, dir := mustOpen(t)
	putN(t, db, 3)
	old := []byte(`{"id":"%s","url":"https://laodong.vn/x.ldo","site":"laodong.vn","title":"Tiêu đề","text":"Nội dung \u0026 thêm","published":"2026-01-02T03:04:05+07:00","fetched_at":"2026-01-03T00:00:00.5Z","content_hash":"aa"}`)
	id := ID("https://laodong.vn/x.ldo")
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		r := Record{ID: id, Site: "laodong.vn", Published: time.Date(2026, 1, 2, 3, 4, 5, 0, ict)}
		if err := tx.Bucket(bucketOrder).Put(orderKey(r), nil); err != nil {
			return err
		}
		if err := tx.Bucket(bucketArticles).Put([]byte(id), fmt.Appendf(nil, string(old), id)); err != nil {
			return err
		}
		if err := inlineRecords(tx); err != nil { // as before the upgrade
			return err
		}
		for _, b := range optionalBuckets {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := Open(dir, &Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open of an older database: %v", err)
	}
	defer ro.Close()
	var got []byte
	err = ro.Scan(nil, func(r *RawArticle) error {
		if r.ID == id {
			got = slices.Clone(r.JSON)
		} else if r.Seq != 0 {
			t.Errorf("%s: sequence %d from a deleted index", r.ID, r.Seq)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	wantArt := sites.Article{
		ID: id, URL: "https://laodong.vn/x.ldo", Site: "laodong.vn", Title: "Tiêu đề", Text: "Nội dung & thêm",
		Published: time.Date(2026, 1, 2, 3, 4, 5, 0, ict), FetchedAt: time.Date(2026, 1, 3, 0, 0, 0, 5e8, time.UTC), ContentHash: "aa",
	}
	wantJSON, err := sites.AppendJSON(nil, &wantArt)
	if err != nil {
		t.Fatal(err)
	}
	want := string(wantJSON)
	if !strings.HasPrefix(want, fmt.Sprintf(`{"id":"%s","url":"https://laodong.vn/x.ldo","site":"laodong.vn","title":"Tiêu đề","lead":"","text":"Nội dung \u0026 thêm","author":"","published":"2026-01-02T03:04:05+07:00","category":"","tags":[],"images":[],"extractor":"","fetched_at":"2026-01-03T07:00:00.5+07:00","content_hash":"aa"`, id)) {
		t.Errorf("canonical encoding changed: %s", want)
	}
	if string(got) != want {
		t.Errorf("older record scanned as\n%s\nwant\n%s", got, want)
	}
	if n, err := ro.Sequence(); n != 0 || err != nil {
		t.Errorf("Sequence of an older database = %d, %v", n, err)
	}
	if got, _ := scanAll(t, ro, &ScanOptions{Changes: true}); len(got) != 0 {
		t.Errorf("changes of an older database: %v", got)
	}
	if _, ok, err := ro.ExportMark("x"); ok || err != nil {
		t.Errorf("mark of an older database: %v %v", ok, err)
	}
	// The db is reopened read-write by mustOpen's cleanup, which must
	// recreate the buckets; the legacy record has no files, so drop it.
	ro.Close()
	db = mustOpenDir(t, dir)
	defer db.Close()
	_ = db.bolt.Update(func(tx *bolt.Tx) error {
		r := Record{ID: id, Site: "laodong.vn", Published: time.Date(2026, 1, 2, 3, 4, 5, 0, ict)}
		_ = tx.Bucket(bucketOrder).Delete(orderKey(r))
		return tx.Bucket(bucketArticles).Delete([]byte(id))
	})
}

// TestScanReencodesRecordsOfAnotherSchema: a record written before a
// field was added to the article (another sites.JSONSchema) lacks that
// key; Scan re-encodes it, so every line has every key.
func TestScanReencodesRecordsOfAnotherSchema(t *testing.T) {
	db, _ := mustOpen(t)
	ids := putN(t, db, 2)
	id := ""
	for _, x := range ids {
		if r, _ := db.Get(x); r.Published.IsZero() {
			id = x
		}
	}
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		v, err := articleJSON(tx, []byte(id))
		if err != nil {
			return err
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(v, &m); err != nil {
			return err
		}
		delete(m, "published") // null: as if the field had been added since
		old, _ := json.Marshal(m)
		if err := putArticleJSON(tx, id, old); err != nil {
			return err
		}
		so := tx.Bucket(bucketSeqOf)
		cur := slices.Clone(so.Get([]byte(id)))
		cur[11] ^= 0xff // another schema
		return so.Put([]byte(id), cur)
	})
	if err != nil {
		t.Fatal(err)
	}
	got, seqs := scanAll(t, db, nil) // checks bytes == json.Marshal(Get(id))
	if len(got) != 2 || seqs[0] == 0 {
		t.Fatalf("scan: %v %v", got, seqs)
	}
	err = db.Scan(nil, func(r *RawArticle) error {
		if !bytes.Contains(r.JSON, []byte(`"published":`)) {
			t.Errorf("%s lacks published: %s", r.ID, r.JSON)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
