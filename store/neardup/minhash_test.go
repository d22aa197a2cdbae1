package neardup

import (
	"slices"
	"testing"
)

func TestNormalise(t *testing.T) {
	// Decomposed input (NFD "ộ"), capitals and punctuation.
	got := Normalise("HÀ NO\u0302\u0323I, “Tết”  sum-vầy!")
	if want := "hà nội tết sum vầy"; got != want {
		t.Errorf("Normalise = %q, want %q", got, want)
	}
}

func TestSignature(t *testing.T) {
	p := Default
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	a := "Liên đoàn Lao động tỉnh tổ chức chương trình Tết Sum vầy cho hơn năm trăm đoàn viên có hoàn cảnh khó khăn tại khu công nghiệp."
	sa, sb := p.Sign(a), p.Sign("LIÊN ĐOÀN lao động tỉnh tổ chức chương trình “Tết Sum vầy” cho hơn năm trăm đoàn viên có hoàn cảnh khó khăn tại khu công nghiệp")
	if len(sa) != 112 || Similarity(sa, sb) != 1 {
		t.Errorf("same text after normalising: len %d, similarity %.2f", len(sa), Similarity(sa, sb))
	}
	if s := Similarity(sa, p.Sign("Bộ Y tế hướng dẫn phòng bệnh mùa đông cho người cao tuổi và trẻ nhỏ ở vùng núi phía Bắc.")); s > 0.1 {
		t.Errorf("unrelated texts: similarity %.2f", s)
	}
	back, err := Unmarshal(sa.Marshal())
	if err != nil || !slices.Equal(back, sa) {
		t.Errorf("Unmarshal(Marshal) = %v, %v", back, err)
	}
	if got := len(p.BandKeys(sa)); got != p.Bands {
		t.Errorf("BandKeys: %d keys", got)
	}
	if p.Probability(0.5) < 0.99 || p.Probability(0.05) > 0.2 {
		t.Errorf("S-curve: P(0.5)=%.3f P(0.05)=%.3f", p.Probability(0.5), p.Probability(0.05))
	}
}

func TestShortText(t *testing.T) {
	if n := len(Shingles("ba từ thôi")); n != 1 {
		t.Errorf("short text: %d shingles, want 1", n)
	}
	if n := len(Shingles(" … ")); n != 0 {
		t.Errorf("no words: %d shingles, want 0", n)
	}
}
