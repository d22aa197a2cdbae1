package main

import (
	"bytes"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/unionnews/unionnews/crawler"
)

// replicaCrawlArgs serves the replicas and returns crawl arguments for
// one site through them.
func replicaCrawlArgs(t *testing.T, site string, extra ...string) []string {
	t.Helper()
	args := append([]string{"crawl", "-data", t.TempDir(), "-site", site}, extra...)
	return append(args, serveReplicaMirrors(t)...)
}

// Off a terminal a crawl logs a progress line every -progress; -v logs
// every fetched page; -q logs neither.
func TestCrawlProgressAndVerbosity(t *testing.T) {
	if testing.Short() {
		t.Skip("crawl")
	}
	_, logs, err := runCLI(t, replicaCrawlArgs(t, "laodongthudo.vn", "-delay", "30ms", "-progress", "100ms", "-v")...)
	if err != nil {
		t.Fatalf("crawl: %v\n%s", err, logs)
	}
	if n := strings.Count(logs, "msg=progress "); n < 2 || !regexp.MustCompile(`msg=progress pages=\d+ listings=\d+ articles=\d+ stored=\d+ errors=\d+ pages_per_s=`).MatchString(logs) {
		t.Errorf("%d progress lines:\n%s", n, logs)
	}
	fetched := regexp.MustCompile(`msg="page fetched" url=(\S+) kind=article`).FindAllStringSubmatch(logs, -1)
	if len(fetched) < 5 {
		t.Errorf("-v logged %d article pages:\n%s", len(fetched), logs)
	}

	_, logs, err = runCLI(t, replicaCrawlArgs(t, "laodongthudo.vn", "-delay", "30ms", "-progress", "100ms", "-q")...)
	if err != nil {
		t.Fatalf("crawl -q: %v\n%s", err, logs)
	}
	if strings.Contains(logs, "level=INFO") || strings.Contains(logs, "level=DEBUG") {
		t.Errorf("-q logged info:\n%s", logs)
	}
}

// On a terminal the progress is one live line (mpb) with pages,
// articles, errors and the rate; log lines go above it.
func TestLiveProgressLine(t *testing.T) {
	var buf syncBuffer
	out := &progressOut{w: &buf}
	o := &progressOptions{tty: 1, every: time.Hour}
	lg := slog.New(slog.NewTextHandler(out, nil))
	st := crawler.Stats{ListingPages: 3, ArticlePages: 40, Stored: 38, Errors: 2}
	stop := o.start(out, lg, func() crawler.Stats { return st })
	lg.Info("hello above the bar")
	time.Sleep(600 * time.Millisecond)
	stop()
	got := stripANSI(buf.String())
	if !strings.Contains(got, "crawl: 43 pages (3 listings, 40 articles) · 38 stored · 2 errors · ") || !strings.Contains(got, "pages/s") {
		t.Errorf("live line missing:\n%q", got)
	}
	if !strings.Contains(got, "hello above the bar") {
		t.Errorf("log line lost:\n%q", got)
	}
}

func stripANSI(s string) string {
	return regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`).ReplaceAllString(s, "")
}

func TestProgressLineQuiet(t *testing.T) {
	var buf bytes.Buffer
	out := &progressOut{w: &buf}
	o := &progressOptions{quiet: true, tty: 1}
	stop := o.start(out, slog.New(slog.NewTextHandler(out, nil)), func() crawler.Stats { return crawler.Stats{} })
	time.Sleep(300 * time.Millisecond)
	stop()
	if buf.Len() != 0 {
		t.Errorf("-q drew %q", buf.String())
	}
}
