package store

import (
	"testing"
	"unicode/utf8"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://laodongthudo.vn/a.html", "https://laodongthudo.vn/a.html"},
		{"HTTPS://WWW.LaoDongThuDo.VN/A.html?Id=1#top", "https://laodongthudo.vn/A.html?Id=1"},
		{"  https://www.www.x.vn/p  ", "https://x.vn/p"},
		{"https://www.x.vn:8080/p", "https://x.vn:8080/p"},
		{"https://x.vn/p?", "https://x.vn/p?"},
		{"https://wwwx.vn/p", "https://wwwx.vn/p"},
		{"not a url %zz", "not a url %zz"},
	}
	for _, tt := range tests {
		if got := canonicalURL(tt.in); got != tt.want {
			t.Errorf("canonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestID(t *testing.T) {
	id := ID("https://laodongthudo.vn/a.html")
	if !validID(id) {
		t.Fatalf("ID = %q, not 16 lowercase hex", id)
	}
	if ID("https://WWW.laodongthudo.vn/a.html#x") != id {
		t.Error("variant spelling got another id")
	}
	if ID("https://laodongthudo.vn/a.html?page=2") == id {
		t.Error("query ignored")
	}
}

func TestContentHash(t *testing.T) {
	base := "Công đoàn Hà Nội tặng quà"
	tests := []struct {
		name string
		text string
		same bool
	}{
		{"identical", base, true},
		{"case", "CÔNG ĐOÀN Hà Nội TẶNG QUÀ", true},
		{"white space", "  Công\tđoàn\n\nHà   Nội tặng quà ", true},
		{"punctuation and symbols", "«Công đoàn» Hà Nội — tặng quà!!! ★", true},
		{"decomposed (NFD)", "Co\u0302ng \u0111oa\u0300n Ha\u0300 No\u0323\u0302i ta\u0323\u0306ng qua\u0300", true},
		{"diacritics removed", "Cong doan Ha Noi tang qua", false},
		{"other word", "Công đoàn Hà Nội tặng hoa", false},
	}
	want := ContentHash(base)
	if len(want) != 64 {
		t.Fatalf("ContentHash length %d", len(want))
	}
	for _, tt := range tests {
		if got := ContentHash(tt.text) == want; got != tt.same {
			t.Errorf("%s: same hash = %v, want %v (normalised %q)", tt.name, got, tt.same, normaliseText(tt.text))
		}
	}
}

func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{
		"https://laodongthudo.vn/a.html", "HTTPS://WWW.X.VN/a?b=c#d", "www.x.vn/a", "//www.x.vn",
		"mailto:ai@x.vn", "http://[::1]:80/", "http://www./", "http://u:p@WWW.x.vn/%41", "",
		"https://x.vn/đường-phố", "http://x.vn/a#b#c", "?q", "http://%41.vn/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, u string) {
		c := canonicalURL(u)
		if cc := canonicalURL(c); cc != c {
			t.Errorf("not idempotent: %q -> %q -> %q", u, c, cc)
		}
		if utf8.ValidString(u) && !utf8.ValidString(c) {
			t.Errorf("invalid UTF-8 from %q: %q", u, c)
		}
		if id := ID(u); !validID(id) {
			t.Errorf("ID(%q) = %q", u, id)
		}
	})
}
