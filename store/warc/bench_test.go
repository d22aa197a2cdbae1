package warc

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkWrite archives a typical 60 KB article page.
func BenchmarkWrite(b *testing.B) {
	w, err := OpenWriter(b.TempDir(), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	ex := sampleExchanges(1)[0]
	ex.Body = bytes.Repeat([]byte("<p>Công đoàn cơ sở tổ chức hội nghị người lao động.</p>\n"), 1000)
	b.SetBytes(int64(len(ex.Body)))
	for b.Loop() {
		if _, err := w.Write(ex); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadAt reads one archived 60 KB page back by its Ref.
func BenchmarkReadAt(b *testing.B) {
	dir := b.TempDir()
	ex := sampleExchanges(1)[0]
	ex.Body = bytes.Repeat([]byte("<p>Công đoàn cơ sở tổ chức hội nghị người lao động.</p>\n"), 1000)
	refs := writeAll(b, dir, nil, []Exchange{ex, ex, ex})
	b.SetBytes(int64(len(ex.Body)))
	for b.Loop() {
		if _, err := ReadAt(dir, refs[1]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScan reads an archive of 300 article pages (18 MB of bodies)
// with Scan. When node and warcio are installed, the same files are read
// by warcio once per run and the ratio is reported as warcio/scan (above
// 1: Scan is faster).
func BenchmarkScan(b *testing.B) {
	dir := b.TempDir()
	ex := sampleExchanges(1)[0]
	ex.Body = bytes.Repeat([]byte("<p>Công đoàn cơ sở tổ chức hội nghị người lao động.</p>\n"), 1000)
	exs := make([]Exchange, 300)
	for i := range exs {
		exs[i] = ex
	}
	writeAll(b, dir, &Options{MaxFileSize: 256 << 10}, exs)
	files, _ := Files(dir)
	b.SetBytes(int64(len(exs) * len(ex.Body)))
	for b.Loop() {
		n := 0
		for _, f := range files {
			if err := Scan(f, func(Exchange, Ref) error { n++; return nil }); err != nil {
				b.Fatal(err)
			}
		}
		if n != len(exs) {
			b.Fatalf("%d exchanges", n)
		}
	}
	scanNs := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	if ms, ok := warcioScan(b, files, len(exs)); ok {
		b.ReportMetric(ms*1e6/scanNs, "warcio/scan")
	}
}

// warcioScan times warcio reading files (node start-up excluded).
func warcioScan(b *testing.B, files []string, want int) (float64, bool) {
	node, err := exec.LookPath("node")
	if err != nil {
		return 0, false
	}
	wdir, _ := filepath.Abs(filepath.Join("..", "..", ".ci", "npm", "node_modules", "warcio"))
	if _, err := os.Stat(filepath.Join(wdir, "dist", "index.js")); err != nil {
		return 0, false
	}
	out, err := exec.Command(node, append([]string{filepath.Join("testdata", "warcio-scan.mjs"), wdir}, files...)...).Output()
	if err != nil {
		b.Fatalf("warcio: %v", err)
	}
	var res struct {
		Responses int
		Ms        float64
	}
	if err := json.Unmarshal(out, &res); err != nil || res.Responses != want {
		b.Fatalf("warcio: %s (%v)", out, err)
	}
	return res.Ms, true
}
