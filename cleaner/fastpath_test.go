package cleaner

import (
	"hash/fnv"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// trShingleSetRef is the plain definition trShingles implements:
// distinct hashes of the 4-token windows of dumpWordTokens(ToLower(s)).
func trShingleSetRef(s string) []uint64 {
	toks := dumpWordTokens(strings.ToLower(s))
	if len(toks) < 4 {
		return nil
	}
	hs := make([]uint64, len(toks))
	for i, t := range toks {
		h := uint64(trFNVOffset)
		for j := 0; j < len(t); j++ {
			h = (h ^ uint64(t[j])) * trFNVPrime
		}
		hs[i] = h
	}
	var out []uint64
	for i := 0; i+4 <= len(hs); i++ {
		out = append(out, ((hs[i]*31+hs[i+1])*31+hs[i+2])*31+hs[i+3])
	}
	return trDistinct(out)
}

func TestTrShingles(t *testing.T) {
	for _, s := range []string{
		"", "một hai ba", "Một hai ba bốn", "CÔNG ĐOÀN Y TẾ các cấp đã chủ động, tích cực sáng tạo.",
		"a_b c-d 12.000 đoàn viên; Ẩn ỹ Ỹ", "x\xffy z w v \u0130stanbul \u212a K", "ǅ ǈ ǋ ǲ ß ẞ Σ ς",
		"Quận Ba Đình | 1.200 đoàn viên", "- Khám sức khỏe định kỳ cho 2.000 đoàn viên",
	} {
		got := trDistinct(trShingles(s, nil))
		if want := trShingleSetRef(s); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("trShingles(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestTrLowerWord(t *testing.T) {
	for r := rune(0); r <= 0x2FFF; r++ {
		lr, word := trLowerWord(r)
		want := unicode.ToLower(r)
		if lr != want || word != (unicode.IsLetter(want) || unicode.IsNumber(want) || want == '_') {
			t.Fatalf("trLowerWord(%U) = %U %v, want %U", r, lr, word, want)
		}
	}
}

func TestTrRunesOver(t *testing.T) {
	for _, s := range []string{"", "abc", "ặặặ", strings.Repeat("ặ", 100), strings.Repeat("a", 101), strings.Repeat("ặ", 101), "\x80\x80\x80\x80", strings.Repeat("\x80ặ", 60)} {
		for _, n := range []int{0, 3, 100, 101, 400} {
			if got, want := trRunesOver(s, n), utf8.RuneCountInString(s) > n; got != want {
				t.Errorf("trRunesOver(%d runes, %d) = %v", utf8.RuneCountInString(s), n, got)
			}
		}
	}
}

// trDistinct sorts hs and removes repeats.
func trDistinct(hs []uint64) []uint64 {
	slices.Sort(hs)
	return slices.Compact(hs)
}

func TestTrShingleTable(t *testing.T) {
	tb := newTrShingleTable(100)
	for i := uint64(0); i < 100; i++ {
		tb.insert(i*i*7919+1, int32(i))
	}
	for i := uint64(0); i < 200; i++ {
		v, ok := tb.find(i*i*7919 + 1)
		if ok != (i < 100) || (ok && v != int32(i)) {
			t.Errorf("find(%d) = %d, %v", i, v, ok)
		}
	}
	for _, tt := range []struct {
		hs   []uint64
		want bool
	}{{nil, false}, {[]uint64{1, 1, 1, 1}, false}, {[]uint64{1, 2, 1, 2}, false}, {[]uint64{1, 2, 1, 3}, true}, {[]uint64{3, 2, 1}, true}} {
		if got := trHasDistinct(tt.hs, 3); got != tt.want {
			t.Errorf("trHasDistinct(%v) = %v", tt.hs, got)
		}
	}
}

// TestHTMLNFCSafe checks every rune htmlNFCSafe accepts: NFC on its own,
// combining class 0, combining with nothing before it.
func TestHTMLNFCSafe(t *testing.T) {
	for r := rune(0); r <= 0x2FFF; r++ {
		if !htmlNFCSafe(r) {
			continue
		}
		s := string(r)
		p := norm.NFC.PropertiesString(s)
		if !norm.NFC.IsNormalString(s) || p.CCC() != 0 || !p.BoundaryBefore() {
			t.Errorf("%U is not NFC-safe", r)
		}
	}
	for _, s := range []string{"Công đoàn", "Cô\u0302ng", "a\xffb", "“Tết” – 1‰", "\u2000"} {
		if got, want := htmlNFC(s), norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD")); got != want {
			t.Errorf("htmlNFC(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestProfUILabel(t *testing.T) {
	for _, l := range []string{"in bài viết", "chia sẻ bài viết", "phiên bản di động", "gửi bài viết", "về đầu trang"} {
		if !profIsUILabel(l) || !profIsUILabel(strings.ToUpper(l)+" |") {
			t.Errorf("label %q", l)
		}
	}
}

// trFoldRef is trFold by its definition.
func trFoldRef(s string) string {
	var b strings.Builder
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

func TestTrFoldFast(t *testing.T) {
	for r := rune(0); r <= 0x2FFF; r++ {
		for _, s := range []string{string(r), "Ấ" + string(r) + "b", " Ư\t" + string(r) + "  Đ "} {
			if got, want := trFold(s), trFoldRef(s); got != want {
				t.Fatalf("trFold(%q) = %q, want %q", s, got, want)
			}
		}
	}
	for _, s := range []string{"CÔNG ĐOÀN Y TẾ vIỆT nAM", "Có thể bạn quan tâm:", "a\xffb", "Thứ Hai, 12/01", "  E-MAGAZINE "} {
		if got, want := trFold(s), trFoldRef(s); got != want {
			t.Errorf("trFold(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestTrKeyLower(t *testing.T) {
	for _, s := range []string{"", "a", "Công Đoàn", "công  đoàn", " x", "x ", "a\tb", "a\u00a0b", "ẞ K ǅ", "a\xffB", "ĐOÀN VIÊN", "ư ơ"} {
		if got, want := trKey(s), strings.ToLower(strings.Join(strings.Fields(s), " ")); got != want {
			t.Errorf("trKey(%q) = %q, want %q", s, got, want)
		}
	}
	for r := rune(0); r <= 0x2FFF; r++ {
		for _, s := range []string{"a" + string(r) + "B", string(r), "Đ " + string(r) + " x"} {
			if got, want := trKey(s), strings.ToLower(strings.Join(strings.Fields(s), " ")); got != want {
				t.Fatalf("trKey(%q) = %q, want %q", s, got, want)
			}
		}
	}
}

func TestTrHasFields(t *testing.T) {
	for _, s := range []string{"", "a b c", strings.Repeat("từ ", 11), strings.Repeat("từ ", 12), " a\u00a0b\tc d e f g h i j k l ", strings.Repeat("x", 20)} {
		if got, want := trHasFields(s, 12), len(strings.Fields(s)) >= 12; got != want {
			t.Errorf("trHasFields(%q) = %v", s, got)
		}
	}
}

func TestTrToLowerHTMLNormBlockHash(t *testing.T) {
	cases := []string{"", "a", "Công Đoàn", " ĐOÀN\tVIÊN \n", "a\xffB", "ẞ K ǅ İ", "x\u00a0\u200by\u00ad z\u0085", "Cô\u0302ng  x", "a\u0007b\u007f"}
	for r := rune(0); r <= 0x2FFF; r++ {
		cases = append(cases, "Ab "+string(r)+" Ê")
	}
	for _, s := range cases {
		if got := trToLower(s); got != strings.ToLower(s) {
			t.Fatalf("trToLower(%q) = %q", s, got)
		}
		if got, want := htmlNorm(s), htmlNormRef(s); got != want {
			t.Fatalf("htmlNorm(%q) = %q, want %q", s, got, want)
		}
		if got, want := BlockHash(s), blockHashRef(s); got != want {
			t.Fatalf("BlockHash(%q) = %x, want %x", s, got, want)
		}
	}
}

// htmlNormRef is htmlNorm by its definition.
func htmlNormRef(s string) string {
	s = norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u00a0':
			space = b.Len() > 0
			continue
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || r == '\u00ad':
			continue
		case unicode.IsControl(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// blockHashRef is BlockHash by its definition.
func blockHashRef(s string) uint64 {
	h := fnv.New64a()
	var buf [4]byte
	space, n := false, 0
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
