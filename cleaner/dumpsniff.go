package cleaner

import (
	"bytes"
	"regexp"
)

// dumpSniffBytes is how much of the input LooksLikeHTML reads.
const dumpSniffBytes = 8 << 10

var (
	// Document-level openers: one of these at the start means HTML.
	dumpHTMLStartRe = regexp.MustCompile(`(?i)^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|link|script|style|div|article|section|main|header|p|table)[\s>/]`)
	// Any element tag, opening or closing.
	dumpHTMLTagRe = regexp.MustCompile(`(?i)</?(?:html|head|body|div|span|p|a|br|img|meta|script|article|section|table|tr|td|ul|ol|li|h[1-6]|figure|figcaption|strong|em|b|i)(?:\s[^<>]*)?/?>`)
)

// LooksLikeHTML reports whether b is an HTML page rather than a text dump,
// from its first 8 KiB: true when it starts (after a BOM, blank space, an
// XML declaration or comments) with a doctype or a common element tag, or
// when it holds at least 5 HTML tags including a closing tag. Markdown
// image rows ("![]() |") and stray "-->" in dumps do not count.
func LooksLikeHTML(b []byte) bool {
	if len(b) > dumpSniffBytes {
		b = b[:dumpSniffBytes]
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimSpace(b)
	if dumpHTMLStartRe.Match(b) {
		return true
	}
	tags := dumpHTMLTagRe.FindAll(b, 16)
	closing := false
	for _, t := range tags {
		if bytes.HasPrefix(t, []byte("</")) {
			closing = true
		}
	}
	return len(tags) >= 5 && closing
}
