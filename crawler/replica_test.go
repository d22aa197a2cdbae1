package crawler

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/sites/replica"
)

// TestCrawlReplica crawls the whole laodongthudo.vn replica through
// Mirrors. It uses only replica.New, Handler, Mirrors and Pages.
func TestCrawlReplica(t *testing.T) {
	rep, err := replica.New()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(rep.Handler())
	defer srv.Close()

	kinds := make(map[string]string) // real URL -> kind
	for _, p := range rep.Pages("") {
		kinds[p.URL] = p.Kind
	}
	var s sink
	s.fn = func(p Page) error {
		if kinds[p.URL] != "article" {
			return fmt.Errorf("%s is a %q page: %w", p.URL, kinds[p.URL], ErrSkip)
		}
		return nil
	}
	cfg := Config{
		Profiles:    []*sites.Profile{profile(t)},
		Mirrors:     rep.Mirrors(srv.URL),
		UserAgent:   UserAgent("test"),
		Delay:       1,
		Parallelism: 4,
		RetryBase:   1,
		Sink:        s.put,
		Logger:      testLogger(t),
	}
	st, err := crawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("stats %+v", st)
	if st.Stored < 12 {
		t.Errorf("%d article pages reached the sink, want >= 12", st.Stored)
	}
	for _, p := range s.pages {
		if p.Status != 200 || kinds[p.URL] == "" {
			t.Errorf("sink got %s (status %d), not a replica page", p.URL, p.Status)
		}
	}
	if st.Errors < 1 {
		t.Errorf("stats %+v: the missing article (404) should count as an error", st)
	}
	if st.Skipped < 1 {
		t.Errorf("stats %+v: the non-article page should reach the sink and be skipped", st)
	}
	if st.ListingPages < 2 {
		t.Errorf("stats %+v: want both start listings and their next pages", st)
	}
}

// TestCrawlLaodongReplicaThroughWall crawls the laodong.vn replica, whose
// every URL (robots.txt, feeds, listings, articles) sits behind the D1N
// cookie wall, with the built-in profile: articles reach the sink and no
// challenge page does.
func TestCrawlLaodongReplicaThroughWall(t *testing.T) {
	rep, err := replica.New()
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.SitePages("laodong.vn", replica.KindArticle)) == 0 {
		t.Skip("no laodong.vn replica")
	}
	reg, err := sites.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := reg.Get("laodong.vn")
	if !ok || p.Challenge != ChallengeD1N {
		t.Fatalf("laodong.vn profile missing or without the %s challenge", ChallengeD1N)
	}
	srv := httptest.NewServer(rep.Handler())
	defer srv.Close()
	var s sink
	cfg := Config{
		Profiles: []*sites.Profile{p}, Mirrors: rep.Mirrors(srv.URL), UserAgent: UserAgent("test"),
		Delay: 1, Parallelism: 4, RetryBase: 1, Sink: s.put, Logger: testLogger(t),
	}
	st, err := crawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("stats %+v", st)
	if st.Stored < 3 {
		t.Errorf("%d laodong.vn article pages reached the sink, want >= 3", st.Stored)
	}
	walls := 0
	for _, pg := range s.pages {
		if wallCookie(pg.Body) != "" || strings.Contains(string(pg.Body), replica.LaodongD1N) {
			walls++
		}
	}
	if walls != 0 || st.ListingPages == 0 {
		t.Errorf("%d challenge pages reached the sink (listing pages %d)", walls, st.ListingPages)
	}
}
