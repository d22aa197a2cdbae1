package pipeline

import (
	"context"
	"strings"
	"time"

	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/sites"
)

// Crawl runs one crawl through the pipeline: cfg is completed with the
// pipeline's sink, visited set (the store) and archive, and, unless
// cfg.RefreshOnly, with the refetches the profiles' refresh policies ask
// for (sites.RefreshPolicy). The Report counts what was stored and lists
// sites that answered no page.
func (p *Pipeline) Crawl(ctx context.Context, cfg crawler.Config) (Report, error) {
	return p.CrawlWith(ctx, cfg, nil)
}

// CrawlWith is Crawl calling onStart, when not nil, with the crawler
// before it runs; the func onStart returns is called when the run ends
// (a progress display).
func (p *Pipeline) CrawlWith(ctx context.Context, cfg crawler.Config, onStart func(*crawler.Crawler) func()) (Report, error) {
	cfg.Sink = p.sinkSince(cfg.Since)
	cfg.Visited = p.cfg.Store
	if vs, ok := p.cfg.Store.(crawler.ValidatorStore); ok && cfg.Validators == nil && !p.cfg.DryRun {
		cfg.Validators = vs
	}
	if cfg.Archive == nil {
		cfg.Archive = p.cfg.Archive
	}
	if cfg.Logger == nil {
		cfg.Logger = p.log
	}
	if !cfg.RefreshOnly {
		due, err := p.PolicyRefetches(cfg.Profiles, time.Now())
		if err != nil {
			return p.Report(), err
		}
		cfg.Refresh = append(cfg.Refresh, due...)
	}
	c, err := crawler.New(cfg)
	if err != nil {
		return p.Report(), err
	}
	if onStart != nil {
		stop := onStart(c)
		defer stop()
	}
	st, runErr := c.Run(ctx)
	rep := p.Report()
	rep.Crawl = st
	rep.ErrorKinds, rep.RetryKinds = c.FailureKinds()
	if runErr == nil {
		pages := c.PagesBySite()
		asked := map[string]bool{} // with RefreshOnly, only sites with refetches are asked anything
		for _, it := range cfg.Refresh {
			if prof, ok := p.cfg.Sites.ForURL(it.URL); ok {
				asked[prof.Name] = true
			}
		}
		for _, prof := range cfg.Profiles {
			if cfg.RefreshOnly && !asked[prof.Name] {
				continue
			}
			if pages[prof.Name] == 0 {
				rep.NoPages = append(rep.NoPages, prof.Name)
			}
		}
	}
	return rep, runErr
}

// PolicyRefetches lists the stored articles of profiles whose refresh
// policy asks for a re-check at now: published (or, undated, fetched)
// less than YoungerThan ago, and not gone.
func (p *Pipeline) PolicyRefetches(profiles []*sites.Profile, now time.Time) ([]crawler.Refetch, error) {
	policy := map[string]time.Duration{}
	for _, prof := range profiles {
		if prof.Refresh != nil && prof.Refresh.YoungerThan > 0 {
			policy[prof.Name] = time.Duration(prof.Refresh.YoungerThan)
		}
	}
	if len(policy) == 0 {
		return nil, nil
	}
	return p.Refetches(func(a sites.Article) bool {
		d, ok := policy[a.Site]
		if !ok || !a.GoneAt.IsZero() {
			return false
		}
		t := a.Published
		if t.IsZero() {
			t = a.FetchedAt
		}
		return now.Sub(t) < d
	})
}

// Refetches lists the stored articles keep accepts, with their
// validators, for Config.Refresh.
func (p *Pipeline) Refetches(keep func(sites.Article) bool) ([]crawler.Refetch, error) {
	var out []crawler.Refetch
	err := p.cfg.Store.ForEach(func(a sites.Article) error {
		if keep(a) {
			out = append(out, RefetchOf(a))
		}
		return nil
	})
	return out, err
}

// RefetchOf is the conditional re-fetch of a stored article.
func RefetchOf(a sites.Article) crawler.Refetch {
	return crawler.Refetch{URL: a.URL, ETag: a.ETag, LastModified: a.LastModified}
}

// isArticleURL reports whether u is on prof's hosts and matches its
// article_url pattern.
func (p *Pipeline) isArticleURL(prof *sites.Profile, u string) bool {
	re := p.articleRE(prof)
	return re != nil && re.MatchString(u) && !strings.HasSuffix(u, "/robots.txt")
}
