package cleaner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// FuzzTextCharset feeds raw bytes to the text-dump entry point the way
// `unionnews clean` does (LooksLikeHTML, then Clean or CleanTextBytes, which
// detects and decodes the charset of a text dump), with
// seeds in windows-1258, UTF-16 and UTF-8 with a BOM (testdata/fuzz and
// the dumps encoded below). Whatever the bytes, nothing panics, every
// field is valid NFC UTF-8 and no U+FFFD appears that the input lacked.
func FuzzTextCharset(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "dumps", "*.txt"))
	for i, p := range seeds {
		if i >= 3 {
			break
		}
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		if enc, err := charmap.Windows1258.NewEncoder().Bytes(norm.NFD.Bytes(b)); err == nil {
			f.Add(enc) // base letters and combining marks, as Windows writes code page 1258
		}
		if enc, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(b); err == nil {
			f.Add(enc)
		}
		f.Add(append([]byte("\xef\xbb\xbf"), b...))
	}
	f.Add([]byte("C\xf4ng \xf0o\xe0n c\xf4 s\xf4\xd2\n\nNg\xfd\xf5\xecd lao \xf0\xf4\xf2ng"))
	f.Add([]byte("\xff\xfeC\x00\xf4\x00n\x00g\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		start := time.Now()
		art, err := cleanDumpBytes(b)
		if d := time.Since(start); d > 20*time.Second { // a hang, not a speed check
			t.Errorf("took %v on %d bytes", d, len(b))
		}
		if err != nil && art.Text != "" {
			t.Errorf("error %v with text", err)
		}
		hadFFFD := strings.ContainsRune(string(b), utf8.RuneError) && utf8.Valid(b)
		for _, s := range []string{art.Title, art.Lead, art.Text, art.Author, art.Category} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in output: %q", s)
			}
			if !norm.NFC.IsNormalString(s) {
				t.Errorf("output not NFC: %q", s)
			}
			if !hadFFFD && strings.ContainsRune(s, utf8.RuneError) {
				t.Errorf("U+FFFD in output, not in input: %q", s)
			}
		}
	})
}

// cleanDumpBytes is how `unionnews clean` reads one input of unknown
// kind: an HTML page goes to Clean, anything else to CleanText.
func cleanDumpBytes(b []byte) (Article, error) {
	if LooksLikeHTML(b) {
		return Clean(b, "", nil)
	}
	return CleanTextBytes(b, TextOptions{})
}
