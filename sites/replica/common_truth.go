package replica

import "strings"

// truthOf is the gold of an article, from its source data: the kicker
// before the headline, paragraphs, sub-headings, quotations, list items
// and table rows ("a | b", after the table's caption) in body order, the
// image captions apart; pull quotes and related boxes are not text.
func truthOf(a *article, category string) *Truth {
	t := &Truth{Title: a.Title, Lead: a.Lead, Author: a.Author, Published: a.when,
		Category: category, Tags: append([]string(nil), a.Tags...)}
	if a.Kicker != "" {
		t.Title = strings.TrimSpace(a.Kicker) + " " + a.Title
	}
	for _, bl := range a.Body {
		switch {
		case bl.P != "":
			t.Paragraphs = append(t.Paragraphs, bl.P)
		case bl.H != "":
			t.Paragraphs = append(t.Paragraphs, bl.H)
		case bl.Quote != "":
			t.Paragraphs = append(t.Paragraphs, bl.Quote)
		case bl.Img != "":
			if bl.Caption != "" {
				t.Captions = append(t.Captions, bl.Caption)
			}
		case len(bl.UL) > 0:
			t.Paragraphs = append(t.Paragraphs, bl.UL...)
		case len(bl.OL) > 0:
			t.Paragraphs = append(t.Paragraphs, bl.OL...)
		case bl.Table != nil:
			t.Paragraphs = append(t.Paragraphs, tableRows(bl.Table)...)
		}
	}
	return t
}

// tableRows is the text of a table: its caption, if any, then the head
// and every row with the cells joined by " | ".
func tableRows(tb *table) []string {
	var out []string
	if tb.Caption != "" {
		out = append(out, tb.Caption)
	}
	out = append(out, strings.Join(tb.Head, " | "))
	for _, row := range tb.Rows {
		out = append(out, strings.Join(row, " | "))
	}
	return out
}
