package cleaner

import (
	"fmt"
	"slices"
	"strings"
)

// The clutter rules: one table of named rules, shared by HTML mode (the
// paragraphs of an article body) and text-dump mode (the lines of a
// dump). Each rule removes one class of clutter by its shape, never by
// the strings of one page; its function is named in the table and
// tested in ruletable_test.go. A site profile switches rules on or off by
// name (article.rules) and adds marker entries (article.markers).
//
// To add a rule: add an ID and a row here, implement it where the row's
// "where" says, and add a case to ruletable_test.go.

// ruleID names a rule of the table.
type ruleID uint8

const (
	ruleRelatedBox ruleID = iota
	ruleHeadlineRun
	ruleEndMarker
	ruleUILabel
	ruleReadMore
	ruleRelatedRun
	ruleCaption
	ruleByline
	ruleTrailingName
	ruleTitleEcho
	rulePullQuote
	ruleDateLine
	ruleLeftover
	ruleEmagBanner
	rulePlaceholderAlt
	ruleSourceLine
	rulePhotoStory
	ruleCount
)

// Rule is one row of the rule table.
type Rule struct {
	Name string // as named in a profile's article.rules
	// Modes is "html", "text" or "html+text".
	Modes string
	// Doc says what the rule removes, by shape, with an example.
	Doc string
	// Where names the function that implements it.
	Where string
}

// ruleTable is the table, indexed by ruleID.
var ruleTable = [ruleCount]Rule{
	ruleRelatedBox: {"related-box", "html", "a container whose heading is a marker (markers.go) and whose other text is mostly links, " +
		"or a lone marker heading and the link lists right after it, is removed as an element wherever it stands", "boxFinder.isRelatedBox"},
	ruleHeadlineRun: {"headline-run", "html", "a block whose text is all links (a run of related headlines, a link-only paragraph) " +
		"is removed as an element", "boxFinder.isHeadlineRun"},
	ruleEndMarker: {"end-marker", "html+text", "a marker line after the prose ends the article; in HTML mode only when no prose " +
		"follows it (furniture after the last body content), else the marker alone is dropped", "trCutAt"},
	ruleUILabel: {"ui-label", "html", "a paragraph that is only a button label or a share/print marker (\"In bài viết\")", "profIsUILabel"},
	ruleReadMore: {"read-more", "html+text", "an inline read-more line (\"Xem thêm: <headline>\", \">> <headline>\")",
		"trIsReadMoreLine"},
	ruleRelatedRun: {"related-run", "html+text", "related headlines glued into one line without punctuation, right after the lead",
		"trIsRelatedRun"},
	ruleCaption: {"caption", "html+text", "an image caption left inline (\"… Ảnh: TL\", \"- Ảnh 1.\", a table cell row): moved to Images",
		"trCaptionLine"},
	ruleByline: {"byline", "html+text", "a byline line (\"Thực hiện: X\", \"Tin-ảnh: X\"): becomes the author", "trBylineName"},
	ruleTrailingName: {"trailing-name", "html+text", "a bare name as the last paragraph (\"K.Tiến\"): becomes the author",
		"trIsTrailingName"},
	ruleTitleEcho: {"title-echo", "html+text", "a line repeating the title or headline (image alt, e-magazine banner)", "dumpBody.isStandIn"},
	rulePullQuote: {"pull-quote", "html+text", "a short paragraph repeating words of the body (a pull quote); never an intertitle, " +
		"which ends no sentence (or ends in a colon) and is followed by the paragraph repeating it", "trDropPullQuotes"},
	ruleDateLine: {"date-line", "html+text", "a date line under the lead (\"Thứ hai, 12/01/2026 | 08:07\"): becomes the date",
		"trHeaderDateLine"},
	ruleLeftover:       {"leftover", "text", "markup debris without words (\"-->\", \"![]() |\", \"* * *\")", "trIsLeftover"},
	ruleEmagBanner:     {"emag-banner", "html+text", "an e-magazine / longform banner label (\"E-MAGAZINE\")", "trIsEmagBanner"},
	rulePlaceholderAlt: {"placeholder-alt", "text", "a short alt text printed once per picture (\"ssd\")", "trIsPlaceholderAlt"},
	rulePhotoStory: {"photo-story", "html", "a photo story (phóng sự ảnh) whose paragraphs all end in a photo credit keeps them " +
		"as its text, instead of taking them for captions and the page for no article", "trIsPhotoStory"},
	ruleSourceLine: {"source-line", "html+text", "a source credit line (\"Nguồn: Bộ Y tế\")", "trIsSourceLine"},
}

// Rules returns the rule table, in order.
func Rules() []Rule { return slices.Clone(ruleTable[:]) }

// ruleSet is the set of rules switched off; the zero value has every
// rule on.
type ruleSet struct{ off [ruleCount]bool }

func (s ruleSet) on(id ruleID) bool { return !s.off[id] }

// ruleSetOf switches the named rules on or off; an unknown name is an
// error naming the known ones.
func ruleSetOf(switches map[string]bool) (ruleSet, error) {
	var s ruleSet
	for name, on := range switches {
		id, ok := ruleByName(name)
		if !ok {
			names := make([]string, 0, len(ruleTable))
			for _, r := range ruleTable {
				names = append(names, r.Name)
			}
			return s, fmt.Errorf("unknown rule %q (known: %s)", name, strings.Join(names, ", "))
		}
		s.off[id] = !on
	}
	return s, nil
}

func ruleByName(name string) (ruleID, bool) {
	for i, r := range ruleTable {
		if r.Name == name {
			return ruleID(i), true
		}
	}
	return 0, false
}
