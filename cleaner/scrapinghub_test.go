package cleaner

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/unionnews/unionnews/cleaner/generic"
)

// shDir holds the ScrapingHub article-extraction benchmark, in the
// repository: html/<id>.html.gz and ground-truth.json ({id: {articleBody,
// url}}).
var shDir = filepath.Join("..", "testdata", "scrapinghub")

// shMinF1 is the least F1 the generic rung must keep on the benchmark
// (go-trafilatura alone scores 0.960 there).
const shMinF1 = 0.955

// shScore accumulates the benchmark's averages: P is the mean precision
// over pages with tp+fp > 0, R the mean recall over pages with tp+fn > 0.
type shScore struct {
	p, r   float64
	np, nr int
}

func (s *shScore) add(gold, got string) (p, r, f1 float64) {
	p, r, f1 = ScoreShingles(gold, got)
	if len(dumpWordTokens(got)) > 0 {
		s.p += p
		s.np++
	}
	if len(dumpWordTokens(gold)) > 0 {
		s.r += r
		s.nr++
	}
	return p, r, f1
}

func (s *shScore) f1() (p, r, f1 float64) {
	p, r = s.p/float64(max(s.np, 1)), s.r/float64(max(s.nr, 1))
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// shPage is a page's ground truth in the benchmark.
type shPage struct {
	Body string `json:"articleBody"`
	URL  string `json:"url"`
}

// shGold reads the benchmark's ground truth and its page ids, sorted.
func shGold(t testing.TB) ([]string, map[string]shPage) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(shDir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold map[string]shPage
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids, gold
}

func shLoad(t testing.TB, id string) []byte {
	t.Helper()
	f, err := os.Open(filepath.Join(shDir, "html", id+".html.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestScrapingHubGeneric runs the generic rung (Clean without profile) on
// the English ScrapingHub benchmark, scored as the benchmark scores, and
// compares it with go-trafilatura alone: the Vietnamese clutter rules
// must not eat English text. Skipped when the benchmark is absent or in
// -short mode (it takes tens of seconds).
func TestScrapingHubGeneric(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the ScrapingHub run takes tens of seconds")
	}
	ids, gold := shGold(t)
	c := New(nil)
	var ours, base shScore
	type loss struct {
		id       string
		d, ff, f float64
	}
	var losses []loss
	for _, id := range ids {
		g := gold[id]
		page := shLoad(t, id)
		a, _ := c.Clean(page, g.URL, nil)
		_, _, f := ours.add(g.Body, a.Text)
		_, _, bf := base.add(g.Body, shTrafilatura(page, g.URL))
		if f < bf-0.005 {
			losses = append(losses, loss{id, bf - f, bf, f})
		}
	}
	sort.Slice(losses, func(i, j int) bool { return losses[i].d > losses[j].d })
	for i, l := range losses {
		if i < 10 {
			t.Logf("loss %.3f (trafilatura %.3f, ours %.3f): %s", l.d, l.ff, l.f, l.id)
		}
	}
	p, r, f1 := ours.f1()
	bp, br, bf1 := base.f1()
	t.Logf("generic rung: P=%.4f R=%.4f F1=%.4f; trafilatura alone: P=%.4f R=%.4f F1=%.4f; %d pages worse",
		p, r, f1, bp, br, bf1, len(losses))
	if f1 < shMinF1 {
		t.Errorf("F1 %.4f < %.3f", f1, shMinF1)
	}
}

// shTrafilatura is go-trafilatura called exactly as the benchmark does
// (through package generic, its only importer).
func shTrafilatura(page []byte, pageURL string) string {
	u, _ := url.Parse(pageURL)
	doc, err := html.Parse(strings.NewReader(string(page)))
	if err != nil {
		return ""
	}
	res, err := generic.Extract(doc, u)
	if err != nil {
		return ""
	}
	return res.Text
}
