package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// memArchive is an Archiver in memory.
type memArchive struct {
	mu  sync.Mutex
	exs []Exchange
	err error
}

func (a *memArchive) Archive(ex Exchange) (sites.ArchiveRef, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.err != nil {
		return sites.ArchiveRef{}, a.err
	}
	a.exs = append(a.exs, ex)
	return sites.ArchiveRef{File: "f.warc.gz", Offset: int64(len(a.exs)), RecordID: fmt.Sprintf("<urn:uuid:%d>", len(a.exs))}, nil
}

func (a *memArchive) byURL() map[string]Exchange {
	a.mu.Lock()
	defer a.mu.Unlock()
	m := map[string]Exchange{}
	for _, ex := range a.exs {
		m[ex.URL] = ex
	}
	return m
}

// TestArchiveEveryResponse: robots.txt, the listing, articles and a 404
// are archived under their real URLs (not the mirror's), with the raw
// body before charset conversion; each Page points at its record.
func TestArchiveEveryResponse(t *testing.T) {
	f := newFixture(t)
	f.listing(start1, "", "/bai-1.html", "/bai-2.html", "/mat-404.html")
	f.article("/bai-1.html")
	f.handle("/bai-2.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		io.WriteString(w, "<p>caf\xe9</p>")
	})
	p := profile(t)
	p.StartURLs = []string{real + start1}
	var s sink
	arch := &memArchive{}
	cfg := f.config(p, &s)
	cfg.Archive = arch
	if _, err := crawl(t, context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	got := arch.byURL()
	for _, u := range []string{real + "/robots.txt", real + start1, real + "/bai-1.html", real + "/bai-2.html", real + "/mat-404.html"} {
		ex, ok := got[u]
		if !ok {
			t.Errorf("%s not archived (archived: %d)", u, len(got))
			continue
		}
		if ex.Method != http.MethodGet || ex.Status == 0 || ex.FetchedAt.IsZero() || ex.RespHeader.Get("Content-Type") == "" && ex.Status == 200 {
			t.Errorf("%s: incomplete exchange %+v", u, ex)
		}
		if !strings.HasPrefix(ex.ReqHeader.Get("User-Agent"), "unionnews/") {
			t.Errorf("%s: request header lacks the User-Agent: %v", u, ex.ReqHeader)
		}
	}
	for u := range got {
		if strings.Contains(u, "127.0.0.1") {
			t.Errorf("archived the mirror URL %s", u)
		}
	}
	if ex := got[real+"/mat-404.html"]; ex.Status != 404 {
		t.Errorf("404 archived with status %d", ex.Status)
	}
	if b := string(got[real+"/bai-2.html"].Body); b != "<p>caf\xe9</p>" {
		t.Errorf("archived body %q, want the raw ISO-8859-1 bytes", b)
	}
	if len(s.pages) != 2 {
		t.Fatalf("sink got %d pages", len(s.pages))
	}
	for _, pg := range s.pages {
		if pg.Archive == nil || pg.Archive.RecordID == "" {
			t.Errorf("%s: no archive ref", pg.URL)
		}
		if ex := got[pg.URL]; !pg.FetchedAt.Equal(ex.FetchedAt) {
			t.Errorf("%s: page fetched at %v, archived at %v", pg.URL, pg.FetchedAt, ex.FetchedAt)
		}
		if pg.Header.Get(archiveRefHeader) != "" {
			t.Errorf("%s: internal header leaked into Page.Header", pg.URL)
		}
		if pg.URL == real+"/bai-2.html" && string(pg.Body) != "<p>café</p>" {
			t.Errorf("page body %q, want converted to UTF-8", pg.Body)
		}
	}
}

// TestArchiveFailureFailsPage: a page that cannot be archived is an
// error and is not marked visited.
func TestArchiveFailureFailsPage(t *testing.T) {
	f := newFixture(t)
	f.listing(start1, "", "/bai-1.html")
	f.article("/bai-1.html")
	p := profile(t)
	p.StartURLs = []string{real + start1}
	var s sink
	cfg := f.config(p, &s)
	cfg.Archive = &memArchive{err: errors.New("disk full")}
	cfg.Visited = newMemVisited()
	st, err := crawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if st.Errors == 0 || st.Stored != 0 || len(s.pages) != 0 {
		t.Errorf("stats %+v, sink %d pages; want errors and nothing stored", st, len(s.pages))
	}
	if v, _ := cfg.Visited.IsVisited(real + "/bai-1.html"); v {
		t.Error("unarchived article marked visited")
	}
}

// TestBodyReadErrorsRetried: a truncated body (connection closed before
// Content-Length bytes) and a slow drip past the timeout are retried
// like other network errors.
func TestBodyReadErrorsRetried(t *testing.T) {
	for _, mode := range []string{"truncated", "reset", "slow"} {
		t.Run(mode, func(t *testing.T) {
			f := newFixture(t)
			f.listing(start1, "", "/bai-1.html")
			var mu sync.Mutex
			n := 0
			f.handle("/bai-1.html", func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				n++
				first := n == 1
				mu.Unlock()
				body := `<html><body><div class="content_detail"><p>Nội dung đầy đủ</p></div></body></html>`
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				if !first {
					io.WriteString(w, body)
					return
				}
				switch mode {
				case "truncated", "reset":
					w.Header().Set("Content-Length", fmt.Sprint(len(body)))
					w.WriteHeader(200)
					io.WriteString(w, body[:20])
					w.(http.Flusher).Flush()
					conn, _, err := http.NewResponseController(w).Hijack()
					if err == nil {
						if tc, ok := conn.(*net.TCPConn); ok && mode == "reset" {
							tc.SetLinger(0)
						}
						conn.Close()
					}
				case "slow":
					w.WriteHeader(200)
					for i := 0; i < 30 && r.Context().Err() == nil; i++ {
						io.WriteString(w, "<!-- drip -->")
						w.(http.Flusher).Flush()
						time.Sleep(50 * time.Millisecond)
					}
				}
			})
			p := profile(t)
			p.StartURLs = []string{real + start1}
			var s sink
			cfg := f.config(p, &s)
			cfg.Timeout = 500 * time.Millisecond
			st, err := crawl(t, context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if st.Stored != 1 || st.Errors != 0 || len(s.pages) != 1 || !strings.Contains(string(s.pages[0].Body), "đầy đủ") {
				t.Errorf("stats %+v, pages %d; want the full page after a retry", st, len(s.pages))
			}
			if f.count("/bai-1.html") != 2 {
				t.Errorf("article requested %d times, want 2", f.count("/bai-1.html"))
			}
		})
	}
}

// TestRefreshConditional: refreshes send the stored validators; 304,
// 200 and 404 answers reach the sink marked as refreshes; listings are
// not read with RefreshOnly; nothing is marked visited again.
func TestRefreshConditional(t *testing.T) {
	f := newFixture(t)
	f.listing(start1, "", "/bai-1.html")
	var mu sync.Mutex
	cond := map[string]string{}
	f.handle("/bai-1.html", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		cond["inm"], cond["ims"] = r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
		mu.Unlock()
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v2"`)
		io.WriteString(w, "<p>new</p>")
	})
	f.handle("/bai-2.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"x"`)
		io.WriteString(w, "<p>changed</p>")
	})
	p := profile(t)
	p.StartURLs = []string{real + start1}
	var s sink
	cfg := f.config(p, &s)
	cfg.Visited = newMemVisited()
	cfg.RefreshOnly = true
	cfg.Refresh = []Refetch{
		{URL: real + "/bai-1.html", ETag: `"v1"`, LastModified: "Mon, 01 Dec 2025 10:00:00 GMT"},
		{URL: real + "/bai-2.html"},
		{URL: real + "/mat-404.html", ETag: `"z"`},
	}
	st, err := crawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if f.count(start1) != 0 {
		t.Error("RefreshOnly read the listing")
	}
	if cond["inm"] != `"v1"` || cond["ims"] != "Mon, 01 Dec 2025 10:00:00 GMT" {
		t.Errorf("conditional headers sent: %v", cond)
	}
	status := map[string]int{}
	for _, pg := range s.pages {
		if !pg.Refresh {
			t.Errorf("%s not marked as a refresh", pg.URL)
		}
		status[pg.URL] = pg.Status
	}
	want := map[string]int{real + "/bai-1.html": 304, real + "/bai-2.html": 200, real + "/mat-404.html": 404}
	for u, code := range want {
		if status[u] != code {
			t.Errorf("%s reached the sink with %d, want %d", u, status[u], code)
		}
	}
	if st.NotModified != 1 || st.Errors != 0 {
		t.Errorf("stats %+v", st)
	}
	if got := (&Crawler{lastSites: map[string]int{host: 3}}).PagesBySite()[host]; got != 3 {
		t.Errorf("PagesBySite = %d", got)
	}
}

// TestUnfinishedNotVisited: ErrUnfinished is neither an error nor a
// visit.
func TestUnfinishedNotVisited(t *testing.T) {
	f := newFixture(t)
	f.listing(start1, "", "/bai-1.html")
	f.article("/bai-1.html")
	p := profile(t)
	p.StartURLs = []string{real + start1}
	s := sink{fn: func(Page) error { return fmt.Errorf("off profile: %w", ErrUnfinished) }}
	cfg := f.config(p, &s)
	cfg.Visited = newMemVisited()
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Unfinished != 1 || st.Errors != 0 || st.Stored != 0 {
		t.Errorf("stats %+v", st)
	}
	if v, _ := cfg.Visited.IsVisited(real + "/bai-1.html"); v {
		t.Error("unfinished page marked visited")
	}
	if c.PagesBySite()[host] != 2 {
		t.Errorf("PagesBySite = %v, want 2 pages of %s", c.PagesBySite(), host)
	}
}
