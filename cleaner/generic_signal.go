package cleaner

import (
	"encoding/json"
	"fmt"
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

// htmlArticleSignal reports whether a page declares itself an article:
// a JSON-LD @type naming an article (NewsArticle, Article,
// ReportageNewsArticle, … or BlogPosting, also inside @graph and
// arrays); else, when the page has an og:type, whether it is "article"
// (og:type "video.other" or "website" says the page is none, whatever
// its markup); else whether it has an <article> element.
func htmlArticleSignal(q *htmlDoc, fixed *htmlFixed) bool {
	for _, t := range htmlLDJSONValues(q, fixed, "@type", true) {
		if strings.HasSuffix(t, "Article") || t == "BlogPosting" {
			return true
		}
	}
	og, hasOG, hasArticle := "", false, false
	htmlEach(q.root, func(n *html.Node) {
		switch n.DataAtom {
		case atom.Article:
			hasArticle = true
		case atom.Meta:
			if !hasOG && strings.EqualFold(htmlAttr(n, "property"), "og:type") {
				og, hasOG = strings.TrimSpace(htmlAttr(n, "content")), true
			}
		}
	})
	if hasOG {
		return strings.EqualFold(og, "article")
	}
	return hasArticle
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
