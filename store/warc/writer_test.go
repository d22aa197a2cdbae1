package warc

import (
	"bufio"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	gowarc "github.com/nlnwa/gowarc/v3"
)

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	exs := sampleExchanges(20)
	if utf8.Valid(exs[1].Body) {
		t.Fatal("sample 1 should hold windows-1258 bytes")
	}
	refs := writeAll(t, dir, &Options{MaxFileSize: 4 << 10}, exs)

	files, err := Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 5 {
		t.Fatalf("%d files for 20 exchanges rotated at 4 KiB, want several", len(files))
	}
	for _, f := range files {
		if !strings.HasPrefix(filepath.Base(f), "unionnews-") || !strings.HasSuffix(f, ".warc.gz") {
			t.Errorf("file name %s", f)
		}
	}
	if open, _ := filepath.Glob(filepath.Join(dir, "*"+OpenSuffix)); len(open) > 0 {
		t.Errorf("files left open after Close: %v", open)
	}

	got, gotRefs := scanAll(t, files)
	if len(got) != len(exs) {
		t.Fatalf("Scan found %d exchanges, wrote %d", len(got), len(exs))
	}
	for i := range exs {
		if d := sameExchange(got[i], exs[i]); d != "" {
			t.Errorf("Scan exchange %d: %s", i, d)
		}
		if gotRefs[i] != refs[i] {
			t.Errorf("Scan ref %d = %v, Write returned %v", i, gotRefs[i], refs[i])
		}
	}
	for i, ref := range refs {
		ex, err := ReadAt(dir, ref)
		if err != nil {
			t.Errorf("ReadAt %v: %v", ref, err)
			continue
		}
		if d := sameExchange(ex, exs[i]); d != "" {
			t.Errorf("ReadAt exchange %d: %s", i, d)
		}
	}
}

// TestRecordLayout reads our file with gowarc directly: a warcinfo record
// first, then request/response pairs linked both ways, every record its
// own gzip member at the offset the Ref says, sha1 digests, WARC 1.1.
func TestRecordLayout(t *testing.T) {
	dir := t.TempDir()
	exs := sampleExchanges(3)
	refs := writeAll(t, dir, nil, exs)
	files, _ := Files(dir)
	if len(files) != 1 {
		t.Fatalf("files %v, want 1", files)
	}
	f, err := os.Open(files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	members, err := completeMembers(f)
	if err != nil || members != fileSize(t, files[0]) {
		t.Fatalf("complete gzip members cover %d of %d bytes (%v)", members, fileSize(t, files[0]), err)
	}
	r, err := gowarc.NewWarcFileReader(files[0], 0, gowarc.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var recs []gowarc.Record
	for {
		rec, err := r.Next()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("strict read at %d: %v", rec.Offset, err)
		}
		recs = append(recs, rec)
	}
	if len(recs) != 1+2*len(exs) {
		t.Fatalf("%d records, want %d", len(recs), 1+2*len(exs))
	}
	info := recs[0].WarcRecord
	if info.Type() != gowarc.Warcinfo || info.WarcHeader().Get(gowarc.WarcFilename) != filepath.Base(files[0]) {
		t.Errorf("first record %v %q", info.Type(), info.WarcHeader().Get(gowarc.WarcFilename))
	}
	raw, _ := info.Block().RawBytes()
	body, _ := bufio.NewReader(raw).ReadString(0)
	if !strings.Contains(body, "software: unionnews\r\n") {
		t.Errorf("warcinfo block %q lacks software: unionnews", body)
	}
	for i := range exs {
		req, resp := recs[1+2*i], recs[2+2*i]
		rq, rs := req.WarcRecord.WarcHeader(), resp.WarcRecord.WarcHeader()
		if req.WarcRecord.Type() != gowarc.Request || resp.WarcRecord.Type() != gowarc.Response {
			t.Fatalf("pair %d: %v, %v", i, req.WarcRecord.Type(), resp.WarcRecord.Type())
		}
		if resp.Offset != refs[i].Offset || rs.GetId(gowarc.WarcRecordID) != refs[i].RecordID {
			t.Errorf("pair %d: response at %d id %s, Ref %v %s", i, resp.Offset, rs.GetId(gowarc.WarcRecordID), refs[i], refs[i].RecordID)
		}
		if rq.GetId(gowarc.WarcConcurrentTo) != rs.GetId(gowarc.WarcRecordID) || rs.GetId(gowarc.WarcConcurrentTo) != rq.GetId(gowarc.WarcRecordID) {
			t.Errorf("pair %d not linked by WARC-Concurrent-To", i)
		}
		for _, h := range []*gowarc.WarcFields{rq, rs} {
			if h.Get(gowarc.WarcTargetURI) != exs[i].URL {
				t.Errorf("pair %d: WARC-Target-URI %q", i, h.Get(gowarc.WarcTargetURI))
			}
			if !strings.HasPrefix(h.Get(gowarc.WarcBlockDigest), "sha1:") || !strings.HasPrefix(h.Get(gowarc.WarcPayloadDigest), "sha1:") {
				t.Errorf("pair %d: digests %q %q", i, h.Get(gowarc.WarcBlockDigest), h.Get(gowarc.WarcPayloadDigest))
			}
			if h.GetId(gowarc.WarcWarcinfoID) != info.WarcHeader().GetId(gowarc.WarcRecordID) {
				t.Errorf("pair %d: WARC-Warcinfo-ID %q", i, h.Get(gowarc.WarcWarcinfoID))
			}
		}
		if v := resp.WarcRecord.Version().String(); v != "WARC/1.1" {
			t.Errorf("version %s", v)
		}
	}
}

// TestResponseHeaderConsistency: the body handed to Write is decoded, so
// the archived header must not claim a coding the body does not have.
func TestResponseHeaderConsistency(t *testing.T) {
	gz := gzipBytes(t, []byte("<p>nén</p>"))
	cases := []struct {
		name     string
		header   http.Header
		body     []byte
		wantCE   string
		wantTE   bool
		wantBody []byte
	}{
		{"gzip decoded by transport", http.Header{"Content-Encoding": {"gzip"}, "Content-Length": {"999"}}, []byte("<p>nén</p>"), "", false, []byte("<p>nén</p>")},
		{"br decoded", http.Header{"Content-Encoding": {"br"}}, []byte("abc"), "", false, []byte("abc")},
		{"chunked", http.Header{"Transfer-Encoding": {"chunked"}}, []byte("abc"), "", false, []byte("abc")},
		{"still gzip", http.Header{"Content-Encoding": {"gzip"}}, gz, "gzip", false, []byte("<p>nén</p>")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			ex := Exchange{URL: "http://congdoan.vn/a", Status: 200, RespHeader: c.header, Body: c.body}
			ref := writeAll(t, dir, nil, []Exchange{ex})[0]
			// The raw archived header, read with gowarc.
			r, err := gowarc.NewWarcFileReader(filepath.Join(dir, ref.File), ref.Offset)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			rec, err := r.Next()
			if err != nil {
				t.Fatal(err)
			}
			defer rec.Close()
			h := *rec.WarcRecord.Block().(gowarc.HttpResponseBlock).HttpHeader()
			raw := string(rec.WarcRecord.Block().(gowarc.HttpResponseBlock).ProtocolHeaderBytes())
			if got := h.Get("Content-Encoding"); got != c.wantCE {
				t.Errorf("archived Content-Encoding %q, want %q", got, c.wantCE)
			}
			if strings.Contains(strings.ToLower(raw), "transfer-encoding") {
				t.Errorf("archived header keeps Transfer-Encoding:\n%s", raw)
			}
			if got := h.Get("Content-Length"); got != itoa(len(c.body)) {
				t.Errorf("archived Content-Length %q, body has %d bytes", got, len(c.body))
			}
			got, err := ReadAt(dir, ref)
			if err != nil {
				t.Fatal(err)
			}
			if string(got.Body) != string(c.wantBody) {
				t.Errorf("ReadAt body %q, want %q", got.Body, c.wantBody)
			}
		})
	}
}

func TestConcurrentWrites(t *testing.T) {
	dir := t.TempDir()
	w, err := OpenWriter(dir, &Options{MaxFileSize: 16 << 10, Prefix: "conc"})
	if err != nil {
		t.Fatal(err)
	}
	const workers, each = 8, 40
	exs := sampleExchanges(7)
	exs[3] = exs[0] // no 5 MB bodies here
	var mu sync.Mutex
	refs := map[Ref]int{}
	var wg sync.WaitGroup
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				k := (g + i) % len(exs)
				ref, err := w.Write(exs[k])
				if err != nil {
					t.Error(err)
					return
				}
				if i%10 == 0 {
					if err := w.Sync(); err != nil {
						t.Error(err)
					}
				}
				mu.Lock()
				refs[ref] = k
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if len(refs) != workers*each {
		t.Fatalf("%d distinct refs, want %d", len(refs), workers*each)
	}
	files, _ := Files(dir)
	got, gotRefs := scanAll(t, files)
	if len(got) != workers*each {
		t.Fatalf("Scan found %d exchanges, want %d", len(got), workers*each)
	}
	for i, ref := range gotRefs {
		k, ok := refs[ref]
		if !ok {
			t.Fatalf("Scan ref %v was never returned by Write", ref)
		}
		// Method and ReqHeader come from the request record, so each
		// request sits next to its response even under concurrency.
		if d := sameExchange(got[i], exs[k]); d != "" {
			t.Errorf("%v: %s", ref, d)
		}
	}
	for ref, k := range refs {
		ex, err := ReadAt(dir, ref)
		if err != nil {
			t.Fatalf("ReadAt %v: %v", ref, err)
		}
		if d := sameExchange(ex, exs[k]); d != "" {
			t.Errorf("ReadAt %v: %s", ref, d)
		}
	}
}

func TestWritersNeverShareFiles(t *testing.T) {
	dir := t.TempDir()
	ex := sampleExchanges(1)
	a := writeAll(t, dir, nil, ex)[0]
	b := writeAll(t, dir, nil, ex)[0]
	if a.File == b.File {
		t.Fatalf("two Writers wrote into one file %s", a.File)
	}
	files, _ := Files(dir)
	if len(files) != 2 || filepath.Base(files[0]) != a.File || filepath.Base(files[1]) != b.File {
		t.Fatalf("Files = %v, want [%s %s] in write order", files, a.File, b.File)
	}
}

func TestWriteErrors(t *testing.T) {
	dir := t.TempDir()
	w, err := OpenWriter(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range []Exchange{
		{URL: "/relative", Status: 200},
		{URL: "ftp://host/x", Status: 200},
		{URL: "http://host/x", Status: 42},
		{URL: "http://host/x", Status: 200, Proto: "SPDY"},
		{URL: "http://host/x", Status: 200, Method: "GET /evil"},
	} {
		if _, err := w.Write(ex); !errors.Is(err, ErrInvalidExchange) {
			t.Errorf("Write(%+v) = %v, want ErrInvalidExchange", ex, err)
		}
	}
	// A header value with a newline cannot inject a header line.
	ref, err := w.Write(Exchange{URL: "http://host/x", Status: 200, RespHeader: http.Header{"X-A": {"1\r\nX-Injected: 1"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	ex, err := ReadAt(dir, ref)
	if err != nil {
		t.Fatal(err)
	}
	if ex.RespHeader.Get("X-Injected") != "" {
		t.Errorf("header injection: %v", ex.RespHeader)
	}
	if _, err := w.Write(Exchange{URL: "http://host/x", Status: 200}); !errors.Is(err, ErrClosed) {
		t.Errorf("Write after Close = %v, want ErrClosed", err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
