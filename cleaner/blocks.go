package cleaner

import (
	"hash/fnv"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// BlockHash is the boilerplate hash of a body block, in the manner of
// CCNet: the text is NFC-normalised and lower-cased, every digit becomes
// 0, Unicode punctuation is removed, white space is collapsed to single
// spaces (and trimmed), diacritics are kept; the result is hashed with
// 64-bit FNV-1a. So "Hotline: 0912 345 678." and "HOTLINE 0987 654 321"
// hash alike, while "Mời" and "mới" do not.
func BlockHash(s string) uint64 {
	h := fnv.New64a()
	var buf [4]byte
	space := false
	n := 0
	for _, r := range norm.NFC.String(s) {
		switch {
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
			h.Write([]byte{' '})
			space = false
		}
		h.Write(buf[:utf8.EncodeRune(buf[:], r)])
		n++
	}
	return h.Sum64()
}
