package cleaner

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/unionnews/unionnews/sites"
)

// ExtractorText is the Article.Extractor value of CleanText.
const ExtractorText = "text"

// MaxDumpSize is the largest dump CleanText accepts, in bytes: the one
// page-size limit of unionnews, sites.MaxPageSize (8 MiB). A longer dump
// is refused with ErrTooLarge, never truncated.
const MaxDumpSize = sites.MaxPageSize

// ErrNoText means nothing article-like is left in a text dump after the
// clutter is removed (no body paragraph).
var ErrNoText = errors.New("no article text in dump")

// TextOptions tells CleanText where a dump comes from. The zero value is
// fine; URL and Site are copied into the Article.
type TextOptions struct {
	URL  string
	Site string
}

// CleanText cleans an already-extracted plain-text dump of a news page
// (the output of a generic scraper) into an Article with Extractor "text".
//
// The dump is read as lines: blank lines separate paragraphs, and so does
// a single newline unless the next line continues a sentence (starts in
// lower case after a line without a sentence end). The title is the first
// line (a kicker line ending in ":" is joined to the headline below it);
// header lines under it give Published, Category and Author. Everything
// after an end-of-article marker ("Có thể bạn quan tâm", "Tin khác",
// "Chia sẻ", …) is dropped, and the rules of textrules*.go remove title
// echoes, captions (kept as Images without URL), related-headline runs,
// repeated lines, placeholder alt texts, pull quotes and bylines. Lead is
// the first paragraph; Text is all paragraphs joined by blank lines.
//
// When no paragraph is left, CleanText returns ErrNoText together with the
// fields found so far.
func CleanText(dump string, opts TextOptions) (Article, error) {
	if len(dump) > MaxDumpSize {
		return Article{URL: opts.URL, Site: opts.Site}, fmt.Errorf("text dump of %d bytes, over the page-size limit of %d: %w", len(dump), MaxDumpSize, ErrTooLarge)
	}
	lines := trCutAtEndMarkers(dumpLines(dump))
	art := Article{URL: opts.URL, Site: opts.Site, Extractor: ExtractorText}
	head, start := dumpParseHeader(lines)
	art.Title, art.Category, art.Author, art.Published = head.title, head.category, head.author, head.published

	r := trCleanLines(lines[start:], trInput{head: head})
	paras := r.paras
	if art.Published.IsZero() {
		art.Published = r.date
	}
	if r.byline != "" && (art.Author == "" || r.explicit) {
		art.Author = r.byline
	}
	for _, c := range r.captions {
		art.Images = append(art.Images, Image{Caption: c})
	}
	if len(paras) == 0 {
		return art, ErrNoText
	}
	art.Lead = paras[0]
	art.Text = strings.Join(paras, "\n\n")
	return art, nil
}

// dumpLines normalises a dump and splits it into trimmed lines, "" for a
// blank line. Invalid UTF-8 is
// removed; text is NFC; NBSP and other spaces become plain spaces. A line
// that continues the sentence of the line above it (no sentence end above,
// lower-case start) is joined to it.
func dumpLines(dump string) []string {
	dump = norm.NFC.String(strings.ToValidUTF8(dump, ""))
	dump = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n").Replace(dump)
	raw := strings.Split(dump, "\n")
	out := make([]string, 0, len(raw))
	for _, r := range raw {
		l := strings.Join(strings.FieldsFunc(r, dumpIsSpace), " ")
		if n := len(out); l != "" && n > 0 && out[n-1] != "" && dumpContinues(out[n-1], l) {
			out[n-1] += " " + l
			continue
		}
		out = append(out, l)
	}
	return out
}

func dumpIsSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// dumpWrapMinRunes is the shortest line that can be a wrapped piece of a
// sentence; shorter lines (placeholder alts like "ssd") stand alone.
const dumpWrapMinRunes = 30

// dumpContinues reports whether next continues the sentence of prev: prev
// is a long line without a sentence end and next starts in lower case.
func dumpContinues(prev, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(r) && utf8.RuneCountInString(prev) >= dumpWrapMinRunes &&
		!trEndsSentence(prev) && !strings.HasSuffix(prev, "|")
}

// trPlaceholderMaxBytes bounds the lines counted for placeholder alts
// (24 runes of at most 4 bytes).
const trPlaceholderMaxBytes = 96

// dumpLineCounts counts the occurrences of each folded short line (the
// placeholder-alt candidates).
func dumpLineCounts(lines []string) map[string]int {
	c := map[string]int{}
	for _, l := range lines {
		if l != "" && len(l) <= trPlaceholderMaxBytes {
			c[trFold(l)]++
		}
	}
	return c
}

// dumpHead is the article header read from the top of a dump.
type dumpHead struct {
	title, headline  string
	category, author string
	published        time.Time
}

// dumpHeaderMaxLines is how many lines under the title are read as header.
const dumpHeaderMaxLines = 4

// dumpTitleMaxRunes bounds a title line; a longer first line is prose and
// the dump has no title.
const dumpTitleMaxRunes = 250

// dumpParseHeader reads the title and the header lines under it and
// returns them with the index of the first body line.
func dumpParseHeader(lines []string) (dumpHead, int) {
	var h dumpHead
	i := dumpSkipJunk(lines, 0)
	if i >= len(lines) || !dumpIsTitleLine(lines[i]) {
		return h, i
	}
	h.title, h.headline = lines[i], lines[i]
	i = dumpSkipJunk(lines, i+1)
	if trIsKicker(h.title) && i < len(lines) && !trIsKicker(lines[i]) &&
		utf8.RuneCountInString(lines[i]) <= dumpTitleMaxRunes && !dumpIsHeaderMeta(lines[i]) {
		h.headline = lines[i]
		h.title += " " + lines[i]
		i = dumpSkipJunk(lines, i+1)
	}
	dated := false
	for n := 0; n < dumpHeaderMaxLines && i < len(lines); n++ {
		l := lines[i]
		if m, ok := trHeaderDateLine(l); ok {
			if h.published.IsZero() {
				h.published = m.published
			}
			h.category, h.author = dumpFirst(h.category, m.category), dumpFirst(h.author, m.author)
			dated = true
		} else if name, ok := dumpHeaderName(l); ok && h.author == "" && (dated || dumpNextIsDate(lines, i)) {
			h.author = name // a bare byline next to the date line
		} else if c, a, ok := trCategoryAuthorLine(l); ok {
			h.category, h.author = dumpFirst(h.category, c), dumpFirst(h.author, a)
		} else if !trIsTitleEcho(l, h.title) && !trIsTitleEcho(l, h.headline) {
			break
		}
		i = dumpSkipJunk(lines, i+1)
	}
	return h, i
}

// dumpHeaderName reads a bare byline of a header: "Name", or "Name /
// affiliation" (the name is kept).
func dumpHeaderName(l string) (string, bool) {
	name := strings.TrimSpace(profAuthorName(l))
	return name, trIsTrailingName(name)
}

// dumpNextIsDate reports whether the header line after lines[i] is a
// date line.
func dumpNextIsDate(lines []string, i int) bool {
	j := dumpSkipJunk(lines, i+1)
	if j >= len(lines) {
		return false
	}
	_, ok := trHeaderDateLine(lines[j])
	return ok
}

// dumpIsTitleLine reports whether l can be a headline: not too long and
// not ending with a full stop (headlines do not; a first line that does is
// the lead of a dump without a title).
func dumpIsTitleLine(l string) bool {
	return utf8.RuneCountInString(l) <= dumpTitleMaxRunes &&
		(!strings.HasSuffix(l, ".") || strings.HasSuffix(l, ".."))
}

// dumpIsHeaderMeta reports whether l is a date or category/author line.
func dumpIsHeaderMeta(l string) bool {
	if _, ok := trHeaderDateLine(l); ok {
		return true
	}
	_, _, ok := trCategoryAuthorLine(l)
	return ok
}

// dumpSkipJunk returns the index of the first line at or after i that is
// not blank, leftover markup or a banner.
func dumpSkipJunk(lines []string, i int) int {
	for i < len(lines) && (lines[i] == "" || trIsLeftover(lines[i]) || trIsEmagBanner(lines[i])) {
		i++
	}
	return i
}

func dumpFirst(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
