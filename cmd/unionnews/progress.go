package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"github.com/unionnews/unionnews/crawler"
)

// progressOptions are the -q and -progress flags of crawl and demo.
type progressOptions struct {
	quiet bool
	every time.Duration
	// tty forces (1) or forbids (-1) the live line; 0 asks the terminal.
	tty int
}

func progressFlags(fs *flag.FlagSet) *progressOptions {
	o := &progressOptions{}
	fs.BoolVar(&o.quiet, "q", false, "quiet: no progress, log only warnings and errors")
	durationVar(fs, &o.every, "progress", 30*time.Second, 10*time.Millisecond,
		"log a progress line every `D` when stderr is not a terminal (on a terminal a live line is shown)")
	return o
}

// logger returns the run's logger, writing to out: warnings and errors
// only with -q, every page with -v (newLogger decides), info otherwise.
func (o *progressOptions) logger(newLogger func(env) *slog.Logger, e env, out io.Writer) *slog.Logger {
	e.stderr = out
	lg := newLogger(e)
	if o.quiet {
		return slog.New(minLevel{Handler: lg.Handler(), min: slog.LevelWarn})
	}
	return lg
}

// minLevel drops records below min.
type minLevel struct {
	slog.Handler
	min slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}
func (h minLevel) WithAttrs(as []slog.Attr) slog.Handler {
	return minLevel{Handler: h.Handler.WithAttrs(as), min: h.min}
}
func (h minLevel) WithGroup(n string) slog.Handler {
	return minLevel{Handler: h.Handler.WithGroup(n), min: h.min}
}

// progressOut is the log output of a run: stderr, or, while a live
// progress line is shown, the lines above it.
type progressOut struct {
	mu sync.Mutex
	w  io.Writer
	p  *mpb.Progress
}

func (o *progressOut) Write(b []byte) (int, error) {
	o.mu.Lock()
	p := o.p
	o.mu.Unlock()
	if p != nil {
		if n, err := p.Write(b); err == nil {
			return n, nil
		}
	}
	return o.w.Write(b)
}

// isTerminal reports whether w is a terminal with a known width (a
// terminal of width 0, as some CI ptys have, would show an empty line).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return false
	}
	width, _, err := term.GetSize(int(f.Fd()))
	return err == nil && width > 0
}

// start shows the progress of a crawl until the returned func is called:
// nothing with -q; on a terminal a live line (pages, articles, errors,
// rate); otherwise a log line every o.every.
func (o *progressOptions) start(out *progressOut, lg *slog.Logger, stats func() crawler.Stats) func() {
	if o.quiet {
		return func() {}
	}
	began := time.Now()
	line := func() string { return progressLine(stats(), time.Since(began)) }
	tty := o.tty > 0 || (o.tty == 0 && isTerminal(out.w))
	if !tty {
		return every(o.every, func() { lg.Info("progress", progressAttrs(stats(), time.Since(began))...) })
	}
	p := mpb.New(mpb.WithOutput(out.w), mpb.WithAutoRefresh(), mpb.WithRefreshRate(250*time.Millisecond))
	bar := p.New(0, mpb.NopStyle(), mpb.PrependDecorators(decor.Any(func(decor.Statistics) string { return line() })))
	out.mu.Lock()
	out.p = p
	out.mu.Unlock()
	return func() {
		out.mu.Lock()
		out.p = nil
		out.mu.Unlock()
		bar.SetTotal(-1, true)
		p.Wait()
	}
}

// every calls f every d until the returned func is called.
func every(d time.Duration, f func()) func() {
	t := time.NewTicker(d)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-t.C:
				f()
			case <-done:
				return
			}
		}
	}()
	return func() { t.Stop(); close(done); wg.Wait() }
}

func pagesOf(st crawler.Stats) int {
	return st.ListingPages + st.ArticlePages + st.FeedPages + st.SitemapPages
}

func perSecond(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// progressLine is the live line of a crawl.
func progressLine(st crawler.Stats, d time.Duration) string {
	n := pagesOf(st)
	return fmt.Sprintf("crawl: %d pages (%d listings, %d articles) · %d stored · %d errors · %.1f pages/s · %s",
		n, st.ListingPages, st.ArticlePages, st.Stored, st.Errors, perSecond(n, d), d.Round(time.Second))
}

// progressAttrs are the attributes of a progress log line.
func progressAttrs(st crawler.Stats, d time.Duration) []any {
	n := pagesOf(st)
	return []any{"pages", n, "listings", st.ListingPages, "articles", st.ArticlePages, "stored", st.Stored,
		"errors", st.Errors, "pages_per_s", fmt.Sprintf("%.1f", perSecond(n, d)), "elapsed", d.Round(time.Second)}
}
