package warc

import (
	"bytes"
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
