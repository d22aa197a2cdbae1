package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/unionnews/unionnews/store"
)

const ldt = "laodongthudo.vn"

// crawlArgs crawls one replica site quickly into dir.
func crawlArgs(dir string, s *replicaSite, extra ...string) []string {
	args := append([]string{"crawl", "-data", dir, "-site", ldt, "-delay", "1ms"}, s.mirrorArgs()...)
	return append(args, extra...)
}

// TestCrawlArchivesEveryResponse: robots.txt, listings, feeds, articles
// and 404s are in DATA/warc under their real URLs; every stored article
// points at its response record; db, files and archive agree.
func TestCrawlArchivesEveryResponse(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end crawl")
	}
	s := newReplicaSite(t)
	dir := t.TempDir()
	out, logs, code := runCode(t, crawlArgs(dir, s)...)
	if code != 0 {
		t.Fatalf("crawl exit %d\n%s\n%s", code, out, logs)
	}
	got := archivedURLs(t, dir)
	if got["https://"+ldt+"/robots.txt"] != 200 {
		t.Errorf("robots.txt not archived: %d", got["https://"+ldt+"/robots.txt"])
	}
	kinds := map[string]int{}
	for u, status := range got {
		if strings.Contains(u, "127.0.0.1") || !strings.HasPrefix(u, "https://") {
			t.Errorf("archived under the mirror URL: %s", u)
		}
		switch {
		case status == 404:
			kinds["404"]++
		case strings.Contains(u, "/cong-doan/"):
			kinds["listing"]++
		case strings.HasSuffix(u, ".html"):
			kinds["article"]++
		}
	}
	recs := corpusState(t, dir)
	if kinds["listing"] < 2 || kinds["404"] < 1 || kinds["article"] < len(recs) || len(recs) < 10 {
		t.Errorf("archived %v for %d stored articles", kinds, len(recs))
	}
	checkCorpus(t, dir)
}

// TestBrokenProfileDriftThenReclean: a profile whose body selector no
// longer matches makes the crawl exit non-zero naming the site and the
// selector; once the profile is fixed, reclean — with the replica server
// gone, so no network — restores the articles a good crawl stores.
func TestBrokenProfileDriftThenReclean(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end crawl")
	}
	s := newReplicaSite(t)
	good := t.TempDir()
	if out, logs, code := runCode(t, crawlArgs(good, s)...); code != 0 {
		t.Fatalf("good crawl exit %d\n%s\n%s", code, out, logs)
	}
	profiles := t.TempDir()
	const broken = "div.layout-2027-body"
	os.WriteFile(filepath.Join(profiles, ldt+".json"), []byte(`{"name":"`+ldt+`","article":{"body":"`+broken+`"}}`), 0o644)
	dir := t.TempDir()
	out, logs, code := runCode(t, crawlArgs(dir, s, "-sites", profiles)...)
	if code != exitDrift {
		t.Fatalf("broken-profile crawl exit %d, want %d\n%s\n%s", code, exitDrift, out, logs)
	}
	if !strings.Contains(out, "DRIFT ALARM") {
		t.Errorf("summary has no drift alarm:\n%s", out)
	}
	for _, want := range []string{ldt, broken} {
		if !strings.Contains(out, want) || !strings.Contains(logs, want) {
			t.Errorf("summary or error lacks %q:\nstdout:\n%s\nstderr tail:\n%s", want, out, tail(logs))
		}
	}
	stats, _, _ := runCode(t, "stats", "-data", dir)
	if !regexp.MustCompile(ldt + ` +.*off-profile \d+`).MatchString(stats) {
		t.Errorf("stats shows no off-profile outcome:\n%s", stats)
	}
	s.srv.Close() // network off
	out, logs, code = runCode(t, "reclean", "-data", dir, "-dry-run")
	if code != 0 || !regexp.MustCompile(`recovered: +[1-9]`).MatchString(out) {
		t.Fatalf("reclean -dry-run exit %d\n%s\n%s", code, out, logs)
	}
	if !sameArticles(corpusState(t, dir), nil, true) {
		t.Fatal("-dry-run changed the corpus")
	}
	out, logs, code = runCode(t, "reclean", "-data", dir, "-site", ldt)
	if code != 0 {
		t.Fatalf("reclean exit %d\n%s\n%s", code, out, logs)
	}
	if !regexp.MustCompile(`recovered: +[1-9]`).MatchString(out) {
		t.Errorf("reclean recovered nothing:\n%s", out)
	}
	want, got := byText(corpusState(t, good)), byText(corpusState(t, dir))
	if len(want) != len(got) {
		t.Errorf("after reclean %d texts, a good crawl has %d", len(got), len(want))
	}
	for h, w := range want {
		if got[h] != w {
			t.Errorf("good crawl has %q, after reclean %q", w, got[h])
		}
	}
	checkCorpus(t, dir)
	db, err := store.Open(dir, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for u := range corpusState(t, good) {
		// A re-clean of the same fetch is not a new version of the page.
		if vs, err := db.Versions(store.ID(u)); err == nil && len(vs) != 1 {
			t.Errorf("%s: %d versions after reclean, want 1", u, len(vs))
		}
	}
	db.Close()
	again, logs, code := runCode(t, "reclean", "-data", dir)
	if code != 0 || !regexp.MustCompile(`articles stored: +0 new, 0 updated`).MatchString(again) {
		t.Errorf("second reclean is not idempotent (exit %d):\n%s\n%s", code, again, logs)
	}
}

// sameArticles reports, with anyOffProfile, whether want still has an
// off-profile article; otherwise whether want and got hold the same texts.
func sameArticles(want, got map[string]store.Record, anyOffProfile bool) bool {
	if anyOffProfile {
		for _, r := range want {
			if !strings.HasPrefix(r.Extractor, "profile") {
				return true
			}
		}
		return false
	}
	return fmt.Sprint(byText(want)) == fmt.Sprint(byText(got))
}

// byText keys a corpus by content hash (which of two URLs with one text
// holds it depends on fetch order), with site, title and rung.
func byText(m map[string]store.Record) map[string]string {
	out := map[string]string{}
	for _, r := range m {
		out[r.ContentHash] = r.Site + " | " + r.Title + " | " + r.Extractor
	}
	return out
}

func tail(s string) string {
	if len(s) > 2000 {
		return s[len(s)-2000:]
	}
	return s
}

// TestExitStatus: each way a crawl can fail gives its own non-zero
// status and says what failed; a start-up failure prints no summary.
func TestExitStatus(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end crawl")
	}
	t.Run("no network", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		dead := "http://" + ln.Addr().String()
		ln.Close() // nothing listens there now
		dir := t.TempDir()
		out, logs, code := runCode(t, "crawl", "-data", dir, "-site", ldt, "-delay", "1ms", "-mirror", ldt+"="+dead)
		if code != exitNoPages || !strings.Contains(out, "NO PAGES") || !strings.Contains(logs, ldt+" answered no page") {
			t.Errorf("exit %d, want %d\n%s\n%s", code, exitNoPages, out, tail(logs))
		}
	})
	t.Run("store writes fail", func(t *testing.T) {
		s := newReplicaSite(t)
		dir := t.TempDir()
		// A file where the site's corpus directory must go: every write fails.
		os.MkdirAll(filepath.Join(dir, "corpus"), 0o755)
		os.WriteFile(filepath.Join(dir, "corpus", ldt), []byte("not a directory"), 0o644)
		out, logs, code := runCode(t, crawlArgs(dir, s)...)
		if code != exitStoreFailed || !strings.Contains(logs, "articles not stored") || !strings.Contains(out, "store writes failed") {
			t.Errorf("exit %d, want %d\n%s\n%s", code, exitStoreFailed, out, tail(logs))
		}
		// Nothing was marked done: once the disk is fixed, a crawl stores them.
		os.Remove(filepath.Join(dir, "corpus", ldt))
		out, logs, code = runCode(t, crawlArgs(dir, s)...)
		if n := len(corpusState(t, dir)); code != 0 || n < 10 {
			t.Errorf("crawl after the fix: exit %d, %d articles\n%s\n%s", code, n, out, tail(logs))
		}
		checkCorpus(t, dir)
	})
	t.Run("database in use", func(t *testing.T) {
		s := newReplicaSite(t)
		dir := t.TempDir()
		db, err := store.Open(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		out, logs, code := runCode(t, crawlArgs(dir, s)...)
		if code != 1 || out != "" || !strings.Contains(logs, "database in use") {
			t.Errorf("exit %d, stdout %q (want no summary)\n%s", code, out, logs)
		}
	})
	t.Run("clean run", func(t *testing.T) {
		s := newReplicaSite(t)
		if out, logs, code := runCode(t, crawlArgs(t.TempDir(), s)...); code != 0 {
			t.Errorf("exit %d\n%s\n%s", code, out, tail(logs))
		}
	})
}

// TestRefresh: refresh sends conditional requests; unchanged articles
// answer 304 and nothing is rewritten; a changed article gets a second
// version; a removed one is recorded as gone and keeps its text.
func TestRefresh(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end crawl")
	}
	s := newReplicaSite(t)
	dir := t.TempDir()
	if out, logs, code := runCode(t, crawlArgs(dir, s)...); code != 0 {
		t.Fatalf("crawl exit %d\n%s\n%s", code, out, tail(logs))
	}
	before := corpusState(t, dir)
	stamp := func() map[string]string {
		m := map[string]string{}
		filepath.Walk(filepath.Join(dir, "corpus"), func(p string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() {
				m[p] = fi.ModTime().String()
			}
			return nil
		})
		return m
	}
	files := stamp()
	refresh := append([]string{"refresh", "-data", dir, "-site", ldt, "-delay", "1ms"}, s.mirrorArgs()...)
	out, logs, code := runCode(t, refresh...)
	if code != 0 {
		t.Fatalf("refresh exit %d\n%s\n%s", code, out, tail(logs))
	}
	cond, notMod := s.counts()
	if cond < len(before) || notMod < len(before) {
		t.Errorf("%d conditional requests, %d answered 304, for %d stored articles", cond, notMod, len(before))
	}
	if !regexp.MustCompile(fmt.Sprintf(`refreshed: +%d not modified, 0 gone`, len(before))).MatchString(out) {
		t.Errorf("summary:\n%s", out)
	}
	if after := stamp(); fmt.Sprint(after) != fmt.Sprint(files) {
		t.Error("a 304 refresh rewrote corpus files")
	}
	var changed, removed string
	urls := make([]string, 0, len(before))
	for u := range before {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	for _, u := range urls {
		if pg, ok := s.rep.Lookup(u); before[u].Site != ldt || !ok || !strings.Contains(pg.ContentType, "utf-8") {
			continue
		}
		switch {
		case changed == "":
			changed = u
		case removed == "":
			removed = u
		}
	}
	s.mu.Lock()
	s.edits[s.path(changed)] = func(b []byte) []byte {
		const body = `__MB_CONTENT_FOR_PRINTER">`
		if !strings.Contains(string(b), body) {
			t.Errorf("%s: no article body to correct", changed)
		}
		return []byte(strings.Replace(string(b), body, body+"<p>Đính chính: số liệu trong bài đã được tòa soạn cập nhật lại sau khi kiểm tra với công đoàn cơ sở.</p>", 1))
	}
	s.gone[s.path(removed)] = true
	s.mu.Unlock()
	out, logs, code = runCode(t, append(refresh[:len(refresh):len(refresh)], "-older-than", "0s")...)
	if code != 0 || !strings.Contains(out, "1 gone") || !regexp.MustCompile(`articles stored: +0 new, 1 updated`).MatchString(out) {
		t.Fatalf("second refresh exit %d\n%s\n%s", code, out, tail(logs))
	}
	db, err := store.Open(dir, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	vs, err := db.Versions(store.ID(changed))
	if err != nil || len(vs) != 2 || vs[0].ContentHash == vs[1].ContentHash || !vs[1].FetchedAt.After(vs[0].FetchedAt) {
		t.Errorf("changed article: %d versions, %v", len(vs), err)
	} else if !strings.Contains(vs[1].Text, "Đính chính") {
		t.Errorf("latest version lacks the correction: %q", vs[1].Text[:80])
	}
	g, err := db.LookupURL(removed)
	if err != nil || g.GoneAt.IsZero() || g.Text != before[removed].Text {
		t.Errorf("removed article: gone_at %v, text kept %v, %v", g.GoneAt, g.Text == before[removed].Text, err)
	}
	db.Close()
	checkCorpus(t, dir)
}

// TestRefreshPolicyOnCrawl: a profile's refresh policy makes every crawl
// re-check the site's recent articles conditionally and pick up
// corrections, without re-reading unchanged ones.
func TestRefreshPolicyOnCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end crawl")
	}
	s := newReplicaSite(t)
	profiles := t.TempDir()
	os.WriteFile(filepath.Join(profiles, ldt+".json"), []byte(`{"name":"`+ldt+`","refresh":{"younger_than":"876000h"}}`), 0o644)
	dir := t.TempDir()
	if out, logs, code := runCode(t, crawlArgs(dir, s, "-sites", profiles)...); code != 0 {
		t.Fatalf("first crawl exit %d\n%s\n%s", code, out, tail(logs))
	}
	stored := corpusState(t, dir)
	var target string
	for u, r := range stored {
		if pg, ok := s.rep.Lookup(u); ok && r.Site == ldt && strings.Contains(pg.ContentType, "utf-8") && (target == "" || u < target) {
			target = u
		}
	}
	s.mu.Lock()
	s.edits[s.path(target)] = func(b []byte) []byte {
		const body = `__MB_CONTENT_FOR_PRINTER">`
		return []byte(strings.Replace(string(b), body, body+"<p>Cập nhật: thêm ý kiến của chủ tịch công đoàn cơ sở về chương trình.</p>", 1))
	}
	s.mu.Unlock()
	out, logs, code := runCode(t, crawlArgs(dir, s, "-sites", profiles)...)
	if code != 0 {
		t.Fatalf("second crawl exit %d\n%s\n%s", code, out, tail(logs))
	}
	if cond, notMod := s.counts(); cond < len(stored) || notMod < len(stored)-1 {
		t.Errorf("second crawl: %d conditional requests, %d not modified, for %d stored", cond, notMod, len(stored))
	}
	if r := corpusState(t, dir)[target]; !strings.Contains(r.Text, "Cập nhật: thêm ý kiến") {
		t.Errorf("correction of %s not picked up by the crawl", target)
	}
}

func TestArchiveCommandsUsage(t *testing.T) {
	for _, cmd := range []string{"reclean", "import", "refresh"} {
		if _, _, err := runCLI(t, cmd, "-help"); err != nil {
			t.Errorf("%s -help: %v", cmd, err)
		}
	}
	for _, args := range [][]string{{"import"}, {"refresh"}, {"refresh", "-site", ldt, "https://laodongthudo.vn/a-1.html"}, {"reclean", "extra"}} {
		if _, _, err := runCLI(t, args...); !errors.Is(err, errUsage) {
			t.Errorf("%v: err = %v, want usage error", args, err)
		}
	}
	if _, _, err := runCLI(t, "reclean", "-data", t.TempDir()); err == nil || !strings.Contains(err.Error(), "no archive") {
		t.Errorf("reclean without an archive: %v", err)
	}
}
