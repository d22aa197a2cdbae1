package cleaner

// Line-level rules for plain-text dumps of news pages. Each rule removes
// one class of clutter that generic scrapers leave in a dump; the rules
// look at one line (or one line against the article) and are reusable on
// the paragraphs of the HTML path. Lines given to the rules are trimmed.

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// trIsEndMarker reports whether line is an end-of-article marker: a short
// heading of a related, share or footer block, matched as a whole line,
// case- and diacritic-insensitively, with trailing punctuation ignored.
// Class: related/read-more blocks and footers. Example: "Có thể bạn quan tâm",
// "TIN CÙNG CHUYÊN MỤC", "Xem thêm:".
func trIsEndMarker(line string) bool {
	k := markerOf(line, nil)
	return k == markRelated || k == markFurniture
}

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

var (
	// "… Ảnh: TL", "… (Ảnh: HẢI NGUYỄN)", "… Ảnh minh họa."
	trPhotoCreditRe = regexp.MustCompile(`(?:^|[.\s(\[–-])(?:Nguồn\s+ảnh|Ảnh|ẢNH)\s*(?::\s*([^!?:;()\[\]]{1,40})|minh\s+họa|minh\s+hoạ)\s*[)\]]?\s*\.?$`)
	// "… - Ảnh 1." (numbered image alt on VCCorp sites such as nld.com.vn)
	trPhotoNumberRe = regexp.MustCompile(`(?i)\s*[-–—]\s*ảnh\s*\d{1,3}\s*\.?$`)
)

// trPhotoNumberIndex returns where a numbered-alt suffix ("- Ảnh 1.")
// starts in line, or -1.
func trPhotoNumberIndex(line string) int {
	// The pattern ends in a digit, blank space and an optional dot.
	t := strings.TrimRight(strings.TrimSuffix(line, "."), " \t\n\f\r")
	if t == "" || t[len(t)-1] < '0' || t[len(t)-1] > '9' {
		return -1
	}
	tail, off := trTail(line, 32)
	if loc := trPhotoNumberRe.FindStringIndex(tail); loc != nil {
		return off + loc[0]
	}
	return -1
}

// trTail returns the last n bytes of s (fewer, to start on a character
// boundary) and their offset in s. End-anchored patterns run on the tail
// only, which keeps them linear in the line count.
func trTail(s string, n int) (string, int) {
	off := max(0, len(s)-n)
	for off > 0 && off < len(s) && !utf8.RuneStart(s[off]) {
		off++
	}
	return s[off:], off
}

// trCaptionMaxRunes bounds the length of a caption line.
const trCaptionMaxRunes = 400

// trCaptionLine recognises a caption by its own shape and returns the
// caption text. Class: image captions left inline in the text. Shapes:
// a table-cell row "caption |" (MasterCMS image tables), a line ending in a
// photo credit ("… Ảnh: TL", "(Ảnh: PV)"), and a numbered image alt
// "… - Ảnh 1." (the numbering is dropped). A bare credit line
// ("Ảnh: HẢI NGUYỄN") is clutter: ok is true and caption is empty.
// Example: "Họp mặt kỷ niệm 68 năm Ngày Thầy thuốc Việt Nam. Ảnh: TL".
func trCaptionLine(line string) (caption string, ok bool) {
	if trRunesOver(line, trCaptionMaxRunes) {
		return "", false
	}
	if strings.HasSuffix(line, "|") {
		c := strings.TrimSpace(strings.Trim(line, "| "))
		if trIsLeftover(c) {
			return "", true
		}
		return c, true
	}
	if i := trPhotoNumberIndex(line); i >= 0 {
		return strings.TrimSpace(line[:i]), true
	}
	tail, off := trTail(line, 160)
	if !strings.Contains(tail, "Ả") && !strings.Contains(tail, "ảnh") {
		return "", false // the credit pattern holds one of them
	}
	if m := trPhotoCreditRe.FindStringSubmatchIndex(tail); m != nil &&
		(m[2] < 0 || !strings.Contains(tail[m[2]:m[3]], ". ")) {
		before := strings.TrimSpace(line[:off+m[0]])
		if before == "" || !trHasLetter(before) {
			return "", true
		}
		return line, true
	}
	return "", false
}

var trBylineRe = regexp.MustCompile(`(?i)^(?:thực\s+hiện|nhóm\s+thực\s+hiện|tác\s+giả|` +
	`(?:tin|bài|nội\s+dung)\s*(?:[-–,/&]|và)?\s*(?:ảnh|clip|video)?)\s*:\s*(.+)$`)

// trBylineName recognises an explicit byline line and returns the name.
// Class: bylines printed as body lines. Examples: "Thực hiện: Kỳ Anh",
// "Tin-ảnh: H.Đào", "Tin, ảnh: X", "Bài và ảnh: X" → the name after the colon.
func trBylineName(line string) (string, bool) {
	if !strings.Contains(line, ":") || !strings.ContainsRune("tTnNbB", rune(line[0])) || trRunesOver(line, 80) {
		return "", false // the pattern starts with one of these and holds a colon
	}
	m := trBylineRe.FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	name := strings.TrimRight(strings.TrimSpace(m[1]), ".;,")
	if name == "" || len(strings.Fields(name)) > 8 || strings.ContainsAny(name, "!?") {
		return "", false
	}
	return name, true
}

var trRoleRe = regexp.MustCompile(`(?i)^(?:thực\s+hiện|nhóm\s+thực\s+hiện|tác\s+giả|ảnh|` +
	`(?:tin|bài|nội\s+dung)\s*(?:[-–,/&]|và)?\s*(?:ảnh|clip|video)?)\s*:\s*`)

// trStripRole removes a role prefix from an author element's text
// ("Tin-ảnh: X", "Tin, ảnh: X", "Bài và ảnh: X", "Bài, ảnh: X", "Thực
// hiện: X", "Ảnh: X" → "X"). Class: prefixed bylines (rule byline).
func trStripRole(s string) string {
	s = strings.TrimSpace(s)
	if loc := trRoleRe.FindStringIndex(s); loc != nil && loc[1] < len(s) {
		return strings.TrimSpace(s[loc[1]:])
	}
	return s
}

// trIsTrailingName reports whether line is a bare author name, as printed
// at the end of an article (right before the end markers) or after the
// category in a header. Class: bare bylines. A name is 1–6 words, each
// starting with an upper-case letter (initials like "K.Tiến" allowed), with
// no digits and no sentence punctuation. Example: "K.Tiến", "Hoàng Liên Phương".
func trIsTrailingName(line string) bool {
	if line == "" || trRunesOver(line, 40) || strings.ContainsAny(line, ",:;!?()\"“”") {
		return false
	}
	words := strings.Fields(line)
	if len(words) > 6 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			return false
		}
	}
	return !strings.HasSuffix(line, ".") || strings.Count(line, ".") > 1
}

// trIsTitleEcho reports whether line repeats the title (or the headline),
// compared case- and diacritic-insensitively. Class: image alt/title
// attributes and e-magazine banners that print the title again, e.g.
// "CÔNG ĐOÀN Y TẾ vIỆT nAM Không ngừng đổi mới, sáng tạo trong hoạt động".
func trIsTitleEcho(line, title string) bool {
	t := trFold(title)
	return t != "" && trFold(line) == t
}

// trIsRelatedRun reports whether line looks like a run of related headlines
// glued together: long, with no sentence punctuation at all (only commas)
// and no sentence end. Callers apply it right after the lead, where inline
// "tin liên quan" boxes sit. Class: inline related-news boxes. Example:
// "Góc nhìn từ một doanh nghiệp điện tử Công đoàn phải là lựa chọn … Khai mạc Hội nghị …".
func trIsRelatedRun(line string) bool {
	if strings.ContainsAny(line, ".!?;:\"()") || strings.ContainsAny(line, "…“”«»") {
		return false
	}
	return trRunesOver(line, 59) && trHasFields(line, 12)
}

// trLeadListMin is the least number of headline items under the lead
// that make a related list.
const trLeadListMin = 2

// trDropLeadList drops a list of related headlines printed right under
// the lead of a dump (an inline related box without a heading): at least
// trLeadListMin list items ("* headline") that end no sentence, between
// the first prose line and the next. Class: inline related-news boxes.
func trDropLeadList(lines []string) []string {
	lead := -1
	for i, l := range lines {
		if trRunesOver(l, trBodyStartRunes-1) && trEndsSentence(l) {
			lead = i
			break
		}
	}
	if lead < 0 {
		return lines
	}
	var items []int
	for i := lead + 1; i < len(lines); i++ {
		l := lines[i]
		if l == "" {
			continue
		}
		if !trIsListMarkerLine(l) || trEndsSentence(l) || trRunesOver(l, trCaptionMaxRunes/2) {
			break
		}
		items = append(items, i)
	}
	if len(items) < trLeadListMin {
		return lines
	}
	out := append([]string(nil), lines[:items[0]]...)
	return append(out, lines[items[len(items)-1]+1:]...)
}

// trHasFields reports whether s has at least n words (len(strings.Fields(s)) >= n).
func trHasFields(s string, n int) bool {
	count, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			if count++; count >= n {
				return true
			}
		}
		in = !space
	}
	return false
}

// trDedupeLines drops every line equal (case-insensitively, spaces
// collapsed) to an earlier one; blank lines are kept. Class: repeated
// lines: the lead printed twice, a caption printed 2–3 times.
// Example: ["A.", "B.", "a."] → ["A.", "B."].
func trDedupeLines(lines []string) []string {
	seen := make(map[string]bool, len(lines))
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		k := trKey(l)
		if k != "" && seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, l)
	}
	return out
}

var trMarkdownImageRe = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)

// trIsLeftover reports whether line is markup debris with no words: HTML
// comment ends, markdown image cells, table pipes, separators. Class:
// converter leftovers. Example: "-->", "![]() |", "|", "* * *".
func trIsLeftover(line string) bool {
	s := line
	if strings.Contains(line, "![") {
		s = trMarkdownImageRe.ReplaceAllString(line, "")
	}
	return !trHasLetter(s) && strings.IndexFunc(s, unicode.IsDigit) < 0
}

// trSourceLineRe is "Nguồn: X", a source credit line.
var trSourceLineRe = regexp.MustCompile(`(?i)^nguồn\s*:\s*\S.{0,100}$`)

// trIsSourceLine reports whether line is a source credit ("Nguồn: Bộ Y
// tế"). Class: source lines (rule source-line). A line that is only a
// URL is not one: link lists are article text on some pages.
func trIsSourceLine(line string) bool {
	return !trRunesOver(line, 120) && trSourceLineRe.MatchString(line)
}

// trIsImageRow reports whether line is a markdown image row ("![]() |",
// "![alt](src)"): an image stand-in whose caption follows.
func trIsImageRow(line string) bool {
	return strings.Contains(line, "![") && trMarkdownImageRe.MatchString(line) && trIsLeftover(line)
}

// trIsPlaceholderAlt reports whether line is a short placeholder alt text
// used as an image stand-in; count is how often the line occurs in the
// dump. Class: junk alt texts like "ssd" printed once per picture. It is a
// token of at most 3 words and 24 characters, without sentence punctuation,
// seen at least twice.
func trIsPlaceholderAlt(line string, count int) bool {
	if count < 2 || utf8.RuneCountInString(line) > 24 || len(strings.Fields(line)) > 3 {
		return false
	}
	return !strings.ContainsAny(line, ".!?:;,") && !trIsEndMarker(line)
}

// trIsEmagBanner reports whether line is an e-magazine / longform banner
// label printed before the title. Class: template banners. Example:
// "e magazine", "E-MAGAZINE", "Longform".
func trIsEmagBanner(line string) bool {
	if len(line) > 24 {
		return false
	}
	f := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '_' {
			return -1
		}
		return r
	}, trFold(line))
	switch f {
	case "emagazine", "emag", "longform", "megastory", "infographic", "infographics":
		return true
	}
	return false
}

var trReadMoreRe = regexp.MustCompile(`(?i)^(?:>>|»|xem\s+thêm|đọc\s+thêm|tin\s+liên\s+quan|bài\s+liên\s+quan|xem\s+tiếp)\s*[:>»-]+\s*\S`)

// trIsReadMoreLine reports whether line is an inline read-more link
// ("Xem thêm: <headline>", ">> <headline>"). Class: inline related links.
func trIsReadMoreLine(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	switch r { // the pattern's first characters, in both cases
	case '>', '»', 'x', 'X', 'đ', 'Đ', 't', 'T', 'b', 'B':
		return !trRunesOver(line, 250) && trReadMoreRe.MatchString(line)
	}
	return false
}

// trEndsSentence reports whether s ends with sentence-final punctuation or a
// closing quote.
func trEndsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	return strings.ContainsRune(".!?…:;\"”»)'’", r)
}

func trHasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

func trIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
