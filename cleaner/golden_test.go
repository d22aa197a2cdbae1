package cleaner

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unionnews/unionnews/sites/replica"
)

var update = flag.Bool("update", false, "rewrite golden files")

// htmlClutterMarkers must never appear in a cleaned article's text.
var htmlClutterMarkers = []string{
	"Có thể bạn quan tâm", "Nên xem", "Tin khác", "Xem thêm",
	"Phiên bản di động", "In bài viết", "Chia sẻ", "-->", "![]()",
}

// TestGoldenReplica cleans every article page of every replica site with
// the profile owning its URL, checks it against the page's source truth
// (title, author, date exact; text F1 >= 0.98), and compares the whole
// result with testdata/<site>/<case>.golden.json (rewritten by -update).
func TestGoldenReplica(t *testing.T) {
	r, reg := replicaAndProfiles(t)
	pages := r.Pages("article")
	if len(pages) == 0 {
		t.Fatal("replica has no article pages")
	}
	for _, pg := range pages {
		u, err := url.Parse(pg.URL)
		if err != nil {
			t.Fatalf("page URL %q: %v", pg.URL, err)
		}
		p, ok := reg.ForURL(pg.URL)
		if !ok {
			t.Fatalf("no profile for replica page %s", pg.URL)
		}
		name := strings.TrimSuffix(path.Base(u.Path), path.Ext(u.Path))
		t.Run(p.Name+"/"+name, func(t *testing.T) {
			a, err := Clean(pg.Body, pg.URL, p)
			if err != nil {
				t.Fatalf("Clean %s: %v", pg.URL, err)
			}
			checkTruth(t, a, pg.Truth)
			if a.Title == "" || a.Text == "" {
				t.Errorf("empty title or text: %+v", a)
			}
			for _, m := range htmlClutterMarkers {
				if strings.Contains(a.Text, m) {
					t.Errorf("Text contains clutter %q", m)
				}
			}
			got, err := json.MarshalIndent(a, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			file := filepath.Join("testdata", p.Name, name+".golden.json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("read golden (run with -update): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from golden %s:\ngot:\n%s", pg.URL, file, got)
			}
		})
	}
}

// checkTruth compares a cleaned article with the data its replica page
// was rendered from: an independent gold, unlike the golden snapshot.
func checkTruth(t *testing.T, a Article, want *replica.Truth) {
	t.Helper()
	if want == nil {
		t.Fatal("replica article page without Truth")
	}
	if a.Title != want.Title {
		t.Errorf("title %q, want %q", a.Title, want.Title)
	}
	if a.Author != want.Author {
		t.Errorf("author %q, want %q", a.Author, want.Author)
	}
	if !a.Published.Equal(want.Published) {
		t.Errorf("published %v, want %v", a.Published, want.Published)
	}
	if _, _, f1 := ScoreShingles(want.Text(), a.Text); f1 < 0.98 {
		t.Errorf("text F1 %.3f < 0.98 against the source text", f1)
	}
}
