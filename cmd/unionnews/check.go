package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/unionnews/unionnews/cleaner"
	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/sites"
)

// Thresholds of `sites check`: a page whose clean text is shorter than
// checkMinChars, or than checkMedianShare of the site's median, is a
// body-length drop.
const (
	checkMinChars    = 200
	checkMedianShare = 0.5
)

// checkOptions are the flags of `sites check`.
type checkOptions struct {
	sitesDir string
	sites    listFlag
	mirrors  listFlag
	sample   int
	delay    time.Duration
	retries  int
}

// runSitesCheck fetches every selected site's test URLs and a sample of
// its newest listing items, diagnoses each page against the profile and
// fails when a site's extraction broke (meant for cron as an alert).
func runSitesCheck(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "sites check", "[-site NAME]... [-mirror HOST=URL]... [-sites DIR] [-sample N] [-delay D]")
	var o checkOptions
	fs.StringVar(&o.sitesDir, "sites", "", "directory of extra or overriding site profiles (*.json)")
	fs.Var(&o.sites, "site", "check only this profile (repeatable; default: all)")
	fs.Var(&o.mirrors, "mirror", "fetch HOST from a mirror, e.g. laodong.vn=http://127.0.0.1:8080 (repeatable)")
	intVar(fs, &o.sample, "sample", 3, 0, "also check the first `N` items of each site's first listing pages")
	durationVar(fs, &o.delay, "delay", 0, 0, "override every site's per-host delay (0: the profile's, default 1s)")
	retriesVar(fs, &o.retries)
	logger := logFlags(fs)
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if err := noArgs(fs, e.stderr); err != nil {
		return err
	}
	reg, err := loadSites(o.sitesDir)
	if err != nil {
		return err
	}
	profiles, err := selectProfiles(reg, o.sites)
	if err != nil {
		return err
	}
	mirrors, err := parseMirrors(o.mirrors)
	if err != nil {
		return err
	}
	if err := checkMirrors(reg, mirrors); err != nil {
		return err
	}
	var reports []siteCheckReport
	for _, p := range profiles {
		rep, err := checkSite(ctx, logger(e), p, mirrors, o)
		if err != nil {
			return fmt.Errorf("sites check %s: %w", p.Name, err)
		}
		rep.print(e.stdout)
		reports = append(reports, rep)
	}
	return summarizeChecks(e.stdout, reports)
}

// pageCheck is the diagnosis of one fetched page (or its fetch error).
type pageCheck struct {
	url    string
	sample bool // a listing item, not a test URL
	diag   cleaner.Diagnosis
	fetch  error
}

// siteCheckReport is what `sites check` found for one site.
type siteCheckReport struct {
	name   string
	pages  []pageCheck
	median int
	broken []string // reasons the extraction is broken
	// unreachable is set when every page failed without an answer from
	// the site (network outage, DNS): nothing is known about its layout.
	unreachable string
	warning     []string // problems worth a look that do not fail the check
	guessed     []string // profile fields not verified on the live site
}

// checkSite crawls one site's test URLs and listing sample with a fresh
// in-memory visited set and diagnoses every page.
func checkSite(ctx context.Context, lg *slog.Logger, p *sites.Profile, mirrors map[string]string, o checkOptions) (siteCheckReport, error) {
	rep := siteCheckReport{name: p.Name, guessed: p.Guessed}
	budget := len(p.TestURLs) + o.sample
	if budget == 0 {
		rep.warning = append(rep.warning, "nothing to check: no test_urls and -sample 0")
		return rep, nil
	}
	tests := make(map[string]bool)
	for _, u := range p.TestURLs {
		tests[u] = true
	}
	var mu sync.Mutex
	c, err := crawler.New(crawler.Config{
		Profiles: []*sites.Profile{p}, Mirrors: expandMirrors([]*sites.Profile{p}, mirrors), UserAgent: crawler.UserAgent(buildVersion()), Proxy: http.ProxyFromEnvironment,
		Delay: o.delay, MaxRetries: maxRetries(o.retries), Seeds: p.TestURLs, MaxListingPages: 1, SkipFeeds: true, MaxArticles: budget, Logger: lg,
		Sink: func(_ context.Context, pg crawler.Page) error {
			d := cleaner.Diagnose(pg.Body, pg.URL, p)
			mu.Lock()
			rep.pages = append(rep.pages, pageCheck{url: pg.URL, sample: !tests[pg.URL], diag: d})
			mu.Unlock()
			return nil
		},
		OnError: func(u string, err error) {
			mu.Lock()
			rep.pages = append(rep.pages, pageCheck{url: u, sample: !tests[u], fetch: err})
			mu.Unlock()
		},
	})
	if err != nil {
		return rep, err
	}
	st, err := c.Run(ctx)
	if err != nil {
		return rep, err
	}
	slices.SortStableFunc(rep.pages, func(a, b pageCheck) int {
		return cmp.Or(cmp.Compare(b2i(a.sample), b2i(b.sample)), strings.Compare(a.url, b.url))
	})
	rep.judge(p, o.sample, st)
	return rep, nil
}

// judge fills the report's median, broken reasons and warnings.
//
// A site is broken when a test URL fails (fetch error, clean error,
// article.title or article.body matching nothing, a body under
// checkMinChars), when more than half of the listing samples fail that
// way (one odd item — a video, a gallery — is only a warning), when the
// listing yields no item, or when no checked page has a date or an author
// although the profile has a selector for it. A body under
// checkMedianShare of the site's median is a warning: articles differ in
// length.
func (r *siteCheckReport) judge(p *sites.Profile, sample int, st crawler.Stats) {
	if r.unreachable = unreachable(r.pages); r.unreachable != "" {
		return
	}
	var lens []int
	for _, pc := range r.pages {
		if pc.fetch == nil && pc.diag.Err == nil {
			lens = append(lens, pc.diag.BodyChars)
		}
	}
	r.median = checkMedian(lens)
	var samples, articles, dated, authored int
	var sampleFails []string
	for _, pc := range r.pages {
		problem := r.pageProblem(pc)
		switch {
		case problem != "" && pc.sample:
			sampleFails = append(sampleFails, problem)
			r.warning = append(r.warning, problem)
		case problem != "":
			r.broken = append(r.broken, problem)
		default:
			articles++
			dated += b2i(pc.diag.HasDate)
			authored += b2i(pc.diag.HasAuthor)
		}
		samples += b2i(pc.sample)
	}
	if len(sampleFails) > 0 && 2*len(sampleFails) > samples {
		r.broken = append(r.broken, fmt.Sprintf("%d of %d listing samples failed: %s", len(sampleFails), samples, sampleFails[0]))
	}
	if st.Robots > 0 {
		r.warning = append(r.warning, fmt.Sprintf("%d URL(s) disallowed by robots.txt", st.Robots))
	}
	if sample > 0 && samples == 0 {
		r.broken = append(r.broken, "no listing items on the first listing pages (listing.item matched nothing or the listing failed)")
	}
	switch {
	case articles == 0:
		r.broken = append(r.broken, "no page extracted cleanly")
	case p.Article.Date != "" && dated == 0:
		r.broken = append(r.broken, "no date on any page (article.date)")
	case p.Article.Author != "" && authored == 0:
		r.broken = append(r.broken, "no author on any page (article.author)")
	}
}

// pageProblem returns what makes one page fail the check ("" if nothing)
// and records its warnings (body-length drop, missing date or author).
func (r *siteCheckReport) pageProblem(pc pageCheck) string {
	switch {
	case pc.fetch != nil:
		return fmt.Sprintf("fetch error on %s: %v", pc.url, pc.fetch)
	case pc.diag.Err != nil:
		return fmt.Sprintf("clean failed on %s: %v", pc.url, pc.diag.Err)
	}
	for _, f := range pc.diag.Missing {
		if f == "article.body" || f == "article.title" {
			return fmt.Sprintf("%s matched nothing on %s", f, pc.url)
		}
	}
	n := pc.diag.BodyChars
	if n < checkMinChars {
		return fmt.Sprintf("body %d chars on %s (< %d)", n, pc.url, checkMinChars)
	}
	if float64(n) < checkMedianShare*float64(r.median) {
		r.warning = append(r.warning, fmt.Sprintf("body length drop: %d chars on %s (< %.0f%% of the median %d)",
			n, pc.url, 100*checkMedianShare, r.median))
	}
	if !pc.diag.HasDate || !pc.diag.HasAuthor {
		r.warning = append(r.warning, fmt.Sprintf("%s on %s", checkMissingMeta(pc.diag), pc.url))
	}
	return ""
}

func checkMissingMeta(d cleaner.Diagnosis) string {
	switch {
	case !d.HasDate && !d.HasAuthor:
		return "no date, no author"
	case !d.HasDate:
		return "no date"
	default:
		return "no author"
	}
}

// print writes the per-page table and the site's verdict.
func (r siteCheckReport) print(w io.Writer) {
	fmt.Fprintf(w, "== %s\n", r.name)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PAGE\tFROM\tCHARS\tDATE\tAUTHOR\tSELECTORS MATCHING NOTHING / ERROR")
	for _, pc := range r.pages {
		from := "test_url"
		if pc.sample {
			from = "listing"
		}
		if pc.fetch != nil {
			fmt.Fprintf(tw, "%s\t%s\t-\t-\t-\tfetch: %v\n", pc.url, from, pc.fetch)
			continue
		}
		note := strings.Join(pc.diag.Missing, ", ")
		if pc.diag.Err != nil {
			note = strings.TrimPrefix(note+"; clean: "+pc.diag.Err.Error(), "; ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", pc.url, from, pc.diag.BodyChars,
			checkYesNo(pc.diag.HasDate), checkYesNo(pc.diag.HasAuthor), cmp.Or(note, "-"))
	}
	tw.Flush()
	if len(r.guessed) > 0 {
		fmt.Fprintf(w, "  guessed: %s (not verified on the live site; a pass here confirms them only if the pages checked are live)\n",
			strings.Join(r.guessed, ", "))
	}
	for _, m := range r.warning {
		fmt.Fprintf(w, "  warning: %s\n", m)
	}
	for _, m := range r.broken {
		fmt.Fprintf(w, "  BROKEN:  %s\n", m)
	}
	if r.unreachable != "" {
		fmt.Fprintf(w, "  UNREACHABLE: %s (a network problem, not a layout change)\n", r.unreachable)
	}
	fmt.Fprintf(w, "%s: %s (%d pages, median body %d chars)\n\n", r.name, r.verdict(), len(r.pages), r.median)
}

func (r siteCheckReport) verdict() string {
	switch {
	case r.unreachable != "":
		return "UNREACHABLE"
	case len(r.broken) > 0:
		return "BROKEN"
	}
	return "OK"
}

// summarizeChecks prints one OK/BROKEN line per site and returns the error that
// makes the process exit non-zero when a site is broken.
func summarizeChecks(w io.Writer, reports []siteCheckReport) error {
	var broken, down []string
	fmt.Fprintln(w, "sites check:")
	for _, r := range reports {
		fmt.Fprintf(w, "  %-6s %s\n", r.verdict(), r.name)
		switch {
		case r.unreachable != "":
			down = append(down, fmt.Sprintf("%s (%s)", r.name, r.unreachable))
		case len(r.broken) > 0:
			broken = append(broken, fmt.Sprintf("%s (%s)", r.name, r.broken[0]))
		}
	}
	var msgs []string
	if len(broken) > 0 {
		msgs = append(msgs, fmt.Sprintf("%d site(s) broken: %s", len(broken), strings.Join(broken, "; ")))
	}
	if len(down) > 0 {
		msgs = append(msgs, fmt.Sprintf("%d site(s) unreachable: %s", len(down), strings.Join(down, "; ")))
	}
	if len(msgs) > 0 {
		return fmt.Errorf("sites check: %s", strings.Join(msgs, "; "))
	}
	return nil
}

func checkMedian(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func checkYesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
