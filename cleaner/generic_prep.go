package cleaner

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Before the generic rung's extractor runs, the page is read for what
// the extractor is known to get wrong on Vietnamese news pages: a lead
// (sapo) printed outside the body container is dropped by it, and
// centred italic caption paragraphs are kept as text.

// genericCaptionMaxRunes bounds a centred italic caption paragraph.
const genericCaptionMaxRunes = 250

// genericLeadMinRunes is the least length of a description matched to a
// lead element.
const genericLeadMinRunes = 60

// genericPageLead returns the page's lead: the text of the element that
// prints the page's description (meta description or og:description;
// the description may be a cut of the lead) next to the page's only h1
// (in the h1's parent or grandparent), "" when no element does.
func genericPageLead(q *htmlDoc) string {
	h1s := q.doc.Find("h1")
	if h1s.Length() != 1 {
		return ""
	}
	h1 := h1s.Get(0)
	desc := htmlNorm(q.doc.Find(`meta[name="description"]`).First().AttrOr("content", ""))
	if desc == "" {
		desc = htmlNorm(q.doc.Find(`meta[property="og:description"]`).First().AttrOr("content", ""))
	}
	desc = strings.TrimRight(strings.TrimSuffix(desc, "..."), "… ")
	if utf8.RuneCountInString(desc) < genericLeadMinRunes || !isVietnamese(desc) {
		return "" // the sapo convention is Vietnamese: elsewhere a standfirst is not body text
	}
	lead := ""
	htmlEach(q.root, func(n *html.Node) {
		if lead != "" || n.DataAtom == atom.Meta || n.DataAtom == atom.Title || !htmlIsBlock(n.DataAtom) || htmlHasBlockDescendant(n) {
			return
		}
		if !htmlNear(n, h1) {
			return
		}
		if t := htmlNorm(htmlText(n)); strings.HasPrefix(t, desc) && utf8.RuneCountInString(t) < 2*utf8.RuneCountInString(desc)+40 {
			lead = t
		}
	})
	return lead
}

// htmlNear reports whether n is under the parent or the grandparent of
// h1.
func htmlNear(n, h1 *html.Node) bool {
	scope := h1.Parent
	if scope != nil && scope.Parent != nil && scope.Parent.Type == html.ElementNode && scope.Parent.DataAtom != atom.Body {
		scope = scope.Parent
	}
	for p := n.Parent; p != nil; p = p.Parent {
		if p == scope {
			return true
		}
	}
	return false
}

// genericDropCaptions removes centred paragraphs whose text is all in
// <em> or <i>: photo captions printed as paragraphs (rule caption). A
// paragraph whose text is all in <strong> or <b> as well is a heading
// and stays.
func genericDropCaptions(q *htmlDoc) {
	var drop []*html.Node
	htmlEach(q.root, func(n *html.Node) {
		if n.DataAtom != atom.P || !htmlIsCentred(n) {
			return
		}
		all := htmlNorm(htmlText(n))
		if all == "" || utf8.RuneCountInString(all) > genericCaptionMaxRunes {
			return
		}
		var it, bold strings.Builder
		htmlEach(n, func(c *html.Node) {
			if (c.DataAtom == atom.Em || c.DataAtom == atom.I) && !htmlHasItalicAncestor(c, n) {
				it.WriteString(htmlText(c))
			}
			if (c.DataAtom == atom.Strong || c.DataAtom == atom.B) && !htmlHasAncestorAtom(c, n, atom.Strong, atom.B) {
				bold.WriteString(htmlText(c))
			}
		})
		// All in bold too: a heading (a listicle's "1. …"), not a caption.
		if htmlNorm(it.String()) == all && htmlNorm(bold.String()) != all {
			drop = append(drop, n)
		}
	})
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

func htmlHasItalicAncestor(n, stop *html.Node) bool {
	return htmlHasAncestorAtom(n, stop, atom.Em, atom.I)
}

// htmlHasAncestorAtom reports whether an element between n and stop
// (both excluded) is one of atoms.
func htmlHasAncestorAtom(n, stop *html.Node, atoms ...atom.Atom) bool {
	for p := n.Parent; p != nil && p != stop; p = p.Parent {
		for _, a := range atoms {
			if p.DataAtom == a {
				return true
			}
		}
	}
	return false
}

// htmlIsCentred reports whether n is centred by its align or style.
func htmlIsCentred(n *html.Node) bool {
	if strings.EqualFold(strings.TrimSpace(htmlAttr(n, "align")), "center") {
		return true
	}
	st := strings.ToLower(strings.ReplaceAll(htmlAttr(n, "style"), " ", ""))
	return strings.Contains(st, "text-align:center")
}

// genericHasLead reports whether one of the first paragraphs holds the
// lead (or is held by it).
func genericHasLead(paras []string, lead string) bool {
	for i, p := range paras {
		if i == 3 {
			break
		}
		if strings.Contains(p, lead) || strings.Contains(lead, p) {
			return true
		}
	}
	return false
}

// isVietnamese reports whether s is Vietnamese text: it holds at least
// three letters only Vietnamese uses (ă, đ, ơ, ư and the letters with
// tone marks of U+1EA0–U+1EF9).
func isVietnamese(s string) bool {
	n := 0
	for _, r := range s {
		if (r >= 0x1EA0 && r <= 0x1EF9) || strings.ContainsRune("ăĂđĐơƠưƯ", r) {
			if n++; n >= 3 {
				return true
			}
		}
	}
	return false
}
