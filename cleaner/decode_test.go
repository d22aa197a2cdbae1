package cleaner

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// htmlTo1258 encodes s as windows-1258 the way legacy Vietnamese pages
// are: a letter the code page lacks is written as the longest precomposed
// letter it has plus combining tone marks ("ậ" -> "â" U+0323).
func htmlTo1258(s string) ([]byte, error) {
	enc := charmap.Windows1258
	var out []byte
	for _, r := range s {
		if b, ok := enc.EncodeRune(r); ok {
			out = append(out, b)
			continue
		}
		// Compose the letter with its vowel marks (circumflex, breve,
		// horn) and keep the tone marks apart, as windows-1258 does.
		var base, tones []rune
		for _, m := range norm.NFD.String(string(r)) {
			switch m {
			case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
				tones = append(tones, m)
			default:
				base = append(base, m)
			}
		}
		d := append([]rune(norm.NFC.String(string(base))), tones...)
		for _, m := range d {
			b, ok := enc.EncodeRune(m)
			if !ok {
				return nil, fmt.Errorf("rune %U not in windows-1258", r)
			}
			out = append(out, b)
		}
	}
	return out, nil
}

// htmlEncode1258 encodes s as windows-1258, failing on unencodable runes.
func htmlEncode1258(t *testing.T, s string) []byte {
	t.Helper()
	b, err := htmlTo1258(s)
	if err != nil {
		t.Fatalf("encode windows-1258: %v", err)
	}
	if utf8.Valid(b) {
		t.Fatalf("test page is still valid UTF-8 after encoding")
	}
	return b
}

func TestCleanWindows1258(t *testing.T) {
	p := htmlTestProfile(t, "laodongthudo.vn")
	want, err := Clean([]byte(htmlTestPage), htmlTestURL, p)
	if err != nil {
		t.Fatalf("Clean UTF-8 page: %v", err)
	}
	tests := []struct {
		name string
		meta string
	}{
		{"meta charset", `<meta charset="windows-1258">`},
		{"http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">`},
		{"nothing declared", ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := htmlEncode1258(t, htmlPageWith(t, `<meta charset="utf-8">`, tt.meta))
			got, err := Clean(page, htmlTestURL, p)
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			htmlCheckArticle(t, got, want)
		})
	}
}

func TestHTMLDecode(t *testing.T) {
	// "Hoạt động" in windows-1258 uses combining marks; decoding composes them.
	enc := func(s string) string {
		b, err := htmlTo1258(s)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tests := []struct {
		name, in, want string
	}{
		{"utf-8 kept even if meta says otherwise", `<meta charset="windows-1258">Hoạt động`, `<meta charset="windows-1258">Hoạt động`},
		{"utf-8 NFD composed", "Hoa\u0323t", "Hoạt"},
		{"windows-1258 undeclared", enc("Hoạt động"), "Hoạt động"},
		{"latin-1 declared", `<meta charset="iso-8859-1">caf` + "\xe9", `<meta charset="iso-8859-1">café`},
		{"utf-8 declared, bad bytes", `<meta charset="utf-8">Ho` + "\xff" + `ạt`, "<meta charset=\"utf-8\">Ho\uFFFDạt"},
	}
	for _, tt := range tests {
		if got := htmlDecode([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: htmlDecode = %q, want %q", tt.name, got, tt.want)
		}
		if got := htmlDecode([]byte(tt.in)); !utf8.ValidString(got) || strings.ContainsRune(got, '\u0323') {
			t.Errorf("%s: htmlDecode = %q is not valid composed UTF-8", tt.name, got)
		}
	}
}
