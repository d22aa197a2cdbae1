package main

import (
	"bytes"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/unionnews/unionnews/sites"
)

// Bad flag values are usage errors that name the flag.
func TestBadFlagValuesRefused(t *testing.T) {
	for _, args := range [][]string{
		{"crawl", "-log-format", "xml"},
		{"crawl", "-delay", "-5s"},
		{"crawl", "-max-articles", "-3"},
		{"crawl", "-max-pages", "0"},
		{"crawl", "-max-duration", "-1h"},
		{"sites", "check", "-sample", "-1"},
		{"demo", "-log-format", "yaml"},
	} {
		_, stderr, err := runCLI(t, args...)
		flagName := args[len(args)-2]
		if err != errUsage || !strings.Contains(stderr, "invalid value") || !strings.Contains(stderr, flagName) {
			t.Errorf("%v: err %v, stderr %q; want a usage error naming %s", args, err, firstLine(stderr), flagName)
		}
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// A stray argument is named, not just answered with the usage text.
func TestStrayArgumentNamed(t *testing.T) {
	for _, cmd := range [][]string{{"crawl"}, {"demo"}, {"stats"}, {"version"}, {"sites", "check"}} {
		args := append(append([]string{}, cmd...), "oops")
		_, stderr, err := runCLI(t, args...)
		if err != errUsage || !strings.Contains(stderr, `unexpected argument "oops"`) {
			t.Errorf("%v: err %v, stderr %q", args, err, firstLine(stderr))
		}
	}
}

func TestHelpCommand(t *testing.T) {
	_, stderr, err := runCLI(t, "help", "crawl")
	if err != nil || !strings.Contains(stderr, "Usage: unionnews crawl") || !strings.Contains(stderr, "-max-pages") {
		t.Errorf("help crawl: err %v, output %q", err, stderr)
	}
	_, stderr, err = runCLI(t, "help", "sites", "check")
	if err != nil || !strings.Contains(stderr, "Usage: unionnews sites check") {
		t.Errorf("help sites check: err %v, output %q", err, stderr)
	}
	out, _, _ := runCLI(t, "help")
	if !regexp.MustCompile(`(?m)^  sites check\s+\S`).MatchString(out) {
		t.Errorf("top-level usage does not list `sites check`:\n%s", out)
	}
	// demo -help: the -serve placeholder is ADDR, not a word of its text.
	_, stderr, _ = runCLI(t, "demo", "-help")
	if strings.Contains(stderr, "-serve crawl") || !strings.Contains(stderr, "-serve ADDR") {
		t.Errorf("demo -help:\n%s", stderr)
	}
}

// Every command defaults to one data directory.
func TestOneDefaultDataDir(t *testing.T) {
	re := regexp.MustCompile(`(?s)-data string\n[^\n]*\(default "([^"]+)"\)`)
	seen := map[string]string{}
	for _, cmd := range []string{"crawl", "demo", "stats", "export"} {
		_, stderr, _ := runCLI(t, cmd, "-help")
		m := re.FindStringSubmatch(stderr)
		if m == nil {
			t.Fatalf("%s -help shows no -data default:\n%s", cmd, stderr)
		}
		seen[cmd] = m[1]
	}
	for cmd, d := range seen {
		if d != defaultDataDir {
			t.Errorf("%s defaults to -data %q, want %q like the others (all: %v)", cmd, d, defaultDataDir, seen)
		}
	}
}

// The demo and a real crawl never share a data directory.
func TestDemoAndCrawlDataDirsKeptApart(t *testing.T) {
	demoDir := t.TempDir()
	if err := claimDemoDir(demoDir); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "crawl", "-data", demoDir, "-site", "laodongthudo.vn"); err == nil || !strings.Contains(err.Error(), "demo's corpus") {
		t.Errorf("crawl into the demo's directory: %v", err)
	}
	real := t.TempDir()
	os.WriteFile(filepath.Join(real, "unionnews.db"), nil, 0o644)
	if err := claimDemoDir(real); err == nil || !strings.Contains(err.Error(), "real corpus") {
		t.Errorf("demo into a real corpus: %v", err)
	}
}

func TestMissingDatabaseError(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nope")
	_, _, err := runCLI(t, "stats", "-data", dir)
	if err == nil {
		t.Fatal("stats on a missing database succeeded")
	}
	msg := err.Error()
	if strings.Count(msg, "open ") > 1 || !strings.Contains(msg, "-data") {
		t.Errorf("error %q: want one \"open X\" and a hint about -data", msg)
	}
}

func TestServeDefaultsToLoopback(t *testing.T) {
	for in, want := range map[string]string{":0": "127.0.0.1:0", ":8080": "127.0.0.1:8080", "0.0.0.0:80": "0.0.0.0:80", "[::1]:9": "[::1]:9"} {
		if got := loopbackDefault(in); got != want {
			t.Errorf("loopbackDefault(%q) = %q, want %q", in, got, want)
		}
	}
}

// -mirror HOST must be a bare host some profile has: anything else would
// leave the mirror unused and fetch the real site live.
func TestMirrorHostChecked(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	for _, m := range []string{"https://laodongthudo.vn=" + srv.URL, "laodongthudo.vn:443=" + srv.URL, "laodngthudo.vn=" + srv.URL, "laodongthudo.vn/=" + srv.URL} {
		data := filepath.Join(t.TempDir(), "data")
		out, _, err := runCLI(t, "crawl", "-data", data, "-site", "laodongthudo.vn", "-mirror", m, "-max-duration", "2s")
		if err == nil || !strings.Contains(err.Error(), "-mirror") {
			t.Errorf("-mirror %s: err %v, want a -mirror error", m, err)
		}
		if _, err := os.Stat(data); err == nil {
			t.Errorf("-mirror %s: the refused crawl created its data directory", m)
		}
		if out != "" {
			t.Errorf("-mirror %s: start-up failure printed a summary:\n%s", m, out)
		}
	}
	if _, _, err := runCLI(t, "sites", "check", "-site", "laodongthudo.vn", "-mirror", "laodng.vn="+srv.URL); err == nil {
		t.Error("sites check accepted an unknown -mirror host")
	}
	if hits.Load() != 0 {
		t.Errorf("the mirror got %d requests", hits.Load())
	}
}

// A start-up failure prints the error only, no all-zero summary.
func TestStartupFailurePrintsNoSummary(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, []byte("x"), 0o644)
	for _, args := range [][]string{
		{"crawl", "-data", t.TempDir(), "-site", "khong-co.vn"},
		{"crawl", "-data", file, "-site", "laodongthudo.vn"},
		{"crawl", "-data", t.TempDir(), "-sites", filepath.Join(t.TempDir(), "missing")},
	} {
		out, _, err := runCLI(t, args...)
		if err == nil || out != "" {
			t.Errorf("%v: err %v, stdout %q; want an error and no summary", args, err, out)
		}
	}
}

// `sites check` against a site that does not answer says UNREACHABLE,
// not BROKEN (a layout change).
func TestSitesCheckUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String()
	ln.Close()
	out, _, err := runCLI(t, "sites", "check", "-site", "laodongthudo.vn", "-delay", "1ms", "-retries", "0", "-mirror", "laodongthudo.vn="+dead)
	if err == nil || !strings.Contains(err.Error(), "unreachable") {
		t.Errorf("err = %v, want an unreachable error", err)
	}
	if !strings.Contains(out, "UNREACHABLE") || strings.Contains(out, "BROKEN") {
		t.Errorf("output:\n%s", out)
	}
}

// `… | head`: a closed stdout ends the run quietly.
func TestBrokenPipeExitsQuietly(t *testing.T) {
	var buf bytes.Buffer
	err := fmt.Errorf("export: write /dev/stdout: %w", syscall.EPIPE)
	if code := exitCode(err, &buf); code != 0 || buf.Len() != 0 {
		t.Errorf("exit %d, printed %q; want 0 and nothing", code, buf.String())
	}
}

// The README builds the binary with a stamped version and its cron lines
// run that binary.
func TestREADMEBuildAndCron(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	if !strings.Contains(readme, "go build -o unionnews ./cmd/unionnews") {
		t.Error("README has no build step `go build -o unionnews ./cmd/unionnews`")
	}
	cron := regexp.MustCompile("(?s)```cron\n(.*?)```").FindStringSubmatch(readme)
	if cron == nil {
		t.Fatal("README has no cron block")
	}
	for _, line := range strings.Split(strings.TrimSpace(cron[1]), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		if !strings.Contains(line, "./unionnews ") || strings.Contains(line, "go run") {
			t.Errorf("cron line does not run the built ./unionnews binary: %s", line)
		}
	}
	if v := buildVersion(); v == "" {
		t.Error("empty version")
	}
}

func TestWarnUnmirrored(t *testing.T) {
	reg, err := loadSites("")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := reg.Get("laodongthudo.vn")
	b, _ := reg.Get("nld.com.vn")
	var buf bytes.Buffer
	warnUnmirrored(slog.New(slog.NewTextHandler(&buf, nil)), []*sites.Profile{a, b}, map[string]string{"laodongthudo.vn": "http://127.0.0.1:1"})
	if !strings.Contains(buf.String(), "site=nld.com.vn") || strings.Contains(buf.String(), "site=laodongthudo.vn") {
		t.Errorf("warnings: %s", buf.String())
	}
}
