package main

import (
	"context"
	"fmt"

	"github.com/unionnews/unionnews/cmd/internal/wire"
	"github.com/unionnews/unionnews/store"
)

func runDedup(_ context.Context, e env, args []string) error {
	fs := newFlags(e, "dedup", "-rebuild [-data DIR] [-sites DIR] [-threshold J] [-bands B -rows R]")
	data := fs.String("data", defaultDataDir, "data directory")
	sitesDir := fs.String("sites", "", "directory of extra or overriding site profiles (*.json): their priority ranks the copies")
	rebuild := fs.Bool("rebuild", false, "recompute the near-duplicate index and the clusters from the stored texts")
	threshold := fs.Float64("threshold", 0, "estimated Jaccard similarity two texts need to be one story (0: keep the stored value)")
	bands := fs.Int("bands", 0, "LSH bands (0: keep the stored value)")
	rows := fs.Int("rows", 0, "rows per LSH band (0: keep the stored value)")
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 || !*rebuild {
		if fs.NArg() > 0 {
			fmt.Fprintf(e.stderr, "unionnews dedup: unexpected argument %q\n", fs.Arg(0))
		} else {
			fmt.Fprintln(e.stderr, "unionnews dedup: say -rebuild")
		}
		fs.Usage()
		return errUsage
	}
	reg, err := loadSites(*sitesDir)
	if err != nil {
		return err
	}
	db, err := store.Open(*data, &store.Options{Priority: wire.Priorities(reg)})
	if err != nil {
		return err
	}
	defer db.Close()
	p := db.DuplicateParams()
	if *threshold != 0 {
		p.Threshold = *threshold
	}
	if *bands != 0 {
		p.Bands = *bands
	}
	if *rows != 0 {
		p.Rows = *rows
	}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("-bands %d -rows %d -threshold %g: %w", p.Bands, p.Rows, p.Threshold, err)
	}
	res, err := db.RebuildDuplicates(&p)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "rebuilt the near-duplicate index of %d articles (%d bands × %d rows, threshold %.2f): %d clusters, %d records changed\n",
		res.Articles, p.Bands, p.Rows, p.Threshold, res.Clusters, res.Changed)
	return nil
}
