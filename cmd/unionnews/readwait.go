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
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/unionnews/unionnews/cmd/internal/serve"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
	exporter "github.com/unionnews/unionnews/store/export"
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

// exportViaServe exports through the serve holding the data directory:
// serve streams the selected articles' canonical JSON (GET /api/export)
// and the local exporter writes any format from it, so -format, -o with
// .gz/.zst and txt trees work as without serve. -since-last needs the
// data directory itself (it saves a mark).
func exportViaServe(ctx context.Context, e env, c *serve.Client, cfg exportConfig) (exporter.Result, error) {
	if cfg.sinceLast != "" {
		return exporter.Result{}, fmt.Errorf("-since-last: serve (%s, pid %d) holds %s and the mark cannot be saved through it: export without -since-last, or stop serve", c.Addr.URL, c.Addr.PID, cfg.data)
	}
	if cfg.filter.Versions {
		return exporter.Result{}, fmt.Errorf("-versions: serve (%s, pid %d) holds %s and streams current versions only: export without -versions, or stop serve", c.Addr.URL, c.Addr.PID, cfg.data)
	}
	fmt.Fprintf(e.stderr, "unionnews: %s is held by serve (%s); exporting through its API\n", cfg.data, c.Addr.URL)
	return exporter.ToPath(ctx, cfg.out, e.stdout, serveSource{ctx: ctx, c: c}, &exporter.Options{Format: cfg.format, Filter: cfg.filter})
}

// serveSource is an exporter.Source reading a running serve: each line of
// GET /api/export?format=jsonl is an article's canonical JSON.
type serveSource struct {
	ctx context.Context
	c   *serve.Client
}

// Scan implements exporter.Source. The exporter applies the date bounds.
func (s serveSource) Scan(so *store.ScanOptions, fn func(*store.RawArticle) error) error {
	q := serve.ExportQuery{Format: "jsonl"}
	if so != nil {
		if so.Changes {
			return errors.New("export through serve: change scans (-since-last) need the data directory")
		}
		q.Sites = so.Sites
	}
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := s.c.Export(s.ctx, pw, q)
		pw.CloseWithError(err)
		done <- err
	}()
	err := scanLines(pr, fn)
	pr.CloseWithError(err) // stops the download when fn failed
	if derr := <-done; err == nil {
		err = derr
	}
	return err
}

// scanLines calls fn with a RawArticle for each JSON line of r.
func scanLines(r io.Reader, fn func(*store.RawArticle) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		line, err := br.ReadBytes('\n')
		if t := bytes.TrimRight(line, "\n"); len(t) > 0 {
			var head struct {
				ID        string    `json:"id"`
				Site      string    `json:"site"`
				Published time.Time `json:"published"`
			}
			if jerr := json.Unmarshal(t, &head); jerr != nil {
				return fmt.Errorf("export through serve: bad line: %w", jerr)
			}
			if ferr := fn(&store.RawArticle{ID: head.ID, Site: head.Site, Published: head.Published, JSON: t}); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
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
