package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/sites"
)

// Cleaner turns a page into an article (cleaner.Cleaner).
type Cleaner interface {
	Clean(page []byte, pageURL string, p *sites.Profile) (sites.Article, error)
}

// Store keeps articles and what became of every URL (store.DB).
type Store interface {
	crawler.VisitedSet
	// Save stores an article and says what changed.
	Save(a sites.Article) (id string, c sites.Change, err error)
	// Plan says what Save would do, writing nothing.
	Plan(a sites.Article) (sites.Change, error)
	// LookupURL returns the article a URL resolves to; an error when none.
	LookupURL(url string) (sites.Article, error)
	// ForEach calls fn for every stored article.
	ForEach(fn func(sites.Article) error) error
	RecordOutcome(o sites.URLOutcome) error
	// MarkGone records that the stored article of url answered 404/410.
	MarkGone(url string, at time.Time) error
	// Boilerplate returns the learnt boilerplate hashes of a site.
	Boilerplate(site string, minDocs int, minShare float64) (map[uint64]bool, int, error)
}

// Syncer is implemented by archives that buffer writes (the WARC
// writer): the pipeline syncs before it stores an article pointing into
// the archive.
type Syncer interface {
	Sync() error
}

// Config configures a Pipeline. Sites, Cleaner and Store are required.
type Config struct {
	Sites   *sites.Registry
	Cleaner Cleaner
	Store   Store
	// Archive, when set, receives every fetched response (Crawl) or every
	// imported one (Replay with Copy).
	Archive crawler.Archiver
	// Boilerplate, when set, is told about every new article so that it
	// re-reads the learnt set in time (the same one the Cleaner uses).
	Boilerplate *Boilerplate
	// NotArticle and Invalid are the sentinel errors of the cleaner
	// (cleaner.ErrNotArticle) and the store (store.ErrInvalid), matched
	// with errors.Is to tell not-article and rejected pages from failures.
	NotArticle, Invalid error
	// DryRun cleans and compares but writes nothing (reclean -dry-run).
	DryRun bool
	// DriftShare and DriftMin set the drift alarm: more than DriftShare
	// of at least DriftMin cleaned articles of one site off the profile.
	// Zero means DefaultDriftShare and DefaultDriftMin.
	DriftShare float64
	DriftMin   int
	Logger     *slog.Logger
}

// Drift alarm defaults.
const (
	DefaultDriftShare = 0.2
	DefaultDriftMin   = 5
)

// Pipeline cleans and stores pages. Its methods are safe for concurrent
// use; one Pipeline counts one run.
type Pipeline struct {
	cfg Config
	log *slog.Logger

	mu    sync.Mutex
	sites map[string]*Counts
	res   map[*sites.Profile]*regexp.Regexp // article_url patterns

	// cleanSlots, when set (Replay), bounds the pages cleaned at once.
	cleanSlots chan struct{}
}

// New returns a Pipeline.
func New(cfg Config) (*Pipeline, error) {
	if cfg.Sites == nil || cfg.Cleaner == nil || cfg.Store == nil {
		return nil, errors.New("pipeline: sites, cleaner and store are required")
	}
	if cfg.DriftShare <= 0 {
		cfg.DriftShare = DefaultDriftShare
	}
	if cfg.DriftMin <= 0 {
		cfg.DriftMin = DefaultDriftMin
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Pipeline{cfg: cfg, log: log, sites: map[string]*Counts{}}, nil
}

// count updates the counts of site.
func (p *Pipeline) count(site string, f func(*Counts)) {
	p.mu.Lock()
	c := p.sites[site]
	if c == nil {
		c = &Counts{}
		p.sites[site] = c
	}
	f(c)
	p.mu.Unlock()
}

// Sink is the crawler's PageSink: it cleans and stores one fetched page
// and records its outcome. Its errors follow crawler.PageSink: ErrSkip
// for deliberate non-articles, ErrUnfinished for pages a later run must
// retry, other errors for failures.
func (p *Pipeline) Sink(ctx context.Context, page crawler.Page) error {
	return p.sinkSince(time.Time{})(ctx, page)
}

// sinkSince is Sink refusing, with crawler.ErrTooOld, articles whose own
// date is before since (crawl -since; zero: no bound). Such an article is
// neither stored nor marked visited.
func (p *Pipeline) sinkSince(since time.Time) crawler.PageSink {
	return func(_ context.Context, page crawler.Page) error {
		return p.sink(page, since)
	}
}

func (p *Pipeline) sink(page crawler.Page, since time.Time) error {
	prof, ok := p.cfg.Sites.Get(page.Site)
	if !ok {
		return fmt.Errorf("clean %s: no profile %q", page.URL, page.Site)
	}
	if page.Refresh && page.Status != http.StatusOK {
		return p.refreshAnswer(page)
	}
	return p.process(page, prof, since, nil)
}

// refreshAnswer records a 304 or 404/410 answer to a refresh: nothing is
// rewritten for 304; a gone article keeps its text.
func (p *Pipeline) refreshAnswer(page crawler.Page) error {
	o := sites.URLOutcome{URL: page.URL, Site: page.Site, At: page.FetchedAt, Archive: page.Archive}
	if page.Status == http.StatusNotModified {
		o.Outcome = sites.OutcomeNotModified
		p.count(page.Site, func(c *Counts) { c.NotModified++ })
	} else {
		o.Outcome, o.Detail = sites.OutcomeGone, fmt.Sprintf("HTTP %d", page.Status)
		p.count(page.Site, func(c *Counts) { c.Gone++ })
		if !p.cfg.DryRun {
			if err := p.cfg.Store.MarkGone(page.URL, page.FetchedAt); err != nil {
				p.log.Warn("mark gone", "url", page.URL, "err", err)
			}
		}
	}
	p.record(o)
	return nil
}

// record stores an outcome; a failure is logged (the article itself is
// already safe or counted).
func (p *Pipeline) record(o sites.URLOutcome) {
	if p.cfg.DryRun {
		return
	}
	if o.At.IsZero() {
		o.At = time.Now()
	}
	if err := p.cfg.Store.RecordOutcome(o); err != nil {
		p.log.Warn("record outcome", "url", o.URL, "outcome", o.Outcome, "err", err)
	}
}

// process cleans one page with its profile and stores the article. t,
// when not nil, is the page's turn to submit its article (parallel.go);
// process ends it on every path.
func (p *Pipeline) process(page crawler.Page, prof *sites.Profile, since time.Time, t *turn) error {
	defer t.done()
	p.count(page.Site, func(c *Counts) { c.Pages++ })
	prev, prevErr := p.cfg.Store.LookupURL(page.URL)
	stored := prevErr == nil && prev.ID != "" && sameURL(prev.URL, page.URL)
	outcome := func(o sites.Outcome, detail string) sites.URLOutcome {
		return sites.URLOutcome{URL: page.URL, Site: page.Site, Outcome: o, Detail: detail, At: page.FetchedAt, Archive: page.Archive}
	}
	art, err := p.clean(page.Body, page.URL, prof)
	switch {
	case err != nil && p.cfg.NotArticle != nil && errors.Is(err, p.cfg.NotArticle):
		p.count(page.Site, func(c *Counts) {
			c.NotArticles++
			if stored {
				c.NowRejected++
			}
		})
		p.record(outcome(sites.OutcomeNotArticle, err.Error()))
		p.log.Debug("not an article", "url", page.URL, "err", err)
		return fmt.Errorf("%w: %w", crawler.ErrSkip, err)
	case err != nil:
		p.count(page.Site, func(c *Counts) {
			c.CleanFailed++
			if stored {
				c.NowRejected++
			}
		})
		p.record(outcome(sites.OutcomeCleanFailed, err.Error()))
		p.log.Warn("clean failed", "url", page.URL, "err", err)
		return fmt.Errorf("%w: %w", crawler.ErrUnfinished, err)
	}
	if !since.IsZero() && !art.Published.IsZero() && art.Published.Before(since) {
		p.log.Debug("article older than -since", "url", page.URL, "published", art.Published)
		return fmt.Errorf("%s: published %s: %w", page.URL, art.Published.Format(time.DateOnly), crawler.ErrTooOld)
	}
	offProfile := !strings.HasPrefix(art.Extractor, "profile")
	var alarm *Counts
	p.count(page.Site, func(c *Counts) {
		c.Profiled++
		if offProfile {
			c.OffProfile++
		}
		if !c.alarmed && p.drifting(*c) {
			c.alarmed = true
			snap := *c
			alarm = &snap
		}
	})
	if alarm != nil {
		p.log.Error("DRIFT ALARM: articles fall off the profile", "site", page.Site, "selector", prof.Article.Body,
			"off_profile_so_far", alarm.OffProfile, "of", alarm.Profiled,
			"detail", p.offProfileDetail(prof), "fix", "fix the profile, then run `unionnews reclean -site "+page.Site+"`")
	}
	if offProfile && stored && strings.HasPrefix(prev.Extractor, "profile") {
		// Never replace a profile-rung text by the generic rung's.
		p.count(page.Site, func(c *Counts) { c.NowRejected++ })
		p.record(outcome(sites.OutcomeOffProfile, p.offProfileDetail(prof)))
		return fmt.Errorf("%w: %s", crawler.ErrUnfinished, p.offProfileDetail(prof))
	}
	art.FetchedAt = page.FetchedAt
	art.Archive = page.Archive
	art.ETag = page.Header.Get("ETag")
	art.LastModified = page.Header.Get("Last-Modified")
	change, err := p.saveInTurn(art, t)
	if err != nil {
		if p.cfg.Invalid != nil && errors.Is(err, p.cfg.Invalid) {
			p.count(page.Site, func(c *Counts) { c.Rejected++ })
			p.record(outcome(sites.OutcomeRejected, err.Error()))
			return fmt.Errorf("%w: %w", crawler.ErrUnfinished, err)
		}
		p.count(page.Site, func(c *Counts) { c.StoreFailed++ })
		p.record(outcome(sites.OutcomeStoreFailed, err.Error()))
		return fmt.Errorf("store %s: %w", page.URL, err)
	}
	if change == sites.ChangeUnchanged && prevErr == nil && !stored {
		change = sites.ChangeDuplicate // the URL already maps to the article holding this text
	}
	recovered := !offProfile && (change == sites.ChangeCreated && prevErr != nil ||
		change == sites.ChangeUpdated && stored && !strings.HasPrefix(prev.Extractor, "profile"))
	p.count(page.Site, func(c *Counts) {
		switch change {
		case sites.ChangeCreated:
			c.Created++
		case sites.ChangeUpdated:
			c.Updated++
		case sites.ChangeDuplicate:
			c.Duplicates++
		default:
			c.Unchanged++
		}
		if recovered {
			c.Recovered++
		}
	})
	if change == sites.ChangeCreated && p.cfg.Boilerplate != nil && !p.cfg.DryRun {
		p.cfg.Boilerplate.AddedBlocks(art.Site, art.BlockHashes)
	}
	switch {
	case offProfile:
		p.record(outcome(sites.OutcomeOffProfile, p.offProfileDetail(prof)))
		return fmt.Errorf("%w: %s", crawler.ErrUnfinished, p.offProfileDetail(prof))
	case change == sites.ChangeDuplicate:
		p.record(outcome(sites.OutcomeDuplicate, ""))
	default:
		p.record(outcome(sites.OutcomeStored, string(change)))
	}
	return nil
}

func (p *Pipeline) offProfileDetail(prof *sites.Profile) string {
	return fmt.Sprintf("body selector %q matched nothing; generic rung used", prof.Article.Body)
}

// sameURL reports whether two URLs name one page (as the store's
// canonical form does: scheme and host case, "www.", fragment).
func sameURL(a, b string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		s, _, _ = strings.Cut(s, "#")
		s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
		return strings.TrimPrefix(s, "www.")
	}
	return norm(a) == norm(b)
}
