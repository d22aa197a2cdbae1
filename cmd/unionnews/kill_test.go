package main

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unionnews/unionnews/store"
	"github.com/unionnews/unionnews/store/warc"
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

// killAfter starts bin with args, SIGKILLs it after delay (unless it
// exits first) and reports whether it was killed.
func killAfter(t *testing.T, bin string, delay time.Duration, args ...string) bool {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = nil, nil
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
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

// killer SIGKILLs runs of one binary at random moments and checks the
// data directory after each kill.
type killer struct {
	t      *testing.T
	rng    *rand.Rand
	bin    string
	killed int // SIGKILLs so far
}

// timed runs args uninterrupted (the reference run), wants exit status
// code and returns how long it took.
func (k *killer) timed(code int, args ...string) time.Duration {
	k.t.Helper()
	start := time.Now()
	if out, got := runBin(k.t, k.bin, args...); got != code {
		k.t.Fatalf("%s (uninterrupted): exit %d, want %d\n%s", args[0], got, code, tail(out))
	}
	return time.Since(start)
}

// phase runs args kills times, each SIGKILLed at a random moment within
// dur (the uninterrupted run's duration), checks dir after every kill,
// then runs it to completion (exit status code) and checks dir again.
func (k *killer) phase(dir string, kills int, dur time.Duration, code int, args ...string) {
	k.t.Helper()
	n := 0
	for attempt := 0; n < kills && attempt < 3*kills; attempt++ {
		delay := 20*time.Millisecond + time.Duration(k.rng.Int64N(int64(max(dur, 50*time.Millisecond))))
		if killAfter(k.t, k.bin, delay, args...) {
			n++
			checkAfterKill(k.t, dir, false)
		}
	}
	k.killed += n
	k.t.Logf("%s: %d kills within %s", args[0], n, dur.Round(time.Millisecond))
	if out, got := runBin(k.t, k.bin, args...); got != code {
		k.t.Fatalf("%s after %d kills: exit %d, want %d\n%s", args[0], n, got, code, tail(out))
	}
	checkAfterKill(k.t, dir, true)
}

// checkAfterKill checks dir as the next run finds it: the database
// opens (and repairs what the kill left pending), every record has its
// files and its archive record, no text is stored twice, and the derived
// counts (learnt boilerplate, content-hash index) equal a recount.
func checkAfterKill(t *testing.T, dir string, wholeArchive bool) {
	t.Helper()
	checkCorpusAt(t, dir, wholeArchive)
	db, err := store.Open(dir, nil)
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer db.Close()
	if err := db.CheckDerived(); err != nil {
		t.Error(err)
	}
	texts := map[string]string{}
	db.ForEach(func(r store.Record) error {
		if other, dup := texts[r.Text]; dup {
			t.Errorf("the same text stored twice: %s and %s", other, r.URL)
		}
		texts[r.Text] = r.URL
		return nil
	})
}

// sameCorpus wants the corpus at got to equal the uninterrupted run's at
// want, URL for URL and text for text.
func sameCorpus(t *testing.T, want, got, what string) {
	t.Helper()
	sameCorpusOf(t, want, got, what, false)
}

// sameCorpusOf is sameCorpus; profiledOnly leaves out the articles either
// run stored off-profile (generic rung): their text depends on the
// boilerplate learnt from the articles stored before them, so on the
// order of fetches; reclean settles them.
func sameCorpusOf(t *testing.T, want, got, what string, profiledOnly bool) {
	t.Helper()
	a, b := corpusState(t, want), corpusState(t, got)
	if profiledOnly {
		for _, m := range []map[string]store.Record{a, b} {
			for u, r := range m {
				if !strings.HasPrefix(r.Extractor, "profile") {
					delete(a, u)
					delete(b, u)
				}
			}
		}
	}
	for u, r := range a {
		if g, ok := b[u]; !ok {
			t.Errorf("%s: %s missing after the kills", what, u)
		} else if g.ContentHash != r.ContentHash {
			t.Errorf("%s: %s differs from the uninterrupted run's", what, u)
		}
	}
	for u := range b {
		if _, ok := a[u]; !ok {
			t.Errorf("%s: %s stored after the kills, not by the uninterrupted run", what, u)
		}
	}
	if len(a) == 0 {
		t.Errorf("%s: the uninterrupted run stored nothing", what)
	}
}

// TestKillNine: crawl, reclean, import and refresh are SIGKILLed at
// random moments (13 in all; 4 with -short) and run again; after every
// kill the data directory is consistent (checkAfterKill) and after each
// completed command the corpus equals an uninterrupted run's.
func TestKillNine(t *testing.T) {
	perPhase := 3
	if testing.Short() {
		perPhase = 1
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	k := &killer{t: t, rng: rand.New(rand.NewPCG(seed, seed>>1)), bin: buildBinary(t)}
	s := newReplicaSite(t)
	ref, dir := t.TempDir(), t.TempDir() // uninterrupted and killed runs
	profiles := t.TempDir()
	os.WriteFile(filepath.Join(profiles, ldt+".json"), []byte(`{"name":"`+ldt+`","article":{"body":"div.gone-2027"}}`), 0o644)
	crawl := func(d string) []string {
		return append([]string{"crawl", "-data", d, "-delay", "1ms", "-sites", profiles}, s.mirrorArgs()...)
	}

	// 1. Crawl with a broken laodongthudo.vn profile (drift alarm).
	dur := k.timed(exitDrift, crawl(ref)...)
	k.phase(dir, perPhase+1, dur, exitDrift, crawl(dir)...)
	sameCorpusOf(t, ref, dir, "crawl", true)
	if n := len(corpusState(t, dir)); n < 40 {
		t.Fatalf("crawl after kills stored %d articles", n)
	}

	// 2. Reclean with the fixed profile.
	dur = k.timed(0, "reclean", "-data", ref)
	k.phase(dir, perPhase, dur, 0, "reclean", "-data", dir)
	sameCorpus(t, ref, dir, "reclean")
	for u, r := range corpusState(t, dir) {
		if !strings.HasPrefix(r.Extractor, "profile") {
			t.Errorf("%s still %q after reclean", u, r.Extractor)
		}
	}

	// 3. Import the reference's archive into a new corpus.
	files, err := warc.Files(warcDir(ref))
	if err != nil || len(files) == 0 {
		t.Fatalf("archive of the reference run: %v (%d files)", err, len(files))
	}
	impRef, imp := t.TempDir(), t.TempDir()
	dur = k.timed(0, append([]string{"import", "-data", impRef}, files...)...)
	k.phase(imp, perPhase, dur, 0, append([]string{"import", "-data", imp}, files...)...)
	sameCorpus(t, impRef, imp, "import")

	// 4. Refresh after every laodongthudo.vn article changed.
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
	refresh := func(d string) []string {
		return append([]string{"refresh", "-data", d, "-site", ldt, "-delay", "1ms"}, s.mirrorArgs()...)
	}
	dur = k.timed(0, refresh(ref)...)
	k.phase(dir, perPhase, dur, 0, refresh(dir)...)
	sameCorpus(t, ref, dir, "refresh")
	state := corpusState(t, dir)
	for _, u := range changed {
		if r := state[u]; !strings.Contains(r.Text, "Đính chính của tòa soạn") {
			t.Errorf("%s: correction missing after refresh (%d changed)", u, len(changed))
		}
	}
	if want := 4 * perPhase; !testing.Short() && k.killed < want {
		t.Errorf("%d kills landed, want at least %d", k.killed, want)
	}
	t.Logf("%d kills in all", k.killed)
}
