package crawler

import (
	"context"
	"errors"
	"time"
)

// Per-run caps: a crawl never runs unbounded, whatever the profiles say
// (an endless pager, a sitemap of millions). What a cap leaves out is
// fetched by the next run: nothing left out is marked visited.
const (
	// DefaultMaxPagesPerSite bounds the requests (listings, articles,
	// feeds, sitemaps) one run makes to one site.
	DefaultMaxPagesPerSite = 5000
	// DefaultMaxDuration bounds one run.
	DefaultMaxDuration = 2 * time.Hour
)

// errTimeLimit is the cause of the run context's cancellation when
// Config.MaxDuration is reached.
var errTimeLimit = errors.New("run reached its time limit")

// withTimeLimit returns a context cancelled (with cause errTimeLimit)
// after d, and its stop func. A cancellation, not a deadline, so that
// requests cut off by the limit read as cancelled, never as failed.
func withTimeLimit(ctx context.Context, d time.Duration) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	t := time.AfterFunc(d, func() { cancel(errTimeLimit) })
	return ctx, func() { t.Stop(); cancel(nil) }
}

// timedOut reports whether the run context was cancelled by the time
// limit rather than by the caller.
func timedOut(ctx context.Context) bool {
	return errors.Is(context.Cause(ctx), errTimeLimit)
}

// reservePage takes one request of site s's per-run budget and reports
// whether there was one left. The first refusal per site is logged.
func (r *run) reservePage(s *site) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.pages[s] >= r.c.cfg.MaxPagesPerSite {
		r.stats.Capped++
		if !r.capLogged[s] {
			r.capLogged[s] = true
			r.c.logger.Warn("site reached the per-run page limit; the rest waits for the next run",
				"site", s.profile.Name, "limit", r.c.cfg.MaxPagesPerSite)
		}
		return false
	}
	r.pages[s]++
	return true
}

func (r *run) releasePage(s *site) {
	r.mu.Lock()
	r.pages[s]--
	r.mu.Unlock()
}
