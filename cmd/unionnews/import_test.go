package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/unionnews/unionnews/sites/replica"
)

// needTool returns the path of an external tool, skipping the test when
// it is missing locally and failing it under CI=true.
func needTool(t *testing.T, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing under CI=true (%s)", name, install)
	}
	t.Skipf("%s not installed (%s); skipped locally", name, install)
	return ""
}

// TestImportWgetWARC: a WARC that wget made of the replicas, imported
// with no network, yields the same articles as a crawl of them.
func TestImportWgetWARC(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end crawl")
	}
	wget := needTool(t, "wget", "apt-get install -y wget")
	s := newReplicaSite(t)
	crawled := t.TempDir()
	args := append([]string{"crawl", "-data", crawled, "-delay", "1ms"}, s.mirrorArgs()...)
	if out, logs, code := runCode(t, args...); code != 0 {
		t.Fatalf("crawl exit %d\n%s\n%s", code, out, tail(logs))
	}
	// wget fetches, through the mirror, every page the crawl fetched.
	mirrors := s.rep.Mirrors(s.srv.URL)
	var list []string
	for u := range archivedURLs(t, crawled) {
		host, path, _ := strings.Cut(strings.TrimPrefix(u, "https://"), "/")
		if base, ok := mirrors[host]; ok {
			list = append(list, base+"/"+path)
		}
	}
	sort.Strings(list)
	work := t.TempDir()
	listFile := filepath.Join(work, "urls.txt")
	os.WriteFile(listFile, []byte(strings.Join(list, "\n")+"\n"), 0o644)
	cmd := exec.Command(wget, "-q", "--max-redirect=0", "--warc-file="+filepath.Join(work, "replicas"), "--no-warc-keep-log",
		"--header", "Cookie: D1N="+replica.LaodongD1N, "-O", os.DevNull, "-i", listFile)
	cmd.Dir = work
	if out, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() != 8 { // 8: some 404s, as in the crawl
		t.Fatalf("wget: %v\n%s", err, out)
	}
	s.srv.Close() // network off
	imported := t.TempDir()
	args = []string{"import", "-data", imported}
	for host, base := range mirrors {
		args = append(args, "-mirror", host+"="+base)
	}
	out, logs, code := runCode(t, append(args, filepath.Join(work, "replicas.warc.gz"))...)
	if code != 0 {
		t.Fatalf("import exit %d\n%s\n%s", code, out, tail(logs))
	}
	want, got := corpusState(t, crawled), corpusState(t, imported)
	w, g := byText(want), byText(got)
	if len(w) < 30 || len(w) != len(g) {
		t.Errorf("crawl stored %d texts, import %d", len(w), len(g))
	}
	for h, v := range w {
		if g[h] != v {
			t.Errorf("crawl has %q, import has %q", v, g[h])
		}
	}
	checkCorpus(t, imported)
}
