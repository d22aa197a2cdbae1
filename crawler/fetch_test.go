package crawler

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

// flaky serves status codes from codes in turn, then the article.
func flaky(f *fixture, path string, codes []int, header http.Header) {
	n := 0
	f.handle(path, func(w http.ResponseWriter, r *http.Request) {
		if n < len(codes) {
			for k, v := range header {
				w.Header()[k] = v
			}
			w.WriteHeader(codes[n])
			n++
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<html><body>ok</body></html>")
	})
}

func TestCrawlRetries(t *testing.T) {
	tests := []struct {
		name     string
		codes    []int
		header   http.Header
		minGap   time.Duration
		requests int
		stored   int
	}{
		{"503 then ok", []int{503}, nil, 0, 2, 1},
		{"429 retry-after 1", []int{429}, http.Header{"Retry-After": {"1"}}, 900 * time.Millisecond, 2, 1},
		{"always 500", []int{500, 500, 500, 500, 500}, nil, 0, 4, 0},
		{"404 not retried", []int{404, 404}, nil, 0, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.listing(start1, "", "/bai-1.html")
			flaky(f, "/bai-1.html", tt.codes, tt.header)
			p := profile(t)
			p.StartURLs = []string{real + start1}
			var s sink
			st, err := crawl(t, context.Background(), f.config(p, &s))
			if err != nil {
				t.Fatal(err)
			}
			var at []time.Time
			for _, h := range f.requests() {
				if h.path == "/bai-1.html" {
					at = append(at, h.at)
				}
			}
			if len(at) != tt.requests {
				t.Fatalf("article requested %d times, want %d", len(at), tt.requests)
			}
			if gap := at[len(at)-1].Sub(at[0]); gap < tt.minGap {
				t.Errorf("retry came after %v, want >= %v", gap, tt.minGap)
			}
			if st.Stored != tt.stored || st.Errors != 1-tt.stored {
				t.Errorf("stats %+v, want %d stored", st, tt.stored)
			}
		})
	}
}

func TestCrawlRedirectToForeignHostRefused(t *testing.T) {
	var foreign int
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { foreign++ }))
	defer other.Close()
	f := newFixture(t)
	f.listing(start1, "", "/bai-1.html", "/bai-2.html")
	f.handle("/bai-1.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/stolen.html", http.StatusFound)
	})
	f.article("/bai-2.html")
	p := profile(t)
	p.StartURLs = []string{real + start1}
	var s sink
	st, err := crawl(t, context.Background(), f.config(p, &s))
	if err != nil {
		t.Fatal(err)
	}
	if foreign != 0 {
		t.Errorf("foreign server got %d requests", foreign)
	}
	if st.Errors != 1 || st.Stored != 1 {
		t.Errorf("stats %+v, want 1 error and 1 stored", st)
	}
}

func TestCrawlRedirectInsideMirror(t *testing.T) {
	f := newFixture(t)
	f.listing(start1, "", "/bai-cu-1.html")
	f.handle("/bai-cu-1.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, f.base()+"/bai-moi-2.html", http.StatusMovedPermanently)
	})
	f.article("/bai-moi-2.html")
	p := profile(t)
	p.StartURLs = []string{real + start1}
	var s sink
	if _, err := crawl(t, context.Background(), f.config(p, &s)); err != nil {
		t.Fatal(err)
	}
	if got, want := s.urls(), []string{real + "/bai-moi-2.html"}; !slices.Equal(got, want) {
		t.Errorf("sink got %q, want %q (the real URL after the redirect)", got, want)
	}
}

func TestCrawlMaxBodySize(t *testing.T) {
	big := strings.Repeat("x", 2048)
	tests := []struct {
		name  string
		serve http.HandlerFunc
	}{
		{"content-length", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", fmt.Sprint(len(big)))
			io.WriteString(w, big)
		}},
		{"streamed", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			for range 4 {
				io.WriteString(w, big[:512])
				w.(http.Flusher).Flush()
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.listing(start1, "", "/bai-1.html", "/bai-2.html")
			f.handle("/bai-1.html", tt.serve)
			f.html("/bai-2.html", "<p>"+big[:900]+"</p>")
			p := profile(t)
			p.StartURLs = []string{real + start1}
			var s sink
			cfg := f.config(p, &s)
			cfg.MaxBodySize = 1024
			st, err := crawl(t, context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.urls(); !slices.Equal(got, []string{real + "/bai-2.html"}) {
				t.Errorf("sink got %q, want only the small page", got)
			}
			if st.Errors != 1 || f.count("/bai-1.html") != 1 {
				t.Errorf("stats %+v, %d requests: want 1 error and no retry", st, f.count("/bai-1.html"))
			}
		})
	}
}

func TestCrawlCharset(t *testing.T) {
	f := newFixture(t)
	f.listing(start1, "", "/bai-1.html", "/bai-2.html")
	f.handle("/bai-1.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		io.WriteString(w, "<p>caf\xe9</p>")
	})
	f.handle("/bai-2.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<p>caf\xe9</p>")
	})
	p := profile(t)
	p.StartURLs = []string{real + start1}
	var s sink
	if _, err := crawl(t, context.Background(), f.config(p, &s)); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{real + "/bai-1.html": "<p>café</p>", real + "/bai-2.html": "<p>caf\xe9</p>"}
	for _, pg := range s.pages {
		if string(pg.Body) != want[pg.URL] {
			t.Errorf("%s body %q, want %q", pg.URL, pg.Body, want[pg.URL])
		}
	}
	if len(s.pages) != 2 {
		t.Errorf("sink got %d pages", len(s.pages))
	}
}
