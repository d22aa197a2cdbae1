package crawler

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

const (
	d1nValue = "0123456789abcdef0123456789abcdef"
	wallPage = `<html><head><script>document.cookie="D1N=` + d1nValue +
		`"+"; expires=Fri, 31 Dec 2027 23:59:59 GMT; path=/";window.location.reload(true);</script></head><body></body></html>`
)

// wall wraps every route of the fixture in laodong.vn's cookie wall: a
// request without the right D1N cookie gets the wall with status 200.
// pass=false makes a wall that never lets anyone through.
func wall(f *fixture, pass bool) (walls *atomic.Int32) {
	walls = new(atomic.Int32)
	f.mu.Lock()
	defer f.mu.Unlock()
	for p, next := range f.routes {
		f.routes[p] = func(w http.ResponseWriter, r *http.Request) {
			if c, err := r.Cookie("D1N"); !pass || err != nil || c.Value != d1nValue {
				walls.Add(1)
				w.Header().Set("Content-Type", "text/html")
				io.WriteString(w, wallPage)
				return
			}
			next(w, r)
		}
	}
	return walls
}

func TestWallCookie(t *testing.T) {
	big := wallPage + strings.Repeat("<p>real page</p>", 200)
	tests := []struct {
		name, body, want string
	}{
		{"wall", wallPage, d1nValue},
		{"single quotes", `<script>document.cookie='D1N=` + strings.ToUpper(d1nValue) + `; path=/'</script>`, strings.ToUpper(d1nValue)},
		{"large page mentioning the script", big, ""},
		{"article page", `<article>` + wallPage + `</article>`, ""},
		{"short hex", `<script>document.cookie="D1N=42"</script>`, ""},
		{"other cookie", `<script>document.cookie="X=` + d1nValue + `"</script>`, ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		if got := wallCookie([]byte(tt.body)); got != tt.want {
			t.Errorf("%s: wallCookie = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestCookieWall crawls a site whose every URL — robots.txt, the feed,
// listings, articles — sits behind the wall: the crawler passes it, and no
// wall page reaches the sink or the listing parser.
func TestCookieWall(t *testing.T) {
	f := newFixture(t)
	f.listing(start1, "", "/bai-1.html", "/bai-2.html")
	f.article("/bai-1.html")
	f.article("/bai-2.html")
	f.article("/bai-3.html")
	f.handle("/rss/home.rss", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
<item><title>3</title><link>`+real+`/bai-3.html</link></item></channel></rss>`)
	})
	f.text("/robots.txt", "User-agent: *\nDisallow: /cam/\n")
	walls := wall(f, true)

	p := profile(t)
	p.StartURLs = []string{real + start1}
	p.Challenge = ChallengeD1N
	p.Feeds = []string{real + "/rss/home.rss"}
	var s sink
	st, err := crawl(t, context.Background(), f.config(p, &s))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{real + "/bai-1.html", real + "/bai-2.html", real + "/bai-3.html"}
	if got := s.urls(); !slices.Equal(got, want) {
		t.Errorf("sink got %q, want %q", got, want)
	}
	for _, pg := range s.pages {
		if strings.Contains(string(pg.Body), "D1N") {
			t.Errorf("the wall page of %s reached the sink", pg.URL)
		}
	}
	if st.ListingPages != 1 || st.FeedPages != 1 || st.Stored != 3 || st.Errors != 0 {
		t.Errorf("stats %+v; want 1 listing, 1 feed, 3 stored, 0 errors", st)
	}
	// robots.txt was fetched through the wall: once walled, once with the cookie.
	if n := f.count("/robots.txt"); n != 2 {
		t.Errorf("robots.txt requested %d times, want 2 (wall, then with the cookie)", n)
	}
	if n := walls.Load(); n < 1 || n > 3 {
		t.Errorf("%d walls served; the cookie covers the host, so only the first requests meet it", n)
	}
}

// TestCookieWallNeverPassed: a wall that ignores the cookie fails the
// requests with ErrCookieWall (counted errors), and nothing reaches the sink.
func TestCookieWallNeverPassed(t *testing.T) {
	f := newFixture(t)
	f.listing(start1, "", "/bai-1.html")
	f.article("/bai-1.html")
	wall(f, false)
	p := profile(t)
	p.StartURLs = []string{real + start1}
	p.Challenge = ChallengeD1N
	var (
		s    sink
		mu   sync.Mutex
		errs []error
	)
	cfg := f.config(p, &s)
	cfg.Seeds = []string{real + "/bai-1.html"}
	cfg.OnError = func(_ string, err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}
	st, err := crawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.pages) != 0 || st.ListingPages != 0 {
		t.Errorf("sink got %q, stats %+v; want nothing through a closed wall", s.urls(), st)
	}
	if st.Errors != 2 || len(errs) != 2 {
		t.Fatalf("stats %+v, errors %v; want the listing and the seed failed", st, errs)
	}
	for _, err := range errs {
		if !errors.Is(err, ErrCookieWall) || !strings.Contains(err.Error(), "cookie wall not passed") {
			t.Errorf("error %v does not wrap ErrCookieWall", err)
		}
	}
}

// TestWallOnlyForChallengeSites: a profile without a challenge gets the
// page as served (the transport does not touch other sites).
func TestWallOnlyForChallengeSites(t *testing.T) {
	f := newFixture(t)
	f.article("/bai-1.html")
	f.html("/bai-2.html", wallPage)
	p := profile(t)
	p.StartURLs = []string{real + start1}
	var s sink
	cfg := f.config(p, &s)
	cfg.Seeds = []string{real + "/bai-2.html"}
	st, err := crawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if st.Stored != 1 || len(s.pages) != 1 || !strings.Contains(string(s.pages[0].Body), "D1N") {
		t.Errorf("stats %+v: want the page as served", st)
	}
}
