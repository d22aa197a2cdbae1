package neardup

import (
	"encoding/binary"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
	"golang.org/x/text/unicode/norm"
)

// sep marks a rune that separates words in the class tables.
const sep = -1

// lowBelow and the table runes: runes below lowBelow and in
// [extFirst, extFirst+len(ext)) (Latin Extended Additional, where
// Vietnamese keeps its precomposed letters) are classified by table
// lookup: sep, or the rune lower-cased. The tables are built once from
// the unicode package, so they decide exactly as Normalise does.
const (
	lowBelow = 0x300
	extFirst = 0x1e00
)

var lowClass, extClass = func() (low [lowBelow]rune, ext [0x100]rune) {
	class := func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return sep
		}
		return unicode.ToLower(r)
	}
	for r := range low {
		low[r] = class(rune(r))
	}
	for i := range ext {
		ext[i] = class(extFirst + rune(i))
	}
	return low, ext
}()

// classOf is Normalise's decision for one rune.
func classOf(r rune) rune {
	switch {
	case r < lowBelow:
		return lowClass[r]
	case r >= extFirst && r < extFirst+0x100:
		return extClass[r-extFirst]
	case unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r):
		return sep
	}
	return unicode.ToLower(r)
}

// plainNFC reports, without normalising, that s is certainly NFC: it
// holds only runes below U+0300 and from Latin Extended Additional,
// which are all starters that are NFC on their own and compose with no
// other rune of that set (TestPlainNFC checks this against the norm
// package). Valid UTF-8 is required too.
func plainNFC(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || (r >= lowBelow && (r < extFirst || r >= extFirst+0x100)) {
			return false
		}
		i += n
	}
	return true
}

// appendWords appends the xxhash of each word of Normalise(text) to dst,
// without building the normalised text: the words and their hashes are
// the same as those of strings.Fields(Normalise(text)).
func appendWords(dst []uint64, text string) []uint64 {
	if !plainNFC(text) {
		text = norm.NFC.String(text)
	}
	var arr [64]byte
	word := arr[:0]
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		i += n
		c := classOf(r)
		if c == sep {
			if len(word) > 0 {
				dst = append(dst, xxhash.Sum64(word))
				word = word[:0]
			}
			continue
		}
		word = utf8.AppendRune(word, c)
	}
	if len(word) > 0 {
		dst = append(dst, xxhash.Sum64(word))
	}
	return dst
}

// appendShingles appends the hash of every Shingle-word window of the
// word hashes w to dst (one hash of all words when there are fewer).
func appendShingles(dst []uint64, w []uint64) []uint64 {
	if len(w) == 0 {
		return dst
	}
	var buf [8 * Shingle]byte
	if len(w) < Shingle {
		for i, h := range w {
			binary.LittleEndian.PutUint64(buf[8*i:], h)
		}
		return append(dst, xxhash.Sum64(buf[:8*len(w)]))
	}
	for i := 0; i+Shingle <= len(w); i++ {
		for j := range Shingle {
			binary.LittleEndian.PutUint64(buf[8*j:], w[i+j])
		}
		dst = append(dst, xxhash.Sum64(buf[:]))
	}
	return dst
}
