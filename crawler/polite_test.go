package crawler

import (
	"context"
	"errors"
	"testing"
	"time"
)

// The per-host delay spaces the requests of one host.
func TestPoliteDelaySpacesRequests(t *testing.T) {
	f := newFixture(t)
	f.articlesOnStart(4)
	var s sink
	f.crawlOK(startProfile(t), &s, func(c *Config) { c.Parallelism, c.Delay = 1, 80*time.Millisecond })
	var last time.Time
	for _, h := range f.requests() {
		if h.path == "/robots.txt" {
			continue
		}
		if !last.IsZero() && h.at.Sub(last) < 70*time.Millisecond {
			t.Errorf("%s %v after the previous request, want >= the 80ms delay", h.path, h.at.Sub(last))
		}
		last = h.at
	}
}

// Cancelling a crawl (Ctrl-C) returns at once: requests queued behind
// the politeness delay are dropped and the delay itself is cut short.
// With colly's LimitRule the queue drained at one request per delay.
func TestCrawlCancelStopsQueuedRequestsAtOnce(t *testing.T) {
	f := newFixture(t)
	f.articlesOnStart(8)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var cancelledAt time.Time
	s := sink{fn: func(Page) error {
		if cancelledAt.IsZero() {
			cancelledAt = time.Now()
			cancel()
		}
		return nil
	}}
	cfg := f.config(startProfile(t), &s)
	cfg.Parallelism = 1
	cfg.Delay = 2 * time.Second
	st, err := crawl(t, ctx, cfg)
	took := time.Since(cancelledAt)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if took > time.Second {
		t.Errorf("Run returned %v after the cancel, want well under 1s (8 queued requests × 2s delay)", took)
	}
	if st.Stored != 1 || st.Errors != 0 {
		t.Errorf("stats %+v, want 1 stored and no errors", st)
	}
}
