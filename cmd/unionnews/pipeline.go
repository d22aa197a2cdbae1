package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/unionnews/unionnews/cleaner"
	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// Compile-time check: the store satisfies what the crawler consumes.
var _ crawler.VisitedSet = (*store.DB)(nil)

// pipeline wires crawl → clean → store: its sink cleans each fetched
// page with the site's profile and stores the article.
type pipeline struct {
	reg *sites.Registry
	db  *store.DB
	log *slog.Logger
	cl  *cleaner.Cleaner
	bp  *boilerplate

	created, duplicates, updated, unchanged, notArticles atomic.Int64
}

func newPipeline(reg *sites.Registry, db *store.DB, log *slog.Logger) *pipeline {
	bp := &boilerplate{db: db, log: log, sets: map[string]map[uint64]bool{}, stale: map[string]int{}}
	return &pipeline{reg: reg, db: db, log: log, bp: bp, cl: cleaner.New(&cleaner.Options{Boilerplate: bp})}
}

func (p *pipeline) sink(_ context.Context, page crawler.Page) error {
	prof, ok := p.reg.Get(page.Site)
	if !ok {
		return fmt.Errorf("clean %s: no profile %q", page.URL, page.Site)
	}
	art, err := p.cl.Clean(page.Body, page.URL, prof)
	if errors.Is(err, cleaner.ErrNotArticle) {
		p.notArticles.Add(1)
		p.log.Debug("not an article", "url", page.URL, "err", err)
		return fmt.Errorf("%w: %w", crawler.ErrSkip, err)
	}
	if err != nil {
		return err // the cleaner's errors already say "clean <url>: …"
	}
	res, err := p.db.Put(toRecord(art, page.FetchedAt))
	if err != nil {
		return fmt.Errorf("store %s: %w", page.URL, err)
	}
	switch {
	case res.Created && res.Displaced != "":
		// An exact copy that ranks first took the text over.
		p.duplicates.Add(1)
	case res.Created:
		p.created.Add(1)
		// Learn which blocks recur across the site's articles.
		if err := p.db.AddBlocks(art.Site, art.BlockHashes); err != nil {
			p.log.Warn("count blocks", "url", page.URL, "err", err)
		}
		p.bp.added(art.Site)
	case res.Duplicate:
		p.duplicates.Add(1)
		p.log.Debug("duplicate text", "url", page.URL, "id", res.ID)
	case res.Updated:
		p.updated.Add(1)
	default:
		p.unchanged.Add(1)
	}
	return nil
}

// boilerplateRefresh is how many new articles of a site are stored before
// its boilerplate set is re-read from the store during a crawl.
const boilerplateRefresh = 25

// boilerplate is the cleaner's view of the blocks that recur across a
// site's stored articles (CCNet style), learnt from the store: it grows
// with the corpus and is re-read every boilerplateRefresh new articles.
type boilerplate struct {
	db    *store.DB
	log   *slog.Logger
	mu    sync.Mutex
	sets  map[string]map[uint64]bool
	stale map[string]int
}

// IsBoilerplate implements cleaner.Boilerplate.
func (b *boilerplate) IsBoilerplate(site string, h uint64) bool {
	return b.set(site)[h]
}

// set returns the site's boilerplate hashes, re-reading them from the
// store (outside the lock) when missing or stale. A failed read keeps the
// old set and is logged: cleaning goes on without the learnt rung.
func (b *boilerplate) set(site string) map[uint64]bool {
	b.mu.Lock()
	set, ok := b.sets[site]
	refresh := !ok || b.stale[site] >= boilerplateRefresh
	if refresh {
		b.stale[site] = 0
	}
	b.mu.Unlock()
	if !refresh {
		return set
	}
	fresh, _, err := b.db.Boilerplate(site, store.DefaultBlockMinDocs, store.DefaultBlockMinShare)
	if err != nil {
		b.log.Warn("read learnt boilerplate", "site", site, "err", err)
		fresh = set
	}
	b.mu.Lock()
	b.sets[site] = fresh
	b.mu.Unlock()
	return fresh
}

func (b *boilerplate) added(site string) {
	b.mu.Lock()
	b.stale[site]++
	b.mu.Unlock()
}

// toRecord stamps a cleaned article with its fetch time for the store.
func toRecord(a cleaner.Article, fetched time.Time) store.Record {
	a.FetchedAt = fetched
	a.BlockHashes = nil
	return a
}

// parseMirrors turns repeated HOST=URL flags into a map.
func parseMirrors(list []string) (map[string]string, error) {
	out := map[string]string{}
	for _, m := range list {
		host, base, ok := strings.Cut(m, "=")
		if !ok || host == "" || base == "" {
			return nil, fmt.Errorf("-mirror %q: want HOST=URL", m)
		}
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("-mirror %q: %s is not an http(s) URL", m, base)
		}
		out[strings.ToLower(host)] = base
	}
	return out, nil
}

// expandMirrors makes a mirror given for one host of a profile also
// serve the profile's other hosts that have no mirror of their own: a
// user who mirrors laodong.vn expects www.laodong.vn and amp.laodong.vn
// links of the same crawl to come from the mirror, never from the live
// site. The result is a new map.
func expandMirrors(profiles []*sites.Profile, mirrors map[string]string) map[string]string {
	out := make(map[string]string, len(mirrors))
	for h, b := range mirrors {
		out[h] = b
	}
	for _, p := range profiles {
		base := ""
		for _, h := range p.Hosts {
			if b, ok := mirrors[h]; ok {
				base = b
				break
			}
		}
		if base == "" {
			continue
		}
		for _, h := range p.Hosts {
			if _, ok := out[h]; !ok {
				out[h] = base
			}
		}
	}
	return out
}

// selectProfiles picks the named profiles, or every crawlable one.
func selectProfiles(reg *sites.Registry, names []string) ([]*sites.Profile, error) {
	if len(names) == 0 {
		return reg.Crawlable(), nil
	}
	var out []*sites.Profile
	for _, n := range names {
		p, ok := reg.Get(n)
		if !ok {
			return nil, fmt.Errorf("unknown site %q (see `unionnews sites`)", n)
		}
		if p.Abstract {
			return nil, fmt.Errorf("site %q is an abstract template, not a site", n)
		}
		out = append(out, p)
	}
	return out, nil
}

func loadSites(dir string) (*sites.Registry, error) {
	return sites.Load(&sites.LoadOptions{Dir: dir, CheckSelector: cleaner.ValidSelector})
}
