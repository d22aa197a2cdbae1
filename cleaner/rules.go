package cleaner

import (
	"time"
	"unicode/utf8"
)

// The clutter rules of textrules*.go, applied to a list of paragraphs.
// Both paths use trCleanLines: CleanText on the lines of a dump, the HTML
// rungs on the paragraphs of the article body (or of the generic
// extractor's text). One implementation, so a rule fixed for one path is
// fixed for the other.

// trCleaned is what the rules leave of a paragraph list.
type trCleaned struct {
	paras    []string  // the article paragraphs, lead first when given
	captions []string  // captions found inline ("… Ảnh: TL")
	byline   string    // author from a byline or trailing name line
	explicit bool      // byline came from a "Thực hiện: X"-style line
	date     time.Time // date line found under the lead
}

// trInput is what the rules know of the article besides its lines.
type trInput struct {
	head dumpHead // title and headline (echoes of them are dropped)
	// lead, when not empty, is the article's lead paragraph: it counts as
	// the first paragraph (related runs follow it, pull quotes never are
	// it) and is returned as paras[0].
	lead string
	// html is set for paragraphs cut from HTML: images there are known
	// from the markup, so the line after a title echo is not taken for a
	// caption by position and there are no placeholder alts; and a body
	// paragraph shown twice is kept twice (consecutive repeats are
	// dropped before, by profFilterParagraphs).
	html bool
	// rules are the rule switches (the zero value: every rule on).
	rules ruleSet
}

// trCleanLines applies every clutter rule to lines (trimmed, "" for a
// blank line): end markers cut the furniture after the article, then each
// line is sorted into paragraphs, captions, byline or dropped clutter
// (dumpBody.add); a trailing bare name becomes the byline and pull quotes
// are dropped.
func trCleanLines(lines []string, in trInput) trCleaned {
	if in.rules.on(ruleEndMarker) {
		lines = trCutAt(lines, in.html)
	}
	if !in.html && in.rules.on(ruleRelatedRun) {
		lines = trDropLeadList(lines)
	}
	b := dumpBody{head: in.head, counts: dumpLineCounts(lines), seen: map[string]bool{}, html: in.html, body: map[string]bool{}, rules: in.rules}
	if in.lead != "" {
		b.paras = []string{in.lead}
		b.seen[trKey(in.lead)] = true
	}
	for _, l := range lines {
		b.add(l)
	}
	paras := b.paras
	if n := len(paras); n > 1 && in.rules.on(ruleTrailingName) && trIsTrailingName(paras[n-1]) {
		if b.byline == "" {
			b.byline = paras[n-1]
		}
		paras = paras[:n-1]
	}
	if in.rules.on(rulePullQuote) {
		paras = trDropPullQuotes(paras)
	}
	return trCleaned{paras: paras, captions: b.captions, byline: b.byline, explicit: b.explicit, date: b.date}
}

// trRunes counts the runes of paras.
func trRunes(paras []string) int {
	n := 0
	for _, p := range paras {
		n += utf8.RuneCountInString(p)
	}
	return n
}

// trPhotoStoryMinCaptions is the least number of inline captions of a
// photo story.
const trPhotoStoryMinCaptions = 3

// trIsPhotoStory reports whether a cleaned body is a photo story (phóng
// sự ảnh): the story is told in paragraphs under the photos, each ending
// in a credit ("(Ảnh: …)"), so the caption rule took it all and left
// less body than an article. Then the captions are the text (rule
// photo-story).
func trIsPhotoStory(r trCleaned, lead string, rules ruleSet) bool {
	if !rules.on(rulePhotoStory) || !rules.on(ruleCaption) || len(r.captions) < trPhotoStoryMinCaptions {
		return false
	}
	body := r.paras
	if lead != "" && len(body) > 0 {
		body = body[1:]
	}
	return trRunes(body) < profMinBodyRunes && trRunes(r.captions) >= profMinBodyRunes
}
