package pipeline

import (
	"errors"
	"fmt"
	"sort"

	"github.com/unionnews/unionnews/crawler"
)

// Sentinel errors of a run's Report.Err; callers (cmd's exit status,
// serve's run state) branch on them with errors.Is.
var (
	// ErrNoPages: a site answered no page at all (network down, every
	// start URL failing, the site blocking us).
	ErrNoPages = errors.New("a site yielded no page")
	// ErrStoreFailed: at least one article could not be written.
	ErrStoreFailed = errors.New("store writes failed")
	// ErrDrift: a site's articles fell off its profile beyond the
	// threshold; the profile's selectors need fixing.
	ErrDrift = errors.New("profile drift")
	// ErrPagesFailed: some pages could not be fetched (timeouts, resets,
	// 5xx after the retries, refused redirects; not 404/410, an outcome);
	// they are not marked visited and the next run tries them again.
	ErrPagesFailed = errors.New("pages failed")
)

// Counts is what a run did with the article pages of one site.
type Counts struct {
	Pages int // article pages offered to the pipeline
	// Profiled counts pages the cleaner produced text for; OffProfile of
	// them came from the generic rung (drift alarm).
	Profiled, OffProfile                    int
	Created, Updated, Unchanged, Duplicates int
	NotArticles, Rejected, CleanFailed      int
	StoreFailed                             int
	Gone, NotModified                       int // refresh answers
	// Recovered: articles stored by the profile rung that were missing
	// or off-profile before (reclean, import). NowRejected: stored
	// articles that today's cleaner rejects or cleans off-profile; their
	// stored text is kept.
	Recovered, NowRejected int

	alarmed bool // the drift alarm was logged
}

// drifting reports whether c crosses the drift threshold.
func (p *Pipeline) drifting(c Counts) bool {
	return c.Profiled >= p.cfg.DriftMin && float64(c.OffProfile) > p.cfg.DriftShare*float64(c.Profiled)
}

func (c *Counts) add(o Counts) {
	c.Pages += o.Pages
	c.Profiled += o.Profiled
	c.OffProfile += o.OffProfile
	c.Created += o.Created
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
	c.Duplicates += o.Duplicates
	c.NotArticles += o.NotArticles
	c.Rejected += o.Rejected
	c.CleanFailed += o.CleanFailed
	c.StoreFailed += o.StoreFailed
	c.Gone += o.Gone
	c.NotModified += o.NotModified
	c.Recovered += o.Recovered
	c.NowRejected += o.NowRejected
}

// Drift is one drift alarm: Off of Of cleaned articles of Site fell off
// the profile because Selector matched nothing.
type Drift struct {
	Site, Selector string
	Off, Of        int
}

func (d Drift) String() string {
	return fmt.Sprintf("%s: %d of %d articles fell off the profile (body selector %q matched nothing; the generic rung was used): fix the profile, then run `unionnews reclean -site %s`",
		d.Site, d.Off, d.Of, d.Selector, d.Site)
}

// Report is what one run did.
type Report struct {
	// Crawl holds the crawler's counts (zero for Replay).
	Crawl crawler.Stats
	// ErrorKinds counts the crawl's failed pages (Crawl.Errors) by kind
	// (crawler.ErrorKind); RetryKinds its retried attempts.
	ErrorKinds, RetryKinds map[string]int
	// Sites holds the pipeline's counts per site; Total their sum.
	Sites map[string]Counts
	Total Counts
	// NoPages lists the crawled sites that answered no page.
	NoPages []string
	// Drift lists the drift alarms.
	Drift []Drift
}

// Report returns the counts so far, with the drift alarms.
func (p *Pipeline) Report() Report {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := Report{Sites: make(map[string]Counts, len(p.sites))}
	names := make([]string, 0, len(p.sites))
	for n, c := range p.sites {
		r.Sites[n] = *c
		r.Total.add(*c)
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := p.sites[n]
		if p.drifting(*c) {
			sel := ""
			if prof, ok := p.cfg.Sites.Get(n); ok {
				sel = prof.Article.Body
			}
			r.Drift = append(r.Drift, Drift{Site: n, Selector: sel, Off: c.OffProfile, Of: c.Profiled})
		}
	}
	return r
}

// Err joins the run's failures: ErrNoPages per silent site,
// ErrStoreFailed, ErrDrift per drifting site. Nil when the run is clean.
func (r Report) Err() error {
	var errs []error
	for _, s := range r.NoPages {
		errs = append(errs, fmt.Errorf("%w: %s answered no page (network down? blocked? see the log)", ErrNoPages, s))
	}
	if r.Total.StoreFailed > 0 {
		errs = append(errs, fmt.Errorf("%w: %d articles not stored (disk full? read-only corpus? see the log); they are archived and not marked visited: fix the cause and run the crawl or `unionnews reclean` again", ErrStoreFailed, r.Total.StoreFailed))
	}
	for _, d := range r.Drift {
		errs = append(errs, fmt.Errorf("%w: %s", ErrDrift, d))
	}
	// A page gone for good (404/410) is an outcome, not a failure.
	if n := r.Crawl.Errors - r.Crawl.Gone; n > 0 {
		errs = append(errs, fmt.Errorf("%w: %d pages failed (by kind: %s); see the log: the next run tries them again", ErrPagesFailed, n, FormatKinds(r.ErrorKinds)))
	}
	return errors.Join(errs...)
}

// FormatKinds writes kind counts as "kind n, kind n" sorted by kind
// ("none" when empty).
func FormatKinds(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	kinds := make([]string, 0, len(m))
	for k := range m {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	out := ""
	for i, k := range kinds {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%s %d", k, m[k])
	}
	return out
}
