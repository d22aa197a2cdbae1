package main

import (
	"context"
	"fmt"

	"github.com/unionnews/unionnews/store"
)

func runRepair(_ context.Context, e env, args []string) error {
	fs := newFlags(e, "repair", "[-data DIR]")
	data := fs.String("data", defaultDataDir, "data directory")
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if err := noArgs(fs, e.stderr); err != nil {
		return err
	}
	rep, err := store.Repair(*data, nil)
	for _, p := range rep.Problems {
		fmt.Fprintf(e.stdout, "found:    %s\n", p)
	}
	if err != nil {
		return fmt.Errorf("repair %s: %w", *data, err)
	}
	switch {
	case rep.Rebuilt:
		fmt.Fprintf(e.stdout, "rebuilt:  %s from %d corpus records\n", rep.DB, rep.Restored)
		if rep.Damaged != "" {
			fmt.Fprintf(e.stdout, "kept:     the damaged file as %s (delete it once you are satisfied)\n", rep.Damaged)
		}
		for _, u := range rep.Unreadable {
			fmt.Fprintf(e.stdout, "skipped:  %s\n", u)
		}
		fmt.Fprintln(e.stdout, "lost:     learnt boilerplate blocks (relearnt as articles are stored) and URL aliases of duplicates")
	case rep.SetUpFinished:
		fmt.Fprintf(e.stdout, "finished: the interrupted set-up of %s; nothing was lost\n", rep.DB)
	default:
		fmt.Fprintf(e.stdout, "ok:       %s is sound (%d articles' missing files rewritten)\n", rep.DB, rep.FilesRewritten)
	}
	if len(rep.Unreadable) > 0 {
		return fmt.Errorf("repair %s: %d corpus file(s) could not be read back", *data, len(rep.Unreadable))
	}
	return nil
}
