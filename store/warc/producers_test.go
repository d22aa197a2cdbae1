package warc

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// TestScanOtherProducerOrder reads a file written by gowarc's own file
// writer the way Heritrix orders records (response before its request),
// with sha256 digests and a metadata record in between: Scan still pairs
// each response with its request and skips the rest.
func TestScanOtherProducerOrder(t *testing.T) {
	dir := t.TempDir()
	fw := gowarc.NewWarcFileWriter(
		gowarc.WithFileNameGenerator(&gowarc.PatternNameGenerator{Directory: dir, Prefix: "heritrix-like-"}),
		gowarc.WithWarcInfoFunc(func(b gowarc.WarcRecordBuilder) error {
			_, err := b.WriteString("software: test\r\n")
			return err
		}),
	)
	rec := func(rt gowarc.RecordType, id, other, uri, ctype, block string) gowarc.WarcRecord {
		b := gowarc.NewRecordBuilder(rt, gowarc.WithAddMissingDigest(true))
		b.AddWarcHeader(gowarc.WarcRecordID, "<urn:uuid:"+id+">")
		if other != "" {
			b.AddWarcHeader(gowarc.WarcConcurrentTo, "<urn:uuid:"+other+">")
		}
		b.AddWarcHeader(gowarc.WarcTargetURI, uri)
		b.AddWarcHeaderTime(gowarc.WarcDate, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
		b.AddWarcHeader(gowarc.ContentType, ctype)
		b.WriteString(block)
		r, _, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	const (
		resp1 = "00000000-0000-4000-8000-000000000001"
		req1  = "00000000-0000-4000-8000-000000000002"
		meta  = "00000000-0000-4000-8000-000000000003"
		resp2 = "00000000-0000-4000-8000-000000000004"
	)
	for _, r := range []gowarc.WarcRecord{
		rec(gowarc.Response, resp1, req1, "https://congdoan.vn/a.htm", "application/http;msgtype=response",
			"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello"),
		rec(gowarc.Request, req1, resp1, "https://congdoan.vn/a.htm", "application/http;msgtype=request",
			"POST /a.htm HTTP/1.1\r\nHost: congdoan.vn\r\nUser-Agent: heritrix\r\n\r\n"),
		rec(gowarc.Metadata, meta, resp1, "https://congdoan.vn/a.htm", "application/warc-fields", "outlinks: x\r\n"),
		rec(gowarc.Response, resp2, "", "https://congdoan.vn/b.htm", "application/http;msgtype=response",
			"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
	} {
		for _, res := range fw.Write(r) {
			if res.Err != nil {
				t.Fatal(res.Err)
			}
		}
	}
	fw.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "heritrix-like-*.warc.gz"))
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	exs, refs := scanAll(t, files)
	if len(exs) != 2 {
		t.Fatalf("%d exchanges, want 2", len(exs))
	}
	if exs[0].URL != "https://congdoan.vn/a.htm" || string(exs[0].Body) != "hello" || exs[0].Method != "POST" ||
		exs[0].ReqHeader.Get("User-Agent") != "heritrix" || refs[0].RecordID != "urn:uuid:"+resp1 {
		t.Errorf("first: %+v %v", exs[0], refs[0])
	}
	if exs[1].Status != 404 || exs[1].Proto != "HTTP/1.0" || exs[1].Method != "" {
		t.Errorf("second: %+v", exs[1])
	}
	// ReadAt works on any such file placed in an archive directory.
	ex, err := ReadAt(dir, refs[0])
	if err != nil || string(ex.Body) != "hello" {
		t.Errorf("ReadAt: %+v %v", ex, err)
	}
}

// TestTargetURIKeptOrEscaped: the real URL is written as given (Vietnamese
// letters and fragments included); only spaces and controls, which a
// header or URI cannot carry, are percent-encoded.
func TestTargetURIKeptOrEscaped(t *testing.T) {
	dir := t.TempDir()
	for in, want := range map[string]string{
		"https://laodong.vn/tìm-kiếm?q=công":   "https://laodong.vn/tìm-kiếm?q=công",
		"https://laodong.vn/a b?c=d\te":        "https://laodong.vn/a%20b?c=d%09e",
		"http://[::1]:8080/x#phần":             "http://[::1]:8080/x#phần",
		"https://laodongthudo.vn/x.html?a=1&b": "https://laodongthudo.vn/x.html?a=1&b",
	} {
		ref := writeAll(t, dir, nil, []Exchange{{URL: in, Status: 200, Body: []byte("x")}})[0]
		ex, err := ReadAt(dir, ref)
		if err != nil || ex.URL != want {
			t.Errorf("%q: read back %q (%v), want %q", in, ex.URL, err, want)
		}
		if strings.ContainsAny(ex.URL, " \t") {
			t.Errorf("%q: raw space in the target URI", in)
		}
	}
}

// TestScanSkipsBadHTTPMessage: a sound WARC record holding a broken HTTP
// message is reported (file and offset) but does not hide the records
// after it.
func TestScanSkipsBadHTTPMessage(t *testing.T) {
	dir := t.TempDir()
	fw := gowarc.NewWarcFileWriter(gowarc.WithFileNameGenerator(&gowarc.PatternNameGenerator{Directory: dir, Prefix: "bad-"}))
	var offsets []int64
	for i, block := range []string{
		"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
		"HTTP/1.1 abc garbage\r\nno colon here\r\n\r\nxx",
		"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok2",
	} {
		b := gowarc.NewRecordBuilder(gowarc.Response, gowarc.WithAddMissingDigest(true))
		b.AddWarcHeader(gowarc.WarcTargetURI, "https://congdoan.vn/"+itoa(i))
		b.AddWarcHeaderTime(gowarc.WarcDate, time.Now())
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		b.WriteString(block)
		r, _, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		res := fw.Write(r)
		if res[0].Err != nil {
			t.Fatal(res[0].Err)
		}
		offsets = append(offsets, res[0].FileOffset)
	}
	fw.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "bad-*.warc.gz"))
	var got []string
	err := Scan(files[0], func(ex Exchange, _ Ref) error { got = append(got, string(ex.Body)); return nil })
	if strings.Join(got, ",") != "ok,ok2" {
		t.Errorf("bodies %q, want the two good ones", got)
	}
	var fe *FormatError
	if !errors.As(err, &fe) || fe.Offset != offsets[1] || !errors.Is(err, ErrCorrupt) {
		t.Errorf("Scan = %v, want a FormatError at offset %d", err, offsets[1])
	}
}

// TestScanKeepsCallerPanics: Scan turns a panic of the WARC library into
// an error, but a panic in the caller's function is the caller's.
func TestScanKeepsCallerPanics(t *testing.T) {
	dir := t.TempDir()
	writeAll(t, dir, nil, sampleExchanges(1))
	files, _ := Files(dir)
	defer func() {
		if recover() == nil {
			t.Error("the callback's panic was swallowed")
		}
	}()
	Scan(files[0], func(Exchange, Ref) error { panic("caller bug") })
}

func TestIPAddressForms(t *testing.T) {
	dir := t.TempDir()
	for in, want := range map[string]string{
		"203.0.113.7":      "203.0.113.7",
		"203.0.113.7:443":  "203.0.113.7",
		"[2001:db8::1]:80": "2001:db8::1",
		"2001:db8::1":      "2001:db8::1",
		"not an ip":        "",
		"":                 "",
	} {
		ref := writeAll(t, dir, nil, []Exchange{{URL: "https://nld.com.vn/x", Status: 200, IP: in}})[0]
		ex, err := ReadAt(dir, ref)
		if err != nil || ex.IP != want {
			t.Errorf("IP %q: read back %q (%v), want %q", in, ex.IP, err, want)
		}
	}
}
