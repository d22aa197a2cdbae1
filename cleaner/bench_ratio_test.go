package cleaner

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/unionnews/unionnews/cleaner/generic"
)

// BenchmarkProfileVsTrafilatura measures, in one run and interleaved page
// by page (so machine load hits both alike), the profile rung and
// go-trafilatura alone (package generic, as the ScrapingHub benchmark
// calls it) on the replica site fixtures, and reports the ratio of their
// pages/s as "x-trafilatura" (target of issue 8: at least 5).
func BenchmarkProfileVsTrafilatura(b *testing.B) {
	pages := benchPages(b)
	c := New(nil)
	var prof, traf time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pg := pages[i%len(pages)]
		start := time.Now()
		if _, err := c.Clean(pg.body, pg.url, pg.p); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		u, _ := url.Parse(pg.url)
		if doc, err := html.Parse(strings.NewReader(string(pg.body))); err == nil {
			_, _ = generic.Extract(doc, u)
		}
		prof, traf = prof+mid.Sub(start), traf+time.Since(mid)
	}
	b.ReportMetric(float64(b.N)/prof.Seconds(), "profile-pages/s")
	b.ReportMetric(float64(b.N)/traf.Seconds(), "trafilatura-pages/s")
	b.ReportMetric(traf.Seconds()/prof.Seconds(), "x-trafilatura")
}
