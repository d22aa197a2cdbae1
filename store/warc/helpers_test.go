package warc

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"testing"
	"time"
)

// win1258 is "Công đoàn Việt Nam" in windows-1258 (0xF2 is the combining
// dot below): bytes that are not UTF-8 must come back unchanged.
var win1258 = []byte("C\xf4ng \xf0o\xe0n Vi\xea\xf2t Nam")

// sampleExchanges returns n varied exchanges; the fourth has a 5 MB body.
func sampleExchanges(n int) []Exchange {
	base := time.Date(2026, 12, 4, 10, 11, 12, 345678000, time.UTC)
	rng := rand.New(rand.NewPCG(1, 2))
	var out []Exchange
	for i := range n {
		ex := Exchange{
			URL:        fmt.Sprintf("https://laodong.vn/cong-doan/bai-%d.ldo?page=%d&q=c%%C3%%B4ng", i, i%3),
			ReqHeader:  http.Header{"User-Agent": {"unionnews-test/1"}, "Accept": {"text/html"}},
			Status:     200,
			RespHeader: http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Etag": {`"v` + strconv.Itoa(i) + `"`}},
			Body:       []byte(fmt.Sprintf("<html><p>Bài %d: Công đoàn Việt Nam</p></html>", i)),
			FetchedAt:  base.Add(time.Duration(i) * time.Second),
		}
		switch i % 7 {
		case 1:
			ex.RespHeader.Set("Content-Type", "text/html; charset=windows-1258")
			ex.Body = append([]byte("<p>"), append(win1258, "</p>"...)...)
			ex.IP = "203.0.113.7"
		case 2:
			ex.Method = http.MethodHead
			ex.Status = 404
			ex.Body = nil
		case 3:
			big := make([]byte, 5<<20)
			for j := range big {
				big[j] = byte('a' + rng.IntN(26))
			}
			ex.Body = big
		case 4:
			ex.Proto = "HTTP/1.0"
			ex.Status = 301
			ex.RespHeader.Set("Location", "https://laodong.vn/x")
			ex.Body = []byte{}
		case 5:
			ex.Status = 599 // no status text
			ex.RespHeader.Add("Set-Cookie", "a=1")
			ex.RespHeader.Add("Set-Cookie", "b=2")
		case 6:
			ex.Body = bytes.Repeat([]byte{0, 0xff, '\r', '\n'}, 100) // binary
			ex.RespHeader.Set("Content-Type", "application/octet-stream")
		}
		out = append(out, ex)
	}
	return out
}

// normalized is what a reader gives back for ex: the defaults filled in
// and the response header made consistent with the body.
func normalized(ex Exchange) Exchange {
	if ex.Method == "" {
		ex.Method = http.MethodGet
	}
	if ex.Proto == "" {
		ex.Proto = "HTTP/1.1"
	}
	ex.RespHeader = responseHeader(ex.RespHeader, ex.Body, ex.Method)
	if ex.Body == nil {
		ex.Body = []byte{}
	}
	if ex.ReqHeader == nil {
		ex.ReqHeader = http.Header{}
	}
	return ex
}

// sameExchange reports the first difference between got and want.
func sameExchange(got, want Exchange) string {
	want = normalized(want)
	if got.Body == nil {
		got.Body = []byte{}
	}
	switch {
	case got.URL != want.URL:
		return fmt.Sprintf("URL %q, want %q", got.URL, want.URL)
	case got.Method != want.Method:
		return fmt.Sprintf("Method %q, want %q", got.Method, want.Method)
	case !reflect.DeepEqual(got.ReqHeader, want.ReqHeader):
		return fmt.Sprintf("ReqHeader %v, want %v", got.ReqHeader, want.ReqHeader)
	case got.Status != want.Status:
		return fmt.Sprintf("Status %d, want %d", got.Status, want.Status)
	case got.Proto != want.Proto:
		return fmt.Sprintf("Proto %q, want %q", got.Proto, want.Proto)
	case !reflect.DeepEqual(got.RespHeader, want.RespHeader):
		return fmt.Sprintf("RespHeader %v, want %v", got.RespHeader, want.RespHeader)
	case !bytes.Equal(got.Body, want.Body):
		return fmt.Sprintf("Body (%d bytes) differs from the %d bytes written", len(got.Body), len(want.Body))
	case !got.FetchedAt.Equal(want.FetchedAt):
		return fmt.Sprintf("FetchedAt %v, want %v", got.FetchedAt, want.FetchedAt)
	case got.IP != want.IP:
		return fmt.Sprintf("IP %q, want %q", got.IP, want.IP)
	}
	return ""
}

// writeAll writes exs with a fresh Writer and returns their Refs.
func writeAll(t testing.TB, dir string, opts *Options, exs []Exchange) []Ref {
	t.Helper()
	w, err := OpenWriter(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	refs := make([]Ref, len(exs))
	for i, ex := range exs {
		if refs[i], err = w.Write(ex); err != nil {
			t.Fatalf("Write %d: %v", i, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return refs
}

// scanAll returns every exchange and Ref Scan finds in files.
func scanAll(t testing.TB, files []string) ([]Exchange, []Ref) {
	t.Helper()
	var exs []Exchange
	var refs []Ref
	for _, f := range files {
		if err := Scan(f, func(ex Exchange, ref Ref) error {
			exs = append(exs, ex)
			refs = append(refs, ref)
			return nil
		}); err != nil {
			t.Fatalf("Scan: %v", err)
		}
	}
	return exs, refs
}

func fileSize(t testing.TB, path string) int64 {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}

func gzipBytes(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func itoa(n int) string { return strconv.Itoa(n) }
