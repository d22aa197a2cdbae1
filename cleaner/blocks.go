package cleaner

import (
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// BlockHash is the boilerplate hash of a body block, in the manner of
// CCNet: the text is NFC-normalised and lower-cased, every digit becomes
// 0, Unicode punctuation is removed, white space is collapsed to single
// spaces (and trimmed), diacritics are kept; the result is hashed with
// 64-bit FNV-1a. So "Hotline: 0912 345 678." and "HOTLINE 0987 654 321"
// hash alike, while "Mời" and "mới" do not.
func BlockHash(s string) uint64 {
	h := uint64(trFNVOffset) // FNV-1a, as hash/fnv's New64a
	space := false
	n := 0
	if !htmlIsNFC(s) {
		s = norm.NFC.String(s)
	}
	for _, r := range s {
		switch {
		case htmlIsLetter(r):
			r, _ = trLowerWord(r)
		case unicode.IsSpace(r):
			space = n > 0
			continue
		case unicode.IsPunct(r):
			continue
		case unicode.IsDigit(r):
			r = '0'
		default:
			r = unicode.ToLower(r)
		}
		if space {
			h = (h ^ ' ') * trFNVPrime
			space = false
		}
		h = trHashRune(h, r)
		n++
	}
	return h
}
