package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// duckdbModules finds node and the @duckdb/node-api package that .ci/run
// installs under .ci/npm/duckdb. Missing tools skip the test locally and
// fail it under CI=true.
func duckdbModules(t *testing.T) (node, modules string) {
	t.Helper()
	missing := func(what string) {
		const hint = "; install it with: npm install --prefix .ci/npm/duckdb --no-save @duckdb/node-api (as .ci/run does)"
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s missing under CI=true%s", what, hint)
		}
		t.Skipf("%s missing%s", what, hint)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node")
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
	modules = filepath.Join(dir, ".ci", "npm", "duckdb", "node_modules")
	if _, err := os.Stat(filepath.Join(modules, "@duckdb", "node-api", "package.json")); err != nil {
		missing("npm @duckdb/node-api")
	}
	return node, modules
}

// duckRow is what testdata/duckdb_read.cjs prints for a row.
type duckRow struct {
	ID, URL, Site, Title, Lead, Text, Author string
	PublishedMS                              *string `json:"published_ms"`
	Category                                 string
	Tags, Images                             string
	Extractor                                string
	FetchedUS                                *string `json:"fetched_us"`
	ContentHash                              string  `json:"content_hash"`
	Extra                                    string
	PublishedType                            string `json:"published_type"`
}

// TestParquetReadByDuckDB: an independent reader (DuckDB) reads the
// Parquet export and finds the JSON Lines export's rows.
func TestParquetReadByDuckDB(t *testing.T) {
	node, modules := duckdbModules(t)
	db, _ := newCorpus(t, 20)
	dir := t.TempDir()
	pq := filepath.Join(dir, "a.parquet")
	if _, err := ToPath(context.Background(), pq, nil, db, &Options{Format: Parquet}); err != nil {
		t.Fatal(err)
	}
	var jl bytes.Buffer
	if _, err := Write(context.Background(), &jl, db, nil); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join("testdata", "duckdb_read.cjs"), pq)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("duckdb: %v\n%s", err, stderr.String())
	}
	var rows []duckRow
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r duckRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("duckdb row %q: %v", sc.Text(), err)
		}
		rows = append(rows, r)
	}
	lines := splitLines(t, jl.Bytes())
	if len(rows) != len(lines) {
		t.Fatalf("DuckDB read %d rows, JSON Lines has %d", len(rows), len(lines))
	}
	for i, line := range lines {
		var a sites.Article
		if err := json.Unmarshal(line, &a); err != nil {
			t.Fatal(err)
		}
		r := rows[i]
		str := map[string][2]string{
			"id": {r.ID, a.ID}, "url": {r.URL, a.URL}, "site": {r.Site, a.Site}, "title": {r.Title, a.Title},
			"lead": {r.Lead, a.Lead}, "text": {r.Text, a.Text}, "author": {r.Author, a.Author},
			"category": {r.Category, a.Category}, "extractor": {r.Extractor, a.Extractor},
			"content_hash": {r.ContentHash, a.ContentHash}, "extra": {canonJSON(t, r.Extra), extraOf(t, line)},
			"published_type": {r.PublishedType, "TIMESTAMP WITH TIME ZONE"},
			"tags":           {canonJSON(t, r.Tags), canonJSON(t, jsonOf(a.Tags, "[]"))},
			"images":         {canonJSON(t, r.Images), canonJSON(t, imagesJSON(a.Images))},
			"published_ms":   {deref(r.PublishedMS), epoch(a.Published, time.Millisecond)},
			"fetched_us":     {deref(r.FetchedUS), epoch(a.FetchedAt, time.Microsecond)},
		}
		for k, v := range str {
			if v[0] != v[1] {
				t.Errorf("row %d %s: DuckDB %q, JSON Lines %q", i, k, v[0], v[1])
			}
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

func epoch(t time.Time, unit time.Duration) string {
	if t.IsZero() {
		return "null"
	}
	return strconv.FormatInt(t.UnixNano()/int64(unit), 10)
}

func jsonOf(v []string, empty string) string {
	if len(v) == 0 {
		return empty
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// imagesJSON is the images list as DuckDB writes a struct list: every
// field present.
func imagesJSON(ims []sites.Image) string {
	type im struct {
		URL     string `json:"url"`
		Caption string `json:"caption"`
	}
	l := make([]im, len(ims))
	for i, x := range ims {
		l[i] = im{x.URL, x.Caption}
	}
	b, _ := json.Marshal(l)
	return string(b)
}

// canonJSON re-encodes a JSON text so that two spellings compare equal.
func canonJSON(t *testing.T, s string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad JSON %q: %v", s, err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// extraOf is the extra column a JSON Lines article maps to: its keys
// without a Parquet column of their own, as one canonical JSON object.
func extraOf(t *testing.T, line []byte) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(line, &m); err != nil {
		t.Fatal(err)
	}
	for k := range parquetColumns {
		delete(m, k)
	}
	b, _ := json.Marshal(m)
	return string(b)
}
