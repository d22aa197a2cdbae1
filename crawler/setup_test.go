package crawler

import (
	"context"
	"fmt"
	"testing"

	"github.com/unionnews/unionnews/sites"
)

// startProfile is the real profile crawling the start1 listing only.
func startProfile(t *testing.T) *sites.Profile {
	t.Helper()
	p := profile(t)
	p.StartURLs = []string{real + start1}
	return p
}

// articlesOnStart serves n articles listed on start1.
func (f *fixture) articlesOnStart(n int) {
	var items []string
	for i := range n {
		items = append(items, fmt.Sprintf("/bai-%d.html", i))
		f.article(items[i])
	}
	f.listing(start1, "", items...)
}

// crawlOK runs a crawl of the fixture with p and fails the test on an
// error.
func (f *fixture) crawlOK(p *sites.Profile, s *sink, edit func(*Config)) Stats {
	f.t.Helper()
	cfg := f.config(p, s)
	if edit != nil {
		edit(&cfg)
	}
	st, err := crawl(f.t, context.Background(), cfg)
	if err != nil {
		f.t.Fatal(err)
	}
	return st
}
