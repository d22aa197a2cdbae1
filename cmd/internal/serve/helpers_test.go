package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// fakeRunner records runs; each run blocks until release is closed (or
// returns at once when release is nil) and reports result.
type fakeRunner struct {
	mu       sync.Mutex
	calls    []string // "crawl site" / "refresh site"
	inFlight map[string]int
	maxPer   map[string]int // most concurrent runs seen per site
	result   Result
	release  chan struct{}
	hold     time.Duration // each run takes this long (unless cancelled)
	refreshN atomic.Int32
}

func newFakeRunner() *fakeRunner {
	return &fakeRunner{inFlight: map[string]int{}, maxPer: map[string]int{},
		result: Result{Fetched: 5, Stored: 3, Updated: 1, Duplicates: 1, Rejected: 2, Errors: 1,
			Requests: map[string]int{"200": 5, "error": 1}, ErrorKinds: map[string]int{"timeout": 1}}}
}

func (f *fakeRunner) run(ctx context.Context, what string) (Result, error) {
	site := strings.Fields(what)[1]
	f.mu.Lock()
	f.calls = append(f.calls, what)
	f.inFlight[site]++
	f.maxPer[site] = max(f.maxPer[site], f.inFlight[site])
	rel, hold := f.release, f.hold
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.inFlight[site]--
		f.mu.Unlock()
	}()
	var timer <-chan time.Time
	if hold > 0 {
		timer = time.After(hold)
	}
	if rel != nil || hold > 0 {
		select {
		case <-rel:
		case <-timer:
		case <-ctx.Done():
			return Result{}, fmt.Errorf("%s: %w", what, ctx.Err())
		}
	}
	return f.result, nil
}

func (f *fakeRunner) Crawl(ctx context.Context, site string) (Result, error) {
	return f.run(ctx, "crawl "+site)
}

func (f *fakeRunner) Refresh(ctx context.Context, req RefreshRequest) (Result, error) {
	f.refreshN.Add(1)
	what := "refresh " + req.Site + " " + strings.Join(req.URLs, " ")
	if req.OlderThan > 0 {
		what += " older=" + req.OlderThan.String()
	}
	return f.run(ctx, what)
}

func (f *fakeRunner) count(prefix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if strings.HasPrefix(c, prefix) {
			n++
		}
	}
	return n
}

// fakeCorpus is an in-memory corpus in the given order.
type fakeCorpus struct{ arts []sites.Article }

func (c *fakeCorpus) Articles(q ArticleQuery) ([]sites.Article, string, error) {
	start := 0
	if q.Cursor != "" {
		fmt.Sscan(q.Cursor, &start)
	}
	var out []sites.Article
	for i := start; i < len(c.arts); i++ {
		a := c.arts[i]
		if (q.Site != "" && a.Site != q.Site) || (q.Q != "" && !strings.Contains(a.Title+a.Text, q.Q)) {
			continue
		}
		if len(out) == q.Limit {
			return out, fmt.Sprint(i), nil
		}
		out = append(out, a)
	}
	return out, "", nil
}

func (c *fakeCorpus) Article(id string) (sites.Article, error) {
	for _, a := range c.arts {
		if a.ID == id {
			return a, nil
		}
	}
	return sites.Article{}, fmt.Errorf("article %s: %w", id, ErrNotFound)
}

func (c *fakeCorpus) Stats() (CorpusStats, error) {
	st := CorpusStats{Articles: len(c.arts), PerSite: map[string]int{}}
	for _, a := range c.arts {
		st.PerSite[a.Site]++
	}
	return st, nil
}

func (c *fakeCorpus) Export(ctx context.Context, w io.Writer, q ExportQuery) error {
	if q.Format != "jsonl" {
		return fmt.Errorf("format %q: %w", q.Format, ErrBadFormat)
	}
	enc := json.NewEncoder(w)
	for _, a := range c.arts {
		if len(q.Sites) == 0 || slices.Contains(q.Sites, a.Site) {
			if err := enc.Encode(a); err != nil {
				return err
			}
		}
	}
	return nil
}

func registry(t *testing.T) *sites.Registry {
	t.Helper()
	reg, err := sites.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

const testToken = "s3cret-token"

// started is a running test server.
type started struct {
	srv    *Server
	url    string
	data   string
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
}

// startServer starts a Server on a loopback port; it stops at cleanup.
func startServer(t *testing.T, cfg Config, r Runner, c Corpus, data string) *started {
	t.Helper()
	if data == "" {
		data = t.TempDir()
	}
	if cfg.Token == "" {
		cfg.Token = testToken
	}
	srv, err := New(Options{Data: data, Config: cfg, Runner: r, Corpus: c, Profiles: registry(t), Version: "test",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &started{srv: srv, url: "http://" + ln.Addr().String(), data: data, cancel: cancel, done: make(chan error, 1)}
	go func() { s.done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() { s.stop(t) })
	waitFor(t, 5*time.Second, "serve.json", func() bool {
		_, err := os.Stat(filepath.Join(data, AddressFileName))
		return err == nil
	})
	return s
}

func (s *started) stop(t *testing.T) {
	s.once.Do(func() {
		s.cancel()
		select {
		case err := <-s.done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("Serve did not return 15s after cancel")
		}
	})
}

func (s *started) do(t *testing.T, method, path, token, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, s.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" { // as curl -d does, whatever the body
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitFor polls cond every 20ms until it holds or d passes.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// off is a config that schedules nothing.
func off() Config {
	return Config{Default: SiteConfig{Schedule: "off"}}
}
