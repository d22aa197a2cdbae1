package cleaner

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// toWindows1258 encodes NFC Vietnamese text in windows-1258 as legacy
// software writes it: a letter the code page lacks is its base letter
// (with circumflex, breve or horn when it has one) and a combining tone
// mark.
func toWindows1258(t *testing.T, s string) []byte {
	t.Helper()
	enc := charmap.Windows1258.NewEncoder()
	var out bytes.Buffer
	for _, r := range s {
		if b, err := enc.Bytes([]byte(string(r))); err == nil {
			out.Write(b)
			continue
		}
		d := []rune(norm.NFD.String(string(r)))
		var base, tone []rune
		for _, c := range d {
			if strings.ContainsRune("\u0300\u0301\u0303\u0309\u0323", c) {
				tone = append(tone, c)
			} else {
				base = append(base, c)
			}
		}
		b, err := enc.Bytes([]byte(norm.NFC.String(string(base)) + string(tone)))
		if err != nil {
			t.Fatalf("cannot encode %q in windows-1258: %v", r, err)
		}
		out.Write(b)
	}
	return out.Bytes()
}

// TestCleanTextWindows1258: a seed dump saved in windows-1258 cleans to
// the same article as its UTF-8 original (before: every Vietnamese
// letter was lost); the text is NFC.
func TestCleanTextWindows1258(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "dumps", "100_laodong_synthetic.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := CleanText(string(src), TextOptions{})
	if err != nil {
		t.Fatal(err)
	}
	legacy := toWindows1258(t, norm.NFC.String(string(src)))
	if bytes.Equal(legacy, src) {
		t.Fatal("the encoded dump equals the UTF-8 one")
	}
	got, err := CleanTextBytes(legacy, TextOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != want.Title || got.Text != want.Text || got.Author != want.Author {
		t.Errorf("windows-1258 dump: title %q author %q, want %q %q; text equal: %v", got.Title, got.Author, want.Title, want.Author, got.Text == want.Text)
	}
	if !norm.NFC.IsNormalString(got.Text) {
		t.Error("text is not NFC")
	}
}

// TestCheckText: binary inputs are refused, text in any charset is not.
func TestCheckText(t *testing.T) {
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte("<html>Công đoàn</html>"))
	w.Close()
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(i*7919 + i/3)
	}
	for name, b := range map[string][]byte{
		"gzip": gz.Bytes(), "png": []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "random": random, "pdf": []byte("%PDF-1.7\n"),
	} {
		if err := CheckText(b); !errors.Is(err, ErrNotText) {
			t.Errorf("%s: CheckText = %v, want ErrNotText", name, err)
		}
		if _, err := CleanTextBytes(b, TextOptions{}); !errors.Is(err, ErrNotText) {
			t.Errorf("%s: CleanTextBytes = %v, want ErrNotText", name, err)
		}
	}
	for name, b := range map[string][]byte{
		"utf8": []byte("Công đoàn\n"), "windows-1258": toWindows1258(t, "Công đoàn Việt Nam\n"), "html": []byte("<p>x</p>\f"),
	} {
		if err := CheckText(b); err != nil {
			t.Errorf("%s: CheckText = %v", name, err)
		}
	}
}

// TestPageURL: the URL a page declares (canonical, else og:url).
func TestPageURL(t *testing.T) {
	for page, want := range map[string]string{
		`<head><link rel="canonical" href="https://laodong.vn/a-1.ldo"><meta property="og:url" content="https://x/">`: "https://laodong.vn/a-1.ldo",
		`<head><meta content='https://nld.com.vn/b-2.htm' property='og:url'>`:                                         "https://nld.com.vn/b-2.htm",
		`<head><link href=https://congdoan.vn/c-3.tld rel=canonical>`:                                                 "https://congdoan.vn/c-3.tld",
		`<head><title>x</title>`: "",
	} {
		if got := PageURL([]byte(page)); got != want {
			t.Errorf("PageURL(%q) = %q, want %q", page, got, want)
		}
	}
}

// TestDecodeTextDamagedUTF8: a UTF-8 dump with a damaged byte stays UTF-8
// (the byte dropped), not windows-1258 mojibake; a windows-1258 dump is
// still decoded as windows-1258.
func TestDecodeTextDamagedUTF8(t *testing.T) {
	text := "Công đoàn ngành Y tế Hà Nội: tạo điểm tựa vững chắc cho người lao động trong năm mới."
	damaged := []byte(text)
	i := strings.Index(text, "người") + 1 // inside the multi-byte ơ
	damaged[i+1] = 0xff
	got := DecodeText(damaged)
	if !strings.Contains(got, "Công đoàn ngành Y tế Hà Nội") || strings.ContainsRune(got, utf8.RuneError) {
		t.Errorf("damaged UTF-8 decoded as %q", got)
	}
	if got := DecodeText(toWindows1258(t, text)); got != text {
		t.Errorf("windows-1258 decoded as %q, want %q", got, text)
	}
}
