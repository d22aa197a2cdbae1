package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/unionnews/unionnews/cmd/internal/serve"
	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// serveRunner is serve's Runner: one crawl of one site through the
// pipeline into the store serve holds open.
type serveRunner struct {
	reg         *sites.Registry
	db          *store.DB
	log         *slog.Logger
	mirrors     map[string]string
	delay       time.Duration
	maxArticles int
}

var _ serve.Runner = (*serveRunner)(nil)

// Crawl implements serve.Runner. A run that fetched no page at all fails.
func (r *serveRunner) Crawl(ctx context.Context, site string) (serve.Result, error) {
	var res serve.Result
	prof, ok := r.reg.Get(site)
	if !ok {
		return res, fmt.Errorf("unknown site %q", site)
	}
	lg := r.log.With("site", site)
	p := newPipeline(r.reg, r.db, lg)
	var mu sync.Mutex
	kinds := map[string]int{}
	profiles := []*sites.Profile{prof}
	c, err := crawler.New(crawler.Config{
		Profiles: profiles, Mirrors: expandMirrors(profiles, r.mirrors), UserAgent: crawler.UserAgent(version),
		Proxy: http.ProxyFromEnvironment, Delay: r.delay, MaxArticles: r.maxArticles, Visited: r.db, Sink: p.sink, Logger: lg,
		OnError: func(_ string, err error) {
			mu.Lock()
			kinds[errorKind(err)]++
			mu.Unlock()
		},
	})
	if err != nil {
		return res, err
	}
	st, runErr := c.Run(ctx)
	mu.Lock()
	res = serve.Result{
		Fetched: st.ListingPages + st.ArticlePages + st.FeedPages + st.SitemapPages,
		Stored:  int(p.created.Load()), Updated: int(p.updated.Load()), Unchanged: int(p.unchanged.Load()),
		Duplicates: int(p.duplicates.Load()), Rejected: int(p.notArticles.Load()), Errors: st.Errors,
		Requests: map[string]int{}, ErrorKinds: kinds,
	}
	mu.Unlock()
	for status, n := range map[string]int{"200": st.ListingPages + st.ArticlePages + st.FeedPages + st.SitemapPages,
		"gone": st.Gone, "error": st.Errors - st.Gone, "robots": st.Robots} {
		if n > 0 {
			res.Requests[status] = n
		}
	}
	if runErr != nil {
		return res, runErr
	}
	if res.Fetched == 0 {
		return res, fmt.Errorf("crawl %s: no page fetched (%d errors; see the log)", site, st.Errors)
	}
	return res, nil
}

// Refresh implements serve.Runner. Conditional re-fetching comes with
// the archive pipeline (issue 7); until then it says so.
func (r *serveRunner) Refresh(context.Context, serve.RefreshRequest) (serve.Result, error) {
	return serve.Result{}, fmt.Errorf("refresh: %w in this build (it needs the archive pipeline)", serve.ErrNotAvailable)
}

// errorKind names the kind of a failed page for the errors metric.
func errorKind(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, crawler.ErrRobots):
		return "robots"
	case errors.Is(err, crawler.ErrForeignHost):
		return "foreign_host"
	case errors.Is(err, crawler.ErrTooLarge):
		return "too_large"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, store.ErrInvalid), strings.HasPrefix(err.Error(), "store "):
		return "store"
	case strings.HasPrefix(err.Error(), "clean "):
		return "clean"
	default:
		return "fetch"
	}
}
