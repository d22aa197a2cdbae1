package neardup

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
	"golang.org/x/text/unicode/norm"
)

// Every rune plainRune lets through is a starter that is NFC on its own
// and never combines with the rune before it, so a string of them is
// NFC without normalising.
func TestPlainRunes(t *testing.T) {
	check := func(r rune) {
		s := string(r)
		p := norm.NFC.PropertiesString(s)
		if !norm.NFC.IsNormalString(s) || p.CCC() != 0 || !p.BoundaryBefore() {
			t.Errorf("U+%04X: normal %v, ccc %d, boundary before %v", r, norm.NFC.IsNormalString(s), p.CCC(), p.BoundaryBefore())
		}
	}
	for r := rune(0); r < lowBelow; r++ {
		check(r)
	}
	for r := rune(extFirst); r < extFirst+0x100; r++ {
		check(r)
	}
	for _, r := range []rune{0x302, 0x323, utf8.RuneError, 0x212b, 0xac00} {
		if plainRune(r) {
			t.Errorf("U+%04X counted as plain", r)
		}
	}
}

// appendWords gives the hashes of exactly the words of Normalise, on
// real articles and on random mixes of letters, decomposed marks,
// punctuation, symbols, other scripts and invalid bytes.
func TestWordsAreNormalisedWords(t *testing.T) {
	texts := []string{"", " … ", "HÀ NO\u0302\u0323I, “Tết”  sum-vầy!", "ǅ Ǆ ẞ İstanbul ΑΒΓ Ωmega", "a\xffb"}
	for _, b := range baseStories(t) {
		texts = append(texts, b.text())
	}
	alphabet := []string{"a", "Ă", "ộ", "Ộ", "o\u0302\u0323", "\u0301", " ", "\t", ",", "“", "€", "漢", "ﬁ", "Å", "\u212b", "\xe1", "1", "_", "-"}
	rng := rand.New(rand.NewPCG(9, 9))
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		var want []uint64
		for _, w := range strings.Fields(Normalise(s)) {
			want = append(want, xxhash.Sum64String(w))
		}
		if got := appendWords(nil, s); !slices.Equal(got, want) {
			t.Fatalf("words of %q: %d hashes, Normalise gives %q", s, len(got), Normalise(s))
		}
	}
}
