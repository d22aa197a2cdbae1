package main

// Reading the corpus while another process holds it (issue 11 item 4).
//
// The database file admits one writer process (bbolt's file lock). So:
//   - while `serve` holds DATA, it records its address in DATA/serve.json
//     and `export` and `stats` read through its API (GET /api/export,
//     GET /api/stats): the same output, no lock needed;
//   - while a one-shot `crawl` (or another writer) holds DATA, `export`
//     and `stats` wait for it, printing what they wait for, up to -wait
//     (default 10m), then fail saying why;
//   - a second `crawl` of the same DATA fails fast (after the store's 1s
//     lock timeout) saying which process holds it and what to do.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/unionnews/unionnews/cmd/internal/serve"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// defaultWait is how long export and stats wait for a crawl by default.
const defaultWait = 10 * time.Minute

// waitPoll is how often a waiting reader tries the database again.
const waitPoll = 500 * time.Millisecond

// waitInUse calls try until it does not fail with store.ErrInUse, for at
// most wait, telling the user on stderr what it waits for.
func waitInUse(ctx context.Context, stderr io.Writer, data string, wait time.Duration, try func() error) error {
	start := time.Now()
	told := false
	for {
		err := try()
		if !errors.Is(err, store.ErrInUse) {
			if told && err == nil {
				fmt.Fprintf(stderr, "unionnews: %s is free after %s; reading it\n", data, time.Since(start).Round(time.Second))
			}
			return err
		}
		if time.Since(start) >= wait {
			return fmt.Errorf("%w; waited %s (-wait): is a crawl still running? try again when it ends, or raise -wait",
				err, wait.Round(time.Second))
		}
		if !told {
			fmt.Fprintf(stderr, "unionnews: %s is held by another unionnews process (a crawl?); waiting up to %s for it to finish (-wait)…\n", data, wait)
			told = true
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(waitPoll):
		}
	}
}

// viaServe returns a client of the serve holding data, or nil when none
// does (serve.json missing or stale).
func viaServe(ctx context.Context, data string) *serve.Client {
	c, err := serve.Discover(ctx, data)
	if err != nil {
		return nil
	}
	return c
}

// explainInUse adds to a store.ErrInUse error who holds the database and
// what to do, for a writer (crawl, serve) that cannot wait.
func explainInUse(data string, err error) error {
	if !errors.Is(err, store.ErrInUse) {
		return err
	}
	if c := viaServe(context.Background(), data); c != nil {
		return fmt.Errorf("%w\n`unionnews serve` (pid %d, %s) holds %s: start a crawl through it: curl -X POST -H \"Authorization: Bearer $UNIONNEWS_TOKEN\" -d '{\"site\":\"NAME\"}' %s/api/crawl",
			err, c.Addr.PID, c.Addr.URL, data, c.Addr.URL)
	}
	return fmt.Errorf("%w\nanother crawl of %s is running: only one process may write a data directory; wait for it to finish (export and stats wait by themselves)", err, data)
}

// exportViaServe streams the export through a running serve; ok is
// false when no serve holds data.
func exportViaServe(ctx context.Context, e env, data, format, out string, f exportFilter) (ok bool, err error) {
	c := viaServe(ctx, data)
	if c == nil {
		return false, nil
	}
	fmt.Fprintf(e.stderr, "unionnews: %s is held by serve (%s); exporting through its API\n", data, c.Addr.URL)
	q := serve.ExportQuery{Format: format, Since: f.since, Until: f.until}
	if f.site != "" {
		q.Sites = []string{f.site}
	}
	if out == "-" {
		return true, c.Export(ctx, e.stdout, q)
	}
	return true, writeAtomically(out, func(w io.Writer) error { return c.Export(ctx, w, q) })
}

// statsViaServe prints the stats of a running serve; ok is false when no
// serve holds data.
func statsViaServe(ctx context.Context, e env, data string) (ok bool, err error) {
	c := viaServe(ctx, data)
	if c == nil {
		return false, nil
	}
	st, err := c.Stats(ctx)
	if err != nil {
		return true, err
	}
	fmt.Fprintf(e.stdout, "(read through serve at %s)\n", c.Addr.URL)
	printStats(e.stdout, st.Database, st.Corpus, store.Stats{Articles: st.Articles, URLs: st.URLs, Visited: st.Visited,
		Pending: st.Pending, PerSite: st.PerSite})
	out := map[string]map[sites.Outcome]int{}
	for site, m := range st.Outcomes {
		out[site] = map[sites.Outcome]int{}
		for o, n := range m {
			out[site][sites.Outcome(o)] = n
		}
	}
	printOutcomes(e.stdout, out)
	return true, nil
}

// writeAtomically writes path through write into a temporary file that
// replaces path only when write succeeded.
func writeAtomically(path string, write func(io.Writer) error) error {
	tmp := path + ".tmp"
	fh, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	err = write(fh)
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
