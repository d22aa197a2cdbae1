package warc

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const fullEnv = "UNIONNEWS_WARC_FULL_CHILD"

// TestWriteFailChild runs with a 64 KiB file size limit (RLIMIT_FSIZE), so
// writes fail part-way as on a full disk. It prints the Refs it got and
// the errors.
func TestWriteFailChild(t *testing.T) {
	dir := os.Getenv(fullEnv)
	if dir == "" {
		t.Skip("run by TestWriteFailureKeepsFilesComplete")
	}
	signal.Ignore(syscall.SIGXFSZ) // a write past the limit fails with EFBIG instead of killing us
	lim := syscall.Rlimit{Cur: 64 << 10, Max: 64 << 10}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Skip("setrlimit:", err)
	}
	w, err := OpenWriter(dir, &Options{MaxFileSize: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(os.Stdout)
	for i := range 12 {
		ex := crashExchange(0, i)
		rng := rand.New(rand.NewPCG(uint64(i), 1))
		ex.Body = make([]byte, 9000+i*1000) // random: does not compress
		for j := range ex.Body {
			ex.Body[j] = byte(rng.Uint32())
		}
		ref, err := w.Write(ex)
		line := map[string]any{"i": i, "ref": ref}
		if err != nil {
			line["err"] = err.Error()
		}
		enc.Encode(line)
	}
	if err := w.Close(); err != nil {
		enc.Encode(map[string]any{"close": err.Error()})
	}
}

// TestWriteFailureKeepsFilesComplete: when a write fails part-way (file
// too large, disk full), the file is cut back so it still ends with a
// complete record, the Writer carries on, and every Ref it returned reads
// back.
func TestWriteFailureKeepsFilesComplete(t *testing.T) {
	if os.Getenv(fullEnv) != "" {
		t.Skip("child")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteFailChild$", "-test.v=false")
	cmd.Env = append(os.Environ(), fullEnv+"="+dir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var refs []Ref
	var idx []int
	failed := 0
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var line struct {
			I   int
			Ref Ref
			Err string
		}
		if json.Unmarshal([]byte(l), &line) != nil {
			continue
		}
		if line.Err != "" {
			failed++
			if !strings.Contains(line.Err, "file too large") {
				t.Errorf("write %d: %s", line.I, line.Err)
			}
			continue
		}
		refs = append(refs, line.Ref)
		idx = append(idx, line.I)
	}
	if failed == 0 || len(refs) < 2 {
		t.Skipf("the size limit did not bite (%d failed, %d written):\n%s", failed, len(refs), out)
	}
	files, _ := Files(dir)
	open, _ := filepath.Glob(filepath.Join(dir, "*"+OpenSuffix))
	if len(open) > 0 {
		t.Errorf("files left open: %v", open)
	}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		n, err := completeMembers(fh)
		fh.Close()
		if err != nil || n != fileSize(t, f) {
			t.Errorf("%s: complete records cover %d of %d bytes", f, n, fileSize(t, f))
		}
		if err := Scan(f, func(Exchange, Ref) error { return nil }); err != nil {
			t.Error(err)
		}
	}
	for k, ref := range refs {
		ex, err := ReadAt(dir, ref)
		if err != nil {
			t.Errorf("ReadAt %v: %v", ref, err)
			continue
		}
		if !strings.HasSuffix(ex.URL, fmt.Sprintf("-%d.htm", idx[k])) {
			t.Errorf("ReadAt %v = %s", ref, ex.URL)
		}
	}
	t.Logf("%d writes failed, %d succeeded over %d files", failed, len(refs), len(files))
	if errors.Is(err, ErrCorrupt) {
		t.Fatal(err)
	}
}
