package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// exportRecord is an export line as a consumer reads it, with published
// as the raw string (null when unknown).
type exportRecord struct {
	sites.Article
	Published *string `json:"published"`
}

// exportCorpus makes a data directory with n articles over three
// profiled sites and returns it.
func exportCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	putArticles(t, dir, 0, n)
	return dir
}

// putArticles stores articles from..to-1 in the store at dir.
func putArticles(t *testing.T, dir string, from, to int) {
	t.Helper()
	db, err := store.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	hosts := []string{"laodong.vn", "nld.com.vn", "laodongthudo.vn"}
	for i := from; i < to; i++ {
		_, err := db.Put(sites.Article{
			URL: fmt.Sprintf("https://%s/bai-%d.html", hosts[i%3], i), Site: hosts[i%3],
			Title: fmt.Sprint("Tiêu đề ", i), Text: fmt.Sprint("Nội dung bài ", i, " & <thêm>."),
			Published: time.Date(2026, 5, 1+i%20, 8, 0, 0, 0, sites.Zone()),
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func exportLines(t *testing.T, args ...string) []exportRecord {
	t.Helper()
	out, stderr, err := runCLI(t, append([]string{"export"}, args...)...)
	if err != nil {
		t.Fatalf("export %v: %v\n%s", args, err, stderr)
	}
	return readJSONL(t, out)
}

func TestExportSiteRepeatable(t *testing.T) {
	dir := exportCorpus(t, 9)
	recs := exportLines(t, "-data", dir, "-site", "nld.com.vn", "-site", "laodong.vn")
	got := map[string]int{}
	for _, r := range recs {
		got[r.Site]++
	}
	if len(recs) != 6 || got["nld.com.vn"] != 3 || got["laodong.vn"] != 3 {
		t.Errorf("two -site flags exported %v", got)
	}
}

func TestExportUnknownSiteFails(t *testing.T) {
	dir := exportCorpus(t, 3)
	out, stderr, err := runCLI(t, "export", "-data", dir, "-site", "laodong.vn", "-site", "nld.vn")
	if err == nil || exitCode(err, io.Discard) == 0 {
		t.Fatalf("unknown site: err = %v, stdout %q", err, out)
	}
	if !strings.Contains(err.Error(), `"nld.vn"`) || !strings.Contains(err.Error(), "nld.com.vn") {
		t.Errorf("error does not name the site and the known ones: %v", err)
	}
	if out != "" || stderr != "" {
		t.Errorf("output on error: %q %q", out, stderr)
	}
	// A profiled site with no article yet is not an error.
	if recs := exportLines(t, "-data", dir, "-site", "congdoan.vn"); len(recs) != 0 {
		t.Errorf("congdoan.vn: %d records", len(recs))
	}
}

func TestExportMissingDatabaseSaysWhatToDo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nodata")
	_, _, err := runCLI(t, "export", "-data", dir)
	if err == nil {
		t.Fatal("export of a missing database succeeded")
	}
	msg := err.Error()
	if strings.Count(msg, "open ") > 0 || !strings.Contains(msg, "crawl -data") || !strings.Contains(msg, dir) {
		t.Errorf("unhelpful error: %s", msg)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Errorf("export created %s", dir)
	}
}

func TestExportToDirectoryFailsWithoutTemp(t *testing.T) {
	dir := exportCorpus(t, 3)
	out := t.TempDir()
	_, _, err := runCLI(t, "export", "-data", dir, "-o", out)
	if err == nil || !strings.Contains(err.Error(), "directory") {
		t.Fatalf("export -o DIR: %v", err)
	}
	parent, _ := os.ReadDir(filepath.Dir(out))
	inside, _ := os.ReadDir(out)
	for _, e := range append(parent, inside...) {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestExportToDevNullKeepsTheDevice(t *testing.T) {
	fi, err := os.Stat(os.DevNull)
	if err != nil || fi.Mode()&os.ModeDevice == 0 {
		t.Skip("no /dev/null device")
	}
	dir := exportCorpus(t, 3)
	if _, stderr, err := runCLI(t, "export", "-data", dir, "-o", os.DevNull); err != nil {
		t.Fatalf("export -o %s: %v\n%s", os.DevNull, err, stderr)
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a device: %v %v", os.DevNull, fi.Mode(), err)
	}
}

func TestExportToFIFO(t *testing.T) {
	dir := exportCorpus(t, 5)
	want, _, err := runCLI(t, "export", "-data", dir)
	if err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	if _, stderr, err := runCLI(t, "export", "-data", dir, "-o", fifo); err != nil {
		t.Fatalf("export to a FIFO: %v\n%s", err, stderr)
	}
	select {
	case b := <-got:
		if string(b) != want {
			t.Errorf("FIFO got %d bytes, stdout export %d", len(b), len(want))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("FIFO reader got nothing")
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", fi.Mode(), err)
	}
	entries, _ := os.ReadDir(filepath.Dir(fifo))
	if len(entries) != 1 {
		t.Errorf("files beside the FIFO: %v", entries)
	}
}

func TestExportSinceLast(t *testing.T) {
	dir := exportCorpus(t, 4)
	if recs := exportLines(t, "-data", dir, "-since-last", "daily"); len(recs) != 4 {
		t.Fatalf("first -since-last export: %d records, want all 4", len(recs))
	}
	if recs := exportLines(t, "-data", dir, "-since-last", "daily"); len(recs) != 0 {
		t.Fatalf("nothing changed, yet %d records", len(recs))
	}
	putArticles(t, dir, 4, 6)
	// A failed export does not move the mark.
	bad := filepath.Join(dir, "no", "such", "dir", "x.jsonl")
	if _, _, err := runCLI(t, "export", "-data", dir, "-since-last", "daily", "-o", bad); err == nil {
		t.Fatal("export into a missing directory succeeded")
	}
	recs := exportLines(t, "-data", dir, "-since-last", "daily", "-site", "laodong.vn", "-site", "nld.com.vn", "-site", "laodongthudo.vn")
	if len(recs) != 2 || !strings.HasSuffix(recs[0].URL, "bai-4.html") || !strings.HasSuffix(recs[1].URL, "bai-5.html") {
		t.Fatalf("changes since the mark: %+v", recs)
	}
	if recs := exportLines(t, "-data", dir, "-since-last", "daily"); len(recs) != 0 {
		t.Errorf("after the second mark: %d records", len(recs))
	}
	// Another name has its own mark.
	if recs := exportLines(t, "-data", dir, "-since-last", "weekly"); len(recs) != 6 {
		t.Errorf("a new name: %d records, want 6", len(recs))
	}
}

func TestExportFormatsFromTheCLI(t *testing.T) {
	dir := exportCorpus(t, 4)
	out := t.TempDir()
	for _, c := range []struct{ format, path, magic string }{
		{"jsonl", "a.jsonl.gz", "\x1f\x8b"},
		{"csv", "a.csv", "id,url,site,"},
		{"parquet", "a.parquet", "PAR1"},
	} {
		p := filepath.Join(out, c.path)
		if _, stderr, err := runCLI(t, "export", "-data", dir, "-format", c.format, "-o", p); err != nil {
			t.Fatalf("%s: %v\n%s", c.format, err, stderr)
		}
		if b, _ := os.ReadFile(p); !bytes.HasPrefix(b, []byte(c.magic)) {
			t.Errorf("%s: file starts %q", c.format, b[:min(len(b), 12)])
		}
	}
	tree := filepath.Join(out, "tree")
	if _, _, err := runCLI(t, "export", "-data", dir, "-format", "txt", "-o", tree); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(tree, "*", "2026", "05", "*.txt"))
	if len(files) != 4 {
		t.Errorf("txt tree has %d files, want 4", len(files))
	}
	for _, args := range [][]string{{"-format", "txt"}, {"-format", "xml"}, {"stray"}} {
		_, stderr, err := runCLI(t, append([]string{"export", "-data", dir}, args...)...)
		if exitCode(err, io.Discard) != 2 || !strings.Contains(stderr, "Usage:") {
			t.Errorf("%v: err %v, stderr %q", args, err, stderr)
		}
	}
	if _, _, err := runCLI(t, "export", "-data", dir, "-o", filepath.Join(out, "a.parquet.gz"), "-format", "parquet"); err == nil {
		t.Error("parquet through gzip accepted")
	}
	// The canonical line: published in +07:00 or null, every key.
	var line map[string]json.RawMessage
	recs, _, _ := runCLI(t, "export", "-data", dir)
	if err := json.Unmarshal([]byte(strings.SplitN(recs, "\n", 2)[0]), &line); err != nil {
		t.Fatal(err)
	}
	for _, k := range sites.JSONKeys() {
		if _, ok := line[k]; !ok {
			t.Errorf("export line lacks %q", k)
		}
	}
}
