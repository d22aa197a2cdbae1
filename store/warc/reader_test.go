package warc

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScanBadInput: damaged files give a *FormatError naming the file and
// the offset of the damaged record, after the intact records before it.
func TestScanBadInput(t *testing.T) {
	dir := t.TempDir()
	exs := sampleExchanges(3)
	refs := writeAll(t, dir, nil, exs)
	good, err := os.ReadFile(filepath.Join(dir, refs[0].File))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := os.ReadFile(filepath.Join("testdata", "wget", "replica-plain.warc"))
	if err != nil {
		t.Fatal(err)
	}
	last := refs[2].Offset
	flip := func(b []byte, at int64) []byte {
		c := bytes.Clone(b)
		c[at] ^= 0x55
		return c
	}
	bodyAt := int64(bytes.Index(plain, []byte("<html><h1>")))
	cases := []struct {
		name   string
		data   []byte
		offset int64 // offset the error must name
		before int   // exchanges delivered before the error
	}{
		{"gzip cut in the last response", good[:last+40], last, 2},
		{"gzip byte flipped in the last response", flip(good, last+60), last, 2},
		{"gzip member trailer damaged", flip(good, int64(len(good))-3), last, 2},
		{"plain cut in a body", plain[:bodyAt+5], -1, 1},
		{"plain body byte changed", flip(plain, bodyAt+3), -1, 1},
		{"no WARC record at all", []byte("<html>not a warc</html>\n"), 0, 0},
		{"junk after the records", append(bytes.Clone(good), "\x00\x00junk"...), int64(len(good)), 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.warc.gz")
			if err := os.WriteFile(path, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			n := 0
			err := Scan(path, func(Exchange, Ref) error { n++; return nil })
			var fe *FormatError
			if !errors.As(err, &fe) || !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Scan = %v, want a *FormatError", err)
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), fmt.Sprintf("offset %d", fe.Offset)) {
				t.Errorf("error %q does not name the file and offset", err)
			}
			if c.offset >= 0 && fe.Offset != c.offset {
				t.Errorf("error at offset %d, want %d (%v)", fe.Offset, c.offset, err)
			}
			if n != c.before {
				t.Errorf("%d exchanges before the error, want %d", n, c.before)
			}
		})
	}
}

func TestScanEmptyAndMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.warc")
	os.WriteFile(path, nil, 0o644)
	if err := Scan(path, func(Exchange, Ref) error { t.Error("called"); return nil }); err != nil {
		t.Errorf("empty file: %v", err)
	}
	if err := Scan(filepath.Join(t.TempDir(), "none.warc.gz"), nil); err == nil || !strings.Contains(err.Error(), "none.warc.gz") {
		t.Errorf("missing file: %v", err)
	}
}

func TestScanStopsOnCallbackError(t *testing.T) {
	dir := t.TempDir()
	writeAll(t, dir, nil, sampleExchanges(3)[:3])
	files, _ := Files(dir)
	stop := errors.New("stop")
	n := 0
	err := Scan(files[0], func(Exchange, Ref) error { n++; return stop })
	if err != stop || n != 1 {
		t.Fatalf("Scan = %v after %d calls, want the callback's error after 1", err, n)
	}
}

func TestReadAtBadRefs(t *testing.T) {
	dir := t.TempDir()
	refs := writeAll(t, dir, nil, sampleExchanges(3)[:3])
	good := refs[1]
	for _, c := range []struct {
		name string
		ref  Ref
		want error
	}{
		{"missing file", Ref{File: "nope.warc.gz", Offset: 0}, ErrNotFound},
		{"path in name", Ref{File: "../" + good.File, Offset: good.Offset}, ErrNotFound},
		{"negative offset", Ref{File: good.File, Offset: -1}, ErrNotFound},
		{"other record id", Ref{File: good.File, Offset: good.Offset, RecordID: refs[0].RecordID}, ErrNotFound},
		{"request record", Ref{File: good.File, Offset: 0}, ErrNotFound}, // the warcinfo record
		{"inside a record", Ref{File: good.File, Offset: good.Offset + 7, RecordID: good.RecordID}, ErrCorrupt},
		{"past the end", Ref{File: good.File, Offset: 1 << 40, RecordID: good.RecordID}, ErrCorrupt},
	} {
		_, err := ReadAt(dir, c.ref)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: ReadAt(%v) = %v, want %v", c.name, c.ref, err, c.want)
		}
	}
	if _, err := ReadAt(dir, good); err != nil {
		t.Errorf("good ref: %v", err)
	}
}
