package cleaner

import (
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
			goldenCompare(t, filepath.Join("testdata", p.Name, name+".golden.json"), got)
		})
	}
}

// TestGoldenRealLaodong cleans the real laodong.vn article page of
// ../shared/realpages with the laodong.vn profile: its gold (text F1,
// title, date) and the whole result against
// testdata/laodong.vn/real-<name>.golden.json.
func TestGoldenRealLaodong(t *testing.T) {
	const name = "tap-thien-dinh-hoac-hit-tho-sau-de-giam-mo-noi-tang-1432162"
	const pageURL = "https://laodong.vn/dinh-duong-am-thuc/" + name + ".ldo"
	page, err := os.ReadFile(filepath.Join("..", "..", "shared", "realpages", "laodong.vn", name+".html"))
	if err != nil {
		t.Fatalf("the real pages are in ../shared/realpages beside the checkout: %v", err)
	}
	_, reg := replicaAndProfiles(t)
	p, ok := reg.ForURL(pageURL)
	if !ok || p.Name != "laodong.vn" {
		t.Fatalf("profile for %s: %v", pageURL, p)
	}
	a, err := Clean(page, pageURL, p)
	if err != nil {
		t.Fatal(err)
	}
	if a.Extractor != ExtractorProfile {
		t.Errorf("extractor %q, want the profile rung", a.Extractor)
	}
	if a.Title != "Tập thiền định hoặc hít thở sâu để giảm mỡ nội tạng" || a.Published.Format(time.RFC3339) != "2024-12-09T08:00:00+07:00" {
		t.Errorf("title %q, published %v", a.Title, a.Published)
	}
	got, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	goldenCompare(t, filepath.Join("testdata", "laodong.vn", "real-"+name+".golden.json"), append(got, '\n'))
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
