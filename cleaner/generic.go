package cleaner

import (
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"github.com/unionnews/unionnews/cleaner/generic"
)

// Limits of the generic rung: go-trafilatura's time grows faster than
// linearly with the page, so larger pages are not given to it (the rung
// fails with ErrTooLarge). Real article pages are far below both (the
// ScrapingHub benchmark's largest is 1.5 MB with under 2,000 elements).
const (
	GenericMaxSize     = 2 << 20
	GenericMaxElements = 20000
)

// genericDraft runs the generic rung (package generic, go-trafilatura)
// on the page's parsed tree q (size is the page's length in bytes): for
// an unknown site, or when the profile's body selector matched nothing.
// The text is the blocks of the extractor's content tree; metadata the
// profile rung already found (prior, with the profile's rule switches)
// wins over the extractor's. On a
// profiled site (profiled), a page that does not declare itself an
// article (htmlArticleSignal) is ErrNotArticle, and finish checks the
// length of its text.
func (c *Cleaner) genericDraft(q *htmlDoc, size int, base *url.URL, prior htmlDraft, profiled bool) (htmlDraft, error) {
	a := prior.a
	a.Extractor = ExtractorGeneric
	d := htmlDraft{a: a, profiled: profiled, rules: prior.rules, markers: prior.markers}
	if size > GenericMaxSize {
		return d, fmt.Errorf("generic rung: %d bytes > %d: %w", size, GenericMaxSize, ErrTooLarge)
	}
	if n := htmlCountElements(q.root, GenericMaxElements); n > GenericMaxElements {
		return d, fmt.Errorf("generic rung: more than %d elements: %w", GenericMaxElements, ErrTooLarge)
	}
	fixed := c.fixedSelectors()
	switch kind := htmlPageSignal(q, fixed); {
	case profiled && kind != pageArticle:
		return d, fmt.Errorf("generic rung on a profiled site: the page declares no article (JSON-LD @type, og:type, <article>): %w", ErrNotArticle)
	case kind != pageArticle && htmlIsListing(q, base):
		return d, fmt.Errorf("a home or listing page (%d or more <article> items, or the site root), not an article: %w", listingMinArticles, ErrNotArticle)
	}
	if a.Published.IsZero() {
		// Before the extractor, which prunes the tree it is given.
		a.Published = htmlPageDate(q, fixed, profLDJSONDates(q, fixed))
	}
	lead := genericPageLead(q)
	heads := genericHeadings(q)
	if d.rules.on(ruleCaption) {
		genericDropCaptions(q)
	}
	// Boxes go before the extractor, whose content tree keeps no links.
	for _, box := range htmlBoxes(q.root, nil, d.markers, d.rules) {
		if box.Parent != nil {
			box.Parent.RemoveChild(box)
		}
	}
	m, err := generic.Extract(q.root, base)
	if err != nil {
		d.a = a
		return d, fmt.Errorf("%w: %w", err, ErrNotArticle)
	}
	var kicked []string // the kicker and headline joined into the title
	if a.Title == "" {
		a.Title, kicked = genericJoinKicker(genericTitle(htmlNorm(m.Title), htmlNorm(m.Sitename)), heads)
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
	d.a, d.headline, d.echoes = a, a.Title, append([]string{a.Title}, kicked...)
	if len(kicked) == 2 {
		d.headline = kicked[1]
	}
	if m.Content != nil {
		// The blocks of the content tree: the extractor's text may glue
		// a heading ("Nên xem") to the prose around it.
		d.paras = htmlParagraphs(m.Content, nil)
	} else {
		for _, l := range strings.Split(m.Text, "\n") {
			if l = htmlNorm(l); l != "" {
				d.paras = append(d.paras, l)
			}
		}
	}
	if lead != "" && !genericHasLead(d.paras, lead) {
		d.lead = lead // a lead outside the body container, which the extractor dropped
	}
	return d, nil
}

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
