package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/unionnews/unionnews/sites/replica"
)

// clutterMarkers are the end-of-article and navigation markers of the
// seed dumps; none may appear in any exported text.
var clutterMarkers = []string{
	"Có thể bạn quan tâm", "Nên xem", "Tin khác", "Xem thêm", "Tin cùng chuyên mục",
	"Tin liên quan", "Đọc thêm", "In bài viết", "Phiên bản di động", "Lên top", "-->", "![]()",
}

func runCLI(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), err
}

func readJSONL(t *testing.T, s string) []exportRecord {
	t.Helper()
	var recs []exportRecord
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var r exportRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		recs = append(recs, r)
	}
	return recs
}

func TestDemoEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end crawl")
	}
	dir := t.TempDir()
	out, logs, err := runCLI(t, "demo", "-data", dir)
	if err != nil {
		t.Fatalf("demo: %v\nstdout:\n%s\nstderr:\n%s", err, out, logs)
	}
	for _, want := range []string{"articles stored:", "duplicates:", "errors:", "exported:"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "unionnews.db")); err != nil {
		t.Errorf("no database: %v", err)
	}
	if warcs, _ := filepath.Glob(filepath.Join(dir, "warc", "*.warc.gz")); len(warcs) == 0 {
		t.Error("demo left no DATA/warc/*.warc.gz")
	}
	checkCorpus(t, dir) // every article points at its archived response
	txts, _ := filepath.Glob(filepath.Join(dir, "corpus", "*", "*", "*", "*.txt"))
	jsons, _ := filepath.Glob(filepath.Join(dir, "corpus", "*", "*", "*", "*.json"))

	exp, _, err := runCLI(t, "export", "-data", dir)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	recs := readJSONL(t, exp)
	if len(recs) < 12 {
		t.Fatalf("export has %d records, want >= 12", len(recs))
	}
	if len(txts) != len(recs) || len(jsons) != len(recs) {
		t.Errorf("corpus files: %d txt, %d json for %d records", len(txts), len(jsons), len(recs))
	}
	perSite := map[string]int{}
	rfc := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$`)
	seen := map[string]bool{}
	for _, r := range recs {
		if r.Title == "" || r.Text == "" || r.URL == "" || r.ID == "" || r.ContentHash == "" {
			t.Errorf("incomplete record %+v", r)
		}
		if !strings.HasPrefix(r.URL, "https://") || strings.Contains(r.URL, "127.0.0.1") {
			t.Errorf("URL %q is not the real URL", r.URL)
		}
		perSite[r.Site]++
		if r.Published == nil || !rfc.MatchString(*r.Published) {
			t.Errorf("%s: published = %v, want RFC3339 +07:00", r.URL, r.Published)
		}
		if seen[r.ContentHash] {
			t.Errorf("text of %s stored twice", r.URL)
		}
		seen[r.ContentHash] = true
		for _, m := range clutterMarkers {
			if strings.Contains(r.Text, m) || strings.Contains(r.Title, m) {
				t.Errorf("%s: clutter %q in text", r.URL, m)
			}
		}
	}
	// Every profiled site with a replica must be in the export.
	reg, _ := loadSites("")
	rep, _ := replica.New()
	for _, p := range reg.Crawlable() {
		if len(rep.SiteHosts(p.Hosts[0])) > 0 && perSite[p.Name] == 0 {
			t.Errorf("export has no article of %s", p.Name)
		}
	}
}

// TestSecondCrawlFetchesNoArticle crawls the replica twice through the
// mirror map: the second run re-reads listings but no article page.
func TestSecondCrawlFetchesNoArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end crawl")
	}
	args := serveReplicaMirrors(t)
	dir := t.TempDir()
	crawlArgs := append([]string{"crawl", "-data", dir, "-site", "laodongthudo.vn", "-delay", "1ms"}, args...)
	first, logs, err := runCLI(t, crawlArgs...)
	if err != nil {
		t.Fatalf("first crawl: %v\n%s\n%s", err, first, logs)
	}
	if !regexp.MustCompile(`article pages fetched: ([1-9]\d+)`).MatchString(first) {
		t.Fatalf("first crawl fetched too few articles:\n%s", first)
	}
	second, logs, err := runCLI(t, crawlArgs...)
	if err != nil {
		t.Fatalf("second crawl: %v\n%s", err, logs)
	}
	if !strings.Contains(second, "article pages fetched: 0 ") {
		t.Errorf("second crawl fetched article pages:\n%s", second)
	}
	if !regexp.MustCompile(`listing pages fetched: [1-9]`).MatchString(second) {
		t.Errorf("second crawl did not re-read listings:\n%s", second)
	}
}

func TestCleanReplicaPageJSON(t *testing.T) {
	rep, err := replica.New()
	if err != nil {
		t.Fatal(err)
	}
	pages := rep.SitePages("laodongthudo.vn", "article")
	if len(pages) == 0 {
		t.Fatal("replica has no laodongthudo.vn article pages")
	}
	p := pages[0]
	file := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(file, p.Body, 0o644); err != nil {
		t.Fatal(err)
	}
	out, logs, err := runCLI(t, "clean", "-json", "-url", p.URL, file)
	if err != nil {
		t.Fatalf("clean: %v\n%s", err, logs)
	}
	recs := readJSONL(t, out)
	if len(recs) != 1 || recs[0].URL != p.URL || recs[0].Title == "" || recs[0].Text == "" || recs[0].Site != "laodongthudo.vn" {
		t.Fatalf("clean -json = %s", out)
	}
	// Without -url/-site the page's canonical link picks the profile
	// (issue 9 item 11).
	out, logs, err = runCLI(t, "clean", "-json", file)
	if err != nil {
		t.Fatalf("clean without -url: %v\n%s", err, logs)
	}
	if recs := readJSONL(t, out); len(recs) != 1 || recs[0].Extractor != "profile" || recs[0].Site != "laodongthudo.vn" || recs[0].Text == "" {
		t.Errorf("clean without -url = %s", out)
	}
}

func TestBuiltinProfilesValidateWithRealSelectors(t *testing.T) {
	reg, err := loadSites("")
	if err != nil {
		t.Fatalf("built-in profiles: %v", err)
	}
	if len(reg.Crawlable()) == 0 {
		t.Fatal("no crawlable profile")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "x.json"), []byte(`{"name":"laodongthudo.vn","article":{"body":"div["}}`), 0o644)
	_, err = loadSites(dir)
	if err == nil || !strings.Contains(err.Error(), "x.json: article.body: invalid selector") {
		t.Errorf("broken selector error = %v", err)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"nope"}, {"crawl", "-bogus"}, {"export", "-format", "xml"}, {"clean"}, {"sites", "chek"}, {"stats", "extra"}} {
		if _, _, err := runCLI(t, args...); !errors.Is(err, errUsage) {
			t.Errorf("%v: err = %v, want usage error", args, err)
		}
	}
	for _, cmd := range []string{"crawl", "demo", "export", "clean", "stats", "sites", "version"} {
		if _, _, err := runCLI(t, cmd, "-help"); err != nil {
			t.Errorf("%s -help: %v", cmd, err)
		}
	}
	if _, _, err := runCLI(t, "crawl", "-mirror", "nohost"); err == nil {
		t.Error("bad -mirror accepted")
	}
}

// serveReplicaMirrors serves the bundled replicas on loopback for the
// test and returns the -mirror flags that crawl every replica host there.
func serveReplicaMirrors(t *testing.T) []string {
	t.Helper()
	rep, err := replica.New()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(rep.Handler())
	t.Cleanup(srv.Close)
	var args []string
	for host, base := range rep.Mirrors(srv.URL) {
		args = append(args, "-mirror", host+"="+base)
	}
	return args
}
