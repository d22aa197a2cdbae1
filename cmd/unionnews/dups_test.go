package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/unionnews/unionnews/sites/replica"
)

// demoData runs demo once into a temporary directory.
func demoData(t *testing.T) string {
	dir, _ := demoDataOutput(t)
	return dir
}

// demoDataOutput is demoData with what demo printed.
func demoDataOutput(t *testing.T) (dir, out string) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end crawl")
	}
	dir = t.TempDir()
	out, logs, err := runCLI(t, "demo", "-data", dir)
	if err != nil {
		t.Fatalf("demo: %v\n%s\n%s", err, out, logs)
	}
	return dir, out
}

// After demo, export gives one canonical record per planted story with
// its copies listed, no record for a copy, and keeps the lookalike
// stories apart; -all adds the copies with duplicate_of; dups and stats
// show the clusters.
func TestDemoExportsOneRecordPerStory(t *testing.T) {
	dir, demoOut := demoDataOutput(t)
	exp, _, err := runCLI(t, "export", "-data", dir)
	if err != nil {
		t.Fatal(err)
	}
	// The summary's corpus line counts stories as export does.
	if want := fmt.Sprintf("(%d stories; ", len(readJSONL(t, exp))); !strings.Contains(demoOut, want) {
		t.Errorf("demo's summary does not say %q:\n%s", want, demoOut)
	}
	byURL := map[string]exportRecord{}
	for _, r := range readJSONL(t, exp) {
		byURL[r.URL] = r
	}
	for _, s := range replica.PlantedStories() {
		c, ok := byURL[s.Canonical]
		if !ok {
			t.Errorf("no canonical record %s", s.Canonical)
			continue
		}
		var got []string
		for _, d := range c.Duplicates {
			got = append(got, d.URL)
		}
		if !slices.Equal(got, s.Copies) {
			t.Errorf("%s: duplicates %v, want %v", s.Canonical, got, s.Copies)
		}
		for _, u := range s.Copies {
			if _, ok := byURL[u]; ok {
				t.Errorf("copy %s exported as a record of its own", u)
			}
		}
	}
	for _, pair := range replica.Lookalikes() {
		// One of the pair may be a copy listed under a canonical of
		// another site; neither may list the other.
		for _, r := range byURL {
			var urls []string
			for _, d := range r.Duplicates {
				urls = append(urls, d.URL)
			}
			urls = append(urls, r.URL)
			if slices.Contains(urls, pair[0]) && slices.Contains(urls, pair[1]) {
				t.Errorf("lookalikes %s and %s merged into one story", pair[0], pair[1])
			}
		}
	}

	all, _, err := runCLI(t, "export", "-data", dir, "-all")
	if err != nil {
		t.Fatal(err)
	}
	allRecs := readJSONL(t, all)
	copies := 0
	for _, r := range allRecs {
		if r.DuplicateOf != "" {
			copies++
		}
	}
	if want := len(replica.PlantedStories()); copies != want || len(allRecs) != len(byURL)+copies {
		t.Errorf("export -all: %d records, %d with duplicate_of; want %d + %d", len(allRecs), copies, len(byURL), want)
	}

	dups, _, err := runCLI(t, "dups", "-data", dir, "-site", "congdoan.vn")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dups, "2 stories stored from more than one URL, 2 copies") {
		t.Errorf("dups -site congdoan.vn:\n%s", dups)
	}
	stats, _, err := runCLI(t, "stats", "-data", dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"clusters:  3 stories", "congdoan.vn                <- laodongcongdoan.vn         2 copies"} {
		if !strings.Contains(stats, want) {
			t.Errorf("stats lacks %q:\n%s", want, stats)
		}
	}
	if _, _, err := runCLI(t, "dups", "-data", dir, "-site", "nosuch.vn"); err == nil {
		t.Error("dups -site nosuch.vn: no error")
	}

	// A rebuild with a strict threshold keeps only the exact copies; the
	// default threshold brings the clusters back.
	for _, c := range []struct{ threshold, want string }{{"1", "1 clusters"}, {"0.27", "3 clusters"}} {
		out, logs, err := runCLI(t, "dedup", "-rebuild", "-data", dir, "-threshold", c.threshold)
		if err != nil || !strings.Contains(out, c.want) {
			t.Errorf("dedup -rebuild -threshold %s: %v\n%s\n%s", c.threshold, err, out, logs)
		}
	}
	if _, _, err := runCLI(t, "dedup", "-data", dir); err == nil {
		t.Error("dedup without -rebuild: no usage error")
	}
	again, _, err := runCLI(t, "export", "-data", dir)
	if err != nil || again != exp {
		t.Errorf("export after two rebuilds differs (err %v)", err)
	}
}

// Two crawls of the same sites in opposite orders keep the same
// canonical article for every story.
func TestCanonicalIndependentOfCrawlOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end crawl")
	}
	mirrors := serveReplicaMirrors(t)
	sites := []string{"congdoan.vn", "laodongcongdoan.vn"}
	canon := func(order []string) map[string]string {
		dir := t.TempDir()
		for _, s := range order {
			args := append([]string{"crawl", "-data", dir, "-site", s, "-delay", "1ms"}, mirrors...)
			if out, logs, err := runCLI(t, args...); err != nil {
				t.Fatalf("crawl %s: %v\n%s\n%s", s, err, out, logs)
			}
		}
		exp, _, err := runCLI(t, "export", "-data", dir, "-all")
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, r := range readJSONL(t, exp) {
			out[r.URL] = r.DuplicateOf
		}
		return out
	}
	a := canon(sites)
	b := canon([]string{sites[1], sites[0]})
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d and %d records", len(a), len(b))
	}
	for u, d := range a {
		if b[u] != d {
			t.Errorf("%s: duplicate_of %q in one order, %q in the other", u, d, b[u])
		}
	}
	for _, s := range replica.PlantedStories()[:2] {
		for _, c := range s.Copies {
			if a[c] != s.Canonical {
				t.Errorf("%s: duplicate_of %q, want %s", c, a[c], s.Canonical)
			}
		}
	}
}
