package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/unionnews/unionnews/cmd/internal/serve"
	"github.com/unionnews/unionnews/sites/replica"
	"github.com/unionnews/unionnews/store"
)

// lockedBuffer is a strings.Builder safe for the concurrent writes of a
// running command and the reads of the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *lockedBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *lockedBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// servedReplicas serves the replicas on loopback and returns the -mirror
// flags for them.
func servedReplicas(t *testing.T) []string {
	t.Helper()
	rep, err := replica.New()
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(rep.Handler())
	t.Cleanup(ts.Close)
	var flags []string
	for h, base := range rep.Mirrors(ts.URL) {
		flags = append(flags, "-mirror", h+"="+base)
	}
	return flags
}

// runningServe is `unionnews serve` running in the background.
type runningServe struct {
	url, data    string
	stdout, logs *lockedBuffer
	cancel       context.CancelFunc
	done         chan error
}

// startServe runs `unionnews serve` with cfg against the replicas and
// waits for DATA/serve.json.
func startServe(t *testing.T, cfg string, extra ...string) *runningServe {
	t.Helper()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	cfgPath := filepath.Join(dir, "serve-config.json")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"serve", "-data", data, "-addr", "127.0.0.1:0", "-config", cfgPath, "-delay", "10ms"}, servedReplicas(t)...)
	args = append(args, extra...)
	ctx, cancel := context.WithCancel(context.Background())
	s := &runningServe{data: data, stdout: &lockedBuffer{}, logs: &lockedBuffer{}, cancel: cancel, done: make(chan error, 1)}
	go func() { s.done <- run(ctx, args, strings.NewReader(""), s.stdout, s.logs) }()
	t.Cleanup(func() { s.stop(t) })
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, err := os.ReadFile(filepath.Join(data, serve.AddressFileName))
		var a serve.Address
		if err == nil && json.Unmarshal(b, &a) == nil {
			s.url = a.URL
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s\n%s", s.stdout, s.logs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (s *runningServe) stop(t *testing.T) {
	if s.cancel == nil {
		return
	}
	s.cancel()
	s.cancel = nil
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("serve: %v\n%s", err, s.logs)
		}
	case <-time.After(15 * time.Second):
		t.Error("serve did not stop within 15s")
	}
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

// TestServeStoresUnattended: with an @every schedule against the
// replicas, serve stores articles with nobody asking, and export and
// stats read them through its API while it holds the database.
func TestServeStoresUnattended(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end serve")
	}
	s := startServe(t, `{"sites": {"laodongthudo.vn": {"schedule": "@every 2s"}}}`, "-max-articles", "6")
	var page struct {
		Articles []store.Record
	}
	deadline := time.Now().Add(60 * time.Second)
	for len(page.Articles) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no article stored within 60s\n%s", s.logs)
		}
		time.Sleep(200 * time.Millisecond)
		getJSON(t, s.url+"/api/articles?site=laodongthudo.vn", &page)
	}
	for _, a := range page.Articles {
		if !strings.HasPrefix(a.URL, "https://laodongthudo.vn/") {
			t.Errorf("stored URL %s is not the real URL", a.URL)
		}
	}
	var runs struct{ Runs []serve.Run }
	getJSON(t, s.url+"/api/runs", &runs)
	if len(runs.Runs) == 0 || runs.Runs[len(runs.Runs)-1].Trigger != serve.TriggerSchedule {
		t.Errorf("runs %+v: want scheduled runs", runs.Runs)
	}

	// Refresh one stored URL through the API (the token serve generated
	// is in serve.json): the pipeline re-fetches it and finds it unchanged.
	b, err := os.ReadFile(filepath.Join(s.data, serve.AddressFileName))
	if err != nil {
		t.Fatal(err)
	}
	var addr serve.Address
	if err := json.Unmarshal(b, &addr); err != nil || addr.Token == "" {
		t.Fatalf("serve.json has no generated token: %s", b)
	}
	post := func(path, token, body string) (int, string) {
		req, _ := http.NewRequest("POST", s.url+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		rb, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(rb)
	}
	if code, body := post("/api/refresh", "nope", `{"site":"laodongthudo.vn"}`); code != http.StatusUnauthorized {
		t.Errorf("refresh with a wrong token: %d %s", code, body)
	}
	if code, body := post("/api/refresh", addr.Token, `{"urls":["http://127.0.0.1:1/x"]}`); code != http.StatusBadRequest {
		t.Errorf("refresh of a foreign URL: %d %s", code, body)
	}
	var refreshRun serve.Run
	deadline = time.Now().Add(30 * time.Second)
	for {
		code, body := post("/api/refresh", addr.Token, `{"urls":[`+strconvQuote(page.Articles[0].URL)+`]}`)
		if code == http.StatusAccepted {
			var got struct{ Runs []serve.Run }
			if err := json.Unmarshal([]byte(body), &got); err != nil || len(got.Runs) != 1 {
				t.Fatalf("refresh answer %s", body)
			}
			refreshRun = got.Runs[0]
			break
		}
		if code != http.StatusConflict || time.Now().After(deadline) { // 409: a scheduled crawl of the site is running
			t.Fatalf("refresh: %d %s", code, body)
		}
		time.Sleep(200 * time.Millisecond)
	}
	for refreshRun.State == serve.StateRunning {
		time.Sleep(100 * time.Millisecond)
		getJSON(t, fmt.Sprintf("%s/api/runs/%d", s.url, refreshRun.ID), &refreshRun)
	}
	if refreshRun.State != serve.StateOK || refreshRun.Kind != serve.KindRefresh || refreshRun.Result.Unchanged+refreshRun.Result.Updated != 1 {
		t.Errorf("refresh run: %+v", refreshRun)
	}

	// Paging through the real store: limit=2 pages visit every article once.
	var st serve.CorpusStats
	getJSON(t, s.url+"/api/stats", &st)
	seen := map[string]bool{}
	cursor := ""
	for pages := 0; ; pages++ {
		var p struct {
			Articles   []store.Record
			NextCursor string `json:"next_cursor"`
		}
		getJSON(t, s.url+"/api/articles?limit=2&cursor="+cursor, &p)
		for _, a := range p.Articles {
			if seen[a.ID] {
				t.Errorf("article %s on two pages", a.ID)
			}
			seen[a.ID] = true
		}
		if p.NextCursor == "" || pages > 1000 {
			break
		}
		cursor = p.NextCursor
	}
	if len(seen) < st.Articles { // a scheduled run may add articles while we page
		t.Errorf("paging saw %d articles, the corpus had %d before", len(seen), st.Articles)
	}

	// export and stats while serve holds the database: through its API.
	out, logs, err := runCLI(t, "export", "-data", s.data, "-wait", "1s")
	if err != nil {
		t.Fatalf("export during serve: %v\n%s", err, logs)
	}
	if !strings.Contains(logs, "through its API") || len(readJSONL(t, out)) == 0 {
		t.Errorf("export during serve: %d records, log %q", len(readJSONL(t, out)), logs)
	}
	// Every format and a compressed file name work through serve too.
	csvOut, logs, err := runCLI(t, "export", "-data", s.data, "-format", "csv")
	if err != nil || !strings.Contains(logs, "through its API") || strings.Count(csvOut, "\n") < 2 {
		t.Errorf("csv export during serve: %v\n%s\n%.300s", err, logs, csvOut)
	}
	gz := filepath.Join(t.TempDir(), "corpus.jsonl.gz")
	if _, logs, err := runCLI(t, "export", "-data", s.data, "-o", gz); err != nil {
		t.Errorf("export -o %s during serve: %v\n%s", gz, err, logs)
	} else if b, err := os.ReadFile(gz); err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("%s is not gzip (%v)", gz, err)
	}
	if _, _, err := runCLI(t, "export", "-data", s.data, "-since-last", "daily"); err == nil || !strings.Contains(err.Error(), "-since-last") {
		t.Errorf("export -since-last during serve: %v, want an error saying why", err)
	}
	out, logs, err = runCLI(t, "stats", "-data", s.data, "-wait", "1s")
	if err != nil || !strings.Contains(out, "read through serve") || !strings.Contains(out, "laodongthudo.vn") {
		t.Errorf("stats during serve: %v\n%s\n%s", err, out, logs)
	}
	// A one-shot crawl of the same data fails fast and says serve holds it.
	start := time.Now()
	_, _, err = runCLI(t, "crawl", "-data", s.data, "-site", "laodongthudo.vn")
	if err == nil || !strings.Contains(err.Error(), "unionnews serve") || time.Since(start) > 5*time.Second {
		t.Errorf("crawl during serve: %v after %s, want a fast error naming serve", err, time.Since(start))
	}
	s.stop(t)
	if _, err := os.Stat(filepath.Join(s.data, serve.AddressFileName)); !os.IsNotExist(err) {
		t.Errorf("serve.json left after stop: %v", err)
	}
	if warcs, _ := filepath.Glob(filepath.Join(s.data, "warc", "*.warc.gz")); len(warcs) == 0 {
		t.Error("serve's runs archived nothing under DATA/warc")
	}
	// After serve, export reads the database itself.
	if out, _, err := runCLI(t, "export", "-data", s.data); err != nil || len(readJSONL(t, out)) == 0 {
		t.Errorf("export after serve: %v", err)
	}
}

// TestExportWaitsForCrawl: while another process holds the database (a
// crawl), export and stats wait with a visible message and complete when
// it is released; with a short -wait they fail saying why; a second
// writer fails fast.
func TestExportWaitsForCrawl(t *testing.T) {
	data := t.TempDir()
	db, err := store.Open(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Put(store.Record{URL: "https://nld.com.vn/a-1.htm", Site: "nld.com.vn", Title: "Tiêu đề", Text: "Nội dung bài."}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, _, err = runCLI(t, "export", "-data", data, "-wait", "1500ms")
	if err == nil || !strings.Contains(err.Error(), "-wait") {
		t.Errorf("export with the db held past -wait: %v, want an error naming -wait", err)
	}
	if d := time.Since(start); d < 1500*time.Millisecond || d > 6*time.Second {
		t.Errorf("export gave up after %s, want about -wait", d)
	}
	_, _, err = runCLI(t, "crawl", "-data", data, "-site", "nld.com.vn")
	if err == nil || !strings.Contains(err.Error(), "another crawl") {
		t.Errorf("second writer: %v, want a fast error saying another crawl runs", err)
	}

	type result struct {
		out, logs string
		err       error
	}
	done := make(chan result, 2)
	for _, cmd := range []string{"export", "stats"} {
		go func() {
			out, logs, err := runCLI(t, cmd, "-data", data, "-wait", "30s")
			done <- result{out, logs, err}
		}()
	}
	time.Sleep(1500 * time.Millisecond)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		select {
		case r := <-done:
			if r.err != nil {
				t.Errorf("waiting reader: %v\n%s", r.err, r.logs)
			}
			if !strings.Contains(r.logs, "waiting up to 30s") {
				t.Errorf("no visible waiting message: %q", r.logs)
			}
			if !strings.Contains(r.out, "Tiêu đề") && !strings.Contains(r.out, "articles:  1") {
				t.Errorf("reader output after the wait: %q", r.out)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("readers did not finish after the database was released")
		}
	}
}

// TestExportDuringCrawlCompletes: a real one-shot crawl (of a slowed
// replica) holds the data directory; export started meanwhile waits with
// a visible message and then exports everything the crawl stored.
func TestExportDuringCrawlCompletes(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end crawl")
	}
	rep, err := replica.New()
	if err != nil {
		t.Fatal(err)
	}
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(150 * time.Millisecond)
		rep.Handler().ServeHTTP(w, r)
	})
	ts := httptest.NewServer(slow)
	defer ts.Close()
	data := t.TempDir()
	args := []string{"crawl", "-data", data, "-site", "nld.com.vn", "-max-articles", "6", "-delay", "1ms"}
	for h, base := range rep.Mirrors(ts.URL) {
		args = append(args, "-mirror", h+"="+base)
	}
	crawlDone := make(chan error, 1)
	go func() {
		_, _, err := runCLI(t, args...)
		crawlDone <- err
	}()
	// Wait until the crawl holds the database.
	deadline := time.Now().Add(20 * time.Second)
	for {
		db, err := store.Open(data, &store.Options{ReadOnly: true, Timeout: 50 * time.Millisecond})
		if errors.Is(err, store.ErrInUse) {
			break
		}
		if err == nil {
			db.Close()
		}
		if time.Now().After(deadline) {
			t.Fatal("the crawl never held the database")
		}
		time.Sleep(20 * time.Millisecond)
	}
	out, logs, err := runCLI(t, "export", "-data", data, "-wait", "2m")
	if err != nil {
		t.Fatalf("export during the crawl: %v\n%s", err, logs)
	}
	select {
	case err := <-crawlDone:
		if err != nil {
			t.Fatalf("crawl: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("export finished but the crawl did not: it cannot have waited for it")
	}
	if !strings.Contains(logs, "waiting up to 2m0s") {
		t.Errorf("export did not say it was waiting: %q", logs)
	}
	st, _, err := runCLI(t, "stats", "-data", data)
	if err != nil {
		t.Fatal(err)
	}
	n := len(readJSONL(t, out))
	if n == 0 || !strings.Contains(st, fmt.Sprintf("articles:  %d\n", n)) {
		t.Errorf("export wrote %d records; stats after the crawl:\n%s", n, st)
	}
}
