package wire_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/unionnews/unionnews/cmd/internal/wire"
	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/crawler/pipeline"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/sites/replica"
)

// traffic counts the requests a handler answers and the body bytes it
// sends.
type traffic struct {
	next            http.Handler
	requests, bytes atomic.Int64
	conditional     atomic.Int64
}

func (t *traffic) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	t.requests.Add(1)
	if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
		t.conditional.Add(1)
	}
	t.next.ServeHTTP(countingWriter{w, &t.bytes}, r)
}

type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (c countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n.Add(int64(n))
	return n, err
}

// crawlOnce crawls the replica behind srv into data.
func crawlOnce(t testing.TB, data string, rep *replica.Replica, srv *httptest.Server) pipeline.Report {
	return crawlSite(t, data, "", "", rep, srv)
}

// crawlSite crawls one site of the replica (all: "") with the profiles
// of sitesDir ("": the built-in ones).
func crawlSite(t testing.TB, data, sitesDir, site string, rep *replica.Replica, srv *httptest.Server) pipeline.Report {
	t.Helper()
	e, err := wire.Open(wire.Options{Data: data, SitesDir: sitesDir, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.Pipeline()
	if err != nil {
		t.Fatal(err)
	}
	profiles := e.Sites.Crawlable()
	if site != "" {
		prof, _ := e.Sites.Get(site)
		profiles = []*sites.Profile{prof}
	}
	r, err := p.Crawl(context.Background(), crawler.Config{
		Profiles: profiles, Mirrors: rep.Mirrors(srv.URL), Delay: time.Nanosecond, Parallelism: 8,
		RetryBase: time.Millisecond, Logger: quiet,
	})
	if cerr := e.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// recrawl crawls an unchanged replica twice and returns the traffic of
// each run.
func recrawl(t testing.TB) (first, second [2]int64, rep2 pipeline.Report) {
	rep, err := replica.New()
	if err != nil {
		t.Fatal(err)
	}
	tr := &traffic{next: rep.ConditionalHandler()}
	srv := httptest.NewServer(tr)
	defer srv.Close()
	data := t.TempDir()
	crawlOnce(t, data, rep, srv)
	first = [2]int64{tr.requests.Load(), tr.bytes.Load()}
	tr.requests.Store(0)
	tr.bytes.Store(0)
	rep2 = crawlOnce(t, data, rep, srv)
	second = [2]int64{tr.requests.Load(), tr.bytes.Load()}
	if tr.conditional.Load() == 0 {
		t.Error("the second crawl sent no conditional request")
	}
	return first, second, rep2
}

// TestRecrawlIsConditional: the second crawl of an unchanged site asks
// for listings, feeds, sitemaps and robots.txt with their validators,
// gets 304s (answered from the kept copies) and fetches no article again.
func TestRecrawlIsConditional(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the replica twice")
	}
	first, second, rep := recrawl(t)
	c := rep.Crawl
	if c.NotModifiedPages == 0 || c.ListingPages != 0 || c.FeedPages+c.SitemapPages != 0 {
		t.Errorf("second crawl: %d not modified, %d listings, %d feeds, %d sitemaps downloaded; want only 304s",
			c.NotModifiedPages, c.ListingPages, c.FeedPages, c.SitemapPages)
	}
	if rep.NoPages != nil {
		t.Errorf("sites with no page in the second crawl: %v", rep.NoPages)
	}
	if c.ArticlePages != 0 || rep.Total.Created != 0 {
		t.Errorf("second crawl fetched %d articles, created %d", c.ArticlePages, rep.Total.Created)
	}
	if second[1]*20 > first[1] {
		t.Errorf("second crawl: %d bytes, more than 5%% of the first's %d", second[1], first[1])
	}
	t.Logf("requests %d -> %d, bytes %d -> %d", first[0], second[0], first[1], second[1])
}

// BenchmarkRecrawl reports the second crawl of an unchanged replica as
// a fraction of the first: requests and body bytes.
func BenchmarkRecrawl(b *testing.B) {
	for i := 0; i < b.N; i++ {
		first, second, _ := recrawl(b)
		b.ReportMetric(float64(second[0])/float64(first[0]), "requests-ratio")
		b.ReportMetric(float64(second[1])/float64(first[1]), "bytes-ratio")
	}
}

// TestRecrawlRequeuesUnfinished: articles a listing named in a run that
// left them unfinished (off the profile) are fetched again by the next
// run even though the listing answers 304.
func TestRecrawlRequeuesUnfinished(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the replica twice")
	}
	rep, err := replica.New()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(rep.ConditionalHandler())
	defer srv.Close()
	data, broken := t.TempDir(), t.TempDir()
	const ldt = "laodongthudo.vn"
	if err := os.WriteFile(filepath.Join(broken, ldt+".json"), []byte(`{"name":"`+ldt+`","article":{"body":"div.gone-2027"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	first := crawlSite(t, data, broken, ldt, rep, srv)
	if first.Total.OffProfile == 0 {
		t.Fatalf("the broken profile left nothing unfinished: %+v", first.Total)
	}
	second := crawlSite(t, data, "", ldt, rep, srv)
	if second.Crawl.NotModifiedPages == 0 {
		t.Error("the second crawl got no 304")
	}
	if second.Crawl.ArticlePages < first.Total.OffProfile || second.Total.Recovered == 0 {
		t.Errorf("second crawl fetched %d articles and recovered %d; want the %d left off the profile fetched again",
			second.Crawl.ArticlePages, second.Total.Recovered, first.Total.OffProfile)
	}
}
