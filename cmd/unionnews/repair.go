package main

import (
	"context"
	"fmt"
	"io"

	"github.com/unionnews/unionnews/cmd/internal/wire"
	"github.com/unionnews/unionnews/store"
)

// Sources of a rebuild (repair -from).
const (
	fromAuto    = "auto"
	fromCorpus  = "corpus"
	fromArchive = "archive"
)

func runRepair(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "repair", "[-data DIR] [-from auto|corpus|archive] [-sites DIR]")
	data := fs.String("data", defaultDataDir, "data directory")
	sitesDir := fs.String("sites", "", "directory of extra or overriding site profiles (*.json), for cleaning archived pages")
	from := new(string)
	choiceVar(fs, from, "from", fromAuto, []string{fromAuto, fromCorpus, fromArchive},
		"rebuild a damaged database from `SOURCE`: auto (the corpus files, then the archive for what they lack), corpus or archive")
	logger := logFlags(fs)
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if err := noArgs(fs, e.stderr); err != nil {
		return err
	}
	reg, err := loadSites(*sitesDir)
	if err != nil {
		return err
	}
	rb, err := newRebuilder(ctx, logger(e), *data, *from, reg, *sitesDir)
	if err != nil {
		return fmt.Errorf("repair %s: %w", *data, err)
	}
	rep, err := store.RepairWith(*data, &store.Options{Priority: wire.Priorities(reg), Logger: rb.log}, rb.options())
	for _, p := range rep.Problems {
		fmt.Fprintf(e.stdout, "found:    %s\n", p)
	}
	if err != nil {
		return fmt.Errorf("repair %s: %w", *data, err)
	}
	switch {
	case rep.Rebuilt:
		printRebuild(e.stdout, rep, rb)
	case rep.SetUpFinished:
		fmt.Fprintf(e.stdout, "finished: the interrupted set-up of %s; nothing was lost\n", rep.DB)
	default:
		fmt.Fprintf(e.stdout, "ok:       %s is sound (%d articles' missing files rewritten)\n", rep.DB, rep.FilesRewritten)
	}
	switch {
	case len(rep.Unreadable) > 0:
		return fmt.Errorf("repair %s: %d corpus file(s) could not be read back", *data, len(rep.Unreadable))
	case rep.Rebuilt && rb.filled && rb.report.Total.StoreFailed > 0:
		return fmt.Errorf("repair %s: %d archived article(s) could not be stored", *data, rb.report.Total.StoreFailed)
	}
	return nil
}

// printRebuild says what a rebuild restored, from where, and what it
// could not restore.
func printRebuild(w io.Writer, rep store.RepairReport, rb *rebuilder) {
	src := fmt.Sprintf("%d corpus records", rep.Restored)
	switch {
	case rb.from == fromArchive:
		src = "the archive"
	case rb.filled:
		src += " and the archive"
	}
	fmt.Fprintf(w, "rebuilt:  %s from %s\n", rep.DB, src)
	if rb.filled {
		t := rb.report.Total
		fmt.Fprintf(w, "archive:  %d files replayed: %d articles added (near copies, missing corpus files), %d duplicate URLs, %d not articles or rejected\n",
			rb.files, t.Created, t.Duplicates, t.NotArticles+t.Rejected+t.CleanFailed)
	}
	if rep.Damaged != "" {
		fmt.Fprintf(w, "kept:     the damaged file as %s (delete it once you are satisfied)\n", rep.Damaged)
	}
	for _, u := range rep.Unreadable {
		fmt.Fprintf(w, "skipped:  %s\n", u)
	}
	if n := len(rep.Unrestored); n > 0 {
		fmt.Fprintf(w, "not restored: %d cop%s that the corpus files name (their texts were only in the damaged file):\n", n, plural(n, "y", "ies"))
		for i, u := range rep.Unrestored {
			if i == maxListed {
				fmt.Fprintf(w, "  ... and %d more\n", n-maxListed)
				break
			}
			fmt.Fprintf(w, "  %s\n", u)
		}
	}
	if rb.filled {
		fmt.Fprintln(w, "lost:     earlier versions of updated articles; learnt boilerplate blocks are relearnt as articles are stored")
		return
	}
	fmt.Fprintf(w, "corpus only: %s, so nothing filled in what the corpus files lack\n", rb.noArchive)
	fmt.Fprintln(w, "lost:     near-duplicate copies' texts, articles whose corpus files were missing, earlier versions; learnt boilerplate blocks are relearnt as articles are stored")
}

// maxListed bounds the URLs repair lists.
const maxListed = 20

// plural picks the singular or plural ending for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
