package export

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// TestExportVersions: -versions writes every earlier version of an
// article (oldest first) before the current one; without it only the
// current one is written.
func TestExportVersions(t *testing.T) {
	db, _ := newCorpus(t, 3)
	a := testArticle(1)
	for i, extra := range []string{" Cập nhật lần một.", " Cập nhật lần hai."} {
		b := a
		b.Text += extra
		b.FetchedAt = a.FetchedAt.Add(time.Duration(i+1) * time.Hour)
		if res, err := db.Put(b); err != nil || !res.Updated {
			t.Fatalf("refetch %d: %+v %v", i, res, err)
		}
	}
	export := func(versions bool) []sites.Article {
		var buf bytes.Buffer
		if _, err := Write(context.Background(), &buf, db, &Options{Filter: Filter{Versions: versions}}); err != nil {
			t.Fatal(err)
		}
		var out []sites.Article
		for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
			var x sites.Article
			if err := json.Unmarshal([]byte(line), &x); err != nil {
				t.Fatalf("%v: %s", err, line)
			}
			out = append(out, x)
		}
		return out
	}
	if got := export(false); len(got) != 3 {
		t.Fatalf("plain export: %d records, want 3", len(got))
	}
	got := export(true)
	if len(got) != 5 {
		t.Fatalf("-versions export: %d records, want 5", len(got))
	}
	var texts []string
	for _, x := range got {
		if x.URL == a.URL {
			texts = append(texts, x.Text)
		}
	}
	want := []string{a.Text, a.Text + " Cập nhật lần một.", a.Text + " Cập nhật lần hai."}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("versions of %s:\n%q\nwant\n%q", a.URL, texts, want)
	}
}
