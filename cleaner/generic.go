package cleaner

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits of the generic rung: go-trafilatura's time grows faster than
// linearly with the page, so larger pages are not given to it (the rung
// fails with ErrTooLarge). Real article pages are far below both (the
// ScrapingHub benchmark's largest is 1.5 MB with under 2,000 elements).
const (
	GenericMaxSize     = 2 << 20
	GenericMaxElements = 20000
)

// htmlCountElements counts the element nodes under n, stopping past limit.
func htmlCountElements(n *html.Node, limit int) int {
	count := 0
	stack := []*html.Node{n}
	for len(stack) > 0 && count <= limit {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.ElementNode {
			count++
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			stack = append(stack, k)
		}
	}
	return count
}

// genericDraft runs the generic rung, go-trafilatura, on a page: for an
// unknown site, or when the profile's body selector matched nothing. It
// is called as the ScrapingHub benchmark calls it: the page parsed with
// golang.org/x/net/html, then ExtractDocument with EnableFallback and the
// page URL (a nil Config means trafilatura's defaults). The text is
// result.ContentText cut into lines; metadata the profile rung already
// found (prior) wins over trafilatura's. On a profiled site (profiled),
// a page that does not declare itself an article (htmlArticleSignal) is
// ErrNotArticle, and finish checks the length of its text.
func (c *Cleaner) genericDraft(text []byte, base *url.URL, prior Article, profiled bool) (htmlDraft, error) {
	a := prior
	a.Extractor = ExtractorGeneric
	d := htmlDraft{a: a, profiled: profiled}
	if len(text) > GenericMaxSize {
		return d, fmt.Errorf("generic rung: %d bytes > %d: %w", len(text), GenericMaxSize, ErrTooLarge)
	}
	doc, err := htmlParseBytes(text)
	if err != nil {
		return d, err
	}
	if n := htmlCountElements(doc, GenericMaxElements); n > GenericMaxElements {
		return d, fmt.Errorf("generic rung: more than %d elements: %w", GenericMaxElements, ErrTooLarge)
	}
	q := &htmlQuery{root: doc} // no index: trafilatura gets the whole tree
	fixed := c.fixedSelectors()
	if profiled && !htmlArticleSignal(q, fixed) {
		return d, fmt.Errorf("generic rung on a profiled site: the page declares no article (JSON-LD @type, og:type, <article>): %w", ErrNotArticle)
	}
	if a.Published.IsZero() {
		// Before trafilatura, which prunes the tree it is given.
		a.Published = htmlPageDate(q, fixed, profLDJSONDates(q, fixed))
	}
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{EnableFallback: true, OriginalURL: base})
	if err != nil || res == nil {
		d.a = a
		if err == nil {
			return d, fmt.Errorf("generic extractor: no result: %w", ErrNotArticle)
		}
		return d, fmt.Errorf("generic extractor: %w: %w", err, ErrNotArticle)
	}
	m := res.Metadata
	if a.Title == "" {
		a.Title = genericTitle(htmlNorm(m.Title), htmlNorm(m.Sitename))
	}
	if a.Author == "" {
		a.Author = profTrimAuthor(htmlNorm(m.Author))
	}
	if a.Published.IsZero() && !m.Date.IsZero() {
		a.Published = m.Date.In(trICT)
	}
	if a.Category == "" && len(m.Categories) > 0 {
		a.Category = htmlNorm(m.Categories[0])
	}
	if len(a.Tags) == 0 {
		a.Tags = genericTags(m.Tags)
	}
	d.a, d.headline, d.echoes = a, a.Title, []string{a.Title}
	if res.ContentNode != nil {
		// The blocks of trafilatura's content tree: its ContentText may
		// glue a heading ("Nên xem") to the prose around it.
		genericFixAtoms(res.ContentNode)
		d.paras = htmlParagraphs(res.ContentNode, nil)
		return d, nil
	}
	for _, l := range strings.Split(res.ContentText, "\n") {
		if l = htmlNorm(l); l != "" {
			d.paras = append(d.paras, l)
		}
	}
	return d, nil
}

// genericFixAtoms sets the DataAtom of elements trafilatura built by
// name only (its <td>, <tr> and others have none), which the paragraph
// walker reads.
func genericFixAtoms(n *html.Node) {
	if n.Type == html.ElementNode && n.DataAtom == 0 {
		n.DataAtom = atom.Lookup([]byte(n.Data))
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		genericFixAtoms(c)
	}
}

// genericTitle drops a trailing " - <site name>" or " | <site name>"
// from a title.
func genericTitle(title, sitename string) string {
	if sitename == "" {
		return title
	}
	for _, sep := range []string{" - ", " | ", " – ", " — "} {
		if t, ok := strings.CutSuffix(title, sep+sitename); ok && t != "" {
			return t
		}
	}
	return title
}

func genericTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		if t = htmlNorm(t); t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
