package cleaner

import (
	"strings"
	"unicode/utf8"
)

// Pull quotes: magazine layouts print a sentence of the body again in
// large type, often followed by the speaker's name and title on their own
// lines. In a text dump the quote reads as a duplicate paragraph.

const (
	// trQuoteMaxRunes bounds the length of a pull quote.
	trQuoteMaxRunes = 400
	// trQuoteMinTokens is the fewest words a pull quote has.
	trQuoteMinTokens = 6
	// trQuoteOverlap is the share of a line's 4-word shingles that must
	// occur in one longer paragraph for the line to be a pull quote.
	trQuoteOverlap = 0.6
)

// trIsPullQuote reports whether line repeats (most of) a longer paragraph
// of body, word for word in 4-word windows, case-insensitively. Class:
// pull quotes. Example: "Công đoàn Y tế các cấp đã chủ động, tích cực sáng
// tạo, lựa chọn được những vấn đề trọng tâm…" printed again after the body
// paragraph that holds it. Paragraphs equal to line are ignored.
func trIsPullQuote(line string, body []string) bool {
	flags := trQuoteFlags(append([]string{line}, body...), 0)
	return flags != nil && flags[0]
}

// trDropPullQuotes removes pull quotes from paras, never the first
// paragraph (a lead often restates the body on purpose), together with
// up to three short attribution lines that follow a quote ("Đồng chí
// Trần Văn Thuật", "- Phó Chủ tịch Tổng Liên đoàn…"). List items and
// table rows are never pull quotes (trQuoteCandidate), and a line of a
// list or a table row is never an attribution (trIsAttributionAt).
func trDropPullQuotes(paras []string) []string {
	flags := trQuoteFlags(paras, 1)
	if flags == nil {
		return paras
	}
	out := make([]string, 0, len(paras))
	for i := 0; i < len(paras); i++ {
		if !flags[i] || trIsIntertitle(paras, i) {
			out = append(out, paras[i])
			continue
		}
		for n := 0; n < 3 && i+1 < len(paras) && trIsAttributionAt(paras, i+1); n++ {
			i++
		}
	}
	return out
}

// trIsIntertitle reports whether paras[i] is an intertitle, not a pull
// quote: it ends no sentence (a trailing colon, which introduces what
// follows, ends none: a listicle's "Đối thoại định kỳ:") and the
// paragraph right after it, the one it introduces, repeats its words.
func trIsIntertitle(paras []string, i int) bool {
	p := strings.TrimSpace(paras[i])
	return i+1 < len(paras) && (!trEndsSentence(p) || strings.HasSuffix(p, ":")) && trIsPullQuote(p, paras[i+1:i+2])
}

// trIsAttribution reports whether line is a short speaker/title line under
// a quote: no sentence end, or a dash-led title. A table row ("a | b") is
// none.
func trIsAttribution(line string) bool {
	if utf8.RuneCountInString(line) > 100 || trIsTableRow(line) {
		return false
	}
	return !trEndsSentence(line) || strings.HasPrefix(line, "-") || strings.HasPrefix(line, "–")
}

// trIsAttributionAt is trIsAttribution for paras[i], which is no
// attribution when it belongs to a list: a list-marked line ("- …") next
// to another one. A lone dash-led line under a quote is the speaker's
// title ("- Phó Chủ tịch Tổng Liên đoàn…").
func trIsAttributionAt(paras []string, i int) bool {
	if trIsListItem(paras[i]) &&
		((i > 0 && trIsListItem(paras[i-1])) || (i+1 < len(paras) && trIsListItem(paras[i+1]))) {
		return false
	}
	return trIsAttribution(paras[i])
}

// trIsListItem reports whether line is marked as a list item: "- " (as
// the HTML path writes an <li>), "• ", "* " or "+ ".
func trIsListItem(line string) bool {
	if len(line) < 2 {
		return false
	}
	switch {
	case line[1] == ' ' && (line[0] == '-' || line[0] == '*' || line[0] == '+'):
		return true
	}
	return strings.HasPrefix(line, "• ")
}

// trIsTableRow reports whether line is a data-table row, its cells joined
// by " | " (as the HTML path writes a <tr>).
func trIsTableRow(line string) bool { return strings.Contains(line, " | ") }

// trQuoteCandidate reports whether line may be a pull quote at all: list
// items and table rows never are.
func trQuoteCandidate(line string) bool {
	return !trIsListItem(line) && !trIsTableRow(line)
}

// trQuoteShingle is a shingle of the candidate pull quotes.
type trQuoteShingle struct {
	cand int32 // the first candidate holding it
	more int32 // the other candidates holding it: a list in trQuoteShingles.more, -1 for none
	tail int32 // the last candidate holding it
	seen int32 // paragraphs holding it met so far
	last int32 // the last paragraph counted
}

// trQuoteMore is a link of a list of candidates.
type trQuoteMore struct{ cand, next int32 }

// trQuoteFlags reports which paragraphs from index first on are pull
// quotes, or returns nil when none is. A candidate (trQuoteCandidate, at
// most trQuoteMaxRunes runes, at least trQuoteMinTokens-3 distinct
// shingles) is a quote when at least trQuoteOverlap of its distinct
// shingles occur in one longer, different paragraph; for a heading (no
// sentence end) that paragraph is not the lead, paras[0]. Only the first
// four paragraphs holding a shingle count for it.
func trQuoteFlags(paras []string, first int) []bool {
	cand := func(i int) bool { return trQuoteCandidate(paras[i]) && !trRunesOver(paras[i], trQuoteMaxRunes) }
	i := first
	for i < len(paras) && !cand(i) {
		i++
	}
	if i >= len(paras) {
		return nil
	}
	// The shingles of every paragraph, paragraph j's at all[off[j]:off[j+1]].
	size := 0
	for _, p := range paras {
		size += len(p) / 6
	}
	all, off := make([]uint64, 0, size), make([]int, len(paras)+1)
	for j, p := range paras {
		all = trShingles(p, all)
		off[j+1] = len(all)
	}
	n := 0 // shingles of the candidates, repeats included
	for k := i; k < len(paras); k++ {
		if cand(k) {
			n += off[k+1] - off[k]
		}
	}
	x := trQuoteShingles{table: newTrShingleTable(n), entries: make([]trQuoteShingle, 0, n), nsh: make([]int, len(paras))}
	for ; i < len(paras); i++ {
		if sh := all[off[i]:off[i+1]]; cand(i) && trHasDistinct(sh, trQuoteMinTokens-3) {
			for _, h := range sh {
				x.add(h, int32(i))
			}
		}
	}
	if len(x.entries) == 0 {
		return nil
	}
	return x.scan(paras, all, off)
}

// trHasDistinct reports whether hs holds at least n (at most 3) distinct
// values.
func trHasDistinct(hs []uint64, n int) bool {
	var seen [3]uint64
	k := 0
	for _, h := range hs {
		if k >= n {
			break
		}
		if (k < 1 || h != seen[0]) && (k < 2 || h != seen[1]) {
			seen[k] = h
			k++
		}
	}
	return k >= n
}

// trQuoteShingles are the shingles of the candidate pull quotes.
type trQuoteShingles struct {
	table   trShingleTable // shingle -> entries index
	entries []trQuoteShingle
	more    []trQuoteMore // the lists of trQuoteShingle.more
	nsh     []int         // per paragraph, its distinct shingles if a candidate
}

// add records that candidate cand holds shingle h.
func (x *trQuoteShingles) add(h uint64, cand int32) {
	k, ok := x.table.find(h)
	if !ok {
		x.table.insert(h, int32(len(x.entries)))
		x.entries = append(x.entries, trQuoteShingle{cand: cand, more: -1, tail: cand, last: -1})
		x.nsh[cand]++
		return
	}
	e := &x.entries[k]
	if e.tail == cand {
		return // a repeat within the candidate
	}
	// Prepended: the list runs backwards, which hit does not mind.
	x.more = append(x.more, trQuoteMore{cand: cand, next: e.more})
	e.more, e.tail = int32(len(x.more)-1), cand
	x.nsh[cand]++
}

// scan counts, paragraph by paragraph, the candidates' shingles each
// holds and flags the candidates it contains.
func (x *trQuoteShingles) scan(paras []string, all []uint64, off []int) []bool {
	flags := make([]bool, len(paras))
	hits := make([]int, len(paras))
	var touched []int32
	for j := range paras {
		for _, h := range all[off[j]:off[j+1]] {
			k, ok := x.table.find(h)
			if !ok || x.entries[k].last == int32(j) {
				continue
			}
			e := &x.entries[k]
			e.last = int32(j)
			if e.seen++; e.seen > 4 {
				continue
			}
			touched = x.hit(paras, j, e.cand, hits, touched)
			for m := e.more; m >= 0; m = x.more[m].next {
				touched = x.hit(paras, j, x.more[m].cand, hits, touched)
			}
		}
		for _, i := range touched {
			flags[i] = flags[i] || float64(hits[i]) >= trQuoteOverlap*float64(x.nsh[i])
			hits[i] = 0
		}
		touched = touched[:0]
	}
	return flags
}

// hit counts for candidate i a shingle that paragraph j holds, when j
// can contain i: longer, and not the lead under a heading.
func (x *trQuoteShingles) hit(paras []string, j int, i int32, hits []int, touched []int32) []int32 {
	if int(i) == j || len(paras[j]) <= len(paras[i]) || (j == 0 && !trEndsSentence(paras[i])) {
		return touched
	}
	if hits[i] == 0 {
		touched = append(touched, i)
	}
	hits[i]++
	return touched
}
