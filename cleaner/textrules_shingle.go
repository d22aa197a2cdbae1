package cleaner

import (
	"unicode"
	"unicode/utf8"
)

// Shingles for the pull-quote rule, computed without building strings:
// a token is a maximal run of letters, digits and "_" of the lower-cased
// text (dumpWordTokens of strings.ToLower), hashed with 64-bit FNV-1a over
// its UTF-8 bytes; a shingle is 4 consecutive token hashes h0..h3 folded
// as ((h0*31+h1)*31+h2)*31+h3. A text of fewer than 4 tokens has none.

const (
	trFNVOffset = 14695981039346656037
	trFNVPrime  = 1099511628211
)

// trShingles appends the shingles of s, in order and with repeats, to buf.
func trShingles(s string, buf []uint64) []uint64 {
	var w0, w1, w2 uint64 // the last three tokens
	n := 0                // tokens so far
	h, in := uint64(trFNVOffset), false
	for i := 0; i <= len(s); {
		var lr rune
		word := false
		switch {
		case i == len(s):
			i++ // the end closes the last token
		case s[i] < utf8.RuneSelf:
			c := s[i]
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '_':
				lr, word = rune(c), true
			case 'A' <= c && c <= 'Z':
				lr, word = rune(c+'a'-'A'), true
			}
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			lr, word = trLowerWord(r)
		}
		if word {
			if !in {
				h, in = trFNVOffset, true
			}
			h = trHashRune(h, lr)
			continue
		}
		if !in {
			continue
		}
		in = false
		if n++; n >= 4 {
			buf = append(buf, ((w0*31+w1)*31+w2)*31+h)
		}
		w0, w1, w2 = w1, w2, h
	}
	return buf
}

// trHashRune adds the UTF-8 bytes of r to the FNV-1a hash h.
func trHashRune(h uint64, r rune) uint64 {
	switch {
	case r < 0x80:
		return (h ^ uint64(r)) * trFNVPrime
	case r < 0x800:
		h = (h ^ uint64(0xC0|r>>6)) * trFNVPrime
		return (h ^ uint64(0x80|r&0x3F)) * trFNVPrime
	case r < 0x10000:
		h = (h ^ uint64(0xE0|r>>12)) * trFNVPrime
		h = (h ^ uint64(0x80|(r>>6)&0x3F)) * trFNVPrime
		return (h ^ uint64(0x80|r&0x3F)) * trFNVPrime
	}
	var b [utf8.UTFMax]byte
	for _, c := range b[:utf8.EncodeRune(b[:], r)] {
		h = (h ^ uint64(c)) * trFNVPrime
	}
	return h
}

// trLowerWord returns unicode.ToLower(r) and whether it is a word rune
// (a letter, a digit or "_"), with fast paths for ASCII and the
// Vietnamese letters: Latin-1, Latin Extended Additional (U+1EA0–U+1EF9,
// upper case at even code points), ă đ ĩ ũ ơ ư (TestTrLowerWord checks
// them against package unicode).
func trLowerWord(r rune) (rune, bool) {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A', true
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '_':
			return r, true
		}
		return r, false
	case 0x1EA0 <= r && r <= 0x1EF9:
		return r | 1, true
	case 0xC0 <= r && r <= 0xDE && r != 0xD7:
		return r + 0x20, true
	case 0xDF <= r && r <= 0xFF && r != 0xF7:
		return r, true
	}
	switch r {
	case 0x102, 0x110, 0x128, 0x168, 0x1A0, 0x1AF: // Ă Đ Ĩ Ũ Ơ Ư
		return r + 1, true
	case 0x103, 0x111, 0x129, 0x169, 0x1A1, 0x1B0:
		return r, true
	}
	lr := unicode.ToLower(r)
	return lr, unicode.IsLetter(lr) || unicode.IsNumber(lr) || lr == '_'
}

// trShingleTable maps shingles to int32 values: open addressing with
// linear probing over a power-of-two table at most half full (shingles
// are hashes already).
type trShingleTable struct {
	keys  []uint64
	vals  []int32 // value + 1; 0 marks an empty slot
	shift uint
}

// newTrShingleTable returns a table for up to n shingles.
func newTrShingleTable(n int) trShingleTable {
	bits := uint(4)
	for 1<<bits < 2*n {
		bits++
	}
	return trShingleTable{keys: make([]uint64, 1<<bits), vals: make([]int32, 1<<bits), shift: 64 - bits}
}

func (t *trShingleTable) slot(h uint64) int {
	return int((h * 0x9E3779B97F4A7C15) >> t.shift)
}

// find returns the value of h and whether h is in the table.
func (t *trShingleTable) find(h uint64) (int32, bool) {
	mask := len(t.keys) - 1
	for i := t.slot(h); t.vals[i] != 0; i = (i + 1) & mask {
		if t.keys[i] == h {
			return t.vals[i] - 1, true
		}
	}
	return 0, false
}

// insert adds h, which is not in the table, with value v.
func (t *trShingleTable) insert(h uint64, v int32) {
	mask := len(t.keys) - 1
	i := t.slot(h)
	for t.vals[i] != 0 {
		i = (i + 1) & mask
	}
	t.keys[i], t.vals[i] = h, v+1
}

// trRunesOver reports whether s has more than n runes. It counts only
// when the length in bytes leaves a doubt, and stops at n+1: counting
// rune starts undercounts only invalid UTF-8, so a count that stays at
// most n is checked with utf8.RuneCountInString.
func trRunesOver(s string, n int) bool {
	switch {
	case len(s) <= n:
		return false
	case len(s) > utf8.UTFMax*n:
		return true
	}
	c := 0
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			if c++; c > n {
				return true
			}
		}
	}
	return utf8.RuneCountInString(s) > n
}
