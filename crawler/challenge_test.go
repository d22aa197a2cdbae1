package crawler

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gocolly/colly/v2"
)

// TestChallengeSeam checks the per-site hook a cookie-wall solver will use:
// a handled interstitial never reaches the sink or the listing parser,
// and a cookie set in the crawl's jar is sent on the retried request.
func TestChallengeSeam(t *testing.T) {
	const wall = `<html><script>document.cookie="D1N=42"+"; path=/";window.location.reload(true);</script></html>`
	f := newFixture(t)
	walled := func(next http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if c, err := r.Cookie("D1N"); err != nil || c.Value != "42" {
				w.Header().Set("Content-Type", "text/html")
				io.WriteString(w, wall)
				return
			}
			next(w, r)
		}
	}
	f.listing(start1, "", "/bai-1.html")
	f.article("/bai-1.html")
	f.mu.Lock()
	for _, p := range []string{start1, "/bai-1.html"} {
		f.routes[p] = walled(f.routes[p])
	}
	f.mu.Unlock()

	p := profile(t)
	p.StartURLs = []string{real + start1}
	var s sink
	c, err := New(f.config(p, &s))
	if err != nil {
		t.Fatal(err)
	}
	var solved atomic.Int32
	c.sites[0].challenge = func(col *colly.Collector, r *colly.Response) bool {
		if !strings.Contains(string(r.Body), `document.cookie="D1N=`) {
			return false
		}
		solved.Add(1)
		u := r.Request.URL.String()
		if err := col.SetCookies(u, []*http.Cookie{{Name: "D1N", Value: "42", Path: "/"}}); err != nil {
			t.Error(err)
		}
		if err := r.Request.Retry(); err != nil {
			t.Error(err)
		}
		return true
	}
	st, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := s.urls(); !slices.Equal(got, []string{real + "/bai-1.html"}) || strings.Contains(string(s.pages[0].Body), "D1N") {
		t.Errorf("sink got %q", got)
	}
	if solved.Load() != 1 || st.ListingPages != 1 || st.Stored != 1 || st.Errors != 0 {
		t.Errorf("solved %d times, stats %+v; want one wall (the cookie covers the host), 1 listing, 1 stored", solved.Load(), st)
	}
}
