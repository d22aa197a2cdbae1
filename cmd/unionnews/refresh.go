package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/crawler/pipeline"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// refreshOptions are refresh's flags.
type refreshOptions struct {
	data, sitesDir string
	sites, mirrors listFlag
	urls           []string
	olderThan      time.Duration
	delay          time.Duration
}

func runRefresh(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "refresh", "[-data DIR] (-site NAME... | URL...) [-older-than D] [-mirror HOST=URL]... [-delay D] [-sites DIR]")
	var o refreshOptions
	fs.StringVar(&o.data, "data", defaultDataDir, "data directory")
	fs.StringVar(&o.sitesDir, "sites", "", "directory of extra or overriding site profiles (*.json)")
	fs.Var(&o.sites, "site", "re-check every stored article of this profile (repeatable)")
	fs.Var(&o.mirrors, "mirror", "fetch HOST from a mirror (repeatable), as for crawl")
	older := fs.String("older-than", "", "only articles fetched more than D ago (e.g. 24h, 7d)")
	fs.DurationVar(&o.delay, "delay", 0, "override every site's per-host delay (0: the profile's)")
	logger := logFlags(fs)
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	o.urls = fs.Args()
	if (len(o.sites) == 0) == (len(o.urls) == 0) {
		fmt.Fprintln(e.stderr, "unionnews refresh: give -site NAME... or URL..., not both")
		fs.Usage()
		return errUsage
	}
	var err error
	if o.olderThan, err = parseAge(*older); err != nil {
		return fmt.Errorf("-older-than: %w", err)
	}
	mirrors, err := parseMirrors(o.mirrors)
	if err != nil {
		return err
	}
	sum, err := refresh(ctx, logger(e), o, mirrors)
	sum.print(e.stdout, o.data)
	return err
}

// refresh re-fetches stored articles with conditional GETs.
func refresh(ctx context.Context, lg *slog.Logger, o refreshOptions, mirrors map[string]string) (summary, error) {
	sum := summary{kind: "refresh"}
	r, err := openRun(o.data, o.sitesDir, lg, false)
	if err != nil {
		return sum, err
	}
	items, profiles, err := refetches(r, o, time.Now())
	if err != nil {
		r.close()
		return sum, err
	}
	if len(items) == 0 {
		lg.Info("nothing to refresh")
	}
	return r.finish(sum, func() (pipeline.Report, error) {
		if len(items) == 0 {
			return r.p.Report(), nil
		}
		return r.p.Crawl(ctx, crawler.Config{
			Profiles: profiles, Mirrors: expandMirrors(profiles, mirrors), UserAgent: crawler.UserAgent(version),
			Proxy: http.ProxyFromEnvironment, Delay: o.delay, Refresh: items, RefreshOnly: true, Logger: lg,
		})
	})
}

// refetches lists what to re-fetch and the profiles involved.
func refetches(r *runEnv, o refreshOptions, now time.Time) ([]crawler.Refetch, []*sites.Profile, error) {
	var items []crawler.Refetch
	bySite := map[string]*sites.Profile{}
	var profiles []*sites.Profile
	use := func(p *sites.Profile) {
		if bySite[p.Name] == nil {
			bySite[p.Name] = p
			profiles = append(profiles, p)
		}
	}
	if len(o.sites) > 0 {
		sel, err := selectProfiles(r.reg, o.sites)
		if err != nil {
			return nil, nil, err
		}
		want := map[string]bool{}
		for _, p := range sel {
			want[p.Name] = true
			use(p)
		}
		items, err = r.p.Refetches(func(a sites.Article) bool {
			return want[a.Site] && a.GoneAt.IsZero() && (o.olderThan <= 0 || now.Sub(a.FetchedAt) > o.olderThan)
		})
		return items, profiles, err
	}
	for _, u := range o.urls {
		p, ok := r.reg.ForURL(u)
		if !ok || p.Abstract {
			return nil, nil, fmt.Errorf("refresh %s: not on a profiled host (see `unionnews sites`)", u)
		}
		use(p)
		a, err := r.db.LookupURL(u)
		switch {
		case errors.Is(err, store.ErrNotFound):
			items = append(items, crawler.Refetch{URL: u}) // not stored yet: a plain fetch
		case err != nil:
			return nil, nil, err
		case o.olderThan > 0 && now.Sub(a.FetchedAt) <= o.olderThan:
		default:
			it := pipeline.RefetchOf(a)
			it.URL = u
			items = append(items, it)
		}
	}
	return items, profiles, nil
}
