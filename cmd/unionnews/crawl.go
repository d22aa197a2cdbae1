package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/store"
)

// crawlOptions are the flags shared by crawl and demo.
type crawlOptions struct {
	data        string
	sitesDir    string
	sites       listFlag
	mirrors     listFlag
	maxArticles int
	delay       time.Duration
	since       time.Time     // zero: no bound
	maxPages    int           // per site and run; 0: crawler default
	maxDuration time.Duration // per run; 0: crawler default
	retries     int           // -retries; 0: none
	// onStart, when set, is called with the crawler before it runs; the
	// func it returns is called when the run ends (progress display).
	onStart func(*crawler.Crawler) func()
}

func runCrawl(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "crawl", "[-data DIR] [-site NAME]... [-since DATE] [-max-articles N] [-max-pages N] [-max-duration D] [-mirror HOST=URL]... [-sites DIR] [-q|-v]")
	var o crawlOptions
	fs.StringVar(&o.data, "data", defaultDataDir, "data directory (database and corpus files)")
	fs.StringVar(&o.sitesDir, "sites", "", "directory of extra or overriding site profiles (*.json)")
	fs.Var(&o.sites, "site", "crawl only this profile (repeatable; default: all)")
	fs.Var(&o.mirrors, "mirror", "fetch HOST from a mirror, e.g. laodong.vn=http://127.0.0.1:8080 (repeatable); the corpus keeps real URLs")
	since := fs.String("since", "", "only articles published on or after DATE (YYYY-MM-DD or RFC3339): skips older feed/sitemap items, stops listing paging at old pages, and does not store an article whose own date is older")
	prog := o.runFlags(fs)
	logger := logFlags(fs)
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if err := noArgs(fs, e.stderr); err != nil {
		return err
	}
	var err error
	if o.since, err = parseDate(*since, false); err != nil {
		return fmt.Errorf("-since: %w", err)
	}
	mirrors, err := parseMirrors(o.mirrors)
	if err != nil {
		return err
	}
	if err := refuseDemoDir(o.data); err != nil {
		return err
	}
	lg := o.withProgress(prog, logger, e)
	sum, err := crawl(ctx, lg, o, mirrors)
	if sum.started { // a start-up failure prints the error only
		sum.print(e.stdout, o.data)
	}
	return err
}

// summary is what one crawl did, for the user.
type summary struct {
	crawler.Stats
	Created, Duplicates, Updated, Unchanged, NotArticles int64
	Articles                                             int
	started                                              bool // the crawl ran (no start-up failure)
}

// crawl runs one crawl into the store at o.data.
func crawl(ctx context.Context, lg *slog.Logger, o crawlOptions, mirrors map[string]string) (summary, error) {
	var sum summary
	reg, err := loadSites(o.sitesDir)
	if err != nil {
		return sum, err
	}
	profiles, err := selectProfiles(reg, o.sites)
	if err != nil {
		return sum, err
	}
	if err := checkMirrors(reg, mirrors); err != nil {
		return sum, err
	}
	warnUnmirrored(lg, profiles, mirrors)
	db, err := store.Open(o.data, nil)
	if err != nil {
		return sum, err
	}
	defer db.Close()
	p := newPipeline(reg, db, lg)
	p.since = o.since
	c, err := crawler.New(crawler.Config{
		Profiles: profiles, Mirrors: expandMirrors(profiles, mirrors), UserAgent: crawler.UserAgent(buildVersion()), Proxy: http.ProxyFromEnvironment,
		Delay: o.delay, MaxArticles: o.maxArticles, Since: o.since, Visited: db, Sink: p.sink, Logger: lg,
		MaxPagesPerSite: o.maxPages, MaxDuration: o.maxDuration, MaxRetries: maxRetries(o.retries),
	})
	if err != nil {
		return sum, err
	}
	if o.onStart != nil {
		stop := o.onStart(c)
		defer stop()
	}
	stats, runErr := c.Run(ctx)
	sum = summary{Stats: stats, Created: p.created.Load(), Duplicates: p.duplicates.Load(),
		Updated: p.updated.Load(), Unchanged: p.unchanged.Load(), NotArticles: p.notArticles.Load(), started: true}
	if st, err := db.Stats(); err == nil {
		sum.Articles = st.Articles
	}
	return sum, runErr
}

func (s summary) print(w io.Writer, data string) {
	fmt.Fprintf(w, "listing pages fetched: %d\n", s.ListingPages)
	fmt.Fprintf(w, "article pages fetched: %d (already in corpus, not refetched: %d)\n", s.ArticlePages, s.AlreadySeen)
	fmt.Fprintf(w, "articles stored:       %d new, %d updated, %d unchanged\n", s.Created, s.Updated, s.Unchanged)
	fmt.Fprintf(w, "duplicates:            %d (same text as a stored article; URL recorded, text kept once)\n", s.Duplicates)
	fmt.Fprintf(w, "not articles:          %d\n", s.NotArticles)
	fmt.Fprintf(w, "blocked by robots.txt: %d\n", s.Robots)
	fmt.Fprintf(w, "errors:                %d (see the log; of these, gone for good (404/410, not retried): %d)\n", s.Errors, s.Gone)
	s.printLimits(w)
	fmt.Fprintf(w, "corpus:                %d articles in %s (database %s/unionnews.db, files %s/corpus/)\n",
		s.Articles, data, data, data)
}
