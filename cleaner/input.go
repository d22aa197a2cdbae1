package cleaner

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// ErrNotText means the input is binary data (an image, an archive, a
// PDF), not an HTML page or a text dump.
var ErrNotText = errors.New("binary data, not text")

// binaryMagic are the openings of binary formats a user may hand to
// `unionnews clean` by mistake.
var binaryMagic = []struct {
	magic, name string
}{
	{"\x1f\x8b", "gzip data"}, {"\x89PNG", "a PNG image"}, {"\xff\xd8\xff", "a JPEG image"},
	{"GIF8", "a GIF image"}, {"PK\x03\x04", "a zip archive"}, {"%PDF-", "a PDF document"},
	{"RIFF", "a RIFF file (WebP/WAV)"}, {"\x7fELF", "an executable"}, {"BZh", "bzip2 data"},
	{"\xfd7zXZ\x00", "xz data"}, {"\x28\xb5\x2f\xfd", "zstd data"},
}

// binarySniffBytes is how much of the input CheckText reads.
const binarySniffBytes = 8 << 10

// CheckText returns ErrNotText (wrapped, with what the data looks like)
// unless b can be a page or a text dump: no known binary signature, no
// NUL byte, and under 1% control characters other than tab, line feed,
// carriage return and form feed in its first 8 KiB. UTF-16 with a BOM is
// text.
func CheckText(b []byte) error {
	head := b[:min(len(b), binarySniffBytes)]
	if bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) {
		return nil // UTF-16 BOM
	}
	for _, m := range binaryMagic {
		if bytes.HasPrefix(head, []byte(m.magic)) {
			return fmt.Errorf("%s: %w", m.name, ErrNotText)
		}
	}
	ctl := 0
	for _, c := range head {
		switch {
		case c == 0:
			return fmt.Errorf("NUL bytes: %w", ErrNotText)
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f', c == 0x7f:
			ctl++
		}
	}
	if ctl*100 > len(head) {
		return fmt.Errorf("%d control characters in the first %d bytes: %w", ctl, len(head), ErrNotText)
	}
	return nil
}

// DecodeText returns a text dump as NFC-normalised UTF-8: UTF-8 as is;
// UTF-16 or UTF-8 with a BOM decoded by it; anything else (not valid
// UTF-8) decoded as windows-1258, the Vietnamese legacy code page, whose
// combining tone marks NFC composes.
func DecodeText(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		b = b[3:]
	case bytes.HasPrefix(b, []byte("\xff\xfe")), bytes.HasPrefix(b, []byte("\xfe\xff")):
		if d, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(b); err == nil {
			// An odd byte or an unpaired surrogate decodes to U+FFFD:
			// damage, not text.
			b = bytes.ReplaceAll(d, []byte("\uFFFD"), nil)
		}
	case !utf8.Valid(b) && mostlyUTF8(b):
		// UTF-8 with a few damaged bytes (a cut or a bad copy): decoding
		// it as windows-1258 would turn every Vietnamese letter into
		// mojibake; the damaged bytes are dropped instead.
		b = []byte(strings.ToValidUTF8(string(b), ""))
	case !utf8.Valid(b):
		if d, err := charmap.Windows1258.NewDecoder().Bytes(b); err == nil {
			// Bytes windows-1258 leaves undefined decode to U+FFFD: noise.
			b = bytes.ReplaceAll(d, []byte("\uFFFD"), nil)
		}
	}
	return norm.NFC.String(strings.ToValidUTF8(string(b), ""))
}

// mostlyUTF8 reports whether b, not valid UTF-8, is UTF-8 with a few
// damaged bytes rather than a legacy 8-bit charset: its valid multi-byte
// sequences outnumber its invalid bytes eight to one. In windows-1258
// text, a letter byte (0xC0-0xFF) is nearly always followed by ASCII,
// which is invalid UTF-8, so such text has far more invalid bytes than
// chance multi-byte sequences.
func mostlyUTF8(b []byte) bool {
	valid, invalid := 0, 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size <= 1:
			invalid++
		case size > 1:
			valid++
		}
		b = b[size:]
	}
	return valid > 0 && valid >= 8*invalid
}

// CleanTextBytes is CleanText of raw input bytes: input over
// MaxDumpSize is ErrTooLarge, binary input ErrNotText, and legacy
// charsets are decoded (DecodeText).
func CleanTextBytes(b []byte, opts TextOptions) (Article, error) {
	if len(b) > MaxDumpSize {
		return Article{}, fmt.Errorf("text dump of %d bytes, over the page-size limit of %d: %w", len(b), MaxDumpSize, ErrTooLarge)
	}
	if err := CheckText(b); err != nil {
		return Article{}, err
	}
	return CleanText(DecodeText(b), opts)
}

var (
	canonicalRe = regexp.MustCompile(`(?is)<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>`)
	ogURLRe     = regexp.MustCompile(`(?is)<meta\b[^>]*\bproperty\s*=\s*["']?og:url["']?[^>]*>`)
	hrefRe      = regexp.MustCompile(`(?is)\b(?:href|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))`)
)

// PageURL returns the URL a page declares for itself, without parsing
// it: its <link rel=canonical> href, else its og:url, from the first
// 64 KiB; "" when it declares none.
func PageURL(page []byte) string {
	head := page[:min(len(page), 64<<10)]
	for _, re := range []*regexp.Regexp{canonicalRe, ogURLRe} {
		if tag := re.Find(head); tag != nil {
			if m := hrefRe.FindSubmatch(tag); m != nil {
				for _, v := range m[1:] {
					if s := string(bytes.TrimSpace(v)); s != "" {
						return htmlNorm(s)
					}
				}
			}
		}
	}
	return ""
}
