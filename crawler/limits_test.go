package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// endlessPager serves start1?page=N for every N, each linking to page N+1
// and to one article.
func endlessPager(f *fixture) {
	f.srvHandleAll = func(w http.ResponseWriter, r *http.Request) bool {
		if strings.HasPrefix(r.URL.Path, "/"+host+"/bai-") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><body><div class="content_detail"><p>Nội dung</p></div></body></html>`)
			return true
		}
		if r.URL.Path != "/"+host+start1 {
			return false
		}
		n, _ := strconv.Atoi(r.URL.Query().Get("page"))
		n = max(n, 1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><body><div class="col_category"><div class="list_news"><div class="list_news_title"><h2><a href="/bai-%d.html">x</a></h2></div></div></div>
<div class="paging"><a class="next" href="%s?page=%d">›</a></div></body></html>`, n, start1, n+1)
		return true
	}
}

// endlessProfile crawls the endless pager as deep as a profile may.
func endlessProfile(t *testing.T) *sites.Profile {
	p := startProfile(t)
	p.Listing.MaxPages = sites.MaxListingPages
	return p
}

func TestCrawlMaxPagesPerSite(t *testing.T) {
	f := newFixture(t)
	endlessPager(f)
	var s sink
	st := f.crawlOK(endlessProfile(t), &s, func(c *Config) { c.MaxPagesPerSite = 10 })
	if got := st.ListingPages + st.ArticlePages; got > 10 || st.Capped == 0 {
		t.Errorf("stats %+v: want at most 10 pages fetched and the rest counted as capped", st)
	}
}

func TestCrawlMaxDuration(t *testing.T) {
	f := newFixture(t)
	endlessPager(f)
	var s sink
	cfg := f.config(endlessProfile(t), &s)
	cfg.Delay = 20 * time.Millisecond
	cfg.MaxDuration = 300 * time.Millisecond
	start := time.Now()
	st, err := crawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatalf("a run stopped by its time limit returned %v, want nil", err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("run took %v with a 300ms limit", took)
	}
	if !st.TimedOut || st.ListingPages == 0 || st.Errors != 0 {
		t.Errorf("stats %+v: want TimedOut, some pages and no errors", st)
	}
}

func TestDefaultCaps(t *testing.T) {
	c, err := New(Config{Profiles: []*sites.Profile{profileNoT()}, Sink: func(context.Context, Page) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.MaxPagesPerSite != DefaultMaxPagesPerSite || c.cfg.MaxDuration != DefaultMaxDuration || c.cfg.MaxBodySize != sites.MaxPageSize {
		t.Errorf("defaults %d pages, %v, %d bytes", c.cfg.MaxPagesPerSite, c.cfg.MaxDuration, c.cfg.MaxBodySize)
	}
}

func profileNoT() *sites.Profile {
	return &sites.Profile{Name: "a.vn", Hosts: []string{"a.vn"}, StartURLs: []string{"https://a.vn/"},
		ArticleURL: `\d+\.html$`, Listing: sites.Listing{Item: "h2 a"}}
}

// A body over the limit fails naming the URL and the limit.
func TestTooLargeNamesURLAndLimit(t *testing.T) {
	f := newFixture(t)
	f.listing(start1, "", "/bai-1.html")
	f.html("/bai-1.html", "<html><body>"+strings.Repeat("x", 1<<20+10)+"</body></html>")
	var mu sync.Mutex
	var errs []error
	var s sink
	f.crawlOK(startProfile(t), &s, func(c *Config) {
		c.MaxBodySize = 1 << 20
		c.OnError = func(_ string, err error) { mu.Lock(); errs = append(errs, err); mu.Unlock() }
	})
	if len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) {
		t.Fatalf("errors %v, want one ErrTooLarge", errs)
	}
	msg := errs[0].Error()
	if !strings.Contains(msg, real+"/bai-1.html") || !strings.Contains(msg, "1 MiB") {
		t.Errorf("error %q does not name the URL and the 1 MiB limit", msg)
	}
}

// Progress reports the counters of the run in progress.
func TestProgressDuringRun(t *testing.T) {
	f := newFixture(t)
	twoListings(f)
	var c *Crawler
	var mu sync.Mutex
	var seen []Stats
	s := sink{fn: func(Page) error { mu.Lock(); seen = append(seen, c.Progress()); mu.Unlock(); return nil }}
	cfg := f.config(profile(t), &s)
	cfg.Parallelism = 1
	var err error
	if c, err = New(cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 3 || seen[0].ArticlePages < 1 || seen[2].Stored < 1 {
		t.Errorf("progress seen by the sink: %+v", seen)
	}
	if got := c.Progress(); got.Stored != 3 {
		t.Errorf("progress after the run %+v, want 3 stored", got)
	}
}
