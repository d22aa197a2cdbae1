package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/unionnews/unionnews/cleaner"
	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/crawler/pipeline"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
	"github.com/unionnews/unionnews/store/warc"
)

// Compile-time checks: the store and the WARC adapter satisfy what the
// pipeline consumes.
var (
	_ pipeline.Store   = (*store.DB)(nil)
	_ crawler.Archiver = warcArchive{}
	_ pipeline.Syncer  = warcArchive{}
)

// warcDir is the archive directory inside DATA.
func warcDir(data string) string { return filepath.Join(data, "warc") }

// warcArchive adapts the WARC writer to crawler.Archiver.
type warcArchive struct{ w *warc.Writer }

func (a warcArchive) Archive(ex crawler.Exchange) (sites.ArchiveRef, error) {
	ref, err := a.w.Write(warc.Exchange(ex))
	if err != nil {
		return sites.ArchiveRef{}, err
	}
	return sites.ArchiveRef{File: ref.File, Offset: ref.Offset, RecordID: ref.RecordID}, nil
}

func (a warcArchive) Sync() error { return a.w.Sync() }

// env of one pipeline run: the store, the archive writer and the pipeline.
type runEnv struct {
	reg  *sites.Registry
	db   *store.DB
	arch *warc.Writer // nil in a dry run
	p    *pipeline.Pipeline
}

// errStartup marks failures before a run started: no summary is printed.
var errStartup = errors.New("start-up failed")

// openRun opens the store at data (read-only for a dry run), finishes
// archive files a crash left open, opens the archive writer and builds
// the pipeline with the one cleaner and learnt boilerplate.
func openRun(data, sitesDir string, lg *slog.Logger, dryRun bool) (*runEnv, error) {
	reg, err := loadSites(sitesDir)
	if err != nil {
		return nil, err
	}
	db, err := store.Open(data, &store.Options{ReadOnly: dryRun, Logger: lg})
	if err != nil {
		return nil, explainInUse(data, err)
	}
	r := &runEnv{reg: reg, db: db}
	if !dryRun {
		if r.arch, err = openArchive(data, lg); err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := r.build(lg, dryRun); err != nil {
		r.close()
		return nil, err
	}
	return r, nil
}

// openArchive finishes archive files a crash left open and opens the
// archive writer of DATA/warc.
func openArchive(data string, lg *slog.Logger) (*warc.Writer, error) {
	if rep, err := warc.Recover(warcDir(data)); err != nil {
		return nil, fmt.Errorf("recover archive: %w", err)
	} else if len(rep.Files)+len(rep.Removed) > 0 {
		lg.Info("archive files recovered after a crash", "files", len(rep.Files), "cut_bytes", rep.Cut, "removed", len(rep.Removed))
	}
	return warc.OpenWriter(warcDir(data), &warc.Options{Logger: lg, Software: "unionnews/" + version})
}

// build makes the run's pipeline over r's store and archive (none when
// r.arch is nil) with the one cleaner and learnt boilerplate. serve builds
// one per run over the store and archive it holds open.
func (r *runEnv) build(lg *slog.Logger, dryRun bool) error {
	var arch crawler.Archiver
	if r.arch != nil {
		arch = warcArchive{r.arch}
	}
	bp := pipeline.NewBoilerplate(r.db, lg)
	var err error
	r.p, err = pipeline.New(pipeline.Config{
		Sites: r.reg, Cleaner: cleaner.New(&cleaner.Options{Boilerplate: bp}), Store: r.db, Archive: arch,
		Boilerplate: bp, NotArticle: cleaner.ErrNotArticle, Invalid: store.ErrInvalid, DryRun: dryRun, Logger: lg,
	})
	return err
}

// close closes the archive (giving its file its final name) and the store.
func (r *runEnv) close() error {
	var errs []error
	if r.arch != nil {
		errs = append(errs, r.arch.Close())
	}
	errs = append(errs, r.db.Close())
	return errors.Join(errs...)
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

// toRecord stamps a cleaned article with its fetch time for the store.
func toRecord(a cleaner.Article, fetched time.Time) store.Record {
	a.FetchedAt = fetched
	a.BlockHashes = nil
	return a
}
