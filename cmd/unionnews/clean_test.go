package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedDumps are the real text dumps of generic scrapers kept as test data.
func seedDumps(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "cleaner", "testdata", "dumps", "00*.txt"))
	if err != nil || len(files) != 5 {
		t.Fatalf("want the 5 seed dumps, got %v (%v)", files, err)
	}
	return files
}

// TestCleanSeedDumpsJSON is the check: five clean records, one per
// dump, auto-detected as text, with no end-of-article marker left.
func TestCleanSeedDumpsJSON(t *testing.T) {
	out, logs, err := runCLI(t, append([]string{"clean", "-json"}, seedDumps(t)...)...)
	if err != nil {
		t.Fatalf("clean: %v\n%s", err, logs)
	}
	recs := readJSONL(t, out)
	if len(recs) != 5 {
		t.Fatalf("%d records, want 5", len(recs))
	}
	for _, r := range recs {
		if r.Title == "" || r.Text == "" || r.Extractor != "text" || r.ContentHash == "" {
			t.Errorf("incomplete record %+v", r)
		}
		for _, m := range clutterMarkers {
			if strings.Contains(r.Text, m) {
				t.Errorf("%q: clutter %q left in text", r.Title, m)
			}
		}
	}
	if recs[0].Author != "Kỳ Anh" || recs[0].Published == nil || *recs[0].Published != "2021-01-09T13:29:00+07:00" {
		t.Errorf("seed 000 metadata: author %q, published %v", recs[0].Author, recs[0].Published)
	}
}

// TestCleanDirToFiles cleans a directory of dumps into -o DIR.
func TestCleanDirToFiles(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	for _, f := range seedDumps(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(in, filepath.Base(f)), b, 0o644)
	}
	if _, logs, err := runCLI(t, "clean", "-json", "-o", out, in); err != nil {
		t.Fatalf("clean -o: %v\n%s", err, logs)
	}
	txts, _ := filepath.Glob(filepath.Join(out, "*.txt"))
	jsons, _ := filepath.Glob(filepath.Join(out, "*.json"))
	if len(txts) != 5 || len(jsons) != 5 {
		t.Fatalf("wrote %d txt and %d json files, want 5 each", len(txts), len(jsons))
	}
	b, _ := os.ReadFile(filepath.Join(out, "002_ade336db80f782d0.txt"))
	if !strings.HasPrefix(string(b), "Khối thi đua Công đoàn ngành Trung ương: Đổi mới, sáng tạo hướng về người lao động\n\n") {
		t.Errorf("cleaned file starts %q", string(b)[:min(len(b), 120)])
	}
}

// TestCleanBadInputs: one bad input is reported by name, the others are
// still cleaned, and the command fails.
func TestCleanBadInputs(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	out, logs, err := runCLI(t, "clean", "-json", empty, seedDumps(t)[0])
	if err == nil {
		t.Fatal("clean of an empty dump succeeded")
	}
	if !strings.Contains(logs, "empty.txt") || len(readJSONL(t, out)) != 1 {
		t.Errorf("stderr %q, stdout %q", logs, out)
	}
}
