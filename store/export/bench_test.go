package export

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// benchN is how many articles BenchmarkExportVsCat stores: 2000, or
// UNIONNEWS_BENCH_N.
func benchN(b *testing.B) int {
	if s := os.Getenv("UNIONNEWS_BENCH_N"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("UNIONNEWS_BENCH_N=%q", s)
		}
		return n
	}
	return 2000
}

// benchArticle is a realistic article of about 5 KB of Vietnamese text:
// 16 paragraphs of a shared sentence and words of its own, so that no two
// are near duplicates (the export's default keeps one record a story).
func benchArticle(i int) sites.Article {
	a := testArticle(i)
	para := "Công đoàn ngành tổ chức hội nghị tổng kết công tác chăm lo đời sống người lao động năm 2026: "
	var sb strings.Builder
	fmt.Fprintf(&sb, "Bài số %d.", i)
	for p := range 16 {
		sb.WriteString("\n\n" + para + ownWords(i*16+p) + ", " + ownWords(1<<24+i*16+p) + ".")
	}
	a.Text = sb.String()
	return a
}

// benchStore is the store BenchmarkExportVsCat reads: the one in
// UNIONNEWS_BENCH_STORE when set (opened read-only, as export does; e.g.
// the 100k store scripts/bench.sh builds), else n generated articles
// written through the batch writer into a temporary store.
func benchStore(b *testing.B) *store.DB {
	if dir := os.Getenv("UNIONNEWS_BENCH_STORE"); dir != "" {
		db, err := store.Open(dir, &store.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		return db
	}
	n := benchN(b)
	db, err := store.Open(b.TempDir(), nil)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	w := db.NewWriter(nil)
	waits := make(chan func() (string, sites.Change, error), 256)
	errs := make(chan error, 1)
	go func() {
		var first error
		for wait := range waits {
			if _, _, err := wait(); err != nil && first == nil {
				first = err
			}
		}
		errs <- first
	}()
	for i := range n {
		waits <- w.SaveLater(benchArticle(i))
	}
	close(waits)
	if err := <-errs; err != nil {
		b.Fatal(err)
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	b.Logf("stored %d articles in %s", n, time.Since(start).Round(time.Millisecond))
	return db
}

// BenchmarkExportVsCat exports the stored articles (benchStore) as JSON Lines to
// /dev/null and, in the same iteration, runs `cat FILE > /dev/null` over
// the same bytes; it reports both rates and their ratio export/cat (the
// target is >= 0.5). The store is built once for all sub-benchmarks.
func BenchmarkExportVsCat(b *testing.B) {
	db := benchStore(b)
	defer db.Close()
	dir := b.TempDir()
	out := filepath.Join(dir, "export.jsonl")
	if _, err := ToPath(context.Background(), out, nil, db, nil); err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(out)
	if err != nil {
		b.Fatal(err)
	}
	cat, err := exec.LookPath("cat")
	if err != nil {
		b.Skip("no cat")
	}
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Skip(err)
	}
	defer devnull.Close()
	for _, format := range []Format{JSONL, CSV, Parquet} {
		b.Run(string(format), func(b *testing.B) {
			b.ReportAllocs()
			var exportTime, catTime time.Duration
			for range b.N {
				t0 := time.Now()
				if _, err := Write(context.Background(), devnull, db, &Options{Format: format}); err != nil {
					b.Fatal(err)
				}
				exportTime += time.Since(t0)
				t1 := time.Now()
				c := exec.Command(cat, out)
				c.Stdout = devnull
				if err := c.Run(); err != nil {
					b.Fatal(err)
				}
				catTime += time.Since(t1)
			}
			// Rates are of the JSON Lines bytes, whatever the format.
			mb := float64(fi.Size()) * float64(b.N) / 1e6
			b.SetBytes(fi.Size())
			b.ReportMetric(mb/exportTime.Seconds(), "export_MB/s")
			b.ReportMetric(mb/catTime.Seconds(), "cat_MB/s")
			b.ReportMetric(catTime.Seconds()/exportTime.Seconds(), "export/cat")
		})
	}
}
