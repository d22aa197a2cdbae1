package cleaner

import (
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// htmlKeyUse is what a key is to a profile's selectors: the subject key
// of some buckets (scopes, an index into htmlKeySet.scopes, or -1) and an
// ancestor key (anc, its number, or -1).
type htmlKeyUse struct{ scopes, anc int32 }

// htmlScoped is an index bucket of elements with a subject key, inside
// an element with an ancestor key (anc, -1 for any).
type htmlScoped struct{ anc, bucket int32 }

// htmlKeySet numbers the keys of a profile's selectors: each pair of
// subject and ancestor keys is a bucket of the page index.
type htmlKeySet struct {
	tags, classes, ids map[string]htmlKeyUse
	scopes             [][]htmlScoped
	nanc               int32
	buckets            map[htmlSelKeys]int32
}

func newHTMLKeySet() *htmlKeySet {
	return &htmlKeySet{tags: map[string]htmlKeyUse{}, classes: map[string]htmlKeyUse{},
		ids: map[string]htmlKeyUse{}, buckets: map[htmlSelKeys]int32{}}
}

// use returns the map of k's kind, nil for no key, and k's use in it.
func (ks *htmlKeySet) use(k htmlKey) (map[string]htmlKeyUse, htmlKeyUse) {
	var m map[string]htmlKeyUse
	switch k.kind {
	case 't':
		m = ks.tags
	case 'c':
		m = ks.classes
	case 'i':
		m = ks.ids
	default:
		return nil, htmlKeyUse{}
	}
	u, ok := m[k.val]
	if !ok {
		u = htmlKeyUse{-1, -1}
	}
	return m, u
}

// bucket returns the bucket of k, adding it; -1 for no subject key.
func (ks *htmlKeySet) bucket(k htmlSelKeys) int32 {
	if k.subject.kind == 0 {
		return -1
	}
	if b, ok := ks.buckets[k]; ok {
		return b
	}
	b := int32(len(ks.buckets))
	ks.buckets[k] = b
	anc := int32(-1)
	if m, u := ks.use(k.ancestor); m != nil {
		if u.anc < 0 {
			u.anc = ks.nanc
			ks.nanc++
			m[k.ancestor.val] = u
		}
		anc = u.anc
	}
	m, u := ks.use(k.subject)
	if u.scopes < 0 {
		u.scopes = int32(len(ks.scopes))
		ks.scopes = append(ks.scopes, nil)
		m[k.subject.val] = u
	}
	ks.scopes[u.scopes] = append(ks.scopes[u.scopes], htmlScoped{anc, b})
	return b
}

// htmlIsClassSpace reports whether c separates classes (as cascadia
// splits a class attribute).
func htmlIsClassSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'
}

// htmlQuery runs selectors on one parsed page. With an index (built by
// newHTMLQuery from a key set) a keyed alternative is matched only
// against the elements of its bucket; without one (or for an alternative
// without key) the tree is walked as cascadia.QueryAll walks it. Both
// give the matches in document order, among the nodes still in the tree:
// the tree may lose nodes after the index is built (strip), never gain
// any.
type htmlQuery struct {
	root    *html.Node
	nodes   []*html.Node // elements in document order
	buckets [][]int32    // per bucket, indices into nodes; nil: no index
}

// newHTMLQuery indexes the elements under root by the keys of ks (nil:
// no index) and removes the comments of the tree on the way.
func newHTMLQuery(root *html.Node, ks *htmlKeySet) *htmlQuery {
	q := &htmlQuery{root: root}
	if ks == nil {
		htmlRemoveComments(root)
		return q
	}
	q.buckets = make([][]int32, len(ks.buckets))
	w := htmlIndexer{q: q, ks: ks, open: make([]int32, ks.nanc)}
	w.walk(root)
	for _, c := range w.comments {
		c.Parent.RemoveChild(c)
	}
	return q
}

// htmlIndexer builds the index of a page in one walk, counting the open
// elements of each ancestor key.
type htmlIndexer struct {
	q        *htmlQuery
	ks       *htmlKeySet
	open     []int32 // per ancestor key, the elements with it around the walk
	opened   []int32 // the ancestor keys of the elements around the walk
	comments []*html.Node
}

func (w *htmlIndexer) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.CommentNode:
			w.comments = append(w.comments, c)
			continue
		case html.ElementNode:
			mark := len(w.opened)
			w.add(c)
			for _, a := range w.opened[mark:] {
				w.open[a]++
			}
			w.walk(c)
			for _, a := range w.opened[mark:] {
				w.open[a]--
			}
			w.opened = w.opened[:mark]
			continue
		}
		w.walk(c)
	}
}

// add appends element n to the index, in the buckets of its keys whose
// ancestor key is open, and lists its ancestor keys in w.opened.
func (w *htmlIndexer) add(n *html.Node) {
	i := int32(len(w.q.nodes))
	w.q.nodes = append(w.q.nodes, n)
	if u, ok := w.ks.tags[n.Data]; ok {
		w.use(u, i)
	}
	for _, a := range n.Attr {
		switch {
		case a.Key == "id" && len(w.ks.ids) > 0:
			if u, ok := w.ks.ids[a.Val]; ok {
				w.use(u, i)
			}
		case a.Key == "class" && len(w.ks.classes) > 0:
			for v := a.Val; v != ""; {
				j := 0
				for j < len(v) && !htmlIsClassSpace(v[j]) {
					j++
				}
				if u, ok := w.ks.classes[v[:j]]; ok && j > 0 {
					w.use(u, i)
				}
				if j == len(v) {
					break
				}
				v = v[j+1:]
			}
		}
	}
}

// use files element i under a key of it.
func (w *htmlIndexer) use(u htmlKeyUse, i int32) {
	if u.anc >= 0 {
		w.opened = append(w.opened, u.anc)
	}
	if u.scopes < 0 {
		return
	}
	for _, sc := range w.ks.scopes[u.scopes] {
		if sc.anc >= 0 && w.open[sc.anc] == 0 {
			continue
		}
		if bs := w.q.buckets[sc.bucket]; len(bs) == 0 || bs[len(bs)-1] != i {
			w.q.buckets[sc.bucket] = append(bs, i)
		}
	}
}

// htmlUnder reports whether n is a proper descendant of scope (and so
// still in the tree when scope is).
func htmlUnder(n, scope *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == scope {
			return true
		}
	}
	return false
}

// alt returns the matches of alternative i of s under scope.
func (q *htmlQuery) alt(s profSelector, i int, scope *html.Node) []*html.Node {
	if q.buckets == nil || s.buckets == nil || s.buckets[i] < 0 {
		return cascadia.QueryAll(scope, s.alts[i])
	}
	var out []*html.Node
	for _, k := range q.buckets[s.buckets[i]] {
		if n := q.nodes[k]; htmlUnder(n, scope) && s.alts[i].Match(n) {
			out = append(out, n)
		}
	}
	return out
}

// all returns the matches of every alternative of s under scope, in
// document order, each once.
func (q *htmlQuery) all(s profSelector, scope *html.Node) []*html.Node {
	if len(s.alts) == 0 || scope == nil {
		return nil
	}
	if len(s.alts) == 1 {
		return q.alt(s, 0, scope)
	}
	if q.buckets == nil || !s.keyed() {
		return cascadia.QueryAll(scope, s.alts)
	}
	var out []*html.Node
	for _, k := range q.merged(s) {
		if n := q.nodes[k]; htmlUnder(n, scope) && s.alts.Match(n) {
			out = append(out, n)
		}
	}
	return out
}

// merged returns the union of the buckets of s's alternatives, sorted.
func (q *htmlQuery) merged(s profSelector) []int32 {
	var out []int32
	for _, b := range s.buckets {
		out = htmlMergeSorted(out, q.buckets[b])
	}
	return out
}

// htmlMergeSorted merges two sorted lists of distinct indices.
func htmlMergeSorted(a, b []int32) []int32 {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := make([]int32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}
