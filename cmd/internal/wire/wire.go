// Package wire connects the concrete parts of unionnews to the pipeline
// (crawler/pipeline): the site profiles, cleaner.Cleaner with the learnt
// boilerplate, store.DB and the WARC archive (store/warc). The CLI's
// crawl, refresh, reclean and import and the serve command open their
// data directory through it.
package wire

import (
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"

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
	_ pipeline.Store         = (*store.DB)(nil)
	_ pipeline.Store         = (*store.Writer)(nil)
	_ pipeline.OrderedSaver  = (*store.Writer)(nil)
	_ pipeline.ArchiveSyncer = (*store.Writer)(nil)
	_ crawler.ValidatorStore = (*store.DB)(nil)
	_ crawler.Archiver       = Archive{}
	_ pipeline.Syncer        = Archive{}
)

// WarcDir is the archive directory inside a data directory.
func WarcDir(data string) string { return filepath.Join(data, "warc") }

// LoadSites loads the built-in profiles and those of dir ("" for none),
// checking selectors with the cleaner.
func LoadSites(dir string) (*sites.Registry, error) {
	return sites.Load(&sites.LoadOptions{Dir: dir, CheckSelector: cleaner.ValidSelector})
}

// Archive adapts the WARC writer to crawler.Archiver.
type Archive struct{ W *warc.Writer }

// Archive implements crawler.Archiver.
func (a Archive) Archive(ex crawler.Exchange) (sites.ArchiveRef, error) {
	ref, err := a.W.Write(warc.Exchange(ex))
	if err != nil {
		return sites.ArchiveRef{}, err
	}
	return sites.ArchiveRef{File: ref.File, Offset: ref.Offset, RecordID: ref.RecordID}, nil
}

// Sync implements pipeline.Syncer.
func (a Archive) Sync() error { return a.W.Sync() }

// Options configure Open.
type Options struct {
	Data     string // data directory
	SitesDir string // extra or overriding profiles; "" for none
	// DryRun opens the store read-only and no archive writer.
	DryRun bool
	// Version goes into the archive's warcinfo records.
	Version string
	Logger  *slog.Logger // nil: slog.Default()
}

// Env is an open data directory: profiles, store, archive writer and the
// one cleaner, from which pipelines are made.
type Env struct {
	Sites   *sites.Registry
	DB      *store.DB
	Archive *warc.Writer // nil in a dry run
	// Writer batches the pipeline's writes to DB (nil in a dry run):
	// one archive sync and one commit per batch (store/batch.go).
	Writer  *store.Writer
	opts    Options
	cleaner *cleaner.Cleaner
	bp      *pipeline.Boilerplate
}

// Open opens the store (failing fast with store.ErrInUse when another
// process writes it), finishes archive files a crash left open and opens
// the archive writer.
func Open(o Options) (*Env, error) {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	reg, err := LoadSites(o.SitesDir)
	if err != nil {
		return nil, err
	}
	db, err := store.Open(o.Data, &store.Options{ReadOnly: o.DryRun, Logger: o.Logger, Priority: Priorities(reg)})
	if err != nil {
		return nil, err
	}
	e := &Env{Sites: reg, DB: db, opts: o}
	if !o.DryRun {
		rep, err := warc.Recover(WarcDir(o.Data))
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("recover archive: %w", err)
		}
		if len(rep.Files)+len(rep.Removed) > 0 {
			o.Logger.Info("archive files recovered after a crash", "files", len(rep.Files), "cut_bytes", rep.Cut, "removed", len(rep.Removed))
		}
		if e.Archive, err = warc.OpenWriter(WarcDir(o.Data), &warc.Options{Logger: o.Logger, Software: "unionnews/" + o.Version}); err != nil {
			db.Close()
			return nil, err
		}
		e.Writer = db.NewWriter(&store.WriterOptions{BeforeCommit: e.Archive.Sync})
	}
	e.bp = pipeline.NewBoilerplate(db, o.Logger)
	e.cleaner = cleaner.New(&cleaner.Options{Boilerplate: e.bp})
	return e, nil
}

// Pipeline returns a new pipeline over the Env (fresh counts: one per
// run), sharing its cleaner, learnt boilerplate, store and archive.
func (e *Env) Pipeline() (*pipeline.Pipeline, error) {
	var arch crawler.Archiver
	if e.Archive != nil {
		arch = Archive{e.Archive}
	}
	var st pipeline.Store = e.DB
	if e.Writer != nil {
		st = e.Writer
	}
	return pipeline.New(pipeline.Config{
		Sites: e.Sites, Cleaner: e.cleaner, Store: st, Archive: arch, Boilerplate: e.bp,
		NotArticle: cleaner.ErrNotArticle, Invalid: store.ErrInvalid, DryRun: e.opts.DryRun, Logger: e.opts.Logger,
	})
}

// Close flushes the store writer, then closes the archive (giving its
// file its final name) and the store.
func (e *Env) Close() error {
	var errs []error
	if e.Writer != nil {
		errs = append(errs, e.Writer.Close())
	}
	if e.Archive != nil {
		errs = append(errs, e.Archive.Close())
	}
	errs = append(errs, e.DB.Close())
	return errors.Join(errs...)
}

// Priorities maps every site profile with a priority to it: the store's
// tie-break between copies of a story published at the same moment.
func Priorities(reg *sites.Registry) map[string]int {
	out := map[string]int{}
	for _, p := range reg.All() {
		if p.Priority != 0 {
			out[p.Name] = p.Priority
		}
	}
	return out
}
