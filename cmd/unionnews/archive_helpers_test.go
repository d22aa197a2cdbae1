package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/unionnews/unionnews/sites/replica"
	"github.com/unionnews/unionnews/store"
	"github.com/unionnews/unionnews/store/warc"
)

// replicaSite is a replica server whose article pages carry ETags and
// answer If-None-Match with 304, and whose pages a test can change or
// remove.
type replicaSite struct {
	srv *httptest.Server
	rep *replica.Replica

	mu      sync.Mutex
	edits   map[string]func([]byte) []byte // path -> body rewrite
	gone    map[string]bool                // path -> 404
	cond    int                            // requests with If-None-Match
	notMod  int                            // 304 answers
	article int                            // article requests
}

func newReplicaSite(t *testing.T) *replicaSite {
	t.Helper()
	rep, err := replica.New()
	if err != nil {
		t.Fatal(err)
	}
	s := &replicaSite{rep: rep, edits: map[string]func([]byte) []byte{}, gone: map[string]bool{}}
	inner := rep.Handler()
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		edit, gone := s.edits[r.URL.Path], s.gone[r.URL.Path]
		if r.Header.Get("If-None-Match") != "" {
			s.cond++
		}
		s.mu.Unlock()
		if gone {
			http.NotFound(w, r)
			return
		}
		rec := httptest.NewRecorder()
		inner.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		if edit != nil {
			body = edit(body)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		if rec.Code == http.StatusOK && strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			sum := sha256.Sum256(body)
			etag := `"` + hex.EncodeToString(sum[:8]) + `"`
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				s.mu.Lock()
				s.notMod++
				s.mu.Unlock()
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.WriteHeader(rec.Code)
		w.Write(body)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

// mirrorArgs are the -mirror flags for every replica host.
func (s *replicaSite) mirrorArgs() []string {
	var args []string
	for host, base := range s.rep.Mirrors(s.srv.URL) {
		args = append(args, "-mirror", host+"="+base)
	}
	return args
}

// path is the server path of a real URL.
func (s *replicaSite) path(realURL string) string {
	u := strings.TrimPrefix(strings.TrimPrefix(realURL, "https://"), "http://")
	return "/" + u
}

func (s *replicaSite) counts() (cond, notMod int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cond, s.notMod
}

// runCode runs the CLI and returns stdout, stderr and the exit status.
func runCode(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	code := exitCode(err, &errb)
	return out.String(), errb.String(), code
}

// corpusState reads the records of the store at dir, keyed by URL.
func corpusState(t *testing.T, dir string) map[string]store.Record {
	t.Helper()
	db, err := store.Open(dir, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]store.Record{}
	if err := db.ForEach(func(r store.Record) error { out[r.URL] = r; return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkCorpus asserts that db, files and archive agree: nothing pending,
// one .txt and one .json per record (and no other or temporary files),
// each .json equal to its record, each record's archive reference
// readable and naming its URL, every archive file readable to its end,
// and the learnt-boilerplate article count of each site equal to its
// stored articles.
func checkCorpus(t *testing.T, dir string) {
	t.Helper()
	checkCorpusAt(t, dir, true)
}

// checkCorpusAt is checkCorpus; wholeArchive false skips reading every
// archive file to its end (right after a kill -9 the last file may end
// in a torn record that the next run's archive writer repairs; every
// record's own reference is still checked).
func checkCorpusAt(t *testing.T, dir string, wholeArchive bool) {
	t.Helper()
	db, err := store.Open(dir, nil) // read-write: repairs what a crash left pending
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := db.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Pending != 0 {
		t.Errorf("%d writes pending after repair", st.Pending)
	}
	recs := map[string]store.Record{}
	err = db.ForEach(func(r store.Record) error {
		recs[r.ID] = r
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]int{}
	err = filepath.WalkDir(db.CorpusDir(), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := d.Name()
		if strings.HasSuffix(name, ".tmp") {
			t.Errorf("temporary file left: %s", p)
			return nil
		}
		id := strings.TrimSuffix(strings.TrimSuffix(name, ".txt"), ".json")
		r, ok := recs[id]
		if !ok {
			t.Errorf("file without a record: %s", p)
			return nil
		}
		files[id]++
		if strings.HasSuffix(name, ".json") {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			var got store.Record
			if err := json.Unmarshal(b, &got); err != nil || got.ContentHash != r.ContentHash || got.Text != r.Text {
				t.Errorf("%s differs from its record (%v)", p, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for id, r := range recs {
		if r.DuplicateOf != "" {
			continue // a copy of a story: its canonical article has the files
		}
		if files[id] != 2 {
			t.Errorf("record %s (%s) has %d files, want 2", id, r.URL, files[id])
		}
		if r.Archive == nil {
			t.Errorf("record %s (%s) has no archive reference", id, r.URL)
			continue
		}
		ex, err := warc.ReadAt(warcDir(dir), warc.Ref{File: r.Archive.File, Offset: r.Archive.Offset, RecordID: r.Archive.RecordID})
		if err != nil {
			t.Errorf("record %s: archive reference %+v: %v", r.URL, *r.Archive, err)
		} else if ex.URL != r.URL || ex.Status != 200 {
			t.Errorf("record %s points at %s (status %d)", r.URL, ex.URL, ex.Status)
		}
	}
	wfiles, err := warc.Files(warcDir(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range wfiles {
		if !wholeArchive {
			break
		}
		if err := warc.Scan(f, func(warc.Exchange, warc.Ref) error { return nil }); err != nil {
			t.Errorf("archive file unreadable: %v", err)
		}
	}
	for site, n := range st.PerSite {
		if _, docs, err := db.Boilerplate(site, 1, 0); err != nil || docs != n {
			t.Errorf("%s: block counts cover %d articles, the store holds %d (%v)", site, docs, n, err)
		}
	}
}

// archivedURLs lists the URLs of every response in the archive at dir,
// with their status.
func archivedURLs(t *testing.T, dir string) map[string]int {
	t.Helper()
	files, err := warc.Files(warcDir(dir))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, f := range files {
		err := warc.Scan(f, func(ex warc.Exchange, _ warc.Ref) error {
			out[ex.URL] = ex.Status
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}
