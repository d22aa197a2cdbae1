package warc

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/base32"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// warcioRecord is one line of testdata/warcio-check.mjs.
type warcioRecord struct {
	File              string `json:"file"`
	Offset            int64  `json:"offset"`
	Type              string `json:"type"`
	Version           string `json:"version"`
	ID                string `json:"id"`
	URI               string `json:"uri"`
	Concurrent        string `json:"concurrent"`
	WarcinfoID        string `json:"warcinfo_id"`
	ContentLength     int64  `json:"content_length"`
	BlockLength       int64  `json:"block_length"`
	BlockDigestOK     bool   `json:"block_digest_ok"`
	Status            int    `json:"status"`
	HTTPContentLength int    `json:"http_content_length"`
	PayloadLength     int    `json:"payload_length"`
	PayloadSHA1       string `json:"payload_sha1"`
	PayloadDigestOK   bool   `json:"payload_digest_ok"`
	Info              string `json:"info"`
}

// warcio returns the node binary and the warcio package directory that
// .ci/run installs (npm install --prefix .ci/npm warcio). Missing tools
// skip the test, except under CI=true, where they fail it.
func warcio(t *testing.T) (node, dir string) {
	t.Helper()
	missing := func(what string) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s (CI=true): .ci/run must install node and warcio", what)
		}
		t.Skipf("%s; skipping the independent warcio check (bash .ci/run installs it)", what)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not on PATH")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(root, ".ci", "npm", "node_modules", "warcio")
	if _, err := os.Stat(filepath.Join(dir, "dist", "index.js")); err != nil {
		missing("warcio is not installed under .ci/npm")
	}
	return node, dir
}

// TestWarcioReadsOurFiles: webrecorder's warcio, an independent reader,
// parses every file we write and agrees with us on every record: where it
// starts, its type, ids, URI, status, digests and payload.
func TestWarcioReadsOurFiles(t *testing.T) {
	node, wdir := warcio(t)
	dir := t.TempDir()
	exs := sampleExchanges(9)
	refs := writeAll(t, dir, &Options{MaxFileSize: 64 << 10}, exs)
	files, err := Files(dir)
	if err != nil || len(files) < 2 {
		t.Fatalf("files %v %v; want rotation", files, err)
	}
	// A recovered file too: an unfinished one cut mid-record.
	name, data, orefs := openFile(t, sampleExchanges(3)[:3])
	os.WriteFile(filepath.Join(dir, name+OpenSuffix), data[:len(data)-20], 0o644)
	if _, err := Recover(dir); err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join(dir, name))
	refs = append(refs, orefs[:2]...)
	exs = append(exs, sampleExchanges(2)...)

	cmd := exec.Command(node, append([]string{filepath.Join("testdata", "warcio-check.mjs"), wdir}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("warcio: %v\n%s", err, stderr.String())
	}
	byFile := map[string][]warcioRecord{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r warcioRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("warcio output %q: %v", sc.Text(), err)
		}
		byFile[r.File] = append(byFile[r.File], r)
	}
	responses := map[Ref]warcioRecord{}
	requests := map[string]warcioRecord{}
	for _, f := range files {
		recs := byFile[filepath.Base(f)]
		if len(recs) == 0 || recs[0].Type != "warcinfo" || !strings.Contains(recs[0].Info, "software: unionnews") {
			t.Fatalf("%s: warcio sees no warcinfo record first: %+v", f, recs)
		}
		if len(recs)%2 != 1 && filepath.Base(f) != name { // the recovered file ends with a request whose response was cut
			t.Errorf("%s: %d records, want warcinfo + pairs", f, len(recs))
		}
		for i, r := range recs {
			if r.Version != "WARC/1.1" || !r.BlockDigestOK || r.ContentLength != r.BlockLength {
				t.Errorf("%s record %d: %+v", f, i, r)
			}
			if i > 0 && r.WarcinfoID != recs[0].ID {
				t.Errorf("%s record %d: WARC-Warcinfo-ID %q, warcinfo is %q", f, i, r.WarcinfoID, recs[0].ID)
			}
			switch r.Type {
			case "response":
				responses[Ref{File: r.File, Offset: r.Offset, RecordID: strings.Trim(r.ID, "<>")}] = r
			case "request":
				requests[r.ID] = r
			}
		}
	}
	if len(responses) != len(refs) {
		t.Errorf("warcio found %d responses, we wrote %d", len(responses), len(refs))
	}
	for i, ref := range refs {
		r, ok := responses[ref]
		if !ok {
			t.Errorf("warcio has no response record at %v (id %s)", ref, ref.RecordID)
			continue
		}
		want := normalized(exs[i])
		sum := sha1.Sum(want.Body)
		if r.URI != want.URL || r.Status != want.Status || r.PayloadLength != len(want.Body) ||
			r.PayloadSHA1 != "sha1:"+base32.StdEncoding.EncodeToString(sum[:]) || !r.PayloadDigestOK {
			t.Errorf("%v: warcio sees %+v; wrote %s %d with %d bytes", ref, r, want.URL, want.Status, len(want.Body))
		}
		if want.Method != "HEAD" && r.HTTPContentLength != len(want.Body) {
			t.Errorf("%v: HTTP Content-Length %d, payload %d bytes", ref, r.HTTPContentLength, len(want.Body))
		}
		q, ok := requests[r.Concurrent]
		if !ok || q.Concurrent != r.ID || q.URI != want.URL {
			t.Errorf("%v: request %q not found or not linked back: %+v", ref, r.Concurrent, q)
		}
	}
}
