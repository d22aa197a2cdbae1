package store

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Ingest benchmarks (BENCHMARKS.md, scripts/bench.sh). One op is one
// article; run them with -benchtime=Nx to ingest N articles. The env var
// UNIONNEWS_BENCH_PREFILL first fills the store with that many other
// articles (through the batch writer), so that the per-article cost at a
// corpus size is measured without writing the whole corpus the slow way;
// UNIONNEWS_BENCH_DIR, when set, is the store directory used (and kept).
//
// UNIONNEWS_BENCH_OFFSET numbers the measured articles from that offset,
// so that a second run into a kept UNIONNEWS_BENCH_DIR stores new
// articles (the store's size at the start is then the first run's N).
//
// UNIONNEWS_BENCH_NEARDUP=off leaves the measured articles out of the
// near-duplicate index (its signatures and 56 band keys per article), so
// that the index's share of the bytes written is measured.
//
// Each reports articles/s, wbytes/article (bytes the process caused to
// be written, /proc/self/io write_bytes) and stored-B/article (the
// article's record, .txt and .json: see storedBytes), so the ratio
// "bytes written per stored byte" is taken in the same run.

// benchRecord is the i-th generated article of site: about 3 KB of
// Vietnamese text in 12 paragraphs, 2 of which recur on every article of
// the site (boilerplate), and a block hash per paragraph.
func benchRecord(site string, i int) Record {
	var sb strings.Builder
	var hashes []uint64
	for p := 0; p < 12; p++ {
		switch p {
		case 10:
			sb.WriteString("Mời bạn đọc theo dõi các tin tức về công đoàn trên báo điện tử.")
		case 11:
			sb.WriteString("Đường dây nóng: 0123 456 789. Email: toasoan@example.vn")
		default:
			fmt.Fprintf(&sb, "Đoạn %d của bài %d: Công đoàn cơ sở tổ chức hội nghị người lao động năm %d, "+
				"bàn về tiền lương, thưởng Tết và điều kiện làm việc của công nhân khu công nghiệp số %d; "+
				"đại diện Liên đoàn Lao động thành phố phát biểu chỉ đạo và trao quà cho đoàn viên khó khăn. ", p, i, 2000+i%26, i*7+p)
			// Distinct stories: templated texts alone would all be near
			// duplicates of one another (store/neardup).
			sb.WriteString(distinctText(i*16 + p))
		}
		sb.WriteString("\n\n")
		hashes = append(hashes, uint64(i)<<8|uint64(p))
		if p >= 10 {
			hashes[len(hashes)-1] = uint64(p)
		}
	}
	return Record{
		URL:         fmt.Sprintf("https://%s/tin-tuc/bai-viet-so-%d.html", site, i),
		Site:        site,
		Title:       fmt.Sprintf("Bài viết số %d về hoạt động công đoàn", i),
		Text:        strings.TrimSpace(sb.String()),
		Published:   time.Date(2024, time.Month(1+i%12), 1+i%28, 8, 0, 0, 0, ict),
		FetchedAt:   time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second),
		BlockHashes: hashes,
	}
}

// procWriteBytes is the write_bytes line of /proc/self/io (0 where
// there is none).
func procWriteBytes() int64 {
	f, err := os.Open("/proc/self/io")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "write_bytes: "); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			return n
		}
	}
	return 0
}

// storedBytes is what the store keeps of its articles, logically: every
// corpus file, plus the database records, which are the bytes of the
// .json files (less their newline). bbolt's free and partly filled pages
// are left out: they are not the articles' size.
func storedBytes(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(filepath.Join(dir, corpusDirName), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
				if strings.HasSuffix(p, ".json") {
					n += info.Size() - 1
				}
			}
		}
		return nil
	})
	return n
}

func benchPrefill(b *testing.B, db *DB) int {
	n, _ := strconv.Atoi(os.Getenv("UNIONNEWS_BENCH_PREFILL"))
	if n <= 0 || b.N == 1 { // b.N == 1: the testing package's first probe run
		return 0
	}
	w := db.NewWriter(nil)
	errs := make(chan error, 256)
	for i := 0; i < n; i++ {
		r := benchRecord("prefill.vn", 10_000_000+i) // texts unlike the measured ones
		go func() { _, _, err := w.Save(r); errs <- err }()
		if i >= 255 {
			if err := <-errs; err != nil {
				b.Fatal(err)
			}
		}
	}
	for i := max(0, n-255); i < n; i++ {
		if err := <-errs; err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	return n
}

// benchIngest ingests b.N articles with put and reports the figures.
func benchIngest(b *testing.B, put func(db *DB, recs []Record) error) {
	dir := b.TempDir()
	if keep := os.Getenv("UNIONNEWS_BENCH_DIR"); keep != "" {
		dir = keep // kept for the start-up figures of scripts/bench.sh
	}
	db, err := Open(dir, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	pre := benchPrefill(b, db)
	db.noNearDup = os.Getenv("UNIONNEWS_BENCH_NEARDUP") == "off"
	recs := make([]Record, b.N)
	for i := range recs {
		recs[i] = benchRecord("bench.vn", benchOffset+i)
	}
	before := storedBytes(dir)
	w0 := procWriteBytes()
	b.ResetTimer()
	start := time.Now()
	if err := put(db, recs); err != nil {
		b.Fatal(err)
	}
	el := time.Since(start)
	b.StopTimer()
	written := procWriteBytes() - w0
	stored := storedBytes(dir) - before
	b.ReportMetric(float64(b.N)/el.Seconds(), "articles/s")
	b.ReportMetric(float64(written)/float64(b.N), "wbytes/article")
	b.ReportMetric(float64(stored)/float64(b.N), "stored-B/article")
	if stored > 0 {
		b.ReportMetric(float64(written)/float64(stored), "written/stored")
	}
	if pre > 0 {
		b.ReportMetric(float64(pre), "prefill")
	}
}

// BenchmarkIngestPut stores one article per Put (one transaction pair
// and five fsyncs each): the baseline.
func BenchmarkIngestPut(b *testing.B) {
	benchIngest(b, func(db *DB, recs []Record) error {
		for _, r := range recs {
			if _, err := db.Put(r); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkIngestWriter stores the articles through a Writer from 64
// goroutines (as parallel reclean does): batches share commits.
func BenchmarkIngestWriter(b *testing.B) {
	var batches, saved int
	defer func() {
		if batches > 0 {
			b.ReportMetric(float64(saved)/float64(batches), "articles/batch")
		}
	}()
	benchIngest(b, func(db *DB, recs []Record) error {
		w := db.NewWriter(nil)
		defer func() { batches, saved = w.Batches() }()
		work := make(chan Record)
		errs := make(chan error, benchWorkers)
		for g := 0; g < benchWorkers; g++ {
			go func() {
				var first error
				for r := range work {
					if _, _, err := w.Save(r); err != nil && first == nil {
						first = err
					}
				}
				errs <- first
			}()
		}
		for _, r := range recs {
			work <- r
		}
		close(work)
		var first error
		for g := 0; g < benchWorkers; g++ {
			if err := <-errs; err != nil && first == nil {
				first = err
			}
		}
		if err := w.Close(); err != nil && first == nil {
			first = err
		}
		return first
	})
}

// benchOffset is UNIONNEWS_BENCH_OFFSET (default 0).
var benchOffset = func() int {
	n, _ := strconv.Atoi(os.Getenv("UNIONNEWS_BENCH_OFFSET"))
	return max(n, 0)
}()

// benchWorkers is how many goroutines save concurrently in
// BenchmarkIngestWriter (UNIONNEWS_BENCH_WORKERS, default 256).
var benchWorkers = func() int {
	if n, _ := strconv.Atoi(os.Getenv("UNIONNEWS_BENCH_WORKERS")); n > 0 {
		return n
	}
	return 256
}()
