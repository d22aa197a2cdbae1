package store

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unionnews/unionnews/store/neardup"
)

// benchVocab returns the words of the replica articles, most frequent
// first: the Zipf generator below draws from it as news text does.
func benchVocab(b *testing.B) []string {
	files, _ := filepath.Glob(filepath.Join("..", "sites", "replica", "*", "articles", "*.json"))
	count := map[string]int{}
	for _, f := range files {
		var a struct {
			Title, Lead string
			Body        []struct{ P string }
		}
		raw, err := os.ReadFile(f)
		if err != nil || json.Unmarshal(raw, &a) != nil {
			b.Fatalf("read %s: %v", f, err)
		}
		txt := a.Title + " " + a.Lead
		for _, p := range a.Body {
			txt += " " + p.P
		}
		for _, w := range strings.Fields(neardup.Normalise(txt)) {
			count[w]++
		}
	}
	words := make([]string, 0, len(count))
	for w := range count {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if count[words[i]] != count[words[j]] {
			return count[words[i]] > count[words[j]]
		}
		return words[i] < words[j]
	})
	if len(words) < 1000 {
		b.Fatalf("only %d words", len(words))
	}
	return words
}

// benchText draws a generated article of 300 words: Zipf-ranked words
// of the replica articles, so common words recur as in news text.
func benchText(vocab []string, z *rand.Zipf) string {
	var b strings.Builder
	for i := range 300 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(vocab[z.Uint64()])
		if i%25 == 24 {
			b.WriteString(".")
		}
	}
	return b.String()
}

// benchCopy edits 5% of the words of a text and adds a caption.
func benchCopy(rng *rand.Rand, vocab []string, text string) string {
	w := strings.Fields(text)
	for i := range w {
		if rng.Float64() < 0.05 {
			w[i] = vocab[rng.IntN(len(vocab))]
		}
	}
	return strings.Join(w, " ") + " Ảnh: Minh Anh"
}

// BenchmarkNearDup100k builds the near-duplicate index of 100,000
// generated articles (10% of them syndicated copies of earlier ones) in
// bbolt, as Put's commit does, then looks 10,000 texts up. It reports
// CPU µs per article (user + system time: the machine may be shared) for
// signing, insert (record, index, clusters) and lookup (signing
// included), the database bytes per article with and without the index, and
// the peak RSS. The peer measured in the same run is the exact-duplicate
// path alone (record + content hash). Files and fsyncs are left out: they
// are the same with and without the index. Run it with
//
//	go test -run '^$' -bench NearDup100k -benchtime 1x ./store/
//
// (UNIONNEWS_BENCH_N sets another size). Results: BENCHMARKS.md.
func BenchmarkNearDup100k(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("UNIONNEWS_BENCH_N")); err == nil && v > 0 {
		n = v
	}
	rng := rand.New(rand.NewPCG(3, 4))
	vocab := benchVocab(b)
	z := rand.NewZipf(rand.New(rand.NewPCG(5, 6)), 1.07, 2, uint64(len(vocab)-1))
	texts := make([]string, n)
	for i := range texts {
		if i > 10 && rng.IntN(10) == 0 {
			texts[i] = benchCopy(rng, vocab, texts[rng.IntN(i)])
		} else {
			texts[i] = benchText(vocab, z)
		}
	}
	// New texts for the crawl's lookups: 10% copies of stored ones.
	news := make([]string, min(10_000, n))
	for i := range news {
		if rng.IntN(10) == 0 {
			news[i] = benchCopy(rng, vocab, texts[rng.IntN(n)])
		} else {
			news[i] = benchText(vocab, z)
		}
	}
	for range b.N {
		exact := benchBuild(b, texts, nil, false)
		near := benchBuild(b, texts, news, true)
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		b.ReportMetric(near.sign, "sign-µs/article")
		b.ReportMetric(near.insert, "insert-µs/article")
		b.ReportMetric(exact.insert, "exact-only-insert-µs/article")
		b.ReportMetric(near.lookup, "lookup-µs/article")
		b.ReportMetric(near.lookupNew, "lookup-new-µs/article")
		b.ReportMetric(near.build, "filter-build-ms")
		b.ReportMetric(near.filterMB, "filter-MB")
		b.ReportMetric(near.save, "filter-save-ms")
		b.ReportMetric(near.load, "filter-load-ms")
		b.ReportMetric(near.bytes, "db-bytes/article")
		b.ReportMetric(exact.bytes, "exact-only-db-bytes/article")
		b.ReportMetric(float64(near.clusters), "clusters")
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
		b.Logf("n=%d: sign %.1f µs, insert %.1f µs (exact only %.1f µs, ratio %.1f), lookup %.1f µs of stored texts, %.1f µs of new texts (%d of %d found similar), band filter %.1f MB built in %.0f ms (saved in %.0f ms, loaded in %.0f ms), db %.0f B/article (exact only %.0f B), %d clusters of %d planted copies, peak RSS %.0f MB",
			n, near.sign, near.insert, exact.insert, near.insert/exact.insert, near.lookup, near.lookupNew, near.foundNew, len(news), near.filterMB, near.build, near.save, near.load, near.bytes, exact.bytes, near.clusters, n/10, float64(ru.Maxrss)/1024)
	}
}

// cpuTime is the CPU time the process has used (user + system): on a
// shared machine it measures the work, where the wall clock measures the
// neighbours too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type benchResult struct {
	sign, insert, lookup, bytes float64
	lookupNew, build, filterMB  float64 // new texts' lookup µs, filter build ms and MB
	save, load                  float64 // filter saved by Close, taken by Open: ms
	clusters, foundNew          int
}

// benchBuild stores the texts in a fresh store in transactions of 500,
// with or without the near-duplicate index, and measures.
func benchBuild(b *testing.B, texts, news []string, index bool) benchResult {
	dir := b.TempDir()
	db, err := Open(dir, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.bolt.NoSync = true // measure the index, not the disk
	var res benchResult
	start := cpuTime()
	const batch = 500
	for lo := 0; lo < len(texts); lo += batch {
		err := db.bolt.Update(func(tx *bolt.Tx) error {
			for i := lo; i < min(lo+batch, len(texts)); i++ {
				r := article(fmt.Sprintf("https://laodong.vn/bai-%d.ldo", i), texts[i])
				r.Published = published.Add(time.Duration(i) * time.Minute)
				r.ID, r.ContentHash = ID(r.URL), ContentHash(r.Text)
				if err := putRecord(tx.Bucket(bucketArticles), r); err != nil {
					return err
				}
				if err := tx.Bucket(bucketHashes).Put([]byte(r.ContentHash), []byte(r.ID)); err != nil {
					return err
				}
				if index {
					if err := db.commitCluster(tx, r, Record{}, false); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if index { // no files in this benchmark: drop the marks
			if err := db.bolt.Update(func(tx *bolt.Tx) error {
				if err := tx.DeleteBucket(bucketDirty); err != nil {
					return err
				}
				_, err := tx.CreateBucket(bucketDirty)
				return err
			}); err != nil {
				b.Fatal(err)
			}
		}
	}
	if index { // the queued band keys are part of the insert (neardup_queue.go)
		if err := db.FlushBands(); err != nil {
			b.Fatal(err)
		}
	}
	res.insert = float64((cpuTime() - start).Microseconds()) / float64(len(texts))
	if fi, err := os.Stat(db.Path()); err == nil {
		res.bytes = float64(fi.Size()) / float64(len(texts))
	}
	if !index {
		return res
	}
	// Signing alone, and lookups of 10,000 stored texts (every band key
	// finds at least the text itself: the worst case for the seeks).
	m := min(10_000, len(texts))
	t0 := cpuTime()
	sigs := make([]neardup.Signature, m)
	for i := range m {
		sigs[i] = db.nd.Sign(texts[i])
	}
	res.sign = float64((cpuTime() - t0).Microseconds()) / float64(m)
	// A new session: the first lookup builds the band filter.
	t0 = cpuTime()
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		benchNewSession(db)
		_, err := benchLookup(db, tx, db.nd.Sign(news[0]))
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	res.build = float64((cpuTime() - t0).Microseconds()) / 1000
	res.filterMB = float64(benchFilterBytes(db)) / (1 << 20)
	save, load, err := benchSaveLoad(db)
	if err != nil {
		b.Fatal(err)
	}
	res.save, res.load = float64(save.Microseconds())/1000, float64(load.Microseconds())/1000
	t0 = cpuTime()
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		for i := range m {
			if _, err := benchLookup(db, tx, db.nd.Sign(texts[i])); err != nil {
				return err
			}
		}
		res.clusters = countKeys(tx.Bucket(bucketClusters))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	res.lookup = float64((cpuTime() - t0).Microseconds()) / float64(m)
	// Lookups of new texts, as a crawl makes them before storing one.
	b.Logf("band filter after the stored texts' lookups: %s", benchFilterStats(db))
	t0 = cpuTime()
	var found int
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		for _, text := range news {
			near, err := benchLookup(db, tx, db.nd.Sign(text))
			if err != nil {
				return err
			}
			if len(near) > 0 {
				found++
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	res.lookupNew = float64((cpuTime() - t0).Microseconds()) / float64(len(news))
	b.Logf("band filter after the new texts' lookups: %s", benchFilterStats(db))
	res.foundNew = found
	return res
}
