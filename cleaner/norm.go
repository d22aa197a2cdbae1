package cleaner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// htmlNorm returns s as valid, NFC-normalised UTF-8 with every run of
// white space (NBSP included) collapsed to one space, invisible format
// characters (zero-width spaces, soft hyphens, BOMs) removed, and no
// leading or trailing space.
func htmlNorm(s string) string {
	s = htmlNFC(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf { // ASCII: the same cases, inline
			i++
			switch {
			case c == ' ' || ('\t' <= c && c <= '\r'):
				space = b.Len() > 0
				continue
			case c < ' ' || c == 0x7f:
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case htmlIsLetter(r):
		case unicode.IsSpace(r) || r == '\u00a0':
			space = b.Len() > 0
			continue
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' ||
			r == '\ufeff' || r == '\u00ad':
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

// htmlIsLetter reports whether r is in the ranges of Latin letters
// (À–ɏ, Ạ–ỹ but for × and ÷): no space, control or format character.
func htmlIsLetter(r rune) bool {
	return (0xC0 <= r && r <= 0x24F && r != 0xD7 && r != 0xF7) || (0x1EA0 <= r && r <= 0x1EF9)
}

// htmlNFC returns s as valid, NFC-normalised UTF-8 (invalid bytes become
// U+FFFD).
func htmlNFC(s string) string {
	if htmlIsNFC(s) {
		return s
	}
	return norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
}

// htmlIsNFC reports whether s is valid UTF-8 made only of runes that are
// NFC on their own and never combine with the rune before them
// (htmlNFCSafe): such text is NFC, and the normaliser need not run over
// it. False means "maybe not".
func htmlIsNFC(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !htmlNFCSafe(r) || (r == utf8.RuneError && size == 1) {
			return false
		}
		i += size
	}
	return true
}

// htmlNFCSafe reports whether r is in the ranges Vietnamese text is made
// of that hold only runes with canonical combining class 0 that are NFC
// on their own and combine with nothing before them (TestHTMLNFCSafe
// checks each): Latin below the combining diacritics (U+0300), the
// precomposed Vietnamese letters (U+1EA0–U+1EF9) and the common general
// punctuation (U+2010–U+2027, U+2030–U+205E).
func htmlNFCSafe(r rune) bool {
	return r < 0x300 || (0x1EA0 <= r && r <= 0x1EF9) || (0x2010 <= r && r <= 0x2027) || (0x2030 <= r && r <= 0x205E)
}

// htmlIsBlock reports whether element a starts a new paragraph.
func htmlIsBlock(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Caption,
		atom.Center, atom.Dd, atom.Details, atom.Div, atom.Dl, atom.Dt,
		atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header,
		atom.Hr, atom.Li, atom.Main, atom.Nav, atom.Ol, atom.P, atom.Pre,
		atom.Section, atom.Summary, atom.Table, atom.Tbody, atom.Td,
		atom.Tfoot, atom.Th, atom.Thead, atom.Tr, atom.Ul:
		return true
	}
	return false
}

// htmlIsSilent reports whether element a never holds article text.
func htmlIsSilent(a atom.Atom) bool {
	switch a {
	case atom.Img, atom.Picture, atom.Video, atom.Audio, atom.Source, atom.Svg,
		atom.Canvas, atom.Object, atom.Embed, atom.Select, atom.Button,
		atom.Input, atom.Textarea, atom.Script, atom.Style, atom.Noscript,
		atom.Template, atom.Iframe, atom.Head, atom.Title:
		return true
	}
	return false
}

// htmlText returns the text under n, with a space wherever a block element
// or <br> would break the line. The result is not normalised.
func htmlText(n *html.Node) string {
	var b strings.Builder
	htmlWriteText(&b, n, nil)
	return b.String()
}

// htmlWriteText writes the text under n to b, skipping the subtrees in
// skip.
func htmlWriteText(b *strings.Builder, n *html.Node, skip map[*html.Node]bool) {
	if skip[n] {
		return
	}
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		if htmlIsSilent(n.DataAtom) {
			return
		}
		if n.DataAtom == atom.Br || htmlIsBlock(n.DataAtom) {
			b.WriteByte(' ')
			defer b.WriteByte(' ')
		}
	case html.CommentNode, html.DoctypeNode, html.RawNode:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		htmlWriteText(b, c, skip)
	}
}
