package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/unionnews/unionnews/crawler"
)

// runFlags adds the flags crawl and demo share beside -data: the per-run
// caps, the politeness override and the progress flags.
func (o *crawlOptions) runFlags(fs *flag.FlagSet) *progressOptions {
	intVar(fs, &o.maxArticles, "max-articles", 0, 0, "stop after fetching `N` article pages (0: no limit)")
	intVar(fs, &o.maxPages, "max-pages", crawler.DefaultMaxPagesPerSite, 1,
		"fetch at most `N` pages (listings, articles, feeds, sitemaps) per site in one run; the rest waits for the next run")
	durationVar(fs, &o.maxDuration, "max-duration", crawler.DefaultMaxDuration, time.Second,
		"stop the run after `D`; the next run goes on from there")
	durationVar(fs, &o.delay, "delay", 0, 0, "override every site's per-host delay (0: the profile's, default 1s)")
	retriesVar(fs, &o.retries)
	durationVar(fs, &o.timeout, "timeout", crawler.DefaultTimeout, 100*time.Millisecond,
		"give up one attempt at a page (headers and body) after `D`; it is then retried")
	return progressFlags(fs)
}

// retriesVar adds -retries.
func retriesVar(fs *flag.FlagSet, p *int) {
	intVar(fs, p, "retries", crawler.DefaultMaxRetries, 0,
		"retry a request that failed (network error, 5xx, 429) up to `N` times, with backoff")
}

// maxRetries maps -retries to crawler.Config.MaxRetries (0 there means
// the default, negative means none).
func maxRetries(n int) int {
	if n == 0 {
		return -1
	}
	return n
}

// withProgress returns the run's logger and arranges for the crawl to
// show its progress (see progressOptions.start).
func (o *crawlOptions) withProgress(prog *progressOptions, newLogger func(env) *slog.Logger, e env) *slog.Logger {
	out := &progressOut{w: e.stderr}
	lg := prog.logger(newLogger, e, out)
	o.onStart = func(c *crawler.Crawler) func() { return prog.start(out, lg, c.Progress) }
	return lg
}

// printLimits reports what the per-run caps and -since left out.
func (s summary) printLimits(w io.Writer) {
	if s.Crawl.TooOld > 0 {
		fmt.Fprintf(w, "older than -since:     %d (feed/sitemap items and articles not stored)\n", s.Crawl.TooOld)
	}
	if s.Crawl.Capped > 0 {
		fmt.Fprintf(w, "left for the next run: %d URLs (a site reached -max-pages)\n", s.Crawl.Capped)
	}
	if s.Crawl.TimedOut {
		fmt.Fprintln(w, "time limit reached:    the run stopped at -max-duration; the next run goes on from here")
	}
}
