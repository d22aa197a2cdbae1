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

// plainRune reports whether r is one of the runes a text may hold and
// still be NFC without normalising: runes below U+0300 and from Latin
// Extended Additional are all starters that are NFC on their own and
// compose with no other rune of that set (TestPlainRunes checks this
// against the norm package). An invalid byte (RuneError) is not plain.
func plainRune(r rune) bool {
	return r != utf8.RuneError && (r < lowBelow || (r >= extFirst && r < extFirst+0x100))
}

// appendWords appends the xxhash of each word of Normalise(text) to dst,
// without building the normalised text: the words and their hashes are
// the same as those of strings.Fields(Normalise(text)). The first pass
// assumes the text is plainly NFC and starts over on its NFC form when a
// rune says otherwise.
func appendWords(dst []uint64, text string) []uint64 {
	n := len(dst)
	if out, ok := scanWords(dst, text, true); ok {
		return out
	}
	out, _ := scanWords(dst[:n], norm.NFC.String(text), false)
	return out
}

// scanWords does appendWords' pass; with plain, it stops (false) at the
// first rune that is not plainRune.
func scanWords(dst []uint64, text string, plain bool) ([]uint64, bool) {
	var arr [64]byte
	word := arr[:0]
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf { // ASCII: the table's answer is one byte
			i++
			if l := lowClass[c]; l != sep {
				word = append(word, byte(l))
				continue
			}
		} else {
			r, n := utf8.DecodeRuneInString(text[i:])
			i += n
			if plain && !plainRune(r) {
				return dst, false
			}
			if l := classOf(r); l != sep {
				word = utf8.AppendRune(word, l)
				continue
			}
		}
		if len(word) > 0 {
			dst = append(dst, xxhash.Sum64(word))
			word = word[:0]
		}
	}
	if len(word) > 0 {
		dst = append(dst, xxhash.Sum64(word))
	}
	return dst, true
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
