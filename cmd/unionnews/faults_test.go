package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/unionnews/unionnews/crawler/faultserver"
)

// maxFaultRSS bounds the crawl's peak resident memory against the fault
// site (a 50 MB page, a gzip bomb, 20,000 nested elements).
const maxFaultRSS = 300 << 20

// TestFaultServerCrawl crawls the hostile site of crawler/faultserver with
// the real binary through -mirror: the run completes, every fault is
// counted by kind in the summary, nothing outside the allowlist is
// contacted (the servers' connection logs), the peak RSS stays under
// 300 MB, and the exit status says pages failed.
func TestFaultServerCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and crawls the fault site (~20 s)")
	}
	var logMu sync.Mutex
	var serverLog []string
	srv, err := faultserver.Start(faultserver.Options{MaxRequests: 1000, Lifetime: 3 * time.Minute, Logf: func(f string, a ...any) {
		logMu.Lock()
		serverLog = append(serverLog, time.Now().Format("15:04:05.000 ")+fmt.Sprintf(f, a...))
		logMu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	defer func() {
		if t.Failed() {
			logMu.Lock()
			t.Logf("fault server log:\n%s", strings.Join(serverLog, "\n"))
			logMu.Unlock()
		}
	}()
	bin := buildBinary(t)
	dir := t.TempDir()
	cmd := exec.Command(bin, "crawl", "-data", dir, "-sites", filepath.Join("testdata", "faults"), "-site", faultserver.Host,
		"-mirror", faultserver.Host+"="+srv.URL, "-delay", "1ms", "-retries", "2", "-timeout", "2s",
		"-max-pages", "100", "-max-duration", "2m")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	runErr := cmd.Run()
	code := 0
	if ee, ok := runErr.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if runErr != nil {
		t.Fatal(runErr)
	}
	t.Logf("crawl: exit %d in %s\n%s", code, time.Since(start).Round(time.Millisecond), stdout.String())
	if code != exitPagesFailed {
		t.Errorf("exit status %d, want %d (pages failed)\nstderr:\n%s", code, exitPagesFailed, tail(stderr.String()))
	}

	// Peak RSS of the crawl process.
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss := int64(ru.Maxrss) << 10 // KiB on Linux
		t.Logf("peak RSS %d MiB", rss>>20)
		if rss > maxFaultRSS {
			t.Errorf("peak RSS %d MiB, over %d MiB", rss>>20, maxFaultRSS>>20)
		}
	} else {
		t.Error("no rusage for the crawl process")
	}

	// Nothing outside the allowlist was contacted.
	for _, v := range srv.Violations() {
		t.Errorf("allowlist violated: %s", v)
	}
	conns := srv.Conns()
	if len(conns) == 0 {
		t.Error("the fault server logged no connection")
	}
	if n := srv.Refused(); n > 0 {
		t.Errorf("%d requests past the fault server's budget: a trap was not bounded", n)
	}

	// Each fault counted by kind.
	errKinds := parseKinds(t, stdout.String(), "errors by kind:")
	retryKinds := parseKinds(t, stdout.String(), "retried by kind:")
	wantErr := map[string]int{}
	for _, f := range faultserver.Faults {
		if k, ok := strings.CutPrefix(f.Want, "failed:"); ok {
			wantErr[k]++
		}
		if f.Retry != "" && retryKinds[f.Retry] == 0 {
			t.Errorf("%s: no retry of kind %s counted (retried: %v)", f.Name, f.Retry, retryKinds)
		}
	}
	for k, n := range wantErr {
		if errKinds[k] != n {
			t.Errorf("errors of kind %s: %d, want %d", k, errKinds[k], n)
		}
	}
	for k, n := range errKinds {
		if wantErr[k] == 0 {
			t.Errorf("unexpected errors of kind %s: %d", k, n)
		}
	}
	if !strings.Contains(stdout.String(), "blocked by robots.txt: 1") {
		t.Error("the robots.txt Disallow was not counted")
	}

	// What was stored.
	state := corpusState(t, dir)
	served := srv.Served()
	for _, f := range faultserver.Faults {
		r, stored := state[f.URL()]
		switch {
		case f.Want == faultserver.WantStored:
			if !stored {
				t.Errorf("%s: not stored", f.Name)
				continue
			}
			for _, p := range faultserver.Paragraphs(f.Name) {
				if !strings.Contains(r.Text, p) {
					t.Errorf("%s: stored text lacks %q\ngot: %q", f.Name, p, r.Text)
				}
			}
		case f.Want == faultserver.WantRobots:
			if stored || served[f.Name] > 0 {
				t.Errorf("%s: fetched (%d requests) though robots.txt disallows it", f.Name, served[f.Name])
			}
		case f.Want == faultserver.WantHandled:
			if served[f.Name] == 0 {
				t.Errorf("%s: never fetched", f.Name)
			}
		default: // not-stored, failed
			if stored {
				t.Errorf("%s: stored, want %s", f.Name, f.Want)
			}
		}
	}
	for _, trap := range []string{"pager", "calendar"} {
		if n := served[trap]; n == 0 || n > 6 {
			t.Errorf("%s trap: %d pages fetched, want 1..6 (listing.max_pages)", trap, n)
		}
	}
	checkCorpus(t, dir)
}

// parseKinds reads a "label  kind n, kind n" summary line.
func parseKinds(t *testing.T, out, label string) map[string]int {
	t.Helper()
	m := map[string]int{}
	for _, line := range strings.Split(out, "\n") {
		rest, ok := strings.CutPrefix(line, label)
		if !ok {
			continue
		}
		for _, item := range strings.Split(strings.TrimSpace(rest), ", ") {
			k, v, _ := strings.Cut(item, " ")
			n, err := strconv.Atoi(v)
			if err != nil {
				t.Fatalf("bad %q line: %q", label, line)
			}
			m[k] = n
		}
		return m
	}
	t.Errorf("no %q line in the summary", label)
	return m
}
