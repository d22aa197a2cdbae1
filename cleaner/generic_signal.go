package cleaner

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// On a profiled site the generic rung is a fallback for a changed
// template; there it must not turn a video, photo, tag or home page into
// an article. Its text is kept only for a page that declares itself an
// article (htmlArticleSignal) and holds at least genericMinParas body
// paragraphs and genericMinRunes characters. For an unknown site (nil
// profile) there is no such check.
const (
	genericMinParas = 3
	genericMinRunes = 400
)

// pageKind is what a page declares itself to be.
type pageKind uint8

const (
	pageUnknown pageKind = iota
	pageArticle
	pageOther // og:type other than article, or a listing of many <article> items
)

// listingMinArticles is the number of <article> elements from which a
// page without an article declaration is a listing (a home or category
// page lists its stories as <article> items).
const listingMinArticles = 5

// htmlPageSignal reads what a page declares itself to be: an article by
// JSON-LD @type or og:type "article"; something else by another og:type,
// or by listingMinArticles <article> elements; else one <article> element
// makes it an article, and without any it is unknown.
func htmlPageSignal(q *htmlDoc, fixed *htmlFixed) pageKind {
	for _, t := range htmlLDJSONValues(q, fixed, "@type", true) {
		if strings.HasSuffix(t, "Article") || t == "BlogPosting" {
			return pageArticle
		}
	}
	og, hasOG, articles := "", false, 0
	htmlEach(q.root, func(n *html.Node) {
		switch n.DataAtom {
		case atom.Article:
			articles++
		case atom.Meta:
			if !hasOG && strings.EqualFold(htmlAttr(n, "property"), "og:type") {
				og, hasOG = strings.TrimSpace(htmlAttr(n, "content")), true
			}
		}
	})
	switch {
	case hasOG && strings.EqualFold(og, "article"):
		return pageArticle
	case hasOG, articles >= listingMinArticles:
		return pageOther
	case articles > 0:
		return pageArticle
	}
	return pageUnknown
}

// htmlLDJSONValues returns the string values of key anywhere in the
// page's JSON-LD blocks (also inside @graph and arrays, and the strings
// of an array value when lists is set), in page order.
func htmlLDJSONValues(q *htmlDoc, fixed *htmlFixed, key string, lists bool) []string {
	var out []string
	for _, s := range htmlLDJSONTexts(q, fixed) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			continue
		}
		out = profFindKey(v, key, lists, out)
	}
	return out
}

// genericCheckProfiled returns ErrNotArticle (wrapped) unless the body
// paragraphs the generic rung kept on a profiled site are enough for an
// article.
func genericCheckProfiled(paras []string) error {
	if n, r := len(paras), trRunes(paras); n < genericMinParas || r < genericMinRunes {
		return fmt.Errorf("generic rung on a profiled site: %d paragraphs, %d characters, want at least %d and %d: %w",
			n, r, genericMinParas, genericMinRunes, ErrNotArticle)
	}
	return nil
}

// htmlIsListing reports whether a page that declares no article is a
// home or listing page: it lists listingMinArticles or more <article>
// items, or its URL (its canonical URL when it has one) is a site root.
func htmlIsListing(q *htmlDoc, base *url.URL) bool {
	articles := 0
	htmlEach(q.root, func(n *html.Node) {
		if n.DataAtom == atom.Article {
			articles++
		}
	})
	if articles >= listingMinArticles {
		return true
	}
	u := base
	if c := htmlCanonical(q); c != "" {
		if cu, err := url.Parse(c); err == nil && cu.Host != "" {
			u = cu
		}
	}
	return u != nil && u.Host != "" && (u.Path == "" || u.Path == "/") && u.RawQuery == ""
}

// htmlCanonical returns the page's canonical URL: <link rel=canonical>,
// else og:url; "" when it declares none.
func htmlCanonical(q *htmlDoc) string {
	if c := q.doc.Find(`link[rel="canonical"]`).First().AttrOr("href", ""); strings.TrimSpace(c) != "" {
		return strings.TrimSpace(c)
	}
	return strings.TrimSpace(q.doc.Find(`meta[property="og:url"]`).First().AttrOr("content", ""))
}
