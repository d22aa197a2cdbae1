package warc

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// openFile writes exs with a Writer that is never closed (as if its
// process died after the last Sync) and returns the .open file's name,
// its bytes and the Refs.
func openFile(t *testing.T, exs []Exchange) (string, []byte, []Ref) {
	t.Helper()
	dir := t.TempDir()
	w, err := OpenWriter(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	var refs []Ref
	for _, ex := range exs {
		ref, err := w.Write(ex)
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, ref)
	}
	if err := w.Sync(); err != nil {
		t.Fatal(err)
	}
	name := refs[0].File
	data, err := os.ReadFile(filepath.Join(dir, name+OpenSuffix))
	if err != nil {
		t.Fatalf("the unclosed file should be named .open: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
		t.Fatal("the unclosed file should not have its final name yet")
	}
	return name, data, refs
}

// recordEnds lists where each record of a complete WARC file ends, read
// with gowarc (independently of the code under test).
func recordEnds(t *testing.T, data []byte) []int64 {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.warc.gz")
	os.WriteFile(path, data, 0o644)
	r, err := gowarc.NewWarcFileReader(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var ends []int64
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return ends
		}
		if err != nil {
			t.Fatal(err)
		}
		ends = append(ends, rec.Offset+rec.Size)
		rec.Close()
	}
}

// TestRecoverTruncated cuts an unfinished file at many points (as a kill
// -9 mid-write would leave it) and checks that Recover keeps exactly the
// complete records, gives the file its final name, and that every Ref
// into a complete record reads back, before Recover (through the .open
// name) and after.
func TestRecoverTruncated(t *testing.T) {
	exs := sampleExchanges(3)
	exs[1].Body = []byte(strings.Repeat("công đoàn ", 3000))
	name, data, refs := openFile(t, exs)
	ends := recordEnds(t, data)
	if len(ends) != 1+2*len(exs) || ends[len(ends)-1] != int64(len(data)) {
		t.Fatalf("record ends %v for %d bytes", ends, len(data))
	}
	respEnd := func(i int) int64 { return ends[2+2*i] }

	cuts := []int64{0, 1, 9, ends[0] - 1, ends[0], ends[0] + 5}
	for c := ends[len(ends)-4] - 3; c <= int64(len(data)); c += 13 { // across the last pair
		cuts = append(cuts, c)
	}
	cuts = append(cuts, int64(len(data)))
	for _, cut := range cuts {
		dir := t.TempDir()
		open := filepath.Join(dir, name+OpenSuffix)
		if err := os.WriteFile(open, data[:cut], 0o644); err != nil {
			t.Fatal(err)
		}
		var good int64
		for _, e := range ends {
			if e <= cut {
				good = e
			}
		}
		for i, ref := range refs {
			if respEnd(i) <= cut {
				if _, err := ReadAt(dir, ref); err != nil {
					t.Errorf("cut %d: ReadAt %v before Recover: %v", cut, ref, err)
				}
			}
		}
		rep, err := Recover(dir)
		if err != nil {
			t.Fatalf("cut %d: Recover: %v", cut, err)
		}
		if rep.Cut != cut-good {
			t.Errorf("cut %d: Report.Cut %d, want %d", cut, rep.Cut, cut-good)
		}
		if good == 0 {
			if len(rep.Removed) != 1 || fileExists(open) {
				t.Errorf("cut %d: a file with no complete record should be removed: %+v", cut, rep)
			}
			continue
		}
		final := filepath.Join(dir, name)
		if len(rep.Files) != 1 || rep.Files[0] != name || fileExists(open) || fileSize(t, final) != good {
			t.Fatalf("cut %d: report %+v; want %s of %d bytes", cut, rep, name, good)
		}
		n := 0
		if err := Scan(final, func(Exchange, Ref) error { n++; return nil }); err != nil {
			t.Errorf("cut %d: Scan after Recover: %v", cut, err)
		}
		want := 0
		for i, ref := range refs {
			if respEnd(i) > cut {
				continue
			}
			want++
			ex, err := ReadAt(dir, ref)
			if err != nil {
				t.Errorf("cut %d: ReadAt %v after Recover: %v", cut, ref, err)
			} else if d := sameExchange(ex, exs[i]); d != "" {
				t.Errorf("cut %d: ReadAt %v: %s", cut, ref, d)
			}
		}
		if n != want {
			t.Errorf("cut %d: Scan found %d exchanges, want %d", cut, n, want)
		}
		if rep2, err := Recover(dir); err != nil || len(rep2.Files)+len(rep2.Removed) != 0 {
			t.Errorf("cut %d: second Recover did something: %+v %v", cut, rep2, err)
		}
	}
}

// TestRecoverGarbageTail: zeros after the last record (a file extended
// but not written before a power loss) are cut too.
func TestRecoverGarbageTail(t *testing.T) {
	name, data, refs := openFile(t, sampleExchanges(2))
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, name+OpenSuffix), append(data, make([]byte, 4096)...), 0o644)
	rep, err := Recover(dir)
	if err != nil || rep.Cut != 4096 {
		t.Fatalf("Recover = %+v, %v; want 4096 bytes cut", rep, err)
	}
	for _, ref := range refs {
		if _, err := ReadAt(dir, ref); err != nil {
			t.Error(err)
		}
	}
}

func TestRecoverRefusesToOverwrite(t *testing.T) {
	name, data, _ := openFile(t, sampleExchanges(1))
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, name+OpenSuffix), data, 0o644)
	os.WriteFile(filepath.Join(dir, name), data, 0o644)
	if _, err := Recover(dir); err == nil {
		t.Fatal("Recover renamed over an existing file")
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// The crash test: a child process (this test binary) writes exchanges
// from several goroutines and prints each Ref once Sync has returned; the
// parent kills it with SIGKILL at a random moment, runs Recover as the
// pipeline does at start-up, and starts the next child in the same
// directory. At the end every printed Ref must read back intact, and
// every file must scan without error.

const crashEnv = "UNIONNEWS_WARC_CRASH_CHILD"

func crashExchange(round, i int) Exchange {
	return Exchange{
		URL:        fmt.Sprintf("https://nld.com.vn/cong-doan/r%d-%d.htm", round, i),
		ReqHeader:  http.Header{"User-Agent": {"unionnews-crash"}},
		Status:     200,
		RespHeader: http.Header{"Content-Type": {"text/html"}},
		Body:       []byte(strings.Repeat(fmt.Sprintf("<p>vòng %d bài %d</p>", round, i), 1+(i*37)%2000)),
		FetchedAt:  time.Unix(1_780_000_000+int64(i), 0).UTC(),
	}
}

type crashLine struct {
	Round, I int
	Ref      Ref
}

func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashEnv)
	if dir == "" {
		t.Skip("run by TestCrashKill9")
	}
	var round int
	fmt.Sscan(os.Getenv(crashEnv+"_ROUND"), &round)
	w, err := OpenWriter(dir, &Options{MaxFileSize: 128 << 10})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	enc := json.NewEncoder(os.Stdout)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; ; i += 4 {
				ref, err := w.Write(crashExchange(round, i))
				if err == nil {
					err = w.Sync()
				}
				if err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(3)
				}
				mu.Lock()
				enc.Encode(crashLine{round, i, ref})
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

func TestCrashKill9(t *testing.T) {
	if os.Getenv(crashEnv) != "" {
		t.Skip("child")
	}
	rounds := 8
	if testing.Short() {
		rounds = 3
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	var synced []crashLine
	for round := range rounds {
		if _, err := Recover(dir); err != nil {
			t.Fatalf("round %d: Recover: %v", round, err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v=false")
		cmd.Env = append(os.Environ(), crashEnv+"="+dir, fmt.Sprintf("%s_ROUND=%d", crashEnv, round))
		stdout, _ := cmd.StdoutPipe()
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill after a random number of synced writes, or a time limit.
		limit := 5 + rng.IntN(60)
		lines := make(chan crashLine)
		go func() {
			defer close(lines)
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				var l crashLine
				if json.Unmarshal(sc.Bytes(), &l) == nil {
					lines <- l
				}
			}
		}()
		deadline := time.After(5 * time.Second)
		n := 0
	read:
		for n < limit {
			select {
			case l, ok := <-lines:
				if !ok {
					break read
				}
				synced = append(synced, l)
				n++
			case <-deadline:
				break read
			}
		}
		time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
		cmd.Process.Kill() // SIGKILL
		for l := range lines {
			synced = append(synced, l) // printed after Sync, before the kill
		}
		cmd.Wait()
		if n == 0 {
			t.Fatalf("round %d: the child wrote nothing", round)
		}
	}
	rep, err := Recover(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d rounds, %d synced refs; last Recover: %+v", rounds, len(synced), rep)
	if open, _ := filepath.Glob(filepath.Join(dir, "*"+OpenSuffix)); len(open) > 0 {
		t.Errorf(".open files left after Recover: %v", open)
	}
	for _, l := range synced {
		ex, err := ReadAt(dir, l.Ref)
		if err != nil {
			t.Errorf("round %d write %d: %v", l.Round, l.I, err)
			continue
		}
		if d := sameExchange(ex, crashExchange(l.Round, l.I)); d != "" {
			t.Errorf("round %d write %d: %s", l.Round, l.I, d)
		}
	}
	files, _ := Files(dir)
	for _, f := range files {
		if err := Scan(f, func(Exchange, Ref) error { return nil }); err != nil {
			t.Errorf("Scan after crashes: %v", err)
		}
	}
	if errors.Is(err, ErrCorrupt) {
		t.Fatal(err)
	}
}
