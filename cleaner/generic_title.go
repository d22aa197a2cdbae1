package cleaner

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The generic rung's title. go-trafilatura takes the page's title from
// its metas (og:title, …); without them, from the page's only h1; with
// two h1 (a logo printed in an h1 beside the headline's), from the first
// h1–h3 whose class holds "title", in page order. A kicker printed right
// before the headline (h3.title-sub, h2.sub-title) then comes first and
// is returned as the whole title. The title convention of the profile
// rung (kicker + " " + headline, profJoinTitle) is applied instead, from
// the page's shape: the kicker is the short text element right before an
// h1.

// genericHeading is an h1 of the page with the kicker printed right
// before it ("" when none).
// before is the text of the element right before the h1, whatever its
// shape.
type genericHeading struct{ before, kicker, headline string }

// genericHeadings reads every h1 with text and the kicker before it. Run
// it before the extractor, which prunes the tree.
func genericHeadings(q *htmlDoc) []genericHeading {
	var out []genericHeading
	htmlEach(q.root, func(h1 *html.Node) {
		if h1.DataAtom != atom.H1 {
			return
		}
		headline := htmlNorm(htmlText(h1))
		if headline == "" {
			return
		}
		before, kicker := genericKickerOf(h1)
		out = append(out, genericHeading{before: before, kicker: kicker, headline: headline})
	})
	return out
}

// genericKickerOf returns the text of the element right before h1 (or
// before the wrapper h1 opens, up to two levels up), and that text again
// as the kicker when it has a kicker's shape: a short text of at most
// profOGKickerMaxWords words with a letter, no link or image (a category
// label or breadcrumb is a link), and no marker ("Tin liên quan"). A
// wrapper around one element (div.kicker > h3) is read as that element.
func genericKickerOf(h1 *html.Node) (before, kicker string) {
	n := h1
	for up := 0; up < 2 && htmlPrevElement(n) == nil && n.Parent != nil && n.Parent.Type == html.ElementNode; up++ {
		n = n.Parent
	}
	prev := htmlPrevElement(n)
	if prev == nil || htmlIsSilent(prev.DataAtom) || prev.DataAtom == atom.H1 {
		return "", ""
	}
	before = htmlNorm(htmlText(prev))
	links := prev.DataAtom == atom.A
	htmlEach(prev, func(c *html.Node) { links = links || c.DataAtom == atom.A || c.DataAtom == atom.Img })
	for c := htmlOnlyElement(prev); c != nil; c = htmlOnlyElement(prev) {
		prev = c
	}
	if links || htmlHasBlockDescendant(prev) || before == "" || !trHasLetter(before) ||
		trHasFields(before, profOGKickerMaxWords+1) || markerOf(before, nil) != 0 {
		return before, ""
	}
	return before, before
}

// htmlOnlyElement returns n's one child element when n holds nothing else
// (no text with a word), nil otherwise.
func htmlOnlyElement(n *html.Node) *html.Node {
	var only *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode:
			if only != nil {
				return nil
			}
			only = c
		case c.Type == html.TextNode && htmlHasWord(c.Data):
			return nil
		}
	}
	return only
}

// htmlPrevElement returns the element before n among its siblings, nil
// when text with a word or nothing comes before it.
func htmlPrevElement(n *html.Node) *html.Node {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		switch {
		case p.Type == html.ElementNode:
			return p
		case p.Type == html.TextNode && htmlHasWord(p.Data):
			return nil
		}
	}
	return nil
}

// genericJoinKicker applies the title convention to the extractor's
// title: a title that is the kicker before an h1 becomes kicker +
// headline; so does a title that is an h1's headline when its kicker has
// a kicker's marks (a trailing colon, or all capitals, as in profOGKicker).
// A title that is some other text right before an h1 (a date line)
// becomes the headline, and so does a title that is an h1's headline
// followed by a site name ("Headline - Site", og:title on a page without
// og:site_name). Any other title is returned as it is.
func genericJoinKicker(title string, heads []genericHeading) (string, []string) {
	key := genericTitleKey(title)
	for _, h := range heads {
		switch {
		case h.kicker != "" && (key == genericTitleKey(h.kicker) || (key == genericTitleKey(h.headline) && profKickerMarked(h.kicker))):
			return profJoinTitle(h.kicker, h.headline), []string{h.kicker, h.headline}
		case h.before != "" && key == genericTitleKey(h.before):
			// Not a kicker (a date, a sentence): the h1 is the title.
			return h.headline, nil
		case genericHasSiteSuffix(title, h.headline):
			return genericJoinKicker(h.headline, heads)
		}
	}
	return title, nil
}

func genericTitleKey(s string) string {
	return trToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ":")))
}

// profKickerMarked reports whether k has a kicker's marks: a trailing
// colon, or all capitals.
func profKickerMarked(k string) bool {
	return strings.HasSuffix(k, ":") || strings.ToUpper(k) == k
}

// genericHasSiteSuffix reports whether title is headline, a separator
// (" - ", " | ", " – ", " — ") and more.
func genericHasSiteSuffix(title, headline string) bool {
	rest, ok := strings.CutPrefix(title, headline)
	if !ok || headline == "" {
		return false
	}
	for _, sep := range []string{" - ", " | ", " – ", " — "} {
		if r, ok := strings.CutPrefix(rest, sep); ok && trHasLetter(r) {
			return true
		}
	}
	return false
}
