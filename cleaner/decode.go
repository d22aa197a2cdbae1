package cleaner

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// htmlDecode returns page as NFC-normalised UTF-8 (htmlDecodeBytes).
func htmlDecode(page []byte) string { return string(htmlDecodeBytes(page)) }

// htmlDecodeBytes returns page as NFC-normalised UTF-8. Valid UTF-8 is
// used as is (page itself, not a copy: it is only read), normalised only
// when it holds combining diacritics (U+0300–U+036F, the bytes 0xCC and
// 0xCD): normalising every page would cost a third of its parse, and
// precomposed Vietnamese needs nothing. Otherwise the charset the page
// declares (BOM, <meta charset>, <meta http-equiv>) decodes it; when it
// declares none, windows-1258 does. A page declaring UTF-8 that is not
// valid UTF-8 has its invalid bytes replaced by U+FFFD.
func htmlDecodeBytes(page []byte) []byte {
	if utf8.Valid(page) {
		if bytes.IndexByte(page, 0xcc) < 0 && bytes.IndexByte(page, 0xcd) < 0 {
			return page
		}
		return norm.NFC.Bytes(page)
	}
	enc := htmlDeclaredEncoding(page)
	if enc == nil {
		enc = charmap.Windows1258
	}
	out := page
	if enc != encoding.Nop {
		if b, err := enc.NewDecoder().Bytes(page); err == nil {
			out = b
		}
	}
	return []byte(htmlNFC(string(out)))
}

// htmlDeclaredEncoding returns the encoding page declares, or nil. UTF-8
// is returned as encoding.Nop.
func htmlDeclaredEncoding(page []byte) encoding.Encoding {
	e, name, certain := charset.DetermineEncoding(page, "")
	if certain { // a BOM
		return htmlNopIfUTF8(e, name)
	}
	// Without a BOM, DetermineEncoding falls back to windows-1252 or a
	// UTF-8 guess when the page declares nothing; tell those apart from a
	// real declaration by looking for one.
	head := page
	if len(head) > 1024 {
		head = head[:1024]
	}
	head = bytes.ToLower(head)
	if !bytes.Contains(head, []byte("charset")) {
		return nil
	}
	if name == "windows-1252" && !htmlMentionsLatin1(head) {
		return nil
	}
	return htmlNopIfUTF8(e, name)
}

func htmlNopIfUTF8(e encoding.Encoding, name string) encoding.Encoding {
	if strings.EqualFold(name, "utf-8") {
		return encoding.Nop
	}
	return e
}

// htmlMentionsLatin1 reports whether a lower-cased page head names one of
// the labels that mean windows-1252.
func htmlMentionsLatin1(head []byte) bool {
	for _, l := range []string{"1252", "8859-1", "8859_1", "88591", "latin1", "ascii", "819"} {
		if bytes.Contains(head, []byte(l)) {
			return true
		}
	}
	return false
}
