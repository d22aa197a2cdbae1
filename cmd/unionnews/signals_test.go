package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites/replica"
)

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestSignalsStopThenExit(t *testing.T) {
	sigs := make(chan os.Signal, 2)
	var out syncBuffer
	exited := make(chan int, 1)
	ctx, stop := watchSignals(context.Background(), sigs, &out, func(code int) { exited <- code })
	defer stop()
	sigs <- syscall.SIGTERM
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("first signal did not cancel the run")
	}
	if !strings.Contains(out.String(), "stopping…") {
		t.Errorf("first signal printed %q, want stopping…", out.String())
	}
	select {
	case code := <-exited:
		t.Fatalf("exited (%d) on the first signal", code)
	case <-time.After(50 * time.Millisecond):
	}
	sigs <- os.Interrupt
	select {
	case code := <-exited:
		if code != exitInterrupted {
			t.Errorf("exit code %d, want %d", code, exitInterrupted)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("second signal did not exit")
	}
}

// A crawl with a long politeness delay and a full queue stops within
// about a second of Ctrl-C, and what it stored stays stored.
func TestCrawlStopsPromptlyOnSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("crawl")
	}
	rep, err := replica.New()
	if err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	firstArticle := make(chan struct{})
	h := rep.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		if strings.HasSuffix(r.URL.Path, ".html") {
			once.Do(func() { close(firstArticle) })
		}
	}))
	defer srv.Close()
	args := []string{"crawl", "-data", t.TempDir(), "-site", "laodongthudo.vn", "-delay", "3s", "-q"}
	for host, base := range rep.Mirrors(srv.URL) {
		args = append(args, "-mirror", host+"="+base)
	}
	sigs := make(chan os.Signal, 2)
	var stderr syncBuffer
	ctx, stop := watchSignals(context.Background(), sigs, &stderr, func(int) { t.Error("exited") })
	defer stop()
	done := make(chan error, 1)
	var stdout bytes.Buffer
	go func() { done <- run(ctx, args, strings.NewReader(""), &stdout, &stderr) }()
	select {
	case <-firstArticle:
	case <-time.After(60 * time.Second):
		t.Fatal("no article fetched")
	}
	sigs <- os.Interrupt
	sent := time.Now()
	select {
	case err := <-done:
		if took := time.Since(sent); took > 1500*time.Millisecond {
			t.Errorf("crawl returned %v after the signal, want about a second at most", took)
		}
		if code := exitCode(err, &stderr); code != exitInterrupted {
			t.Errorf("exit code %d (err %v), want %d", code, err, exitInterrupted)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("crawl did not stop within 30s of the signal")
	}
	if !strings.Contains(stderr.String(), "stopping…") || !strings.Contains(stdout.String(), "article pages fetched:") {
		t.Errorf("stderr %q\nstdout %q", stderr.String(), stdout.String())
	}
}
