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
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
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
