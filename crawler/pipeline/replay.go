package pipeline

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/sites"
)

// Source calls fn with every archived response (exchange and the
// reference of its record), in archive order. cmd builds one over
// warc.Files and warc.Scan.
type Source func(fn func(ex crawler.Exchange, ref sites.ArchiveRef) error) error

// ReplayOptions select what Replay cleans.
type ReplayOptions struct {
	// Sites restricts the replay to these profile names (empty: all).
	Sites []string
	// Since skips responses fetched before it (zero: none skipped).
	Since time.Time
	// Copy writes every replayed response into Config.Archive first, so
	// that the articles point into this corpus' own archive (import).
	Copy bool
	// MapURL, when set, maps an archived URL to the real URL (a WARC made
	// through a mirror); "" drops the response.
	MapURL func(string) string
	// Workers is how many pages are cleaned at once (parallel.go). Zero
	// means DefaultReplayWorkers.
	Workers int
	// Heads, when set, reads the same responses as the Source without
	// their bodies (warc.ScanHeads: URL, status, method and date are all
	// the first pass reads), so that only the second pass pays for the
	// bodies. Nil: the Source is read twice.
	Heads Source
}

// Replay cleans archived responses into the store with no network:
// reclean (src over DATA/warc) and import (src over foreign WARC files).
// For each article URL of a profiled site only its latest 200 response is
// cleaned. The source is read twice: once to pick those responses
// (through ReplayOptions.Heads when set), once to clean them, so memory
// does not grow with the bodies. The second
// pass cleans on ReplayOptions.Workers goroutines and hands the articles
// to the store in archive order (parallel.go).
func (p *Pipeline) Replay(ctx context.Context, src Source, opts ReplayOptions) (Report, error) {
	want := map[string]bool{}
	for _, s := range opts.Sites {
		want[s] = true
	}
	type pick struct {
		ref sites.ArchiveRef
		at  time.Time
	}
	latest := map[string]pick{}
	accept := func(ex crawler.Exchange) (string, *sites.Profile, bool) {
		u := ex.URL
		if opts.MapURL != nil {
			if u = opts.MapURL(u); u == "" {
				return "", nil, false
			}
		}
		if ex.Status != http.StatusOK || (ex.Method != "" && ex.Method != http.MethodGet) {
			return "", nil, false
		}
		if !opts.Since.IsZero() && ex.FetchedAt.Before(opts.Since) {
			return "", nil, false
		}
		prof, ok := p.cfg.Sites.ForURL(u)
		if !ok || prof.Abstract || (len(want) > 0 && !want[prof.Name]) || !p.isArticleURL(prof, u) {
			return "", nil, false
		}
		return u, prof, true
	}
	heads := src
	if opts.Heads != nil {
		heads = opts.Heads
	}
	err := heads(func(ex crawler.Exchange, ref sites.ArchiveRef) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		u, _, ok := accept(ex)
		if !ok {
			return nil
		}
		k := canonKey(u)
		if old, seen := latest[k]; !seen || !ex.FetchedAt.Before(old.at) {
			latest[k] = pick{ref: ref, at: ex.FetchedAt}
		}
		return nil
	})
	if err != nil {
		return p.Report(), fmt.Errorf("read archive: %w", err)
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = DefaultReplayWorkers()
	}
	seq := newSequencer()
	p.mu.Lock()
	p.cleanSlots = make(chan struct{}, runtime.GOMAXPROCS(0))
	p.mu.Unlock()
	jobs := make(chan replayJob, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				p.replayPage(j)
			}
		}()
	}
	n := 0
	err = src(func(ex crawler.Exchange, ref sites.ArchiveRef) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		u, prof, ok := accept(ex)
		if !ok || latest[canonKey(u)].ref != ref {
			return nil
		}
		ex.URL = u
		if opts.Copy && p.cfg.Archive != nil && !p.cfg.DryRun {
			r, err := p.cfg.Archive.Archive(ex)
			if err != nil {
				return fmt.Errorf("archive %s: %w", u, err)
			}
			ref = r
		}
		jobs <- replayJob{ex: ex, ref: ref, prof: prof, turn: &turn{s: seq, n: n}}
		n++
		return nil
	})
	close(jobs)
	wg.Wait()
	if err != nil {
		return p.Report(), fmt.Errorf("replay archive: %w", err)
	}
	return p.Report(), ctx.Err()
}

// replayJob is one archived response to clean, with its turn to store.
type replayJob struct {
	ex   crawler.Exchange
	ref  sites.ArchiveRef
	prof *sites.Profile
	turn *turn
}

// replayPage cleans and stores one archived response (a replay worker).
func (p *Pipeline) replayPage(j replayJob) {
	u := j.ex.URL
	body, err := crawler.DecodeBody(j.ex.Body, j.ex.RespHeader.Get("Content-Type"))
	if err != nil {
		p.log.Warn("decode body", "url", u, "err", err)
		body = j.ex.Body
	}
	r := j.ref
	page := crawler.Page{URL: u, Site: j.prof.Name, Status: j.ex.Status, Header: j.ex.RespHeader, Body: body, FetchedAt: j.ex.FetchedAt, Archive: &r}
	if page.Header == nil {
		page.Header = http.Header{}
	}
	if err := p.process(page, j.prof, time.Time{}, j.turn); err != nil && !isExpected(err) {
		p.log.Warn("page failed", "url", u, "err", err)
	}
}

// isExpected reports whether a process error is an outcome (skipped,
// unfinished) rather than a failure.
func isExpected(err error) bool {
	return errors.Is(err, crawler.ErrSkip) || errors.Is(err, crawler.ErrUnfinished)
}

// canonKey is the key of a URL for "latest response per URL".
func canonKey(u string) string {
	u = strings.TrimSpace(u)
	u, _, _ = strings.Cut(u, "#")
	_, rest, ok := strings.Cut(u, "://")
	if !ok {
		return u
	}
	host, path, _ := strings.Cut(rest, "/")
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	return host + "/" + path
}

// articleRE returns prof's compiled article_url pattern (cached).
func (p *Pipeline) articleRE(prof *sites.Profile) *regexp.Regexp {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.res == nil {
		p.res = map[*sites.Profile]*regexp.Regexp{}
	}
	re, ok := p.res[prof]
	if !ok {
		re, _ = regexp.Compile(prof.ArticleURL) // profiles are validated at load
		p.res[prof] = re
	}
	return re
}
