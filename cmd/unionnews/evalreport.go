package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
)

// setSummary is one row of the eval table.
type setSummary struct {
	Set   string `json:"set"`
	Pages int    `json:"pages"`
	quality
	MinPageF1 float64 `json:"min_page_f1"`
	// Title, Author and Published are exact-match accuracies, nil when the
	// set's gold has no such field.
	Title       *float64    `json:"title_accuracy,omitempty"`
	Author      *float64    `json:"author_accuracy,omitempty"`
	Published   *float64    `json:"published_accuracy,omitempty"`
	PagesPerSec float64     `json:"pages_per_sec"`
	Errors      int         `json:"errors"`
	PageScores  []pageScore `json:"page_scores,omitempty"` // worst first, with -v
}

// evalReport is everything `unionnews eval` prints.
type evalReport struct {
	Sets        []setSummary `json:"sets"`
	Speed       *speedResult `json:"speed,omitempty"`
	FloorFailed []string     `json:"floor_failures,omitempty"`
}

// summarize aggregates a set; the page scores are kept, worst first,
// when withPages is set.
func summarize(r setResult, withPages bool) setSummary {
	s := setSummary{Set: r.Name, Pages: len(r.Pages), quality: aggregate(r.Pages), Errors: r.Errors, MinPageF1: 1}
	var title, author, date int
	for _, p := range r.Pages {
		s.MinPageF1 = min(s.MinPageF1, p.F1)
		title += b2i(p.TitleOK)
		author += b2i(p.AuthorOK)
		date += b2i(p.DateOK)
	}
	if r.Meta && len(r.Pages) > 0 {
		n := float64(len(r.Pages))
		s.Title, s.Author, s.Published = ptr(float64(title)/n), ptr(float64(author)/n), ptr(float64(date)/n)
	}
	if sec := r.Elapsed.Seconds(); sec > 0 {
		s.PagesPerSec = float64(len(r.Pages)) / sec
	}
	if withPages {
		s.PageScores = slices.SortedStableFunc(slices.Values(r.Pages), func(a, b pageScore) int {
			return cmp.Or(cmp.Compare(a.F1, b.F1), cmp.Compare(a.ID, b.ID))
		})
	}
	return s
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func ptr[T any](v T) *T { return &v }

// printReport writes the report as a table (or JSON).
func printReport(w io.Writer, rep evalReport, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\tpages\tP\tR\tF1\tworst F1\ttitle\tauthor\tdate\tpages/s\terrors\t")
	for _, s := range rep.Sets {
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%s\t%s\t%s\t%s\t%d\t\n", s.Set, s.Pages,
			s.P, s.R, s.F1, s.MinPageF1, acc(s.Title), acc(s.Author), acc(s.Published), rate(s), s.Errors)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if sp := rep.Speed; sp != nil {
		fmt.Fprintln(w, speedLine(*sp))
	}
	for _, s := range rep.Sets {
		printPages(w, s)
	}
	for _, f := range rep.FloorFailed {
		fmt.Fprintln(w, "FLOOR NOT MET:", f)
	}
	return nil
}

// rate is the pages per second, "-" when every page failed (the time
// then measures error returns, not cleaning).
func rate(s setSummary) string {
	if s.Errors == s.Pages {
		return "-"
	}
	return fmt.Sprintf("%.0f", s.PagesPerSec)
}

func acc(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.3f", *v)
}

func speedLine(sp speedResult) string {
	s := fmt.Sprintf("speed on %d site fixtures: profile rules %.0f pages/s, generic (Clean with nil profile) %.0f pages/s",
		sp.Pages, sp.ProfilePPS, sp.GenericPPS)
	if sp.Ratio == 0 {
		return s + fmt.Sprintf("; ratio n/a: the generic path failed on all %d pages", sp.GenericErrors)
	}
	s += fmt.Sprintf("; ratio %.1fx", sp.Ratio)
	if sp.GenericErrors > 0 {
		s += fmt.Sprintf(" (generic failed on %d pages)", sp.GenericErrors)
	}
	return s + " (parse-only ratio: see the cleaner benchmarks)"
}

// printPages writes a set's per-page lines, worst first.
func printPages(w io.Writer, s setSummary) {
	for _, p := range s.PageScores {
		line := fmt.Sprintf("%-11s F1 %.4f  P %.4f  R %.4f", s.Set, p.F1, p.P, p.R)
		if s.Title != nil {
			line += fmt.Sprintf("  title %s  author %s  date %s", ok(p.TitleOK), ok(p.AuthorOK), ok(p.DateOK))
		}
		line += "  " + p.ID
		if p.Err != "" {
			line += "  error: " + p.Err
		}
		fmt.Fprintln(w, line)
	}
}

func ok(b bool) string {
	if b {
		return "ok"
	}
	return "NO"
}
