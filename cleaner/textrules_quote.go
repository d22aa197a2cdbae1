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
	paras := append([]string{line}, body...)
	return trNewQuoteIndex(paras).isQuote(0, paras)
}

// trDropPullQuotes removes pull quotes from paras, never the first
// paragraph (a lead often restates the body on purpose), together with
// up to three short attribution lines that follow a quote ("Đồng chí
// Trần Văn Thuật", "- Phó Chủ tịch Tổng Liên đoàn…").
func trDropPullQuotes(paras []string) []string {
	ix := trNewQuoteIndex(paras)
	out := make([]string, 0, len(paras))
	for i := 0; i < len(paras); i++ {
		if i == 0 || !ix.isQuote(i, paras) {
			out = append(out, paras[i])
			continue
		}
		for n := 0; n < 3 && i+1 < len(paras) && trIsAttribution(paras[i+1]); n++ {
			i++
		}
	}
	return out
}

// trIsAttribution reports whether line is a short speaker/title line under
// a quote: no sentence end, or a dash-led title.
func trIsAttribution(line string) bool {
	if utf8.RuneCountInString(line) > 100 {
		return false
	}
	return !trEndsSentence(line) || strings.HasPrefix(line, "-") || strings.HasPrefix(line, "–")
}

// trQuoteIndex maps each shingle to the first few paragraphs holding it.
type trQuoteIndex struct {
	shingles [][]uint64
	where    map[uint64][]int
}

func trNewQuoteIndex(paras []string) trQuoteIndex {
	ix := trQuoteIndex{shingles: make([][]uint64, len(paras)), where: map[uint64][]int{}}
	for i, p := range paras {
		ix.shingles[i] = trShingleSet(p)
		for _, s := range ix.shingles[i] {
			if w := ix.where[s]; len(w) < 4 {
				ix.where[s] = append(w, i)
			}
		}
	}
	return ix
}

// isQuote reports whether paragraph i is mostly contained in one longer,
// different paragraph.
func (ix trQuoteIndex) isQuote(i int, paras []string) bool {
	sh := ix.shingles[i]
	if utf8.RuneCountInString(paras[i]) > trQuoteMaxRunes || len(sh) < trQuoteMinTokens-3 {
		return false
	}
	hits := map[int]int{}
	for _, s := range sh {
		for _, j := range ix.where[s] {
			if j != i && len(paras[j]) > len(paras[i]) {
				hits[j]++
			}
		}
	}
	for _, n := range hits {
		if float64(n) >= trQuoteOverlap*float64(len(sh)) {
			return true
		}
	}
	return false
}

// trShingleSet returns the distinct lower-cased 4-word shingles of s, as
// 64-bit FNV-1a hashes (a collision only makes a quote look likelier).
func trShingleSet(s string) []uint64 {
	toks := dumpWordTokens(strings.ToLower(s))
	if len(toks) < 4 {
		return nil
	}
	hs := make([]uint64, len(toks))
	for i, t := range toks {
		h := uint64(14695981039346656037) // FNV-1a offset basis
		for j := 0; j < len(t); j++ {
			h = (h ^ uint64(t[j])) * 1099511628211
		}
		hs[i] = h
	}
	seen := make(map[uint64]bool, len(toks))
	var out []uint64
	for i := 0; i+4 <= len(hs); i++ {
		k := ((hs[i]*31+hs[i+1])*31+hs[i+2])*31 + hs[i+3]
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
