package main

import (
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/unionnews/unionnews/cleaner"
	"github.com/unionnews/unionnews/cmd/internal/wire"
	"github.com/unionnews/unionnews/crawler/pipeline"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// runEnv is one pipeline run over an open data directory.
type runEnv struct {
	*wire.Env
	reg *sites.Registry
	db  *store.DB
	p   *pipeline.Pipeline
}

// warcDir is the archive directory inside DATA.
func warcDir(data string) string { return wire.WarcDir(data) }

// openRun opens the data directory (read-only for a dry run) and a
// pipeline over it.
func openRun(data, sitesDir string, lg *slog.Logger, dryRun bool) (*runEnv, error) {
	env, err := wire.Open(wire.Options{Data: data, SitesDir: sitesDir, DryRun: dryRun, Version: version, Logger: lg})
	if err != nil {
		return nil, explainInUse(data, err)
	}
	p, err := env.Pipeline()
	if err != nil {
		env.Close()
		return nil, err
	}
	return &runEnv{Env: env, reg: env.Sites, db: env.DB, p: p}, nil
}

func (r *runEnv) close() error { return r.Env.Close() }

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

func loadSites(dir string) (*sites.Registry, error) { return wire.LoadSites(dir) }

// toRecord stamps a cleaned article with its fetch time for the store.
func toRecord(a cleaner.Article, fetched time.Time) store.Record {
	a.FetchedAt = fetched
	a.BlockHashes = nil
	return a
}
