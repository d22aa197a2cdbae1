package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/crawler/pipeline"
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
	timeout     time.Duration // -timeout per attempt; 0: crawler default
	// onStart, when set, is called with the crawler before it runs; the
	// func it returns is called when the run ends (progress display).
	onStart func(*crawler.Crawler) func()
}

func runCrawl(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "crawl", "[-data DIR] [-site NAME]... [-since DATE] [-max-articles N] [-max-pages N] [-max-duration D] [-mirror HOST=URL]... [-sites DIR] [-q|-v]")
	var o crawlOptions
	fs.StringVar(&o.data, "data", defaultDataDir, "data directory (database, corpus files and WARC archive)")
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

// summary is what one run did, for the user. started is false when the
// run failed before it began: nothing is printed then.
type summary struct {
	pipeline.Report
	Articles, NearCopies int
	started              bool
	kind                 string // "crawl", "refresh", "reclean", "import"
}

// crawl runs one crawl into the store at o.data.
func crawl(ctx context.Context, lg *slog.Logger, o crawlOptions, mirrors map[string]string) (summary, error) {
	sum := summary{kind: "crawl"}
	// Mirrors are checked before the data directory is opened (or made).
	reg, err := loadSites(o.sitesDir)
	if err != nil {
		return sum, err
	}
	if err := checkMirrors(reg, mirrors); err != nil {
		return sum, err
	}
	r, err := openRun(o.data, o.sitesDir, lg, false)
	if err != nil {
		return sum, err
	}
	profiles, err := selectProfiles(r.reg, o.sites)
	if err != nil {
		r.close()
		return sum, err
	}
	warnUnmirrored(lg, profiles, mirrors)
	return r.finish(sum, func() (pipeline.Report, error) {
		return r.p.CrawlWith(ctx, crawler.Config{
			Profiles: profiles, Mirrors: expandMirrors(profiles, mirrors), UserAgent: crawler.UserAgent(buildVersion()), Proxy: http.ProxyFromEnvironment,
			Delay: o.delay, MaxArticles: o.maxArticles, Since: o.since, Logger: lg,
			MaxPagesPerSite: o.maxPages, MaxDuration: o.maxDuration, MaxRetries: maxRetries(o.retries), Timeout: o.timeout,
		}, o.onStart)
	})
}

// finish runs one pipeline run, closes the run's store and archive and
// returns the summary with the run's failures (Report.Err) joined to its
// error.
func (r *runEnv) finish(sum summary, run func() (pipeline.Report, error)) (summary, error) {
	rep, runErr := run()
	sum.Report, sum.started = rep, true
	if st, err := r.db.Stats(); err == nil {
		sum.Articles, sum.NearCopies = st.Articles, st.NearCopies
	}
	closeErr := r.close()
	return sum, joinErrs(runErr, rep.Err(), closeErr)
}

func (s summary) print(w io.Writer, data string) {
	if !s.started {
		return
	}
	t, c := s.Total, s.Crawl
	if s.kind == "crawl" || s.kind == "refresh" {
		fmt.Fprintf(w, "listing pages fetched: %d\n", c.ListingPages)
		fmt.Fprintf(w, "article pages fetched: %d (already in corpus, not refetched: %d)\n", c.ArticlePages, c.AlreadySeen)
	}
	if s.kind == "refresh" || t.NotModified+t.Gone > 0 {
		fmt.Fprintf(w, "refreshed:             %d not modified, %d gone (text kept)\n", t.NotModified, t.Gone)
	}
	fmt.Fprintf(w, "articles stored:       %d new, %d updated, %d unchanged\n", t.Created, t.Updated, t.Unchanged)
	if s.kind == "reclean" || s.kind == "import" {
		fmt.Fprintf(w, "recovered:             %d (stored by the profile now, missing or off-profile before)\n", t.Recovered)
		fmt.Fprintf(w, "now rejected:          %d (stored before, rejected or off-profile now; stored text kept)\n", t.NowRejected)
	}
	fmt.Fprintf(w, "duplicates:            %d (same text as a stored article; URL recorded, text kept once)\n", t.Duplicates)
	fmt.Fprintf(w, "not articles:          %d\n", t.NotArticles)
	fmt.Fprintf(w, "off profile:           %d (generic rung used; not marked done, see `unionnews stats`)\n", t.OffProfile)
	if n := t.Rejected + t.CleanFailed + t.StoreFailed; n > 0 {
		fmt.Fprintf(w, "failed:                %d (%d rejected, %d cleaning failed, %d store writes failed)\n", n, t.Rejected, t.CleanFailed, t.StoreFailed)
	}
	if s.kind == "crawl" || s.kind == "refresh" {
		fmt.Fprintf(w, "blocked by robots.txt: %d\n", c.Robots)
		fmt.Fprintf(w, "errors:                %d (see the log; of these, gone for good (404/410, not retried): %d)\n", c.Errors, c.Gone)
		if c.Errors > 0 {
			fmt.Fprintf(w, "errors by kind:        %s\n", pipeline.FormatKinds(s.ErrorKinds))
		}
		if len(s.RetryKinds) > 0 {
			fmt.Fprintf(w, "retried by kind:       %s\n", pipeline.FormatKinds(s.RetryKinds))
		}
	}
	s.printLimits(w)
	stories := ""
	if s.NearCopies > 0 {
		stories = fmt.Sprintf(" (%d stories; %d near copies, exported with -all)", s.Articles-s.NearCopies, s.NearCopies)
	}
	fmt.Fprintf(w, "corpus:                %d articles%s in %s (database %s/unionnews.db, files %s/corpus/, archive %s/warc/)\n",
		s.Articles, stories, data, data, data, data)
	for _, d := range s.Drift {
		fmt.Fprintf(w, "DRIFT ALARM:           %s\n", d)
	}
	for _, n := range s.NoPages {
		fmt.Fprintf(w, "NO PAGES:              %s answered no page: check the network, the site and the log\n", n)
	}
}
