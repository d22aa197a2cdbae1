package main

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// buildBinary builds the unionnews binary for tests that run it as a
// child process.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "unionnews")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// killAtRandom starts bin with args, SIGKILLs it after a random delay
// below max (unless it exits first) and reports whether it was killed.
func killAtRandom(t *testing.T, rng *rand.Rand, bin string, max time.Duration, args ...string) bool {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = nil, nil
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	delay := time.Duration(rng.Int64N(int64(max)))
	select {
	case <-done:
		return false
	case <-time.After(delay):
		cmd.Process.Kill() // SIGKILL
		<-done
		return true
	}
}

// runBin runs bin to completion and returns its combined output.
func runBin(t *testing.T, bin string, args ...string) (string, int) {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

// TestKillNine: crawl, reclean and refresh are SIGKILLed at random
// moments, then run again; after each completed run archive, database,
// files and block counts agree and the run's work is complete.
func TestKillNine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and crawls")
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, seed>>1))
	bin := buildBinary(t)
	s := newReplicaSite(t)
	dir := t.TempDir()
	crawl := append([]string{"crawl", "-data", dir, "-delay", "1ms"}, s.mirrorArgs()...)
	const kills = 3

	// 1. Crawl with a broken laodongthudo.vn profile: killed, then completed.
	profiles := t.TempDir()
	os.WriteFile(filepath.Join(profiles, ldt+".json"), []byte(`{"name":"`+ldt+`","article":{"body":"div.gone-2027"}}`), 0o644)
	for i := 0; i < kills; i++ {
		killAtRandom(t, rng, bin, 1500*time.Millisecond, append(crawl, "-sites", profiles)...)
	}
	if out, code := runBin(t, bin, append(crawl, "-sites", profiles)...); code != exitDrift {
		t.Fatalf("crawl after kills: exit %d, want the drift alarm\n%s", code, tail(out))
	}
	checkCorpus(t, dir)
	if len(corpusState(t, dir)) < 40 {
		t.Fatalf("crawl after kills stored %d articles", len(corpusState(t, dir)))
	}

	// 2. Reclean with the fixed profile: killed, then completed.
	for i := 0; i < kills; i++ {
		killAtRandom(t, rng, bin, 800*time.Millisecond, "reclean", "-data", dir)
	}
	if out, code := runBin(t, bin, "reclean", "-data", dir); code != 0 {
		t.Fatalf("reclean after kills: exit %d\n%s", code, tail(out))
	}
	checkCorpus(t, dir)
	for u, r := range corpusState(t, dir) {
		if !strings.HasPrefix(r.Extractor, "profile") {
			t.Errorf("%s still %q after reclean", u, r.Extractor)
		}
	}

	// 3. Refresh after every laodongthudo.vn article changed: killed,
	// then completed.
	var changed []string
	for u, r := range corpusState(t, dir) {
		if pg, ok := s.rep.Lookup(u); ok && r.Site == ldt && strings.Contains(pg.ContentType, "utf-8") {
			changed = append(changed, u)
		}
	}
	s.mu.Lock()
	for _, u := range changed {
		s.edits[s.path(u)] = func(b []byte) []byte {
			const body = `__MB_CONTENT_FOR_PRINTER">`
			return []byte(strings.Replace(string(b), body, body+"<p>Đính chính của tòa soạn: bài viết đã được cập nhật số liệu mới nhất từ công đoàn cơ sở.</p>", 1))
		}
	}
	s.mu.Unlock()
	refresh := append([]string{"refresh", "-data", dir, "-site", ldt, "-delay", "1ms"}, s.mirrorArgs()...)
	for i := 0; i < kills; i++ {
		killAtRandom(t, rng, bin, 600*time.Millisecond, refresh...)
	}
	if out, code := runBin(t, bin, refresh...); code != 0 {
		t.Fatalf("refresh after kills: exit %d\n%s", code, tail(out))
	}
	checkCorpus(t, dir)
	state := corpusState(t, dir)
	for _, u := range changed {
		if r := state[u]; !strings.Contains(r.Text, "Đính chính của tòa soạn") {
			t.Errorf("%s: correction missing after refresh (%d changed)", u, len(changed))
		}
	}
}
