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

// benchArticle is a realistic article of about 5 KB of Vietnamese text.
func benchArticle(i int) sites.Article {
	a := testArticle(i)
	para := "Chiều 3/12, Công đoàn ngành tổ chức hội nghị tổng kết công tác chăm lo đời sống người lao động năm 2026, triển khai nhiệm vụ năm tới với nhiều chương trình thiết thực. "
	a.Text = fmt.Sprintf("Bài số %d. ", i) + strings.Repeat(para+"\n\n", 16)
	return a
}

// BenchmarkExportVsCat exports N stored articles as JSON Lines to
// /dev/null and, in the same iteration, runs `cat FILE > /dev/null` over
// the same bytes; it reports both rates and their ratio export/cat (the
// target is >= 0.5). The store is built once for all sub-benchmarks.
func BenchmarkExportVsCat(b *testing.B) {
	n := benchN(b)
	dir := b.TempDir()
	db, err := store.Open(dir, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	for i := range n {
		if _, err := db.Put(benchArticle(i)); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("stored %d articles in %s", n, time.Since(start).Round(time.Millisecond))
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
