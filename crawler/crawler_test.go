package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// twoListings serves both start listings; article a-1 is on both.
func twoListings(f *fixture) []string {
	f.listing(start1, "", "/bai-a-1.html", "/bai-b-2.html")
	f.listing(start2, "", "https://www.laodongthudo.vn/bai-c-3.html", real+"/bai-a-1.html")
	arts := []string{"/bai-a-1.html", "/bai-b-2.html", "/bai-c-3.html"}
	for _, a := range arts {
		f.article(a)
	}
	return arts
}

func TestCrawlEachArticleOnce(t *testing.T) {
	f := newFixture(t)
	arts := twoListings(f)
	var s sink
	st, err := crawl(t, context.Background(), f.config(profile(t), &s))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{real + "/bai-a-1.html", real + "/bai-b-2.html", "https://www." + host + "/bai-c-3.html"}
	if got := s.urls(); !slices.Equal(got, want) {
		t.Errorf("sink got %q, want %q", got, want)
	}
	for _, a := range arts {
		if n := f.count(a); n != 1 {
			t.Errorf("%s requested %d times, want 1", a, n)
		}
	}
	for _, never := range []string{"/khong-theo-999.html", "/ngoai-danh-sach-777.html", "/cong-doan.tag", "/x"} {
		if n := f.count(never); n != 0 {
			t.Errorf("%s requested %d times, want 0 (not an item / not an article / article page link / no next selector)", never, n)
		}
	}
	wantSt := Stats{ListingPages: 2, ArticlePages: 3, Stored: 3}
	if st != wantSt {
		t.Errorf("stats %+v, want %+v", st, wantSt)
	}
	p := s.pages[0]
	if p.Site != host || p.Status != 200 || !strings.Contains(string(p.Body), "Nội dung") || p.Header.Get("Content-Type") == "" || p.FetchedAt.IsZero() {
		t.Errorf("page %+v incomplete", p)
	}
}

func TestCrawlSecondRunFetchesNoArticles(t *testing.T) {
	f := newFixture(t)
	arts := twoListings(f)
	cfg := f.config(profile(t), &sink{})
	cfg.Visited = newMemVisited() // stands for the persistent store
	if _, err := crawl(t, context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	var s2 sink
	cfg.Sink = s2.put
	st, err := crawl(t, context.Background(), cfg) // a new Crawler: only Visited is shared
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{ListingPages: 2, AlreadySeen: 3}); st != want {
		t.Errorf("second run stats %+v, want %+v", st, want)
	}
	for _, a := range arts {
		if n := f.count(a); n != 1 {
			t.Errorf("%s requested %d times over two runs, want 1", a, n)
		}
	}
	if n := f.count(start1); n != 2 {
		t.Errorf("listing requested %d times over two runs, want 2 (listings are always re-fetched)", n)
	}
	if len(s2.pages) != 0 {
		t.Errorf("second run sink got %d pages", len(s2.pages))
	}
}

func TestCrawlPagination(t *testing.T) {
	tests := []struct {
		maxPages int
		want     []string // listing pages fetched
	}{
		{0, []string{start1}},
		{1, []string{start1}},
		{3, []string{start1, start1 + "?page=2", start1 + "?page=3"}},
		{9, []string{start1, start1 + "?page=2", start1 + "?page=3", start1 + "?page=4"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.maxPages), func(t *testing.T) {
			f := newFixture(t)
			pages := []string{start1, start1 + "?page=2", start1 + "?page=3", start1 + "?page=4"}
			for i, p := range pages {
				next := ""
				if i+1 < len(pages) {
					next = pages[i+1]
				}
				f.listing(p, next, fmt.Sprintf("/bai-%d.html", i+1))
				f.article(fmt.Sprintf("/bai-%d.html", i+1))
			}
			p := profile(t)
			p.StartURLs = []string{real + start1}
			p.Listing.MaxPages = tt.maxPages
			var s sink
			st, err := crawl(t, context.Background(), f.config(p, &s))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range pages {
				want := 0
				if slices.Contains(tt.want, p) {
					want = 1
				}
				if n := f.count(p); n != want {
					t.Errorf("%s requested %d times, want %d", p, n, want)
				}
			}
			if st.ListingPages != len(tt.want) || st.Stored != len(tt.want) {
				t.Errorf("stats %+v, want %d listings and articles", st, len(tt.want))
			}
		})
	}
}

func TestCrawlRobotsDisallow(t *testing.T) {
	f := newFixture(t)
	f.text("/robots.txt", "User-agent: *\nAllow: /\n\nUser-agent: unionnews\nDisallow: /bai-b-2.html\n")
	twoListings(f)
	var s sink
	st, err := crawl(t, context.Background(), f.config(profile(t), &s))
	if err != nil {
		t.Fatal(err)
	}
	if n := f.count("/bai-b-2.html"); n != 0 {
		t.Errorf("disallowed article requested %d times", n)
	}
	if want := (Stats{ListingPages: 2, ArticlePages: 2, Stored: 2, Robots: 1}); st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
}

func TestCrawlSinkOutcomes(t *testing.T) {
	f := newFixture(t)
	twoListings(f)
	s := sink{fn: func(p Page) error {
		switch {
		case strings.HasSuffix(p.URL, "a-1.html"):
			return fmt.Errorf("not an article: %w", ErrSkip)
		case strings.HasSuffix(p.URL, "b-2.html"):
			return errors.New("disk full")
		}
		return nil
	}}
	cfg := f.config(profile(t), &s)
	cfg.Visited = newMemVisited()
	st, err := crawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{ListingPages: 2, ArticlePages: 3, Stored: 1, Skipped: 1, Errors: 1}); st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	st, err = crawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if st.AlreadySeen != 2 || st.ArticlePages != 1 || f.count("/bai-b-2.html") != 2 {
		t.Errorf("second run %+v: want the failed page fetched again, the others not", st)
	}
}

func TestCrawlMaxArticles(t *testing.T) {
	f := newFixture(t)
	twoListings(f)
	var s sink
	cfg := f.config(profile(t), &s)
	cfg.MaxArticles = 2
	st, err := crawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if st.ArticlePages != 2 || len(s.pages) != 2 {
		t.Errorf("stats %+v, sink %d: want 2 article pages", st, len(s.pages))
	}
}

func TestCrawlCancel(t *testing.T) {
	f := newFixture(t)
	var items []string
	for i := range 20 {
		items = append(items, fmt.Sprintf("/bai-%d.html", i))
		f.article(items[i])
	}
	f.listing(start1, "", items...)
	p := profile(t)
	p.StartURLs = []string{real + start1}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := sink{fn: func(Page) error { cancel(); return nil }}
	cfg := f.config(p, &s)
	cfg.Parallelism = 1
	cfg.Delay = 20 * time.Millisecond
	st, err := crawl(t, ctx, cfg)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if st.Stored < 1 || st.Stored >= len(items) || st.ListingPages != 1 {
		t.Errorf("stats %+v: want partial progress", st)
	}
	if st.Errors != 0 {
		t.Errorf("stats %+v: aborted requests counted as errors", st)
	}
}

func TestCrawlUserAgentSent(t *testing.T) {
	f := newFixture(t)
	twoListings(f)
	if _, err := crawl(t, context.Background(), f.config(profile(t), &sink{})); err != nil {
		t.Fatal(err)
	}
	hits := f.requests()
	if len(hits) < 6 { // robots.txt, 2 listings, 3 articles
		t.Fatalf("only %d requests", len(hits))
	}
	for _, h := range hits {
		if h.ua != "unionnews/test (+https://github.com/unionnews/unionnews)" {
			t.Errorf("%s sent User-Agent %q", h.path, h.ua)
		}
	}
}

// TestCrawlIgnoresCollyEnv proves that COLLY_* variables cannot switch off
// robots.txt, replace the User-Agent, widen the allowed domains or shrink
// the body limit.
func TestCrawlIgnoresCollyEnv(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("foreign server requested: %s", r.URL)
	}))
	defer other.Close()
	t.Setenv("COLLY_IGNORE_ROBOTSTXT", "y")
	t.Setenv("COLLY_USER_AGENT", "evil")
	t.Setenv("COLLY_ALLOWED_DOMAINS", "127.0.0.1")
	t.Setenv("COLLY_MAX_BODY_SIZE", "10")
	t.Setenv("COLLY_DISABLE_COOKIES", "y")
	t.Setenv("COLLY_NO_SUCH_SETTING", "1")
	f := newFixture(t)
	f.text("/robots.txt", "User-agent: *\nDisallow: /bai-b-2.html\n")
	twoListings(f)
	f.handle("/bai-a-1.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/x", http.StatusFound)
	})
	var s sink
	st, err := crawl(t, context.Background(), f.config(profile(t), &s))
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{ListingPages: 2, ArticlePages: 1, Stored: 1, Errors: 1, Robots: 1}); st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	for _, h := range f.requests() {
		if !strings.HasPrefix(h.ua, "unionnews/") {
			t.Errorf("%s sent User-Agent %q", h.path, h.ua)
		}
	}
	if len(s.pages) == 1 && !strings.Contains(string(s.pages[0].Body), "</html>") {
		t.Errorf("body truncated: %q", s.pages[0].Body)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	good := func() Config {
		p := &sites.Profile{Name: "a.vn", Hosts: []string{"a.vn"}, StartURLs: []string{"https://a.vn/"},
			ArticleURL: `^https://a\.vn/\d+$`, Listing: sites.Listing{Item: "a"}}
		return Config{Profiles: []*sites.Profile{p}, Sink: (&sink{}).put}
	}
	tests := []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"no profiles", func(c *Config) { c.Profiles = nil }, "no site profiles"},
		{"nil sink", func(c *Config) { c.Sink = nil }, "no page sink"},
		{"nil profile", func(c *Config) { c.Profiles = append(c.Profiles, nil) }, "nil profile"},
		{"bad regexp", func(c *Config) { c.Profiles[0].ArticleURL = "(" }, "article_url"},
		{"no item", func(c *Config) { c.Profiles[0].Listing.Item = "" }, "listing.item"},
		{"nothing to start from", func(c *Config) { c.Profiles[0].StartURLs = nil }, "start URL, feed or sitemap"},
		{"foreign start", func(c *Config) { c.Profiles[0].StartURLs = []string{"https://b.vn/"} }, "start URL"},
		{"duplicate host", func(c *Config) { c.Profiles = append(c.Profiles, c.Profiles[0]) }, "already belongs"},
		{"mirror not absolute", func(c *Config) { c.Mirrors = map[string]string{"a.vn": "127.0.0.1:8080"} }, "mirror for a.vn"},
		{"mirror query", func(c *Config) { c.Mirrors = map[string]string{"a.vn": "http://127.0.0.1/?x=1"} }, "query"},
	}
	if _, err := New(good()); err != nil {
		t.Fatalf("good config: %v", err)
	}
	feedOnly := good()
	feedOnly.Profiles[0].StartURLs, feedOnly.Profiles[0].Feeds = nil, []string{"https://a.vn/rss"}
	if _, err := New(feedOnly); err != nil {
		t.Errorf("feed-only profile (valid for sites.Validate): %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := good()
			tt.edit(&cfg)
			_, err := New(cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestUserAgent(t *testing.T) {
	if got, want := UserAgent("1.2.0"), "unionnews/1.2.0 (+https://github.com/unionnews/unionnews)"; got != want {
		t.Errorf("UserAgent = %q, want %q", got, want)
	}
	if got := UserAgent(""); !strings.HasPrefix(got, "unionnews/dev ") {
		t.Errorf("UserAgent(\"\") = %q", got)
	}
}

// TestCrawlGoneArticleNotRetried: an article that answers 404 or 410 is
// counted once and recorded as visited, while a 5xx is retried next run.
func TestCrawlGoneArticleNotRetried(t *testing.T) {
	f := newFixture(t)
	f.listing(start1, "", "/con-song-1.html", "/da-xoa-2.html", "/het-han-3.html", "/loi-may-chu-4.html")
	f.article("/con-song-1.html")
	// /da-xoa-2.html has no route: 404.
	f.handle("/het-han-3.html", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusGone) })
	f.handle("/loi-may-chu-4.html", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusInternalServerError) })
	p := profile(t)
	p.StartURLs = []string{real + start1}
	cfg := f.config(p, &sink{})
	cfg.Visited = newMemVisited()
	cfg.MaxRetries = -1
	st, err := crawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if st.Gone != 2 || st.Errors != 3 || st.Stored != 1 {
		t.Errorf("first run stats %+v, want Gone 2, Errors 3, Stored 1", st)
	}
	cfg.Sink = (&sink{}).put
	st, err = crawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if st.ArticlePages != 1 || st.AlreadySeen != 3 {
		t.Errorf("second run stats %+v, want only the 5xx article refetched", st)
	}
	for path, want := range map[string]int{"/da-xoa-2.html": 1, "/het-han-3.html": 1, "/loi-may-chu-4.html": 2} {
		if n := f.count(path); n != want {
			t.Errorf("%s requested %d times over two runs, want %d", path, n, want)
		}
	}
}
