package wire_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/unionnews/unionnews/cmd/internal/wire"
	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/crawler/pipeline"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/sites/replica"
	"github.com/unionnews/unionnews/store/warc"
)

// Benchmarks of the pipeline over the real components (BENCHMARKS.md,
// scripts/bench.sh). With -benchtime=Nx, BenchmarkReclean re-cleans an
// archive of N generated article pages; BenchmarkCrawlPipeline crawls
// the loopback replica N times (compare crawler's BenchmarkBareColly).

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// lastNumber is the article number at the end of a replica URL.
var lastNumber = regexp.MustCompile(`(\d+)(\.[a-z]+)$`)

// longRun is a run of text in a paragraph: at least 12 words.
var longRun = regexp.MustCompile(`(<p[^>]*>)([^<]*(?:\S+\s+){11}[^<]*)`)

// vary makes page i's copy of body its own story: a word of its own
// after every 4th word of the lead and of each body paragraph, so that no
// 5-word shingle is shared with another copy and the near-duplicate
// index sees unrelated articles (as in a real corpus), not one story
// retold n/61 times. Paragraphs are found by the page's truth; a page
// whose charset hides them (windows-1258) gets its long paragraph text
// runs varied instead.
func vary(p replica.Page, i int) []byte {
	tok := " x" + strconv.FormatInt(int64(i), 36)
	varyText := func(s string) string {
		w := strings.Fields(s)
		var b strings.Builder
		for k, x := range w {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(x)
			if k%4 == 3 {
				b.WriteString(tok)
			}
		}
		return b.String()
	}
	body := string(p.Body)
	found := 0
	for _, par := range append([]string{p.Truth.Lead}, p.Truth.Paragraphs...) {
		if par != "" && strings.Contains(body, par) {
			body = strings.ReplaceAll(body, par, varyText(par))
			found++
		}
	}
	if found == 0 {
		body = longRun.ReplaceAllStringFunc(body, func(m string) string {
			sm := longRun.FindStringSubmatch(m)
			return sm[1] + varyText(sm[2])
		})
	}
	return []byte(body)
}

// genArchive writes n article responses into data's archive: variants
// of the replica's article pages, each with its own URL and text.
func genArchive(b *testing.B, data string, n int) {
	rep, err := replica.New()
	if err != nil {
		b.Fatal(err)
	}
	pages := rep.Pages(replica.KindArticle)
	w, err := warc.OpenWriter(wire.WarcDir(data), &warc.Options{Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		p := pages[i%len(pages)]
		u := lastNumber.ReplaceAllString(p.URL, "${1}"+strconv.Itoa(i/len(pages))+"${2}")
		body := vary(p, i)
		_, err := w.Write(warc.Exchange{
			URL: u, Method: http.MethodGet, Status: http.StatusOK, FetchedAt: at.Add(time.Duration(i) * time.Millisecond),
			ReqHeader:  http.Header{"User-Agent": {"bench"}},
			RespHeader: http.Header{"Content-Type": {p.ContentType}},
			Body:       body,
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
}

// source reads data's own archive with scan (warc.Scan, or warc.ScanHeads
// for ReplayOptions.Heads), as `unionnews reclean` does.
func source(data string, scan func(string, func(warc.Exchange, warc.Ref) error) error) pipeline.Source {
	return func(fn func(crawler.Exchange, sites.ArchiveRef) error) error {
		files, err := warc.Files(wire.WarcDir(data))
		if err != nil {
			return err
		}
		for _, f := range files {
			err := scan(f, func(ex warc.Exchange, ref warc.Ref) error {
				return fn(crawler.Exchange(ex), sites.ArchiveRef{File: ref.File, Offset: ref.Offset, RecordID: ref.RecordID})
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
}

// cpuTime is the process' user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchReclean re-cleans an archive of b.N pages into an empty store
// with workers cleaning goroutines. With dry, the store is only read
// (reclean -dry-run): the figure of everything but the store's writes.
func benchReclean(b *testing.B, workers int, dry bool) {
	data := b.TempDir()
	genArchive(b, data, b.N)
	if dry { // a read-only open needs the store to exist
		e, err := wire.Open(wire.Options{Data: data, Logger: quiet})
		if err != nil {
			b.Fatal(err)
		}
		if err := e.Close(); err != nil {
			b.Fatal(err)
		}
	}
	e, err := wire.Open(wire.Options{Data: data, Logger: quiet, DryRun: dry})
	if err != nil {
		b.Fatal(err)
	}
	p, err := e.Pipeline()
	if err != nil {
		b.Fatal(err)
	}
	cpu0 := cpuTime()
	b.ResetTimer()
	start := time.Now()
	rep, err := p.Replay(context.Background(), source(data, warc.Scan),
		pipeline.ReplayOptions{Workers: workers, Heads: source(data, warc.ScanHeads)})
	if e.Writer != nil {
		if n, arts := e.Writer.Batches(); n > 0 {
			b.ReportMetric(float64(arts)/float64(n), "articles/batch")
		}
	}
	if cerr := e.Close(); err == nil {
		err = cerr
	}
	el := time.Since(start)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	t := rep.Total
	if b.N >= 100 && (t.Pages < b.N*8/10 || t.Created < t.Pages*8/10) && !dry {
		b.Fatalf("replayed %d pages of %d, created %d: the generated archive is not what the profiles expect", t.Pages, b.N, t.Created)
	}
	b.Logf("pages %d created %d duplicates %d not-articles %d rejected %d", t.Pages, t.Created, t.Duplicates, t.NotArticles, t.Rejected)
	b.ReportMetric(float64(t.Pages)/el.Seconds(), "pages/s")
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(t.Pages), "cpu-ms/page")
	b.ReportMetric(float64(peakRSS())/(1<<20), "peak-MB")
}

// peakRSS is the process' peak resident set size in bytes (archive
// generation included: it holds one page at a time).
func peakRSS() int64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Maxrss << 10
}

// BenchmarkReclean: one cleaning goroutine, every Save waiting for its
// own commit (the sequential baseline), then all cores with batches,
// then all cores with nothing written (-dry-run: the share of the
// store's writes is the difference).
func BenchmarkReclean(b *testing.B) {
	b.Run("serial", func(b *testing.B) { benchReclean(b, 1, false) })
	b.Run("parallel", func(b *testing.B) { benchReclean(b, 0, false) })
	b.Run("dry", func(b *testing.B) { benchReclean(b, 0, true) })
}

// BenchmarkCrawlPipeline crawls the replica over loopback with
// politeness off through the whole pipeline (fetch, archive, clean,
// store), b.N times into fresh data directories: "put" stores each
// article with its own commits (the store before batching), "batched"
// through the batch writer.
func BenchmarkCrawlPipeline(b *testing.B) {
	b.Run("put", func(b *testing.B) { benchCrawl(b, false) })
	b.Run("batched", func(b *testing.B) { benchCrawl(b, true) })
}

func benchCrawl(b *testing.B, batched bool) {
	rep, err := replica.New()
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(rep.Handler())
	defer srv.Close()
	stored, cpu0 := 0, cpuTime()
	var el time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		data := b.TempDir()
		e, err := wire.Open(wire.Options{Data: data, Logger: quiet})
		if err != nil {
			b.Fatal(err)
		}
		if !batched {
			_ = e.Writer.Close()
			e.Writer = nil
		}
		p, err := e.Pipeline()
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		r, err := p.Crawl(context.Background(), crawler.Config{
			Profiles: e.Sites.Crawlable(), Mirrors: rep.Mirrors(srv.URL), Delay: time.Nanosecond, Parallelism: 8,
			RetryBase: time.Millisecond, Logger: quiet,
		})
		if cerr := e.Close(); err == nil {
			err = cerr
		}
		el += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		stored += r.Total.Created
		_ = os.RemoveAll(filepath.Join(data, "corpus"))
	}
	b.ReportMetric(float64(stored)/el.Seconds(), "articles/s")
	if stored > 0 {
		b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(stored), "cpu-ms/article")
	}
}
