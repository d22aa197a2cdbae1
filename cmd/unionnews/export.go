package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
	exporter "github.com/unionnews/unionnews/store/export"
)

const exportSynopsis = "[-data DIR] [-format jsonl|csv|parquet|txt] [-o FILE|DIR|-] [-site NAME]... [-since DATE] [-until DATE] [-since-last NAME] [-versions] [-all] [-wait D]"

// exportConfig is the export command line, checked. Selections added
// later (all versions, duplicates) go into filter.
type exportConfig struct {
	data      string
	out       string
	format    exporter.Format
	filter    exporter.Filter
	sinceLast string
	wait      time.Duration // how long to wait for a crawl holding data
}

func runExport(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "export", exportSynopsis)
	data := fs.String("data", defaultDataDir, "data directory")
	format := fs.String("format", "jsonl", "output format: jsonl (a .gz or .zst file name compresses it), csv, parquet, or txt (a tree DIR/SITE/YYYY/MM/ID.txt; needs -o DIR)")
	out := fs.String("o", "-", "output file, directory for txt, or - for standard output")
	var siteNames listFlag
	fs.Var(&siteNames, "site", "export only this site (repeatable)")
	since := fs.String("since", "", "only articles published on or after DATE (YYYY-MM-DD or RFC3339; Asia/Ho_Chi_Minh)")
	until := fs.String("until", "", "only articles published before the end of DATE (YYYY-MM-DD or RFC3339)")
	all := fs.Bool("all", false, "also export every copy of a story (with duplicate_of), not only its canonical article (copies listed in duplicates)")
	sinceLast := fs.String("since-last", "", "only articles changed since the last completed export with this NAME (all of them the first time); the mark is saved when the export succeeds")
	wait := fs.Duration("wait", defaultWait, "while a crawl holds the data directory, wait up to this long for it (while serve holds it, export reads through its API)")
	versions := fs.Bool("versions", false, "also export every earlier version of each article (kept when a refresh found a changed text), oldest first, before the current one")
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	usageErr := func(format string, a ...any) error {
		fmt.Fprintf(e.stderr, "unionnews export: "+format+"\n", a...)
		fs.Usage()
		return errUsage
	}
	if fs.NArg() > 0 {
		return usageErr("unexpected argument %q", fs.Arg(0))
	}
	f, err := exporter.ParseFormat(*format)
	if err != nil {
		return usageErr("%v", err)
	}
	if f == exporter.Text && (*out == "-" || *out == "") {
		return usageErr("-format txt writes a directory tree: give -o DIR")
	}
	cfg := exportConfig{data: *data, out: *out, format: f, sinceLast: *sinceLast, wait: *wait}
	cfg.filter.Sites, cfg.filter.All = siteNames, *all
	cfg.filter.Versions = *versions
	if cfg.filter.Since, err = parseDate(*since, false); err != nil {
		return fmt.Errorf("-since: %w", err)
	}
	if cfg.filter.Until, err = parseDate(*until, true); err != nil {
		return fmt.Errorf("-until: %w", err)
	}
	res, err := exportTo(ctx, e, cfg)
	if err != nil {
		return err
	}
	if cfg.out != "-" {
		fmt.Fprintf(e.stderr, "exported %d articles to %s (%s)\n", res.Articles, cfg.out, cfg.format)
	}
	return nil
}

// exportTo runs a checked export.
func exportTo(ctx context.Context, e env, cfg exportConfig) (exporter.Result, error) {
	if c := viaServe(ctx, cfg.data); c != nil {
		return exportViaServe(ctx, e, c, cfg)
	}
	var db *store.DB
	err := waitInUse(ctx, e.stderr, cfg.data, cfg.wait, func() (err error) {
		db, err = openStore(cfg.data, cfg.sinceLast == "")
		return err
	})
	if err != nil {
		return exporter.Result{}, err
	}
	defer db.Close()
	if err := checkSites(db, cfg.filter.Sites); err != nil {
		return exporter.Result{}, err
	}
	save := func() error { return nil }
	if cfg.sinceLast != "" {
		if save, err = exporter.SinceLast(db, cfg.sinceLast, &cfg.filter); err != nil {
			return exporter.Result{}, err
		}
	}
	res, err := exporter.ToPath(ctx, cfg.out, e.stdout, db, &exporter.Options{Format: cfg.format, Filter: cfg.filter})
	if err != nil {
		return res, err
	}
	return res, save()
}

// openStore opens the store at data, saying what to do when there is
// none rather than passing on bbolt's "no such file".
func openStore(data string, readOnly bool) (*store.DB, error) {
	path := filepath.Join(data, "unionnews.db")
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no database in %s (%s does not exist): run `unionnews crawl -data %s` or `unionnews demo -data %s` first, or point -data at an existing data directory", data, path, data, data)
	}
	return store.Open(data, &store.Options{ReadOnly: readOnly})
}

// checkSites refuses site names that are neither a profile nor a site
// with stored articles, so a typo is not an empty export with status 0.
func checkSites(db *store.DB, names []string) error {
	if len(names) == 0 {
		return nil
	}
	known := map[string]bool{}
	if reg, err := sites.Load(nil); err == nil {
		for _, p := range reg.All() {
			known[p.Name] = !p.Abstract
		}
	}
	st, err := db.Stats()
	if err != nil {
		return err
	}
	for s := range st.PerSite {
		known[s] = true
	}
	for _, n := range names {
		if !known[n] {
			list := make([]string, 0, len(st.PerSite))
			for s := range st.PerSite {
				list = append(list, s)
			}
			slices.Sort(list)
			return fmt.Errorf("-site %q: no such site (sites with articles: %s)", n, strings.Join(list, ", "))
		}
	}
	return nil
}

// parseDate reads YYYY-MM-DD (a day in Asia/Ho_Chi_Minh) or RFC3339. With
// endOfDay, a plain date means the end of that day.
func parseDate(s string, endOfDay bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, sites.Zone())
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither YYYY-MM-DD nor RFC3339", s)
	}
	if endOfDay {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

// newExportRecord is the export form of a record: the record itself, as
// its JSON is the canonical encoding of every export line (used by
// clean -json; callers may use the record directly).
func newExportRecord(r store.Record) store.Record { return r }
