package cleaner

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"github.com/unionnews/unionnews/cleaner/generic"
	"github.com/unionnews/unionnews/sites"
)

// peerPage is one page of a peer-benchmark set: the profile is nil
// outside the replica sites (Clean then runs its ladder down to the
// generic rung), gold the reference text.
type peerPage struct {
	body []byte
	url  string
	p    *sites.Profile
	gold string
}

// peerExtractors name the extractors BenchmarkPeers compares, in the
// order each page goes through them.
var peerExtractors = []string{"parse", "unionnews", "trafilatura", "readability"}

// BenchmarkPeers compares, in one run and interleaved page by page (so
// machine load hits all alike), parse-only (html.Parse), unionnews
// (Clean), go-trafilatura alone (package generic, as the ScrapingHub test
// calls it) and go-readability v2 (readeck fork) on three sets: the
// replica site fixtures (gold: the pages' source truth), the ScrapingHub
// benchmark and the real pages of ../shared/realpages (skipped when
// absent). Each b.N iteration is one pass over the set; run it with
// -benchtime 1x. Per extractor it reports pages/s, F1 (shingle scoring
// aggregated as the ScrapingHub benchmark does; none for parse-only) and
// the pages/s ratio to go-trafilatura ("<name>-x-trafilatura").
func BenchmarkPeers(b *testing.B) {
	b.Run("sites", func(b *testing.B) { peersRun(b, benchPagesWithTruth(b)) })
	b.Run("scrapinghub", func(b *testing.B) { peersRun(b, peerSH(b)) })
	b.Run("real", func(b *testing.B) { peersRun(b, peerReal(b)) })
}

// benchPagesWithTruth is benchPages with each page's source truth as gold.
func benchPagesWithTruth(b *testing.B) []peerPage {
	b.Helper()
	r, reg := replicaAndProfiles(b)
	var out []peerPage
	for _, pg := range r.Pages("article") {
		if p, ok := reg.ForURL(pg.URL); ok && pg.Truth != nil {
			out = append(out, peerPage{pg.Body, pg.URL, p, pg.Truth.Text()})
		}
	}
	if len(out) == 0 {
		b.Fatal("no replica article pages")
	}
	return out
}

// peerSH loads the ScrapingHub benchmark (testdata/scrapinghub).
func peerSH(b *testing.B) []peerPage {
	b.Helper()
	ids, gold := shGold(b)
	out := make([]peerPage, 0, len(ids))
	for _, id := range ids {
		out = append(out, peerPage{shLoad(b, id), gold[id].URL, nil, gold[id].Body})
	}
	return out
}

// peerReal loads the real pages as the eval command does: the gold of
// ../shared/realpages/gold.json and testdata/eval/real-gold.json (a page
// that is not an article has the empty gold). Skips when ../shared is
// absent.
func peerReal(b *testing.B) []peerPage {
	b.Helper()
	dir := filepath.Join("..", "..", "shared", "realpages")
	if _, err := os.Stat(filepath.Join(dir, "gold.json")); err != nil {
		b.Skipf("real pages absent (../shared/realpages beside the checkout): %v", err)
	}
	var out []peerPage
	for _, path := range []string{filepath.Join(dir, "gold.json"), filepath.Join("..", "testdata", "eval", "real-gold.json")} {
		raw, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		var gs []struct {
			File string `json:"file"`
			URL  string `json:"url"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(raw, &gs); err != nil {
			b.Fatalf("%s: %v", path, err)
		}
		for _, g := range gs {
			body, err := os.ReadFile(filepath.Join(dir, g.File))
			if err != nil {
				b.Fatal(err)
			}
			out = append(out, peerPage{body, g.URL, nil, g.Text})
		}
	}
	return out
}

// peersRun times the extractors over the pages, one pass per b.N
// iteration, and scores the texts of the first pass.
func peersRun(b *testing.B, pages []peerPage) {
	c := New(nil)
	n := len(peerExtractors)
	spent := make([]time.Duration, n)
	scores := make([]shScore, n)
	// Warm-up: one untimed, unscored page through every extractor, so no
	// lazy initialisation (compiled selectors, regexps) lands on the set.
	pass := func(pages []peerPage, i int) {
		for _, pg := range pages {
			u, _ := url.Parse(pg.url)
			texts := make([]string, n)
			t0 := time.Now()
			_, _ = html.Parse(bytes.NewReader(pg.body))
			t1 := time.Now()
			if a, err := c.Clean(pg.body, pg.url, pg.p); err == nil {
				texts[1] = a.Text
			}
			t2 := time.Now()
			if doc, err := html.Parse(bytes.NewReader(pg.body)); err == nil {
				if res, err := generic.Extract(doc, u); err == nil {
					texts[2] = res.Text
				}
			}
			t3 := time.Now()
			if art, err := readability.FromReader(bytes.NewReader(pg.body), u); err == nil {
				var sb strings.Builder
				if art.RenderText(&sb) == nil {
					texts[3] = sb.String()
				}
			}
			t4 := time.Now()
			for k, d := range []time.Duration{t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t4.Sub(t3)} {
				spent[k] += d
			}
			if i == 0 {
				for k := 1; k < n; k++ {
					scores[k].add(pg.gold, texts[k])
				}
			}
		}
	}
	pass(pages[:1], -1)
	clear(spent)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pass(pages, i)
	}
	b.StopTimer()
	total := float64(b.N * len(pages))
	traf := total / spent[2].Seconds()
	for k, name := range peerExtractors {
		ps := total / spent[k].Seconds()
		b.ReportMetric(ps, name+"-pages/s")
		if k != 2 {
			b.ReportMetric(ps/traf, name+"-x-trafilatura")
		}
		if k > 0 {
			_, _, f1 := scores[k].f1()
			b.ReportMetric(f1, name+"-F1")
		}
	}
	b.ReportMetric(float64(len(pages)), "pages")
}
