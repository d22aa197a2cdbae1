package cleaner

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlParaWalker cuts a body element into paragraphs.
type htmlParaWalker struct {
	skip   map[*html.Node]bool
	buf    strings.Builder
	prefix string // written before the next non-empty paragraph
	out    []string
}

// htmlParagraphs returns the normalised, non-empty paragraphs under body,
// skipping the subtrees in skip.
func htmlParagraphs(body *html.Node, skip map[*html.Node]bool) []string {
	w := &htmlParaWalker{skip: skip}
	w.children(body)
	w.flush()
	return w.out
}

func (w *htmlParaWalker) flush() {
	p := htmlNorm(htmlCommentDebris(w.buf.String()))
	w.buf.Reset()
	if !htmlHasWord(p) {
		return
	}
	w.out = append(w.out, w.prefix+p)
	w.prefix = ""
}

func (w *htmlParaWalker) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

func (w *htmlParaWalker) walk(n *html.Node) {
	if w.skip[n] {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.buf.WriteString(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	switch {
	case htmlIsSilent(n.DataAtom):
	case n.DataAtom == atom.Br || n.DataAtom == atom.Hr:
		w.flush()
	case n.DataAtom == atom.Table && htmlIsDataTable(n):
		w.flush()
		w.table(n)
	case n.DataAtom == atom.Li:
		w.flush()
		w.prefix = "- "
		w.children(n)
		w.flush()
		w.prefix = ""
	case htmlIsBlock(n.DataAtom):
		w.flush()
		w.children(n)
		w.flush()
	default:
		w.children(n)
	}
}

// table writes the caption of a data table, then one paragraph per row:
// its cells' text joined by " | ".
func (w *htmlParaWalker) table(t *html.Node) {
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Caption && !w.skip[c] {
			w.children(c)
			w.flush()
		}
	}
	for _, tr := range htmlRows(t) {
		if w.skip[tr] {
			continue
		}
		var cells []string
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) {
				continue
			}
			var b strings.Builder
			htmlWriteText(&b, c, w.skip)
			if s := htmlNorm(htmlCommentDebris(b.String())); s != "" {
				cells = append(cells, s)
			}
		}
		if len(cells) > 0 && htmlHasWord(strings.Join(cells, "")) {
			w.out = append(w.out, strings.Join(cells, " | "))
		}
	}
}

// htmlRows returns the rows of table t, not those of nested tables.
func htmlRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				rows = append(rows, c)
			case atom.Thead, atom.Tbody, atom.Tfoot:
				visit(c)
			}
		}
	}
	visit(t)
	return rows
}

// htmlIsDataTable reports whether t is a table of data rather than a
// layout table (or an image box) whose cells hold paragraphs, images or
// nested tables.
func htmlIsDataTable(t *html.Node) bool {
	for _, tr := range htmlRows(t) {
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if htmlHasBlockDescendant(c) {
				return false
			}
		}
	}
	return true
}

func htmlHasBlockDescendant(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.P, atom.Div, atom.Table, atom.Ul, atom.Ol, atom.Blockquote,
			atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Img, atom.Figure:
			return true
		}
		if htmlHasBlockDescendant(c) {
			return true
		}
	}
	return false
}

// htmlCommentDebris removes the comment delimiters that badly nested
// comments ("<!-- a <!-- b --> -->") leave in the text.
func htmlCommentDebris(s string) string {
	if !strings.Contains(s, "--") {
		return s
	}
	return strings.NewReplacer("<!--", " ", "-->", " ", "--!>", " ").Replace(s)
}

// htmlHasWord reports whether s holds a letter or a digit: a paragraph of
// only punctuation and symbols is debris.
func htmlHasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
