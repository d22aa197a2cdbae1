package cleaner

import (
	"bytes"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/unionnews/unionnews/sites"
)

// benchPage is a replica article page with its profile.
type benchPage struct {
	body []byte
	url  string
	p    *sites.Profile
}

func benchPages(b *testing.B) []benchPage {
	b.Helper()
	r, reg := replicaAndProfiles(b)
	var out []benchPage
	for _, pg := range r.Pages("article") {
		if p, ok := reg.ForURL(pg.URL); ok {
			out = append(out, benchPage{pg.Body, pg.URL, p})
		}
	}
	if len(out) == 0 {
		b.Fatal("no replica article pages")
	}
	return out
}

// benchRun runs f over the pages b.N times in all and reports pages/s.
func benchRun(b *testing.B, f func(benchPage)) {
	pages := benchPages(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f(pages[i%len(pages)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkParseOnly is the floor: goquery parsing alone.
func BenchmarkParseOnly(b *testing.B) {
	benchRun(b, func(pg benchPage) {
		if _, err := goquery.NewDocumentFromReader(bytes.NewReader(pg.body)); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkCleanProfile cleans with the profile rung, reusing one
// Cleaner (selectors compiled once).
func BenchmarkCleanProfile(b *testing.B) {
	c := New(nil)
	benchRun(b, func(pg benchPage) {
		if _, err := c.Clean(pg.body, pg.url, pg.p); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkTrafilatura cleans the same pages with the generic rung.
func BenchmarkTrafilatura(b *testing.B) {
	c := New(nil)
	benchRun(b, func(pg benchPage) {
		_, _ = c.Clean(pg.body, pg.url, nil)
	})
}
