package export

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/klauspost/compress/zstd"
)

func TestJSONLIsTheStoredBytesAndTheCorpusFile(t *testing.T) {
	db, dir := newCorpus(t, 25)
	want := stored(t, db)
	var buf bytes.Buffer
	res, err := Write(context.Background(), &buf, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := splitLines(t, buf.Bytes())
	if res.Articles != 25 || len(got) != 25 || res.Bytes != int64(buf.Len()) {
		t.Fatalf("result %+v, %d lines, %d bytes", res, len(got), buf.Len())
	}
	for i := range want {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("line %d:\n%s\nwant\n%s", i, got[i], want[i])
		}
		if f := corpusJSON(t, dir, got[i]); !bytes.Equal(f, append(got[i], '\n')) {
			t.Errorf("line %d differs from the corpus .json file:\n%s\n%s", i, got[i], f)
		}
	}
}

func TestJSONLCompressedByName(t *testing.T) {
	db, _ := newCorpus(t, 10)
	want := stored(t, db)
	out := t.TempDir()
	decoders := map[string]func(io.Reader) (io.Reader, error){
		"a.jsonl": func(r io.Reader) (io.Reader, error) { return r, nil },
		"a.jsonl.gz": func(r io.Reader) (io.Reader, error) {
			return gzip.NewReader(r) // the standard library reads it
		},
		"a.jsonl.zst": func(r io.Reader) (io.Reader, error) {
			d, err := zstd.NewReader(r)
			return d, err
		},
	}
	for name, dec := range decoders {
		path := filepath.Join(out, name)
		res, err := ToPath(context.Background(), path, nil, db, &Options{Format: JSONL})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := f.Stat()
		if res.Bytes != fi.Size() {
			t.Errorf("%s: result says %d bytes, file has %d", name, res.Bytes, fi.Size())
		}
		r, err := dec(f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, err := io.ReadAll(r)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := splitLines(t, b)
		if len(got) != len(want) {
			t.Fatalf("%s: %d lines, want %d", name, len(got), len(want))
		}
		for i := range want {
			if !bytes.Equal(got[i], want[i]) {
				t.Errorf("%s line %d:\n%s\nwant\n%s", name, i, got[i], want[i])
			}
		}
		if name != "a.jsonl" && bytes.HasPrefix(mustRead(t, path), []byte("{")) {
			t.Errorf("%s is not compressed", name)
		}
	}
	noTemp(t, out)
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
