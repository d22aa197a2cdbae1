package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unionnews/unionnews/sites"
)

// TestCleanRefusesBinary: gzip, PNG and random bytes are refused by name
// with what they look like, never printed as articles (issue 9 item 11).
func TestCleanRefusesBinary(t *testing.T) {
	dir := t.TempDir()
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte("<html><body><p>Công đoàn</p></body></html>"))
	w.Close()
	random := make([]byte, 2048)
	for i := range random {
		random[i] = byte(i*131 + i/7)
	}
	for name, b := range map[string][]byte{"page.html.gz": gz.Bytes(), "logo.png": []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDRxxxx"), "blob.txt": random} {
		f := filepath.Join(dir, name)
		os.WriteFile(f, b, 0o644)
		out, logs, err := runCLI(t, "clean", f)
		if err == nil || out != "" || !strings.Contains(logs, name) || !strings.Contains(logs, "not text") {
			t.Errorf("%s: err %v, stdout %q, stderr %q", name, err, out, logs)
		}
	}
}

// TestCleanOverLimit: an input over the page-size limit is refused with
// the file and the limit named.
func TestCleanOverLimit(t *testing.T) {
	f := filepath.Join(t.TempDir(), "huge.txt")
	os.WriteFile(f, bytes.Repeat([]byte("Công đoàn.\n"), sites.MaxPageSize/10), 0o644)
	_, logs, err := runCLI(t, "clean", f)
	if err == nil || !strings.Contains(logs, "huge.txt") || !strings.Contains(logs, "8 MiB") {
		t.Errorf("err %v, stderr %q", err, logs)
	}
}

// TestCleanCanonicalPicksProfile: without -url, the page's canonical link
// picks the site profile (the profile rung, not the generic one).
func TestCleanCanonicalPicksProfile(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "realpages", "laodong.vn", "tap-thien-dinh-hoac-hit-tho-sau-de-giam-mo-noi-tang-1432162.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte(`rel="canonical"`)) {
		t.Fatal("the page has no canonical link")
	}
	f := filepath.Join(t.TempDir(), "page.html")
	os.WriteFile(f, page, 0o644)
	out, logs, err := runCLI(t, "clean", "-json", f)
	if err != nil {
		t.Fatalf("clean: %v\n%s", err, logs)
	}
	recs := readJSONL(t, out)
	if len(recs) != 1 || recs[0].Site != "laodong.vn" || recs[0].Extractor != "profile" || !strings.HasPrefix(recs[0].URL, "https://laodong.vn/") {
		t.Errorf("records %+v", recs)
	}
}

// TestCleanHomepageNotArticle: a homepage is reported as not an article.
func TestCleanHomepageNotArticle(t *testing.T) {
	f := filepath.Join("..", "..", "..", "shared", "realpages", "laodong.vn-homepage-2021.html")
	out, logs, err := runCLI(t, "clean", f)
	if err == nil || out != "" || !strings.Contains(logs, "not an article") {
		t.Errorf("err %v, stdout %.200q, stderr %q", err, out, logs)
	}
}

// TestCleanSeveralOutputs: several inputs printed as text are separated
// by a header naming each file; with -o, two inputs with one base name
// both get a file; -help says how directories are read.
func TestCleanSeveralOutputs(t *testing.T) {
	dumps := seedDumps(t)[:2]
	out, logs, err := runCLI(t, append([]string{"clean"}, dumps...)...)
	if err != nil {
		t.Fatalf("clean: %v\n%s", err, logs)
	}
	for _, d := range dumps {
		if !strings.Contains(out, "==> "+d+" <==\n") {
			t.Errorf("no header for %s in:\n%.300s", d, out)
		}
	}
	dir := t.TempDir()
	for _, sub := range []string{"a", "b"} {
		os.MkdirAll(filepath.Join(dir, sub), 0o755)
		b, _ := os.ReadFile(dumps[map[string]int{"a": 0, "b": 1}[sub]])
		os.WriteFile(filepath.Join(dir, sub, "x.txt"), b, 0o644)
	}
	outDir := t.TempDir()
	if _, logs, err := runCLI(t, "clean", "-o", outDir, filepath.Join(dir, "a", "x.txt"), filepath.Join(dir, "b", "x.txt")); err != nil {
		t.Fatalf("clean -o: %v\n%s", err, logs)
	}
	files, _ := filepath.Glob(filepath.Join(outDir, "*.txt"))
	if len(files) != 2 {
		t.Errorf("-o wrote %v, want two files", files)
	}
	_, help, _ := runCLI(t, "clean", "-help")
	if !strings.Contains(help, "non-recursively") || !strings.Contains(help, "*.htm") {
		t.Errorf("clean -help does not say what a directory holds:\n%s", help)
	}
}
