package cleaner

// The end-marker rule (rule end-marker of ruletable.go): where the
// article ends in a list of lines, and the related lists it goes on
// after.

import "strings"

// trBodyStartRunes is the length from which a line counts as article prose
// for trCutAtEndMarkers: markers above the first such line belong to a
// header toolbar, not to the footer.
const trBodyStartRunes = 80

// trCutAtEndMarkers returns lines up to (without) the first end marker that
// follows article prose, dropping any marker seen before the prose starts
// (a share bar under the title). Everything after the cut is page furniture.
// Class: related lists, share/print bars, "Phiên bản di động" footers.
// Example: [..., "K.Tiến", "Có thể bạn quan tâm", "Nên xem", ...] ends at "K.Tiến".
func trCutAtEndMarkers(lines []string) []string {
	return trCutAt(lines, false)
}

// trCutAt is trCutAtEndMarkers; with html, a marker ends the article only
// when no prose line follows it (the furniture after the last body
// content): a marker with body text after it (a box left mid-body, whose
// element the related-box rule did not catch) is dropped alone.
func trCutAt(lines []string, html bool) []string {
	out := make([]string, 0, len(lines))
	prose := false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if trIsEndMarker(l) {
			if !prose {
				continue
			}
			if html && trProseFollows(lines[i+1:]) {
				continue
			}
			end, ok := trListBox(lines, i+1)
			if html || !ok || markerOf(l, nil) != markRelated {
				return out
			}
			i = end - 1 // a related list mid-text: skip it, the article goes on
			continue
		}
		if trRunesOver(l, trBodyStartRunes-1) {
			prose = true
		}
		out = append(out, l)
	}
	return out
}

// trListBoxMaxItems bounds the items of a related list skipped mid-text.
const trListBoxMaxItems = 8

// trListBox reports whether the lines from i are a related list that the
// article continues after: list items ("* headline", "- headline", "1.
// headline", blank lines between), then a line of prose. It returns the
// index of that prose line.
func trListBox(lines []string, i int) (int, bool) {
	items := 0
	for ; i < len(lines); i++ {
		l := lines[i]
		switch {
		case l == "":
		case trIsListMarkerLine(l):
			if items++; items > trListBoxMaxItems {
				return i, false
			}
		default:
			return i, items > 0 && trProseSoon(lines[i:])
		}
	}
	return i, false
}

// trProseSoonLines is how far after a related list the prose must go on
// (an intertitle or a caption may come first).
const trProseSoonLines = 6

// trProseSoon reports whether a line of prose comes within the first
// trProseSoonLines non-blank lines, before any marker.
func trProseSoon(lines []string) bool {
	n := 0
	for _, l := range lines {
		if l == "" {
			continue
		}
		if n++; n > trProseSoonLines || trIsEndMarker(l) {
			return false
		}
		if trRunesOver(l, trBodyStartRunes-1) && trEndsSentence(l) {
			return true
		}
	}
	return false
}

// trIsListMarkerLine reports whether l is a list item as converters print
// one: "* x", "- x", "+ x", "• x" or "1. x".
func trIsListMarkerLine(l string) bool {
	if len(l) < 3 {
		return false
	}
	switch {
	case strings.HasPrefix(l, "* "), strings.HasPrefix(l, "- "), strings.HasPrefix(l, "+ "), strings.HasPrefix(l, "• "):
		return true
	}
	d := 0
	for d < len(l) && d < 3 && l[d] >= '0' && l[d] <= '9' {
		d++
	}
	return d > 0 && strings.HasPrefix(l[d:], ". ")
}

// trProseFollows reports whether lines hold a line of article prose: at
// least trBodyStartRunes long and ending a sentence.
func trProseFollows(lines []string) bool {
	for _, l := range lines {
		if trRunesOver(l, trBodyStartRunes-1) && trEndsSentence(l) {
			return true
		}
	}
	return false
}
