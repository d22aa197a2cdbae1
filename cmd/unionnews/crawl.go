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
	since       time.Time // zero: no bound
}

func runCrawl(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "crawl", "[-data DIR] [-site NAME]... [-max-articles N] [-mirror HOST=URL]... [-sites DIR] [-since DATE]")
	var o crawlOptions
	fs.StringVar(&o.data, "data", "data", "data directory (database and corpus files)")
	fs.StringVar(&o.sitesDir, "sites", "", "directory of extra or overriding site profiles (*.json)")
	fs.Var(&o.sites, "site", "crawl only this profile (repeatable; default: all)")
	fs.Var(&o.mirrors, "mirror", "fetch HOST from a mirror, e.g. laodong.vn=http://127.0.0.1:8080 (repeatable); the corpus keeps real URLs")
	fs.IntVar(&o.maxArticles, "max-articles", 0, "stop after fetching N article pages (0: no limit)")
	fs.DurationVar(&o.delay, "delay", 0, "override every site's per-host delay (0: the profile's, default 1s)")
	since := fs.String("since", "", "only articles published on or after DATE (YYYY-MM-DD or RFC3339): skips older feed/sitemap items, stops listing paging at old pages")
	logger := logFlags(fs)
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	var err error
	if o.since, err = parseDate(*since, false); err != nil {
		return fmt.Errorf("-since: %w", err)
	}
	mirrors, err := parseMirrors(o.mirrors)
	if err != nil {
		return err
	}
	sum, err := crawl(ctx, logger(e), o, mirrors)
	sum.print(e.stdout, o.data)
	return err
}

// summary is what one crawl did, for the user.
type summary struct {
	crawler.Stats
	Created, Duplicates, Updated, Unchanged, NotArticles int64
	Articles                                             int
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
	db, err := store.Open(o.data, nil)
	if err != nil {
		return sum, explainInUse(ctx, o.data, err)
	}
	defer db.Close()
	p := newPipeline(reg, db, lg)
	c, err := crawler.New(crawler.Config{
		Profiles: profiles, Mirrors: expandMirrors(profiles, mirrors), UserAgent: crawler.UserAgent(version), Proxy: http.ProxyFromEnvironment,
		Delay: o.delay, MaxArticles: o.maxArticles, Since: o.since, Visited: db, Sink: p.sink, Logger: lg,
	})
	if err != nil {
		return sum, err
	}
	stats, runErr := c.Run(ctx)
	sum = summary{Stats: stats, Created: p.created.Load(), Duplicates: p.duplicates.Load(),
		Updated: p.updated.Load(), Unchanged: p.unchanged.Load(), NotArticles: p.notArticles.Load()}
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
	fmt.Fprintf(w, "corpus:                %d articles in %s (database %s/unionnews.db, files %s/corpus/)\n",
		s.Articles, data, data, data)
}
