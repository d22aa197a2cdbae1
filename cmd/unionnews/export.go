package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

func runExport(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "export", "[-data DIR] [-format jsonl] [-o FILE|-] [-site NAME] [-since DATE] [-until DATE] [-wait D]")
	data := fs.String("data", "data", "data directory")
	format := fs.String("format", "jsonl", "output format (jsonl)")
	out := fs.String("o", "-", "output file, - for standard output")
	site := fs.String("site", "", "export only this site")
	since := fs.String("since", "", "only articles published on or after DATE (YYYY-MM-DD or RFC3339; Asia/Ho_Chi_Minh)")
	until := fs.String("until", "", "only articles published before the end of DATE (YYYY-MM-DD or RFC3339)")
	wait := fs.Duration("wait", defaultWait, "while a crawl holds the data directory, wait up to this long for it (serve is read through its API)")
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 || *format != "jsonl" {
		if *format != "jsonl" {
			fmt.Fprintf(e.stderr, "unionnews export: unknown format %q (supported: jsonl)\n", *format)
		}
		fs.Usage()
		return errUsage
	}
	f := exportFilter{site: *site}
	var err error
	if f.since, err = parseDate(*since, false); err != nil {
		return fmt.Errorf("-since: %w", err)
	}
	if f.until, err = parseDate(*until, true); err != nil {
		return fmt.Errorf("-until: %w", err)
	}
	if ok, err := exportViaServe(ctx, e, *data, *format, *out, f); ok {
		return err
	}
	if *out != "-" {
		var n int
		err := waitInUse(ctx, e.stderr, *data, *wait, func() (err error) { n, err = exportFile(*out, *data, f); return err })
		if err == nil {
			fmt.Fprintf(e.stderr, "exported %d records to %s\n", n, *out)
		}
		return err
	}
	return waitInUse(ctx, e.stderr, *data, *wait, func() error { _, err := export(e.stdout, *data, f); return err })
}

// exportFilter selects records by site and by date range.
type exportFilter struct {
	site         string
	since, until time.Time // zero: unbounded
}

func (f exportFilter) keep(r store.Record) bool {
	if f.site != "" && r.Site != f.site {
		return false
	}
	t := r.Published
	if t.IsZero() {
		t = r.FetchedAt // undated articles are filtered by when they were fetched
	}
	if !f.since.IsZero() && t.Before(f.since) {
		return false
	}
	return f.until.IsZero() || t.Before(f.until)
}

// exportRecord is one JSON Lines object. Every key is always present so
// that consumers see one schema; unknown values are null or empty.
type exportRecord struct {
	ID          string        `json:"id"`
	URL         string        `json:"url"`
	Site        string        `json:"site"`
	Title       string        `json:"title"`
	Lead        string        `json:"lead"`
	Text        string        `json:"text"`
	Author      string        `json:"author"`
	Published   *string       `json:"published"`
	Category    string        `json:"category"`
	Tags        []string      `json:"tags"`
	Images      []store.Image `json:"images"`
	Extractor   string        `json:"extractor"`
	FetchedAt   string        `json:"fetched_at"`
	ContentHash string        `json:"content_hash"`
}

func newExportRecord(r store.Record) exportRecord {
	x := exportRecord{
		ID: r.ID, URL: r.URL, Site: r.Site, Title: r.Title, Lead: r.Lead, Text: r.Text,
		Author: r.Author, Category: r.Category, Tags: r.Tags, Images: r.Images,
		Extractor: r.Extractor, FetchedAt: r.FetchedAt.Format(time.RFC3339), ContentHash: r.ContentHash,
	}
	if !r.Published.IsZero() {
		s := r.Published.In(sites.Zone()).Format(time.RFC3339)
		x.Published = &s
	}
	if x.Tags == nil {
		x.Tags = []string{}
	}
	if x.Images == nil {
		x.Images = []store.Image{}
	}
	return x
}

// export writes the records of the corpus at data that pass f.
func export(w io.Writer, data string, f exportFilter) (int, error) {
	db, err := store.Open(data, &store.Options{ReadOnly: true})
	if err != nil {
		return 0, err
	}
	defer db.Close()
	return exportDB(w, db, f)
}

// exportDB writes the records of db that pass f (serve exports through
// it over the database it holds).
func exportDB(w io.Writer, db *store.DB, f exportFilter) (int, error) {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n := 0
	err := db.ForEach(func(r store.Record) error {
		if !f.keep(r) {
			return nil
		}
		n++
		return enc.Encode(newExportRecord(r))
	})
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, bw.Flush()
}

// parseDate reads YYYY-MM-DD (a day in Asia/Ho_Chi_Minh) or RFC3339. With
// endOfDay, a plain date means the end of that day.
func parseDate(s string, endOfDay bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, sites.Zone())
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither YYYY-MM-DD nor RFC3339", s)
	}
	if endOfDay {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}
