package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/unionnews/unionnews/cmd/internal/wire"
	"github.com/unionnews/unionnews/crawler/pipeline"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
	"github.com/unionnews/unionnews/store/warc"
)

// rebuilder fills a database that repair rebuilds with what the corpus
// files lack, by replaying the WARC archive (DATA/warc) through the
// pipeline with today's profiles.
//
// Precedence: a URL the corpus files hold keeps its stored text, even
// when the archive has a newer response for it: repair restores what was
// stored, it does not re-clean (`unionnews reclean` afterwards applies
// today's profiles to every archived page). The archive only adds the
// URLs the rebuilt database lacks (near-duplicate copies, whose texts
// have no files, articles whose files are missing, URL aliases of
// duplicates), each from its latest archived 200 response.
type rebuilder struct {
	ctx      context.Context
	log      *slog.Logger
	data     string
	sitesDir string
	from     string
	reg      *sites.Registry
	archive  []string // the WARC files; nil when none or -from corpus

	// noArchive says why the archive is not used ("" when it is).
	noArchive string
	// filled is set once the archive was replayed into the new
	// database; report holds the replay's counts, files the number of
	// WARC files read.
	filled bool
	report pipeline.Report
	files  int
}

// newRebuilder finds the archive of data for -from from.
func newRebuilder(ctx context.Context, lg *slog.Logger, data, from string, reg *sites.Registry, sitesDir string) (*rebuilder, error) {
	rb := &rebuilder{ctx: ctx, log: lg, data: data, sitesDir: sitesDir, from: from, reg: reg}
	if from == fromCorpus {
		rb.noArchive = "-from corpus was given"
		return rb, nil
	}
	files, err := warc.Files(warcDir(data))
	if err != nil {
		return nil, err
	}
	// A file a killed crawl left open counts: fill recovers it first.
	open, _ := filepath.Glob(filepath.Join(warcDir(data), "*"+warc.OpenSuffix))
	files = append(files, open...)
	if len(files) == 0 {
		rb.noArchive = fmt.Sprintf("no WARC file in %s", warcDir(data))
		if from == fromArchive {
			return nil, fmt.Errorf("-from archive: %s (use -from corpus)", rb.noArchive)
		}
		return rb, nil
	}
	rb.archive = files
	return rb, nil
}

// options are the store's repair options: the corpus files unless
// -from archive, then the archive when there is one.
func (rb *rebuilder) options() *store.RepairOptions {
	ro := &store.RepairOptions{NoCorpus: rb.from == fromArchive}
	if rb.archive != nil {
		ro.Fill = rb.fill
	}
	return ro
}

// fill replays the archive into the new database db, skipping every URL
// db already holds (the corpus files win).
func (rb *rebuilder) fill(db *store.DB) error {
	rec, err := warc.Recover(warcDir(rb.data))
	if err != nil {
		return fmt.Errorf("recover archive: %w", err)
	}
	if len(rec.Files)+len(rec.Removed) > 0 {
		rb.log.Info("archive files recovered after a crash", "files", len(rec.Files), "cut_bytes", rec.Cut, "removed", len(rec.Removed))
	}
	files, err := warc.Files(warcDir(rb.data))
	if err != nil {
		return err
	}
	env := wire.Over(wire.Options{Data: rb.data, SitesDir: rb.sitesDir, Version: version, Logger: rb.log}, rb.reg, db)
	p, err := env.Pipeline()
	if err != nil {
		return err
	}
	lacking := func(u string) string {
		if _, err := db.LookupURL(u); err == nil {
			return ""
		}
		return u
	}
	rep, err := p.Replay(rb.ctx, warcSource(files, true), pipeline.ReplayOptions{MapURL: lacking, Heads: warcHeads(files, true)})
	if err != nil {
		return fmt.Errorf("replay the archive: %w", err)
	}
	rb.filled, rb.report, rb.files = true, rep, len(files)
	return nil
}
