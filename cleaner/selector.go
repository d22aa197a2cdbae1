package cleaner

import (
	"errors"
	"fmt"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/unionnews/unionnews/sites"
)

// ValidSelector reports whether a CSS selector, or a comma-separated group
// of selectors, compiles. The empty selector is valid: it means "no such
// field". sites.Load uses ValidSelector to validate profiles.
func ValidSelector(sel string) error {
	if strings.TrimSpace(sel) == "" {
		return nil
	}
	if _, err := cascadia.ParseGroup(sel); err != nil {
		return fmt.Errorf("selector %q: %w", sel, err)
	}
	return nil
}

// profSelector is one compiled selector group: its alternatives in listed
// order. The zero value matches nothing.
type profSelector struct {
	src  string
	alts cascadia.SelectorGroup
}

// compiledProfile holds the compiled selectors of a profile's article page.
type compiledProfile struct {
	title, kicker, lead, body, date, author, category, tags, caption profSelector
	// imageBox selects the site's image containers besides <figure>.
	imageBox profSelector
	// strip is every strip selector in one group, profAlwaysStrip first.
	strip    profSelector
	dateAttr string
	// rules and markers are the profile's switches of the rule table and
	// its extra marker entries (folded).
	rules   ruleSet
	markers map[string]bool
	// dateLayout is the compiled date_format; nil when the format is
	// empty or does not compile.
	dateLayout *sites.DateLayout
	fixed      *htmlFixed
}

// htmlFixed holds the selectors every page is read with, whatever its
// profile, compiled once per Cleaner (Cleaner.fixedSelectors).
type htmlFixed struct {
	ldJSON    profSelector
	published []profSelector
}

func newHTMLFixed() *htmlFixed {
	must := func(src string) profSelector {
		s, err := profCompile(src)
		if err != nil {
			panic(err) // constant selectors
		}
		return s
	}
	return &htmlFixed{
		ldJSON: must(`script[type="application/ld+json"]`),
		published: []profSelector{
			must(`meta[property="article:published_time"]`),
			must(`meta[itemprop="datePublished"]`),
			must(`meta[name="pubdate"], meta[name="publishdate"], meta[property="og:published_time"]`),
		},
	}
}

// profAlwaysStrip is removed from every page before extraction.
const profAlwaysStrip = "script, style, noscript, template, iframe"

// compileProfile compiles every selector of p's article page; fixed are
// the Cleaner's fixed selectors.
func compileProfile(p *sites.Profile, fixed *htmlFixed) (*compiledProfile, error) {
	s := p.Article
	cp := &compiledProfile{dateAttr: strings.TrimSpace(s.DateAttr), fixed: fixed}
	if s.DateFormat != "" {
		if d, err := sites.CompileDateLayout(s.DateFormat); err == nil {
			cp.dateLayout = d
		}
	}
	fields := []struct {
		name string
		src  string
		dst  *profSelector
	}{
		{"title", s.Title, &cp.title}, {"kicker", s.Kicker, &cp.kicker},
		{"lead", s.Lead, &cp.lead}, {"body", s.Body, &cp.body},
		{"date", s.Date, &cp.date}, {"author", s.Author, &cp.author},
		{"category", s.Category, &cp.category}, {"tags", s.Tags, &cp.tags},
		{"caption", s.Caption, &cp.caption}, {"image_box", s.ImageBox, &cp.imageBox},
	}
	var errs []error
	for _, f := range fields {
		sel, err := profCompile(f.src)
		if err != nil {
			errs = append(errs, fmt.Errorf("article.%s: %w", f.name, err))
		}
		*f.dst = sel
	}
	for i, src := range append([]string{profAlwaysStrip}, s.Strip...) {
		sel, err := profCompile(src)
		if err != nil {
			errs = append(errs, fmt.Errorf("article.strip[%d]: %w", i-1, err))
		}
		cp.strip.alts = append(cp.strip.alts, sel.alts...)
	}
	rs, err := ruleSetOf(s.Rules)
	if err != nil {
		errs = append(errs, fmt.Errorf("article.rules: %w", err))
	}
	cp.rules, cp.markers = rs, markerSet(s.Markers)
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("compile profile %s: %w", p.Name, err)
	}
	return cp, nil
}

func profCompile(src string) (profSelector, error) {
	if strings.TrimSpace(src) == "" {
		return profSelector{}, nil
	}
	g, err := cascadia.ParseGroup(src)
	if err != nil {
		return profSelector{}, fmt.Errorf("selector %q: %w", src, err)
	}
	return profSelector{src: src, alts: g}, nil
}

// winning returns the values and nodes of the first alternative that
// yields a non-empty value, in document order.
func (s profSelector) winning(q *htmlDoc) ([]string, []*html.Node) {
	for i := range s.alts {
		var vals []string
		var nodes []*html.Node
		for _, n := range q.alt(s, i, q.root) {
			if v := htmlValue(n); v != "" {
				vals, nodes = append(vals, v), append(nodes, n)
			}
		}
		if len(vals) > 0 {
			return vals, nodes
		}
	}
	return nil, nil
}

// value returns the first non-empty value of the winning alternative and
// the node it came from.
func (s profSelector) value(q *htmlDoc) (string, *html.Node) {
	vals, nodes := s.winning(q)
	if len(vals) == 0 {
		return "", nil
	}
	return vals[0], nodes[0]
}

// lastValue returns the last non-empty value of the winning alternative.
func (s profSelector) lastValue(q *htmlDoc) string {
	vals, _ := s.winning(q)
	if len(vals) == 0 {
		return ""
	}
	return vals[len(vals)-1]
}

// values returns the non-empty values of all matches of all alternatives,
// deduplicated, in document order.
func (s profSelector) values(q *htmlDoc) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range q.all(s, q.root) {
		if v := htmlValue(n); v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// any reports whether an alternative of s matches an element of the page
// (outerMatches would return some), stopping at the first match.
func (s profSelector) any(q *htmlDoc) bool {
	return len(s.alts) > 0 && cascadia.Query(q.root, s.alts) != nil
}

// outerMatches returns the matches of the first alternative that matches
// any element, without those nested inside another match.
func (s profSelector) outerMatches(q *htmlDoc) []*html.Node {
	for i := range s.alts {
		nodes := q.alt(s, i, q.root)
		if len(nodes) == 0 {
			continue
		}
		in := map[*html.Node]bool{}
		var out []*html.Node
		for _, n := range nodes {
			if !htmlHasAncestorIn(n, in) {
				out = append(out, n)
			}
			in[n] = true
		}
		return out
	}
	return nil
}

// htmlHasAncestorIn reports whether a proper ancestor of n is in set.
func htmlHasAncestorIn(n *html.Node, set map[*html.Node]bool) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if set[p] {
			return true
		}
	}
	return false
}

// htmlValue is the normalised value of a matched element: the content
// attribute of a <meta>, the text of anything else.
func htmlValue(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Meta {
		return htmlNorm(htmlAttr(n, "content"))
	}
	return htmlNorm(htmlText(n))
}

// profStrip removes every match of the profile's strip selectors (one
// group, profAlwaysStrip first): all matches are found, then removed.
// Comments went when the page was wrapped (newHTMLDoc).
func profStrip(q *htmlDoc, cp *compiledProfile) {
	for _, n := range q.all(cp.strip, q.root) {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

func htmlRemoveComments(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode {
			n.RemoveChild(c)
		} else {
			htmlRemoveComments(c)
		}
		c = next
	}
}

// htmlAttr returns the value of n's attribute key, or "".
func htmlAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}
