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
	"github.com/unionnews/unionnews/cmd/internal/wire"
	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/crawler/pipeline"
	"github.com/unionnews/unionnews/store"
)

// serveRunner is serve's Runner: each run is one pipeline run (fetch →
// archive → clean → store) over the data directory serve holds open for
// its lifetime (store, WARC writer, cleaner: one wire.Env).
type serveRunner struct {
	env         *wire.Env
	log         *slog.Logger
	mirrors     map[string]string
	delay       time.Duration
	maxArticles int
}

var _ serve.Runner = (*serveRunner)(nil)

// run env: a fresh pipeline (one pipeline counts one run) over the
// shared Env; never closed by a run.
func (r *serveRunner) runEnv() (*runEnv, error) {
	p, err := r.env.Pipeline()
	if err != nil {
		return nil, err
	}
	return &runEnv{Env: r.env, reg: r.env.Sites, db: r.env.DB, p: p}, nil
}

// Crawl implements serve.Runner: a crawl of one site, with the
// refetches its profile's refresh policy asks for.
func (r *serveRunner) Crawl(ctx context.Context, site string) (serve.Result, error) {
	prof, err := selectProfiles(r.env.Sites, []string{site})
	if err != nil {
		return serve.Result{}, err
	}
	lg := r.log.With("site", site)
	e, err := r.runEnv()
	if err != nil {
		return serve.Result{}, err
	}
	return r.run(ctx, e, crawler.Config{Profiles: prof, MaxArticles: r.maxArticles, Logger: lg})
}

// Refresh implements serve.Runner: conditional re-fetches of the stored
// articles of a site (older than req.OlderThan) or of exact URLs.
func (r *serveRunner) Refresh(ctx context.Context, req serve.RefreshRequest) (serve.Result, error) {
	lg := r.log.With("site", req.Site)
	e, err := r.runEnv()
	if err != nil {
		return serve.Result{}, err
	}
	o := refreshOptions{urls: req.URLs, olderThan: req.OlderThan}
	if len(req.URLs) == 0 {
		o.sites = listFlag{req.Site}
	}
	items, profiles, err := refetches(e, o, time.Now())
	if err != nil {
		return serve.Result{}, err
	}
	if len(items) == 0 {
		lg.Info("nothing to refresh")
		return serve.Result{}, nil
	}
	return r.run(ctx, e, crawler.Config{Profiles: profiles, Refresh: items, RefreshOnly: true, Logger: lg})
}

// run completes cfg, runs the pipeline and turns its report into a
// serve.Result; the report's failures (no page, store failures, drift)
// fail the run.
func (r *serveRunner) run(ctx context.Context, e *runEnv, cfg crawler.Config) (serve.Result, error) {
	var mu sync.Mutex
	kinds := map[string]int{}
	cfg.Mirrors = expandMirrors(cfg.Profiles, r.mirrors)
	cfg.UserAgent = crawler.UserAgent(version)
	cfg.Proxy = http.ProxyFromEnvironment
	cfg.Delay = r.delay
	cfg.OnError = func(_ string, err error) {
		mu.Lock()
		kinds[errorKind(err)]++
		mu.Unlock()
	}
	rep, runErr := e.p.Crawl(ctx, cfg)
	mu.Lock()
	defer mu.Unlock()
	return resultOf(rep, kinds), errors.Join(runErr, rep.Err())
}

// resultOf maps a pipeline report to what serve shows and counts.
func resultOf(rep pipeline.Report, kinds map[string]int) serve.Result {
	st, t := rep.Crawl, rep.Total
	fetched := st.ListingPages + st.ArticlePages + st.FeedPages + st.SitemapPages
	res := serve.Result{
		Fetched: fetched, Stored: t.Created, Updated: t.Updated, Unchanged: t.Unchanged + t.NotModified,
		Duplicates: t.Duplicates, Rejected: t.NotArticles + t.Rejected, Errors: st.Errors,
		Requests: map[string]int{}, ErrorKinds: map[string]int{},
	}
	for k, n := range kinds {
		res.ErrorKinds[k] = n
	}
	for kind, n := range map[string]int{"clean": t.CleanFailed, "store": t.StoreFailed, "off_profile": t.OffProfile} {
		if n > 0 {
			res.ErrorKinds[kind] += n
		}
	}
	for status, n := range map[string]int{"200": fetched - st.NotModified, "304": st.NotModified, "gone": st.Gone,
		"error": st.Errors - st.Gone, "robots": st.Robots} {
		if n > 0 {
			res.Requests[status] = n
		}
	}
	var drift []string
	for _, d := range rep.Drift {
		drift = append(drift, fmt.Sprintf("%d of %d off the profile (body selector %q matched nothing)", d.Off, d.Of, d.Selector))
	}
	res.Drift = strings.Join(drift, "; ")
	return res
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
