package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// A damaged database: stats says so and points at `unionnews repair`
// (no Go stack trace); repair rebuilds it from the corpus files; stats
// then shows every article again.
func TestRepairCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("crawl")
	}
	args := replicaCrawlArgs(t, "laodongthudo.vn", "-delay", "1ms", "-q")
	dir := args[2]
	if out, logs, err := runCLI(t, args...); err != nil {
		t.Fatalf("crawl: %v\n%s\n%s", err, out, logs)
	}
	before, _, err := runCLI(t, "stats", "-data", dir)
	if err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`articles: +(\d+)`).FindStringSubmatch(before)
	if want == nil || want[1] == "0" {
		t.Fatalf("stats before: %s", before)
	}

	damageDB(t, dir)

	func() {
		defer func() {
			if v := recover(); v != nil {
				t.Fatalf("stats panicked on a damaged database: %v", v)
			}
		}()
		_, _, err = runCLI(t, "stats", "-data", dir)
	}()
	var msg bytes.Buffer
	if code := exitCode(err, &msg); code != 1 || !strings.Contains(msg.String(), "damaged") || !strings.Contains(msg.String(), "unionnews repair") {
		t.Errorf("stats on a damaged database: exit %d, message %q", code, msg.String())
	}

	out, logs, err := runCLI(t, "repair", "-data", dir)
	if err != nil {
		t.Fatalf("repair: %v\n%s\n%s", err, out, logs)
	}
	if !strings.Contains(out, "rebuilt:") || !strings.Contains(out, "kept:") {
		t.Errorf("repair output:\n%s", out)
	}
	after, _, err := runCLI(t, "stats", "-data", dir)
	if err != nil {
		t.Fatalf("stats after repair: %v", err)
	}
	if got := regexp.MustCompile(`articles: +(\d+)`).FindStringSubmatch(after); got == nil || got[1] != want[1] {
		t.Errorf("after repair: %s, want %s articles", after, want[1])
	}
	// A second repair finds a sound database.
	out, _, err = runCLI(t, "repair", "-data", dir)
	if err != nil || !strings.Contains(out, "ok:") {
		t.Errorf("second repair: %v\n%s", err, out)
	}
}
