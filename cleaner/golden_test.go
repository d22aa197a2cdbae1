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

// TestGoldenReplica cleans every article page of the replica with the
// laodongthudo.vn profile and compares the result with
// testdata/<site>/<case>.golden.json (rewritten by -update).
func TestGoldenReplica(t *testing.T) {
	r, err := replica.New()
	if err != nil {
		t.Fatalf("replica.New: %v", err)
	}
	p := htmlTestProfile(t, "laodongthudo.vn")
	pages := r.Pages("article")
	if len(pages) == 0 {
		t.Fatal("replica has no article pages")
	}
	for _, pg := range pages {
		u, err := url.Parse(pg.URL)
		if err != nil {
			t.Fatalf("page URL %q: %v", pg.URL, err)
		}
		name := strings.TrimSuffix(path.Base(u.Path), ".html")
		t.Run(name, func(t *testing.T) {
			a, err := Clean(pg.Body, pg.URL, p)
			if err != nil {
				t.Fatalf("Clean %s: %v", pg.URL, err)
			}
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
