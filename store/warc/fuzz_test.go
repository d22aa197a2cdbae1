package warc

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzScan feeds arbitrary bytes to Scan, and ReadAt to every Ref Scan
// returns. Neither may panic (both recover from a panic in gowarc and
// report it as a FormatError; the fuzzer treats such an error as a
// failure, so library panics are found and guarded rather than hidden),
// and every error is a clear one naming the file.
func FuzzScan(f *testing.F) {
	// The seed corpus is testdata/fuzz/FuzzScan (regenerate: go test -run
	// TestFuzzSeeds -update).
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "f.warc.gz")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var refs []Ref
		err := Scan(path, func(ex Exchange, ref Ref) error {
			if ref.File != "f.warc.gz" || ref.Offset < 0 || ref.Offset >= int64(len(data)) {
				t.Errorf("bad ref %+v for %d bytes", ref, len(data))
			}
			refs = append(refs, ref)
			return nil
		})
		checkErr(t, err, path)
		for _, ref := range refs {
			_, err := ReadAt(dir, ref)
			checkErr(t, err, path)
		}
		// Recover must cope with the same bytes as an unfinished file.
		if err := os.Rename(path, path+OpenSuffix); err != nil {
			t.Fatal(err)
		}
		if _, err := Recover(dir); err != nil {
			t.Errorf("Recover: %v", err)
		}
	})
}

func checkErr(t *testing.T, err error, path string) {
	t.Helper()
	if err == nil {
		return
	}
	if strings.Contains(err.Error(), "reader panic") {
		t.Fatalf("panic inside the reader: %v", err)
	}
	if !strings.Contains(err.Error(), filepath.Base(path)) {
		t.Errorf("error does not name the file: %v", err)
	}
}

// TestFuzzSeeds checks the seed corpus exists; with -update it rewrites
// it from files this package and wget wrote.
func TestFuzzSeeds(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzScan")
	if *update {
		wdir := t.TempDir()
		exs := []Exchange{sampleExchanges(2)[0], sampleExchanges(2)[1]}
		refs := writeAll(t, wdir, nil, exs)
		ours, err := os.ReadFile(filepath.Join(wdir, refs[0].File))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := os.ReadFile(filepath.Join("testdata", "wget", "replica-plain.warc"))
		if err != nil {
			t.Fatal(err)
		}
		// The wget file up to the end of its first response record.
		i := bytes.Index(plain, []byte("WARC-Type: response"))
		j := bytes.Index(plain[i:], []byte("\r\n\r\nWARC/1.0\r\n"))
		seeds := map[string][]byte{
			"unionnews-gzip":      ours,
			"unionnews-truncated": ours[:refs[1].Offset+50],
			"wget-plain":          plain[:i+j+4],
			"header-only":         []byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 5\r\nContent-Type: application/http;msgtype=response\r\n\r\nHTTP/\r\n\r\n"),
		}
		os.MkdirAll(dir, 0o755)
		for name, b := range seeds {
			body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b)
			if err := os.WriteFile(filepath.Join(dir, "seed-"+name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	ents, err := os.ReadDir(dir)
	if err != nil || len(ents) < 4 {
		t.Fatalf("seed corpus %s: %d files, %v", dir, len(ents), err)
	}
}
