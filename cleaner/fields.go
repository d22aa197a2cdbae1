package cleaner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// profJoinTitle joins the kicker to the headline: "kicker headline", or
// the headline alone when it already starts with the kicker. A space
// before the kicker's trailing colon is removed.
func profJoinTitle(kicker, headline string) string {
	k := strings.TrimSpace(kicker)
	colon := strings.HasSuffix(k, ":")
	k = strings.TrimSpace(strings.TrimSuffix(k, ":"))
	switch {
	case k == "":
		return headline
	case headline == "":
		return k
	case strings.HasPrefix(strings.ToLower(headline), strings.ToLower(k)):
		return headline
	case colon:
		return k + ": " + headline
	}
	return k + " " + headline
}

// profOGKickerMaxWords bounds a kicker read from og:title.
const profOGKickerMaxWords = 15

// profOGKicker returns the kicker that og:title carries before the
// headline ("KICKER: headline", "Kicker headline") when the profile's
// kicker element found none; "" when og:title is the headline (perhaps
// with a " - Site" suffix) or something else.
func profOGKicker(q *htmlDoc, headline string) string {
	if headline == "" {
		return ""
	}
	og := htmlNorm(q.doc.Find(`meta[property="og:title"]`).First().AttrOr("content", ""))
	k, ok := strings.CutSuffix(og, headline)
	k = strings.TrimSpace(k)
	if !ok || k == "" || !trHasLetter(k) || trHasFields(k, profOGKickerMaxWords+1) {
		return ""
	}
	if profKickerMarked(k) {
		return k
	}
	return ""
}

// profTrimAuthor trims the white space and punctuation around a byline,
// keeping a closing dot of an initial ("K.T.") and closing brackets.
func profTrimAuthor(s string) string {
	s = strings.TrimLeftFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || (unicode.IsPunct(r) && !strings.ContainsRune("([", r))
	})
	return strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || (unicode.IsPunct(r) && !strings.ContainsRune(".)]", r))
	})
}

// profAuthorLabelRunes bounds what may be left of the author's paragraph
// ("Theo", "Bài và ảnh:") for the whole paragraph to be dropped.
const profAuthorLabelRunes = 20

// profAuthor returns the byline and marks its element, when inside a body,
// as skipped; so is its paragraph when what is left of it is a short label.
func profAuthor(cp *compiledProfile, q *htmlDoc, bodies []*html.Node, skip map[*html.Node]bool) string {
	v, n := cp.author.value(q)
	if n == nil {
		return ""
	}
	skip[n] = true
	block := htmlBlockAncestor(n, bodies)
	if block != nil {
		var b strings.Builder
		htmlWriteText(&b, block, skip)
		if utf8.RuneCountInString(htmlNorm(b.String())) <= profAuthorLabelRunes {
			skip[block] = true
		}
	}
	return profTrimAuthor(profAuthorName(trStripRole(v)))
}

// htmlBlockAncestor returns the closest block element enclosing n below
// one of bodies, or nil when n is in none of them.
func htmlBlockAncestor(n *html.Node, bodies []*html.Node) *html.Node {
	var block *html.Node
	for p := n.Parent; p != nil; p = p.Parent {
		for _, b := range bodies {
			if p == b {
				return block
			}
		}
		if block == nil && p.Type == html.ElementNode && htmlIsBlock(p.DataAtom) {
			block = p
		}
	}
	return nil
}

// profIsUILabel reports whether a paragraph is only a button or link
// label, or a share / print / back-to-top marker (markers.go).
func profIsUILabel(p string) bool {
	k := markerOf(p, nil)
	return k == markLabel || k == markFurniture
}

// profFilterParagraphs drops paragraphs equal to the lead or to one of
// echoes (title, headline, kicker), UI labels, and a paragraph equal to
// the one before it.
func profFilterParagraphs(paras []string, lead string, echoes []string, rules ruleSet) []string {
	drop := map[string]bool{}
	for _, e := range append(echoes, lead) {
		if e = trToLower(strings.TrimSpace(e)); e != "" {
			drop[e] = true
			drop[strings.TrimSpace(strings.TrimSuffix(e, ":"))] = true
		}
	}
	var out []string
	prev := ""
	for _, p := range paras {
		key := trToLower(p)
		if drop[key] || drop[strings.TrimSpace(strings.TrimSuffix(key, ":"))] || key == prev || (rules.on(ruleUILabel) && profIsUILabel(p)) {
			continue
		}
		out = append(out, p)
		prev = key
	}
	return out
}

// profAuthorName cuts the role off an author element that reads "Name /
// role" (laodongcongdoan.vn: "Nguyễn Văn An / Tạp chí Lao động và Công
// đoàn"): the text before the first "/" is the name when both sides hold
// a letter and the role has no colon ("Tin/ảnh: X" is a byline label). A
// source credit ("Theo TTXVN/Vietnam+") is kept whole.
func profAuthorName(s string) string {
	i := strings.IndexByte(s, '/')
	if i < 0 || strings.HasPrefix(strings.ToLower(s), "theo ") {
		return s
	}
	name, role := strings.TrimSpace(s[:i]), s[i+1:]
	if !trHasLetter(name) || !trHasLetter(role) || strings.ContainsRune(role, ':') {
		return s
	}
	return name
}
