package cleaner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Comparison keys of lines: trFold (case and diacritics folded) and trKey
// (case folded). Both run on every line of an article, so the common
// runes (ASCII and the Vietnamese letters) take table-free or
// precomputed fast paths; anything else takes the plain definition.

// trFoldTrim is the punctuation trFold trims from both ends.
const trFoldTrim = " .:;,!?…-–—|>»"

// trFold folds s for loose comparison: NFD, combining marks dropped, đ→d,
// lower case, whitespace collapsed, surrounding punctuation trimmed.
func trFold(s string) string {
	if trIsASCII(s) {
		return strings.Trim(strings.ToLower(strings.Join(strings.Fields(s), " ")), trFoldTrim)
	}
	if f, ok := trFoldLatin(s); ok {
		return f
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.Trim(b.String(), trFoldTrim)
}

// trFoldLatin is trFold for text of ASCII and the letters of
// trFoldRunes; ok is false for any other text. The NFD of such a letter
// is one base letter and combining marks (Mn), all dropped; a base letter
// is never reordered, so folding letter by letter equals folding the
// decomposed text.
func trFoldLatin(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r >= utf8.RuneSelf:
			f := trFoldRune(r)
			if f == 0 {
				return "", false
			}
			r = f
		case r == ' ' || ('\t' <= r && r <= '\r'):
			space = true
			continue
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return strings.Trim(b.String(), trFoldTrim), true
}

// trFoldRune returns the folded letter of a Vietnamese letter outside
// ASCII (the lower-cased base of its NFD, đ→d), or 0. TestTrFoldRune
// checks it against the definition for every rune.
func trFoldRune(r rune) rune {
	switch {
	case 0xC0 <= r && r <= 0x1B0:
		return trFoldRunes[r-0xC0]
	case 0x1EA0 <= r && r <= 0x1EF9:
		return trFoldViet[r-0x1EA0]
	}
	return 0
}

// trFoldRunes folds U+00C0–U+01B0: À…ư (0 = not a letter that folds to
// one letter); trFoldViet folds U+1EA0–U+1EF9: Ạ…ỹ.
var (
	trFoldRunes = trFoldTable(0xC0, 0x1B0)
	trFoldViet  = trFoldTable(0x1EA0, 0x1EF9)
)

// trFoldTable computes the folded letters of lo..hi: for a letter whose
// NFD is a base letter followed by combining marks (Mn) only, the
// lower-cased base (đ→d); 0 for other runes.
func trFoldTable(lo, hi rune) []rune {
	t := make([]rune, hi-lo+1)
	for r := lo; r <= hi; r++ {
		if !unicode.IsLetter(r) {
			continue
		}
		d := []rune(norm.NFD.String(string(r)))
		base := d[0]
		ok := !unicode.Is(unicode.Mn, base) && !unicode.IsSpace(base)
		for _, m := range d[1:] {
			ok = ok && unicode.Is(unicode.Mn, m)
		}
		switch {
		case !ok:
		case base == 'đ' || base == 'Đ':
			t[r-lo] = 'd'
		default:
			t[r-lo] = unicode.ToLower(base)
		}
	}
	return t
}

// trKey is the dedupe key of a line: lower case, whitespace collapsed,
// diacritics kept (strings.ToLower of the words of s joined by single
// spaces). A line whose words are already joined by single spaces is
// lower-cased in one pass, and returned as is when it has no upper case.
func trKey(s string) string {
	slow := func() string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return slow()
	}
	var b strings.Builder
	lowered := false // b holds s[:i] lower-cased
	prev := byte(0)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c == ' ' && prev == ' ') || (c != ' ' && '\t' <= c && c <= '\r') {
				return slow()
			}
			prev = c
			if 'A' <= c && c <= 'Z' && !lowered {
				b.Grow(len(s))
				b.WriteString(s[:i])
				lowered = true
			}
			if lowered {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		lr, word := trLowerWord(r)
		if (r == utf8.RuneError && size == 1) || (!word && unicode.IsSpace(r)) {
			return slow()
		}
		if lr != r && !lowered {
			b.Grow(len(s))
			b.WriteString(s[:i])
			lowered = true
		}
		if lowered {
			b.WriteRune(lr)
		}
		prev = c
		i += size
	}
	if lowered {
		return b.String()
	}
	return s
}

// trToLower is strings.ToLower(s), in one pass over valid UTF-8 with the
// fast paths of trLowerWord; s itself when nothing changes.
func trToLower(s string) string {
	var b strings.Builder
	lowered := false // b holds s[:i] lower-cased
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return strings.ToLower(s)
			}
		}
		lr, _ := trLowerWord(r)
		if lr != r && !lowered {
			b.Grow(len(s))
			b.WriteString(s[:i])
			lowered = true
		}
		if lowered {
			b.WriteRune(lr)
		}
		i += size
	}
	if lowered {
		return b.String()
	}
	return s
}
