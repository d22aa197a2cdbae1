package store

import (
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// putOp is one article of a batch test: URL index and text index.
type putOp struct{ url, text int }

func opRecord(o putOp) Record {
	r := benchRecord("bench.vn", o.url)
	r.Text = fmt.Sprintf("Văn bản số %d. %s", o.text, distinctText(o.text)) // distinct stories: exact duplicates only
	if o.text%3 == 0 {
		r.Published = time.Date(2025, 3, 1, 0, 0, 0, 0, ict) // another month: files move on update
	}
	return r
}

// sequentialResults puts ops one by one with DB.Put.
func sequentialResults(t *testing.T, ops [][]putOp) []PutResult {
	db, _ := mustOpen(t)
	var out []PutResult
	for _, batch := range ops {
		for _, o := range batch {
			res, err := db.Put(opRecord(o))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, res)
		}
	}
	return out
}

// TestWriterMatchesSequentialPuts: articles that share URLs and texts
// within one batch (duplicates, updates, demotions, moves) get the
// outcomes sequential Puts give, and the store stays consistent.
func TestWriterMatchesSequentialPuts(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	var ops [][]putOp
	for b := 0; b < 12; b++ {
		var batch []putOp
		for i := 0; i < 10; i++ {
			batch = append(batch, putOp{url: rng.Intn(8), text: rng.Intn(6)})
		}
		ops = append(ops, batch)
	}
	want := sequentialResults(t, ops)

	db, _ := mustOpen(t)
	w := db.NewWriter(nil)
	// Queue a whole batch before the writer runs: hold the DB lock so the
	// writer cannot start a batch while the requests arrive in order.
	var got []PutResult
	for _, batch := range ops {
		db.mu.Lock()
		res := make([]chan PutResult, len(batch))
		for i, o := range batch {
			res[i] = make(chan PutResult, 1)
			wait := w.submit(opRecord(o))
			go func(i int) {
				put, err := wait()
				if err != nil {
					t.Error(err)
				}
				res[i] <- put
			}(i)
			time.Sleep(time.Millisecond) // the writer may take the first before the lock blocks it
		}
		db.mu.Unlock()
		for i := range batch {
			got = append(got, <-res[i])
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("op %d: writer %+v, sequential Put %+v", i, got[i], want[i])
		}
	}
}

// TestWriterBatchesConcurrentSaves: many concurrent Saves, outcomes
// and marks are all stored, with fewer commits than articles.
func TestWriterBatchesConcurrentSaves(t *testing.T) {
	db, _ := mustOpen(t)
	w := db.NewWriter(nil)
	const n = 200
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r := benchRecord("bench.vn", i)
			if _, c, err := w.Save(r); err != nil || c != sites.ChangeCreated {
				t.Errorf("save %d: %v %v", i, c, err)
			}
			if err := w.RecordOutcome(sites.URLOutcome{URL: r.URL, Site: r.Site, Outcome: sites.OutcomeStored}); err != nil {
				t.Error(err)
			}
			if err := w.MarkVisited(r.URL); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.Save(benchRecord("bench.vn", n)); err == nil {
		t.Error("save after Close succeeded")
	}
	st, err := db.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != n {
		t.Errorf("articles = %d, want %d", st.Articles, n)
	}
	seq, _ := db.Sequence()
	if seq != n {
		t.Errorf("change sequence = %d, want %d", seq, n)
	}
	for i := 0; i < n; i++ {
		u := benchRecord("bench.vn", i).URL
		if ok, _ := db.IsVisited(u); !ok {
			t.Fatalf("%s not visited", u)
		}
		if _, err := db.Outcome(u); err != nil {
			t.Fatal(err)
		}
	}
	_, docs, _ := db.Boilerplate("bench.vn", 1, 0)
	if docs != n {
		t.Errorf("block docs = %d, want %d", docs, n)
	}
}

// TestWriterKillNine kills a process writing through a Writer at random
// moments; after each kill, Open repairs and the store is consistent,
// and every Save that returned is stored.
func TestWriterKillNine(t *testing.T) {
	if dir := os.Getenv("UNIONNEWS_WRITER_CHILD"); dir != "" {
		writerChild(dir)
		return
	}
	if testing.Short() {
		t.Skip("kill -9 loop skipped in -short")
	}
	dir := t.TempDir()
	for round := 0; round < 4; round++ {
		log := dir + "/acked." + strconv.Itoa(round)
		cmd := exec.Command(os.Args[0], "-test.run=^TestWriterKillNine$")
		cmd.Env = append(os.Environ(), "UNIONNEWS_WRITER_CHILD="+dir, "UNIONNEWS_WRITER_ROUND="+strconv.Itoa(round), "UNIONNEWS_WRITER_LOG="+log)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(150+round*70) * time.Millisecond)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		db := mustOpenDir(t, dir)
		checkConsistent(t, db)
		acked, _ := os.ReadFile(log)
		var urls []string
		for _, line := range splitLines(string(acked)) {
			urls = append(urls, line)
		}
		sort.Strings(urls)
		for _, u := range urls {
			if _, err := db.LookupURL(u); err != nil {
				t.Errorf("round %d: acknowledged %s lost: %v", round, u, err)
			}
		}
		db.Close()
	}
}

func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		if i > 0 {
			out = append(out, s[:i])
		}
		if i < len(s) {
			i++
		}
		s = s[i:]
	}
	return out
}

// writerChild saves articles through a Writer from 16 goroutines until
// killed, appending each acknowledged URL to a log (after the Save
// returned, so the log never names an unstored article).
func writerChild(dir string) {
	db, err := Open(dir, nil)
	if err != nil {
		os.Exit(3)
	}
	round, _ := strconv.Atoi(os.Getenv("UNIONNEWS_WRITER_ROUND"))
	logf, err := os.OpenFile(os.Getenv("UNIONNEWS_WRITER_LOG"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		os.Exit(3)
	}
	w := db.NewWriter(nil)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; ; i++ {
				// Updates of earlier rounds' articles, moves and new ones.
				r := benchRecord("kill.vn", (g*100000+i)%(300*(round+1)))
				if i%4 == 0 {
					r.Text += " Cập nhật vòng " + strconv.Itoa(round)
					r.Published = r.Published.AddDate(0, 1, 0)
				}
				if _, _, err := w.Save(r); err != nil {
					os.Exit(4)
				}
				mu.Lock()
				fmt.Fprintln(logf, r.URL)
				mu.Unlock()
			}
		}(g)
	}
	wg.Wait()
}

// TestWriterFullQueue: outcomes queued faster than batches commit fill
// the queue; senders then wait without blocking the writer (a sender
// blocked on the full queue once held the lock the writer needs).
func TestWriterFullQueue(t *testing.T) {
	db, _ := mustOpen(t)
	w := db.NewWriter(&WriterOptions{MaxBatch: 1}) // a queue of 4
	done := make(chan struct{})
	go func() {
		defer close(done)
		var wg sync.WaitGroup
		for g := 0; g < 20; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				r := benchRecord("bench.vn", g)
				if _, _, err := w.Save(r); err != nil {
					t.Error(err)
				}
				for i := 0; i < 50; i++ {
					if err := w.RecordOutcome(sites.URLOutcome{URL: fmt.Sprintf("%s?%d", r.URL, i), Site: r.Site, Outcome: sites.OutcomeStored}); err != nil {
						t.Error(err)
					}
				}
			}(g)
		}
		wg.Wait()
		if err := w.Close(); err != nil {
			t.Error(err)
		}
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("writer deadlocked with a full queue")
	}
}
