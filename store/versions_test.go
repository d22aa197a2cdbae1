package store

import (
	"errors"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unionnews/unionnews/sites"
)

// A re-fetch with a changed text keeps the earlier version; a re-clean of
// the same fetch (same FetchedAt) replaces the text without a version.
func TestVersions(t *testing.T) {
	db, _ := mustOpen(t)
	v1 := article(url1, text)
	if _, err := db.Put(v1); err != nil {
		t.Fatal(err)
	}
	recleaned := v1
	recleaned.Text = text + " Đã làm sạch lại."
	if res, err := db.Put(recleaned); err != nil || !res.Updated {
		t.Fatalf("reclean put = %+v, %v", res, err)
	}
	vs, err := db.Versions(ID(url1))
	if err != nil || len(vs) != 1 {
		t.Fatalf("after a re-clean: %d versions, %v; want 1", len(vs), err)
	}
	v2 := recleaned
	v2.Text = text + " Cập nhật lúc 10 giờ."
	v2.FetchedAt = v1.FetchedAt.Add(time.Hour)
	if res, err := db.Put(v2); err != nil || !res.Updated {
		t.Fatalf("refetch put = %+v, %v", res, err)
	}
	vs, err = db.Versions(ID(url1))
	if err != nil || len(vs) != 2 {
		t.Fatalf("after a changed re-fetch: %d versions, %v; want 2", len(vs), err)
	}
	if vs[0].ContentHash != ContentHash(recleaned.Text) || !vs[0].FetchedAt.Equal(v1.FetchedAt) {
		t.Errorf("first version %q fetched %v", vs[0].Text, vs[0].FetchedAt)
	}
	if vs[1].ContentHash != ContentHash(v2.Text) || !vs[1].FetchedAt.Equal(v2.FetchedAt) {
		t.Errorf("current version %q fetched %v", vs[1].Text, vs[1].FetchedAt)
	}
	if _, err := db.Versions("0000000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
	checkConsistent(t, db)
}

func TestMarkGoneKeepsText(t *testing.T) {
	db, _ := mustOpen(t)
	if _, err := db.Put(article(url1, text)); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := db.MarkGone(url1, at); err != nil {
		t.Fatal(err)
	}
	r, err := db.LookupURL(url1)
	if err != nil || r.Text != text || !r.GoneAt.Equal(at) {
		t.Errorf("after MarkGone: %+v, %v", r, err)
	}
	if err := db.MarkGone(url2, at); !errors.Is(err, ErrNotFound) {
		t.Errorf("MarkGone of an unknown URL: %v", err)
	}
	checkConsistent(t, db)
}

func TestOutcomesAndPlan(t *testing.T) {
	db, _ := mustOpen(t)
	a := article(url1, text)
	if c, err := db.Plan(a); err != nil || c != sites.ChangeCreated {
		t.Errorf("Plan of a new article = %q, %v", c, err)
	}
	if _, err := db.Get(ID(url1)); !errors.Is(err, ErrNotFound) {
		t.Error("Plan wrote the article")
	}
	if _, c, err := db.Save(a); err != nil || c != sites.ChangeCreated {
		t.Fatalf("Save = %q, %v", c, err)
	}
	if c, _ := db.Plan(a); c != sites.ChangeUnchanged {
		t.Errorf("Plan of the same article = %q", c)
	}
	for _, o := range []sites.URLOutcome{
		{URL: url1, Site: "a", Outcome: sites.OutcomeOffProfile},
		{URL: url1, Site: "a", Outcome: sites.OutcomeStored}, // replaces
		{URL: url2, Site: "a", Outcome: sites.OutcomeNotArticle},
		{URL: "https://b.vn/x", Site: "b", Outcome: sites.OutcomeCleanFailed},
	} {
		if err := db.RecordOutcome(o); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.OutcomesBySite()
	if err != nil {
		t.Fatal(err)
	}
	if got["a"][sites.OutcomeStored] != 1 || got["a"][sites.OutcomeNotArticle] != 1 || got["a"][sites.OutcomeOffProfile] != 0 || got["b"][sites.OutcomeCleanFailed] != 1 {
		t.Errorf("OutcomesBySite = %v", got)
	}
	if o, err := db.Outcome("https://www." + url1[len("https://"):]); err != nil || o.Outcome != sites.OutcomeStored {
		t.Errorf("Outcome = %+v, %v", o, err)
	}
}

// The block counts of a new article are committed with it: a crash after
// staging and a repair count them exactly once; an update does not count
// them again.
func TestBlocksCommittedWithArticle(t *testing.T) {
	dir := t.TempDir()
	db := mustOpenDir(t, dir)
	r := prepare(article(url1, text))
	r.BlockHashes = []uint64{7, 8, 8}
	stageOnly(t, db, r)
	if _, docs, _ := db.Boilerplate(r.Site, 1, 0); docs != 0 {
		t.Fatalf("blocks counted before commit: %d docs", docs)
	}
	db = reopen(t, db, dir)
	defer db.Close()
	set, docs, err := db.Boilerplate(r.Site, 1, 0)
	if err != nil || docs != 1 || !set[7] || !set[8] || len(set) != 2 {
		t.Fatalf("after repair: set %v, docs %d, %v", set, docs, err)
	}
	again := article(url1, text+" Sửa.")
	again.BlockHashes = []uint64{9}
	if _, err := db.Put(again); err != nil {
		t.Fatal(err)
	}
	if set, docs, _ := db.Boilerplate(r.Site, 1, 0); docs != 1 || set[9] {
		t.Errorf("an update counted blocks: %v, %d docs", set, docs)
	}
	other := article(url2, "Một bài khác hẳn, về an toàn lao động.")
	other.BlockHashes = []uint64{7}
	if _, err := db.Put(other); err != nil {
		t.Fatal(err)
	}
	if set, docs, _ := db.Boilerplate(r.Site, 2, 0); docs != 2 || !set[7] || set[8] {
		t.Errorf("two articles: %v, %d docs", set, docs)
	}
	checkConsistent(t, db)
}

// An article whose text becomes another's is demoted to a duplicate: one
// copy of the text stays, the URL resolves to the holder, the block
// counts are taken back; a crash mid-way is repaired at Open.
func TestDemoteToDuplicate(t *testing.T) {
	for _, crash := range []bool{false, true} {
		t.Run(map[bool]string{false: "clean", true: "crash"}[crash], func(t *testing.T) {
			dir := t.TempDir()
			db := mustOpenDir(t, dir)
			a := article(url1, text)
			a.BlockHashes = []uint64{1}
			b := article(url2, "Một bài khác hẳn, về an toàn lao động.")
			b.BlockHashes = []uint64{1, 2}
			for _, r := range []Record{a, b} {
				if _, err := db.Put(r); err != nil {
					t.Fatal(err)
				}
			}
			b2 := article(url2, text)
			if crash {
				if _, staged, err := db.stage(canonicalURL(url2), prepare(b2)); err != nil || !staged {
					t.Fatalf("stage = %v, %v", staged, err)
				}
				db = reopen(t, db, dir)
			} else if res, err := db.Put(b2); err != nil || !res.Duplicate || res.ID != ID(url1) {
				t.Fatalf("Put = %+v, %v; want a duplicate of %s", res, err, ID(url1))
			}
			defer db.Close()
			if l, err := db.LookupURL(url2); err != nil || l.ID != ID(url1) {
				t.Errorf("LookupURL(url2) = %s, %v", l.ID, err)
			}
			if st, _ := db.Stats(); st.Articles != 1 {
				t.Errorf("%d articles, want 1", st.Articles)
			}
			set, docs, _ := db.Boilerplate("laodongthudo.vn", 1, 0)
			if docs != 1 || !set[1] || set[2] {
				t.Errorf("block counts after demotion: %v, %d docs", set, docs)
			}
			checkConsistent(t, db)
		})
	}
}

// A write staged by an older version (a bare record in pending) is still
// repaired at Open.
func TestRepairOldPendingFormat(t *testing.T) {
	dir := t.TempDir()
	db := mustOpenDir(t, dir)
	r := prepare(article(url1, text))
	err := db.bolt.Update(func(tx *bolt.Tx) error { return putRecord(tx.Bucket(bucketPending), r) })
	if err != nil {
		t.Fatal(err)
	}
	db = reopen(t, db, dir)
	defer db.Close()
	assertStored(t, db, r)
}
