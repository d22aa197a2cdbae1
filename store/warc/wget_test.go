package warc

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "regenerate the wget-made WARC files under testdata/wget (needs wget)")

// wgetPage is one page of the loopback server wget archives.
type wgetPage struct {
	path   string
	status int
	ctype  string
	body   []byte // as the client sees it after decoding
	mode   string // "length", "chunked" or "gzip": how the server sends body
}

func wgetPages() []wgetPage {
	return []wgetPage{
		{"/bai-viet.html", 200, "text/html; charset=windows-1258", append([]byte("<html><h1>"), append(win1258, "</h1></html>"...)...), "length"},
		{"/tin-moi.html", 200, "text/html; charset=utf-8", []byte(strings.Repeat("<p>Tin mới: công đoàn cơ sở.</p>\n", 300)), "chunked"},
		{"/nen.html", 200, "text/html; charset=utf-8", []byte(strings.Repeat("<p>nén gzip</p>", 50)), "gzip"},
		{"/khong-co.html", 404, "text/html; charset=utf-8", []byte("<p>Không tìm thấy</p>"), "length"},
	}
}

func wgetServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	for _, p := range wgetPages() {
		mux.HandleFunc(p.path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", p.ctype)
			switch p.mode {
			case "length":
				w.Header().Set("Content-Length", fmt.Sprint(len(p.body)))
				w.WriteHeader(p.status)
				w.Write(p.body)
			case "chunked":
				w.WriteHeader(p.status)
				half := len(p.body) / 2
				w.Write(p.body[:half])
				w.(http.Flusher).Flush()
				w.Write(p.body[half:])
			case "gzip":
				var buf bytes.Buffer
				zw := gzip.NewWriter(&buf)
				zw.Write(p.body)
				zw.Close()
				w.Header().Set("Content-Encoding", "gzip")
				w.Header().Set("Content-Length", fmt.Sprint(buf.Len()))
				w.WriteHeader(p.status)
				w.Write(buf.Bytes())
			}
		})
	}
	mux.HandleFunc("/chuyen", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/bai-viet.html", http.StatusMovedPermanently)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// runWget archives every page (and a redirect) of a wgetServer with
// wget --warc-file into dir and returns the WARC files it wrote.
func runWget(t *testing.T, dir string) []string {
	t.Helper()
	wget, err := exec.LookPath("wget")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("wget is not installed (CI=true): .ci/run must apt-get install wget")
		}
		t.Skip("wget not on PATH; skipping the live wget test (the committed wget WARCs are still read)")
	}
	srv := wgetServer(t)
	urls := []string{srv.URL + "/chuyen"}
	for _, p := range wgetPages() {
		urls = append(urls, srv.URL+p.path)
	}
	var files []string
	for _, c := range []struct{ base, flag, ext string }{{"replica", "", ".warc.gz"}, {"replica-plain", "--no-warc-compression", ".warc"}} {
		args := []string{"--no-config", "--no-proxy", "-q", "--tries=1", "--timeout=10",
			"--warc-file=" + filepath.Join(dir, c.base), "-O", os.DevNull}
		if c.flag != "" {
			args = append(args, c.flag)
		}
		cmd := exec.Command(wget, append(args, urls...)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		// wget exits 8 when a page answered with an error status (the 404).
		if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 8) {
			t.Fatalf("wget: %v\n%s", err, out)
		}
		files = append(files, filepath.Join(dir, c.base+c.ext))
	}
	return files
}

// checkWgetWARC checks that Scan finds in a wget-made WARC every page of
// wgetPages, decoded, with wget's request.
func checkWgetWARC(t *testing.T, path string) {
	t.Helper()
	got := map[string]Exchange{}
	n := 0
	err := Scan(path, func(ex Exchange, ref Ref) error {
		u, err := url.Parse(ex.URL)
		if err != nil {
			return err
		}
		if u.Hostname() != "127.0.0.1" {
			t.Errorf("%s: unexpected URL %q", path, ex.URL)
		}
		got[u.Path] = ex
		n++
		if ref.File != filepath.Base(path) || ref.RecordID == "" {
			t.Errorf("%s: ref %+v", path, ref)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Scan %s: %v", path, err)
	}
	if n != len(wgetPages())+2 { // the redirect is fetched, and its target twice
		t.Errorf("%s: %d responses, want %d", path, n, len(wgetPages())+2)
	}
	if r := got["/chuyen"]; r.Status != 301 || r.RespHeader.Get("Location") == "" {
		t.Errorf("%s: redirect: %d %v", path, r.Status, r.RespHeader)
	}
	for _, p := range wgetPages() {
		ex, ok := got[p.path]
		if !ok {
			t.Errorf("%s: no response for %s", path, p.path)
			continue
		}
		if ex.Status != p.status || !bytes.Equal(ex.Body, p.body) {
			t.Errorf("%s %s: status %d, body %d bytes %q..., want %d and %d bytes", path, p.path,
				ex.Status, len(ex.Body), ex.Body[:min(len(ex.Body), 40)], p.status, len(p.body))
		}
		if ex.RespHeader.Get("Content-Encoding") != "" || ex.RespHeader.Get("Transfer-Encoding") != "" ||
			ex.RespHeader.Get("Content-Length") != fmt.Sprint(len(p.body)) {
			t.Errorf("%s %s: header not made consistent with the decoded body: %v", path, p.path, ex.RespHeader)
		}
		if ex.Method != "GET" || !strings.HasPrefix(ex.ReqHeader.Get("User-Agent"), "Wget/") {
			t.Errorf("%s %s: request %q %v, want wget's GET", path, p.path, ex.Method, ex.ReqHeader)
		}
		if ex.FetchedAt.IsZero() || time.Since(ex.FetchedAt) < 0 {
			t.Errorf("%s %s: FetchedAt %v", path, p.path, ex.FetchedAt)
		}
	}
}

// TestScanWgetLive archives a loopback server with the installed wget and
// reads the result. With -update it refreshes testdata/wget.
func TestScanWgetLive(t *testing.T) {
	dir := t.TempDir()
	files := runWget(t, dir)
	for _, f := range files {
		checkWgetWARC(t, f)
	}
	if *update {
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join("testdata", "wget", filepath.Base(f)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestScanWgetFixture reads the committed wget-made WARCs (WARC 1.0, one
// gzipped, one not), so the reader is checked against wget's output
// even where wget is not installed.
func TestScanWgetFixture(t *testing.T) {
	for _, name := range []string{"replica.warc.gz", "replica-plain.warc"} {
		checkWgetWARC(t, filepath.Join("testdata", "wget", name))
	}
}
