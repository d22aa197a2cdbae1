package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/crawler/pipeline"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store/warc"
)

func runReclean(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "reclean", "[-data DIR] [-site NAME]... [-since DATE] [-dry-run] [-sites DIR]")
	data := fs.String("data", defaultDataDir, "data directory")
	sitesDir := fs.String("sites", "", "directory of extra or overriding site profiles (*.json)")
	var names listFlag
	fs.Var(&names, "site", "re-clean only this profile's pages (repeatable; default: all)")
	since := fs.String("since", "", "only responses fetched on or after DATE (YYYY-MM-DD or RFC3339)")
	dryRun := fs.Bool("dry-run", false, "clean and compare, print the counts, write nothing")
	logger := logFlags(fs)
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	t, err := parseDate(*since, false)
	if err != nil {
		return fmt.Errorf("-since: %w", err)
	}
	sum, err := reclean(ctx, logger(e), *data, *sitesDir, pipeline.ReplayOptions{Sites: names, Since: t}, *dryRun)
	sum.print(e.stdout, *data)
	return err
}

// reclean runs today's profiles and cleaner over the archived responses
// of DATA/warc, with no network.
func reclean(ctx context.Context, lg *slog.Logger, data, sitesDir string, opts pipeline.ReplayOptions, dryRun bool) (summary, error) {
	sum := summary{kind: "reclean"}
	r, err := openRun(data, sitesDir, lg, dryRun)
	if err != nil {
		return sum, err
	}
	for _, n := range opts.Sites {
		if _, ok := r.reg.Get(n); !ok {
			r.close()
			return sum, fmt.Errorf("unknown site %q (see `unionnews sites`)", n)
		}
	}
	files, err := warc.Files(warcDir(data))
	if err != nil {
		r.close()
		return sum, err
	}
	if len(files) == 0 {
		r.close()
		return sum, fmt.Errorf("reclean: no archive in %s (crawl first; corpora made before the archive existed cannot be re-cleaned)", warcDir(data))
	}
	opts.Heads = warcHeads(files, true)
	return r.finish(sum, func() (pipeline.Report, error) {
		return r.p.Replay(ctx, warcSource(files, true), opts)
	})
}

// warcSource reads the WARC files in order. own is true for the corpus'
// own archive, whose Refs name files relative to DATA/warc; for foreign
// files the Refs are only used to tell records apart.
func warcSource(files []string, own bool) pipeline.Source {
	return warcRead(files, own, warc.Scan)
}

// warcHeads is warcSource without bodies (ReplayOptions.Heads).
func warcHeads(files []string, own bool) pipeline.Source {
	return warcRead(files, own, warc.ScanHeads)
}

func warcRead(files []string, own bool, scan func(string, func(warc.Exchange, warc.Ref) error) error) pipeline.Source {
	return func(fn func(crawler.Exchange, sites.ArchiveRef) error) error {
		for _, f := range files {
			err := scan(f, func(ex warc.Exchange, ref warc.Ref) error {
				if !own {
					ref.File = f
				}
				return fn(crawler.Exchange(ex), sites.ArchiveRef{File: ref.File, Offset: ref.Offset, RecordID: ref.RecordID})
			})
			if err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
		}
		return nil
	}
}

// parseAge parses a duration, also with a day suffix ("7d").
func parseAge(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	var days int
	if _, err := fmt.Sscanf(s, "%dd", &days); err == nil && fmt.Sprintf("%dd", days) == s {
		return time.Duration(days) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}
