package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// initCost is one line of GODEBUG=inittrace=1 output: a package's init
// and what it allocated.
type initCost struct {
	pkg    string
	bytes  int64
	allocs int64
}

// initTrace runs bin with args under GODEBUG=inittrace=1 and returns the
// init cost of every package, in the order they ran.
func initTrace(t *testing.T, bin string, args ...string) []initCost {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", bin, args, err, stderr.Bytes())
	}
	var out []initCost
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		// init PKG @T ms, C ms clock, B bytes, A allocs
		f := strings.Fields(sc.Text())
		if len(f) < 11 || f[0] != "init" || f[8] != "bytes," {
			continue
		}
		b, err1 := strconv.ParseInt(f[7], 10, 64)
		a, err2 := strconv.ParseInt(f[9], 10, 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("unreadable inittrace line %q", sc.Text())
		}
		out = append(out, initCost{pkg: f[1], bytes: b, allocs: a})
	}
	if len(out) == 0 {
		t.Fatalf("no inittrace lines from %s %v:\n%s", bin, args, stderr.Bytes())
	}
	return out
}

// TestStartupDoesNotBuildDateTables guards issue 9 item 15 / issue 12
// item 4: go-dateparser (linked through the generic rung's
// go-trafilatura) used to compile ~4,000 regular expressions and build
// every locale's tables in package init — 0.25 s and ~80 MB before any
// command did anything. The fork in cleaner/generic/third_party builds them on first
// use, so a command that does not clean generically must not pay for
// them. Allocation counts are deterministic; times are in BenchmarkStartup.
func TestStartupDoesNotBuildDateTables(t *testing.T) {
	bin := buildBinary(t)
	var total, dateparser int64
	for _, c := range initTrace(t, bin, "version") {
		total += c.bytes
		if strings.HasPrefix(c.pkg, "github.com/markusmobius/go-dateparser") {
			dateparser += c.bytes
		}
		// Before the fork: go-dateparser/internal/data allocated 78 MB
		// and internal/timezone 5 MB. The largest left is go-domdistiller's
		// 1.7 MB string tables.
		if c.bytes > 4<<20 {
			t.Errorf("init of %s allocates %d bytes at start-up (limit 4 MiB)", c.pkg, c.bytes)
		}
	}
	if dateparser > 256<<10 {
		t.Errorf("go-dateparser's inits allocate %d bytes at start-up; its tables must be built on first use (limit 256 KiB)", dateparser)
	}
	if total > 16<<20 {
		t.Errorf("package inits allocate %d bytes in all before `version` runs (limit 16 MiB)", total)
	}
	t.Logf("package inits: %d bytes in all, go-dateparser %d", total, dateparser)
}

// BenchmarkStartup runs `unionnews version` (a command that neither
// opens a store nor cleans) against the peer a start-up cost is measured
// by: the smallest Go program, built and run in the same run. It reports
// wall time and the child's CPU time (user + system) per run. Peak RSS
// is measured by scripts/bench.sh with GNU time: a child's ru_maxrss
// from wait4 starts from the forking test binary's own RSS.
func BenchmarkStartup(b *testing.B) {
	dir := b.TempDir()
	un := filepath.Join(dir, "unionnews")
	if out, err := exec.Command("go", "build", "-o", un, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	hello := filepath.Join(dir, "hello")
	src := filepath.Join(dir, "hello.go")
	if err := os.WriteFile(src, []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	if out, err := exec.Command("go", "build", "-o", hello, src).CombinedOutput(); err != nil {
		b.Fatalf("go build hello: %v\n%s", err, out)
	}
	for _, c := range []struct {
		name string
		argv []string
	}{{"unionnews-version", []string{un, "version"}}, {"hello-go", []string{hello}}} {
		b.Run(c.name, func(b *testing.B) {
			var cpu time.Duration
			for b.Loop() {
				cmd := exec.Command(c.argv[0], c.argv[1:]...)
				if err := cmd.Run(); err != nil {
					b.Fatal(err)
				}
				cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			}
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}
