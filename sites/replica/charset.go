package replica

import (
	"fmt"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// isToneMark reports whether r is one of the five Vietnamese tone marks
// that windows-1258 has as combining characters.
func isToneMark(r rune) bool {
	switch r {
	case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
		return true
	}
	return false
}

// encodeWindows1258 encodes NFC text to windows-1258 bytes.
//
// windows-1258 holds the base letters with their vowel shapes (â ê ô ơ ư
// ă đ) and a few precomposed toned letters (á é ...), but most toned
// letters ("ệ", "ở") exist only as base letter + combining tone mark. A
// rune that does not encode as it stands is therefore decomposed (NFD),
// its tone mark split off, the rest recomposed (NFC: "e"+U+0302 -> "ê")
// and written as that letter followed by the combining tone mark. This is
// how Windows itself writes Vietnamese in code page 1258; decoding and
// NFC-normalising gives back the original text.
func encodeWindows1258(s string) ([]byte, error) {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		if _, ok := charmap.Windows1258.EncodeRune(r); ok {
			b.WriteRune(r)
			continue
		}
		var base, tone []rune
		for _, d := range norm.NFD.String(string(r)) {
			if isToneMark(d) {
				tone = append(tone, d)
			} else {
				base = append(base, d)
			}
		}
		b.WriteString(norm.NFC.String(string(base)))
		b.WriteString(string(tone))
	}
	out, err := charmap.Windows1258.NewEncoder().Bytes([]byte(b.String()))
	if err != nil {
		return nil, fmt.Errorf("encode windows-1258: %w", err)
	}
	return out, nil
}

// decodeWindows1258 decodes windows-1258 bytes to NFC text.
func decodeWindows1258(b []byte) (string, error) {
	out, err := charmap.Windows1258.NewDecoder().Bytes(b)
	if err != nil {
		return "", fmt.Errorf("decode windows-1258: %w", err)
	}
	return norm.NFC.String(string(out)), nil
}
