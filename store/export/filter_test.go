package export

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

func exported(t *testing.T, src Source, f Filter) []sites.Article {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Write(context.Background(), &buf, src, &Options{Filter: f}); err != nil {
		t.Fatal(err)
	}
	var as []sites.Article
	for _, l := range splitLines(t, buf.Bytes()) {
		var a sites.Article
		if err := json.Unmarshal(l, &a); err != nil {
			t.Fatal(err)
		}
		as = append(as, a)
	}
	return as
}

func TestFilterSitesAndDates(t *testing.T) {
	db, _ := newCorpus(t, 30)
	all := exported(t, db, Filter{})
	since := time.Date(2026, 4, 1, 0, 0, 0, 0, sites.Zone())
	until := time.Date(2026, 9, 1, 0, 0, 0, 0, sites.Zone())
	f := Filter{Sites: []string{"nld.com.vn", "laodong.vn"}, Since: since, Until: until}
	got := exported(t, db, f)
	var want []string
	for _, a := range all {
		tm := a.Published
		if tm.IsZero() {
			tm = a.FetchedAt // December: outside the range
		}
		if (a.Site == "nld.com.vn" || a.Site == "laodong.vn") && !tm.Before(since) && tm.Before(until) {
			want = append(want, a.ID)
		}
	}
	if len(got) != len(want) || len(want) == 0 {
		t.Fatalf("got %d articles, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].ID != want[i] {
			t.Errorf("article %d = %s, want %s", i, got[i].ID, want[i])
		}
	}
	// Undated articles are selected by fetched_at (1 December).
	dec := time.Date(2026, 12, 1, 0, 0, 0, 0, sites.Zone())
	undated := 0
	for _, a := range all {
		if a.Published.IsZero() {
			undated++
		}
	}
	got = exported(t, db, Filter{Since: dec})
	for _, a := range got {
		if !a.Published.IsZero() && a.Published.Before(dec) {
			t.Errorf("%s published %v passed -since %v", a.ID, a.Published, dec)
		}
		if a.Published.IsZero() {
			undated--
		}
	}
	if undated != 0 || len(got) == 0 {
		t.Errorf("%d undated articles fetched after -since missing", undated)
	}
}

func TestSinceLastExportsChangesOnce(t *testing.T) {
	db, _ := newCorpus(t, 6)
	run := func(name string) []sites.Article {
		var f Filter
		save, err := SinceLast(db, name, &f)
		if err != nil {
			t.Fatal(err)
		}
		as := exported(t, db, f)
		if err := save(); err != nil {
			t.Fatal(err)
		}
		return as
	}
	if n := len(run("ds")); n != 6 {
		t.Fatalf("first: %d, want 6", n)
	}
	if n := len(run("ds")); n != 0 {
		t.Fatalf("unchanged: %d, want 0", n)
	}
	upd := testArticle(2)
	upd.Text += " Đính chính."
	if _, err := db.Put(upd); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Put(testArticle(100)); err != nil {
		t.Fatal(err)
	}
	got := run("ds")
	if len(got) != 2 || got[0].ID != store.ID(upd.URL) || got[0].Text != upd.Text || got[1].ID != store.ID(testArticle(100).URL) {
		t.Fatalf("changes: %+v", got)
	}
	// A mark ahead of the database (a replaced database) is an error,
	// not a silent empty export.
	if err := db.SetExportMark("ds", 1000); err != nil {
		t.Fatal(err)
	}
	var f Filter
	if _, err := SinceLast(db, "ds", &f); err == nil {
		t.Error("a mark ahead of the database was accepted")
	}
}
