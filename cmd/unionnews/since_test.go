package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unionnews/unionnews/store"
)

// publishedDates returns the Published times of the records in dir.
func publishedDates(t *testing.T, dir string) []time.Time {
	t.Helper()
	db, err := store.Open(dir, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ds []time.Time
	if err := db.ForEach(func(r store.Record) error { ds = append(ds, r.Published); return nil }); err != nil {
		t.Fatal(err)
	}
	return ds
}

// -since also bounds the articles' own dates: a listing page holding new
// and old items, or a site without listing dates, must not bring older
// articles into the corpus.
func TestCrawlSinceFiltersArticleDates(t *testing.T) {
	if testing.Short() {
		t.Skip("crawl")
	}
	const site = "laodongthudo.vn"
	all := replicaCrawlArgs(t, site, "-delay", "1ms", "-q")
	if out, logs, err := runCLI(t, all...); err != nil {
		t.Fatalf("crawl: %v\n%s\n%s", err, out, logs)
	}
	dates := publishedDates(t, all[2])
	var dated []time.Time
	for _, d := range dates {
		if !d.IsZero() {
			dated = append(dated, d)
		}
	}
	if len(dated) < 4 {
		t.Fatalf("only %d dated articles in the replica crawl", len(dated))
	}
	slices.SortFunc(dated, time.Time.Compare)
	since := dated[len(dated)/2].In(time.FixedZone("ICT", 7*3600)).Format(time.DateOnly)
	bound, _ := parseDate(since, false)

	args := replicaCrawlArgs(t, site, "-delay", "1ms", "-q", "-since", since)
	out, logs, err := runCLI(t, args...)
	if err != nil {
		t.Fatalf("crawl -since: %v\n%s\n%s", err, out, logs)
	}
	got := publishedDates(t, args[2])
	if len(got) == 0 {
		t.Fatalf("crawl -since %s stored nothing:\n%s", since, out)
	}
	for _, d := range got {
		if !d.IsZero() && d.Before(bound) {
			t.Errorf("stored an article published %s, before -since %s", d, since)
		}
	}
	if m := regexp.MustCompile(`older than -since: +(\d+)`).FindStringSubmatch(out); m == nil || m[1] == "0" {
		t.Errorf("summary does not count the older articles:\n%s", out)
	}
	if !strings.Contains(out, "articles stored:") {
		t.Errorf("no summary:\n%s", out)
	}
}
