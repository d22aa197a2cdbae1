package cleaner

import (
	"time"
	"unicode/utf8"
)

// dumpCaptionMaxRunes bounds a caption found by position (the line after
// an image stand-in); longer lines are paragraphs of an uncaptioned image.
const dumpCaptionMaxRunes = 250

// dumpBody sorts the body lines of a dump into paragraphs, captions and
// the byline, line by line.
type dumpBody struct {
	head     dumpHead
	counts   map[string]int  // folded line -> occurrences, for placeholders
	seen     map[string]bool // trKey of kept paragraphs and captions
	paras    []string
	captions []string
	byline   string
	// foldTitle and foldHeadline are the folded title and headline.
	foldTitle, foldHeadline string
	explicit                bool      // byline came from "Thực hiện:"-style line
	date                    time.Time // date line found under the lead
	// pending is set after an image stand-in (title echo, placeholder alt,
	// image row): the next line is its caption when it is short.
	pending bool
	html    bool // see trInput.html
	// body holds the trKey of body paragraphs in html mode: there a body
	// paragraph may repeat (recipes, tables, refrains: the page shows it
	// twice), while a repeated lead or caption is still dropped.
	body  map[string]bool
	rules ruleSet
}

// add classifies one line; "" is a blank line.
func (b *dumpBody) add(l string) {
	if l == "" {
		return
	}
	switch {
	case trIsImageRow(l):
		b.pending = !b.html
		return
	case b.rules.on(ruleLeftover) && trIsLeftover(l), b.rules.on(ruleEmagBanner) && trIsEmagBanner(l),
		b.rules.on(ruleEndMarker) && trIsEndMarker(l), b.rules.on(ruleReadMore) && trIsReadMoreLine(l),
		b.rules.on(ruleSourceLine) && trIsSourceLine(l):
		return
	}
	if b.meta(l) {
		return
	}
	if b.isStandIn(l) {
		b.pending = !b.html
		return
	}
	if c, ok := trCaptionLine(l); ok && b.rules.on(ruleCaption) {
		b.addCaption(c)
		return
	}
	k := trKey(l)
	if b.seen[k] && !(b.html && b.body[k]) {
		b.pending = false
		return
	}
	if b.pending {
		b.pending = false
		if utf8.RuneCountInString(l) <= dumpCaptionMaxRunes {
			b.addCaption(l)
			return
		}
	}
	if len(b.paras) == 1 && b.rules.on(ruleRelatedRun) && trIsRelatedRun(l) {
		return
	}
	b.seen[k] = true
	if b.html {
		b.body[k] = true
	}
	b.paras = append(b.paras, l)
}

// meta takes an explicit byline ("Thực hiện: X") or a date line from l
// and reports whether l was one.
func (b *dumpBody) meta(l string) bool {
	if name, ok := trBylineName(l); ok && b.rules.on(ruleByline) {
		if !b.explicit {
			b.byline, b.explicit = name, true
		}
		return true
	}
	m, ok := trHeaderDateLine(l)
	// A date line in the body (under the sapo) is the article's date when
	// it comes before the second paragraph, and clutter anyway.
	if ok && len(b.paras) <= 1 && b.date.IsZero() {
		b.date = m.published
	}
	return ok
}

// isStandIn reports whether l stands for an image: an echo of the title or
// headline (also as a numbered alt "<title> - Ảnh 1."), or a placeholder alt.
func (b *dumpBody) isStandIn(l string) bool {
	if b.head.title == "" && len(l) > trPlaceholderMaxBytes {
		return false
	}
	if len(l) <= 2*len(b.head.title)+16 {
		if b.isEcho(trFold(l)) {
			return true
		}
		if i := trPhotoNumberIndex(l); i >= 0 && b.isEcho(trFold(l[:i])) {
			return true
		}
	}
	if b.html { // images are known from the markup
		return false
	}
	return len(l) <= trPlaceholderMaxBytes && trIsPlaceholderAlt(l, b.counts[trFold(l)])
}

// isEcho reports whether the folded line f equals the folded title or
// headline (trIsTitleEcho with the title folded once).
func (b *dumpBody) isEcho(f string) bool {
	if b.foldTitle == "" && b.head.title != "" {
		b.foldTitle, b.foldHeadline = trFold(b.head.title), trFold(b.head.headline)
	}
	return f != "" && (f == b.foldTitle || f == b.foldHeadline)
}

func (b *dumpBody) addCaption(c string) {
	b.pending = false
	k := trKey(c)
	if c == "" || b.seen[k] {
		return
	}
	b.seen[k] = true
	b.captions = append(b.captions, c)
}
