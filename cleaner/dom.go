package cleaner

import (
	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// htmlDoc is a parsed page: the goquery document every rung reads. The
// page is parsed once per Clean (htmlParseDoc); the profile rung prunes it
// in place, and the generic rung is handed the same tree.
type htmlDoc struct {
	doc  *goquery.Document
	root *html.Node
}

// newHTMLDoc wraps a parsed tree and removes its comments.
func newHTMLDoc(root *html.Node) *htmlDoc {
	htmlRemoveComments(root)
	return &htmlDoc{doc: goquery.NewDocumentFromNode(root), root: root}
}

// htmlMatcher adapts a cascadia selector (or group) to goquery's Matcher.
type htmlMatcher struct{ m cascadia.Matcher }

func (h htmlMatcher) Match(n *html.Node) bool { return h.m.Match(n) }

// MatchAll returns n, when it matches, and its matching descendants, in
// document order (goquery's contract for a Matcher).
func (h htmlMatcher) MatchAll(n *html.Node) []*html.Node {
	var out []*html.Node
	if h.m.Match(n) {
		out = append(out, n)
	}
	return append(out, cascadia.QueryAll(n, h.m)...)
}

func (h htmlMatcher) Filter(nodes []*html.Node) []*html.Node {
	var out []*html.Node
	for _, n := range nodes {
		if h.m.Match(n) {
			out = append(out, n)
		}
	}
	return out
}

// find returns the elements under scope (nil: the whole page) that match
// m, in document order, each once.
func (q *htmlDoc) find(scope *html.Node, m cascadia.Matcher) []*html.Node {
	if m == nil {
		return nil
	}
	sel := q.doc.Selection
	if scope != nil && scope != q.root {
		sel = goquery.NewDocumentFromNode(scope).Selection
	}
	return sel.FindMatcher(htmlMatcher{m}).Nodes
}

// alt returns the matches of alternative i of s under scope.
func (q *htmlDoc) alt(s profSelector, i int, scope *html.Node) []*html.Node {
	return q.find(scope, s.alts[i])
}

// all returns the matches of every alternative of s under scope, in
// document order, each once.
func (q *htmlDoc) all(s profSelector, scope *html.Node) []*html.Node {
	if len(s.alts) == 0 {
		return nil
	}
	return q.find(scope, s.alts)
}
