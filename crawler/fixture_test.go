package crawler

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// The fixture imitates laodongthudo.vn behind a mirror base with a path
// prefix, using the real profile's selectors.
const (
	host   = "laodongthudo.vn"
	real   = "https://" + host
	start1 = "/cong-doan/hoat-dong"
	start2 = "/cong-doan/vi-loi-ich-doan-vien"
)

// fixture is a local site: handlers by real path, and a log of every
// request it received.
type fixture struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	routes map[string]http.HandlerFunc
	hits   []hit
	// srvHandleAll, when set, sees every request first and reports
	// whether it answered it.
	srvHandleAll func(http.ResponseWriter, *http.Request) bool
}

type hit struct {
	path string // real path + query
	ua   string
	at   time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, routes: make(map[string]http.HandlerFunc)}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	f.text("/robots.txt", "User-agent: *\nAllow: /\n")
	return f
}

// base is the mirror base URL of the fixture host.
func (f *fixture) base() string { return f.srv.URL + "/" + host }

func (f *fixture) serve(w http.ResponseWriter, r *http.Request) {
	path, ok := strings.CutPrefix(r.URL.Path, "/"+host)
	if !ok {
		http.NotFound(w, r)
		return
	}
	if r.URL.RawQuery != "" {
		path += "?" + r.URL.RawQuery
	}
	f.mu.Lock()
	f.hits = append(f.hits, hit{path: path, ua: r.Header.Get("User-Agent"), at: time.Now()})
	h := f.routes[path]
	all := f.srvHandleAll
	f.mu.Unlock()
	if all != nil && all(w, r) {
		return
	}
	if h == nil {
		http.NotFound(w, r)
		return
	}
	h(w, r)
}

func (f *fixture) handle(path string, h http.HandlerFunc) {
	f.mu.Lock()
	f.routes[path] = h
	f.mu.Unlock()
}

func (f *fixture) html(path, body string) {
	f.handle(path, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, body)
	})
}

func (f *fixture) text(path, body string) {
	f.handle(path, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, body)
	})
}

// article serves a small article page whose own listing-like links must
// never be followed.
func (f *fixture) article(path string) {
	f.html(path, `<html><head><title>`+path+`</title></head><body>
<div class="content_detail"><p>Nội dung `+path+`</p></div>
<div class="col_category"><div class="list_news"><div class="list_news_title">
<h2><a href="/khong-theo-999.html">related</a></h2></div></div></div>
</body></html>`)
}

// listing serves a listing page with article links in the profile's item
// markup, a decoy article link outside it, a non-article link inside it,
// and an optional next link.
func (f *fixture) listing(path, next string, items ...string) {
	var b strings.Builder
	b.WriteString(`<html><body><a href="/ngoai-danh-sach-777.html">decoy</a><div class="col_category">`)
	for _, it := range append(items, "/cong-doan.tag") {
		fmt.Fprintf(&b, `<div class="list_news"><div class="list_news_title"><h2><a href="%s#top">x</a></h2><p>sapo</p></div></div>`, it)
	}
	b.WriteString(`</div>`)
	if next != "" {
		fmt.Fprintf(&b, `<div class="paging"><a href="/x">1</a><a class="next" href="%s">›</a></div>`, next)
	}
	b.WriteString(`</body></html>`)
	f.html(path, b.String())
}

// count returns how often path was requested.
func (f *fixture) count(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, h := range f.hits {
		if h.path == path {
			n++
		}
	}
	return n
}

func (f *fixture) requests() []hit {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.hits)
}

// profile loads the real laodongthudo.vn profile.
func profile(t *testing.T) *sites.Profile {
	t.Helper()
	b, err := os.ReadFile("../sites/profiles/laodongthudo.vn.json")
	if err != nil {
		t.Fatal(err)
	}
	var p sites.Profile
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

// sink records the pages it gets.
type sink struct {
	mu    sync.Mutex
	pages []Page
	fn    func(Page) error // optional outcome
}

func (s *sink) put(_ context.Context, p Page) error {
	s.mu.Lock()
	s.pages = append(s.pages, p)
	s.mu.Unlock()
	if s.fn != nil {
		return s.fn(p)
	}
	return nil
}

func (s *sink) urls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var us []string
	for _, p := range s.pages {
		us = append(us, p.URL)
	}
	slices.Sort(us)
	return us
}

// config is a fast test configuration crawling the fixture.
func (f *fixture) config(p *sites.Profile, s *sink) Config {
	return Config{
		Profiles:    []*sites.Profile{p},
		Mirrors:     map[string]string{host: f.base(), "www." + host: f.base()},
		UserAgent:   UserAgent("test"),
		Delay:       time.Millisecond,
		Parallelism: 2,
		RetryBase:   time.Millisecond,
		Timeout:     5 * time.Second,
		Sink:        s.put,
		Logger:      testLogger(f.t),
	}
}

// crawl runs one crawl and fails the test on a constructor error.
func crawl(t *testing.T, ctx context.Context, cfg Config) (Stats, error) {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c.Run(ctx)
}

// testLogger writes through t.Log so output shows only for failures or -v.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
