package cleaner

import (
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML mode removes related, read-more and share boxes as elements,
// wherever they stand in the body (rules related-box and headline-run of
// ruletable.go), before the body is cut into paragraphs: the text after a
// box mid-body is kept. Both rules read the shape of the markup only,
// never a class name.

// Bounds of the box rules.
const (
	// boxLinkShare is the least share of a box's text (its heading not
	// counted) that sits in links for a marker-headed container to be a
	// related box.
	boxLinkShare = 0.5
	// boxRunShare is the least share of a block's text in links for it
	// to be a run of headlines (or a link-only paragraph).
	boxRunShare = 0.9
	// boxRunMaxRunes bounds a one-link block taken for a headline: a
	// longer linked paragraph is prose that happens to be a link.
	boxRunMaxRunes = 250
)

// boxStats is what the box rules know of an element's text.
type boxStats struct {
	runes, linkRunes, links int // letters and digits; in links; links with text
	heading                 string
	headingRunes            int
}

// boxCount fills s from n's subtree, skipping the nodes in skip.
func boxCount(n *html.Node, skip map[*html.Node]bool, inLink bool, s *boxStats) {
	if skip[n] {
		return
	}
	switch n.Type {
	case html.TextNode:
		k := 0
		for _, r := range n.Data {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				k++
			}
		}
		s.runes += k
		if inLink {
			s.linkRunes += k
		}
		return
	case html.ElementNode:
		if htmlIsSilent(n.DataAtom) {
			return
		}
	default:
		return
	}
	if n.DataAtom == atom.A && !inLink {
		before := s.linkRunes
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			boxCount(c, skip, true, s)
		}
		if s.linkRunes > before {
			s.links++
		}
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		boxCount(c, skip, inLink, s)
	}
}

// boxStatsOf returns n's stats, with its heading: the text of its first
// block that holds a word.
func boxStatsOf(n *html.Node, skip map[*html.Node]bool) boxStats {
	var s boxStats
	boxCount(n, skip, false, &s)
	if h := boxFirstBlock(n, skip); h != nil && h != n {
		s.heading = htmlNorm(htmlTextSkip(h, skip))
		var hs boxStats
		boxCount(h, skip, false, &hs)
		s.headingRunes = hs.runes
	}
	return s
}

// boxFirstBlock returns the first descendant of n that is a leaf block
// (no block inside) holding a word, or a run of inline content directly
// under n (then n itself).
func boxFirstBlock(n *html.Node, skip map[*html.Node]bool) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if skip[c] {
			continue
		}
		switch {
		case c.Type == html.TextNode:
			if htmlHasWord(c.Data) {
				return n
			}
		case c.Type == html.ElementNode && !htmlIsSilent(c.DataAtom):
			if !htmlIsBlock(c.DataAtom) {
				if htmlHasWord(htmlTextSkip(c, skip)) {
					return c
				}
				continue
			}
			if b := boxFirstBlock(c, skip); b != nil {
				return b
			}
		}
	}
	return nil
}

func htmlTextSkip(n *html.Node, skip map[*html.Node]bool) string {
	var b []byte
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if skip[n] {
			return
		}
		switch n.Type {
		case html.TextNode:
			b = append(b, n.Data...)
		case html.ElementNode:
			if htmlIsSilent(n.DataAtom) {
				return
			}
			if htmlIsBlock(n.DataAtom) || n.DataAtom == atom.Br {
				b = append(b, ' ')
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
	}
	walk(n)
	return string(b)
}

// boxFinder finds the boxes of a body.
type boxFinder struct {
	skip    map[*html.Node]bool
	markers map[string]bool // the profile's extra entries
	rules   ruleSet
	out     []*html.Node
}

// htmlBoxes returns the related / read-more / headline boxes under scope
// (not scope itself), outermost first, in document order.
func htmlBoxes(scope *html.Node, skip map[*html.Node]bool, markers map[string]bool, rules ruleSet) []*html.Node {
	f := &boxFinder{skip: skip, markers: markers, rules: rules}
	f.children(scope)
	return f.out
}

func (f *boxFinder) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || f.skip[c] || htmlIsSilent(c.DataAtom) {
			continue
		}
		if !htmlIsBlock(c.DataAtom) {
			f.children(c) // <html>, <body>, or an inline element
			continue
		}
		s := boxStatsOf(c, f.skip)
		if s.runes == 0 {
			continue
		}
		switch {
		case f.rules.on(ruleRelatedBox) && f.isRelatedBox(c, s):
			f.out = append(f.out, c)
		case f.rules.on(ruleHeadlineRun) && f.isHeadlineRun(c, s):
			f.out = append(f.out, c)
		case f.rules.on(ruleRelatedBox) && f.isMarker(htmlNorm(htmlTextSkip(c, f.skip))):
			// A lone marker heading: the link-dense blocks right after
			// it are its box.
			var box []*html.Node
			for sib := c.NextSibling; sib != nil; sib = sib.NextSibling {
				if sib.Type == html.TextNode && !htmlHasWord(sib.Data) || sib.Type == html.CommentNode {
					continue
				}
				if sib.Type != html.ElementNode || !htmlIsBlock(sib.DataAtom) {
					break
				}
				ss := boxStatsOf(sib, f.skip)
				if ss.runes > 0 && (ss.links == 0 || float64(ss.linkRunes) < boxLinkShare*float64(ss.runes)) {
					break
				}
				box = append(box, sib)
			}
			if len(box) > 0 {
				f.out = append(f.out, c)
				f.out = append(f.out, box...)
				c = box[len(box)-1]
			}
		default:
			f.children(c)
		}
	}
}

func (f *boxFinder) isMarker(s string) bool {
	k := markerOf(s, f.markers)
	return k == markRelated || k == markFurniture
}

// isRelatedBox: a container whose heading is a marker and whose other
// text is mostly links (rule related-box).
func (f *boxFinder) isRelatedBox(n *html.Node, s boxStats) bool {
	if s.heading == "" || !f.isMarker(s.heading) {
		return false
	}
	rest := s.runes - s.headingRunes
	return rest > 0 && s.links > 0 && float64(s.linkRunes) >= boxLinkShare*float64(rest)
}

// isHeadlineRun: a block whose text is all links: a run of related
// headlines, or a link-only paragraph (rule headline-run).
func (f *boxFinder) isHeadlineRun(n *html.Node, s boxStats) bool {
	if s.links == 0 || float64(s.linkRunes) < boxRunShare*float64(s.runes) {
		return false
	}
	return s.links > 1 || s.runes <= boxRunMaxRunes
}
