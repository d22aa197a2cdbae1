package cleaner

// Header rules for plain-text dumps: the lines between the title and the
// first paragraph that carry the date, the category and the author.

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/unionnews/unionnews/sites"
)

// trICT is Asia/Ho_Chi_Minh (+07:00, no DST since 1975): sites.Zone, the
// zone the crawler reads dates in too. Every date the cleaner returns is
// in it.
var trICT = sites.Zone()

var (
	// dd/mm/yyyy, optionally followed by HH:MM[:SS], with any separators.
	trDateTimeRe = regexp.MustCompile(`(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*[-|,]?\s*(?:lúc\s*)?(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?`)
	// HH:MM then dd/mm/yyyy ("09:00 | 10/03/2021").
	trTimeDateRe = regexp.MustCompile(`(\d{1,2}):(\d{2})\s*[-|,]?\s*(?:ngày\s*)?(\d{1,2})/(\d{1,2})/(\d{4})`)
	// Upper-case agency suffix of a reporter name ("Anh Khoa LDO").
	trAgencySuffixRe = regexp.MustCompile(`\s+\p{Lu}{2,5}$`)
)

// trHeaderMetaMaxRunes bounds the text around the date in a header line.
const trHeaderMetaMaxRunes = 60

// trHeaderMeta is what a header line says about the article.
type trHeaderMeta struct {
	published        time.Time
	category, author string
}

// trHeaderDateLine parses a short header line holding the publication date.
// Class: header date/byline lines. Shapes (examples):
//
//	"09/01/2021 13:29"                               → date only
//	"Hội Đoàn thể 17/07/2025 12:15"                  → category before the date
//	"Kinh tế - Xã hội - 05/08/2020 09:30 Nhóm PV"    → category, date, author
//	"Anh Khoa LDO | 22/10/2021 15:49"                → author (agency suffix dropped), date
//	"Thứ hai, 12/01/2026 | 08:07"                    → weekday ignored
//	"Cập nhật lúc 06:50 ngày 01/08/2025"             → label ignored
func trHeaderDateLine(line string) (trHeaderMeta, bool) {
	var meta trHeaderMeta
	line = trTrimZone(line)
	if !strings.Contains(line, "/") || trRunesOver(line, 120) || trEndsSentence(line) {
		return meta, false // both date patterns hold a slash
	}
	var before, after string
	if m := trTimeDateRe.FindStringSubmatchIndex(line); m != nil {
		t, ok := trMakeTime(line, m[6:8], m[8:10], m[10:12], m[2:4], m[4:6], nil)
		if !ok {
			return meta, false
		}
		meta.published, before, after = t, line[:m[0]], line[m[1]:]
	} else if m := trDateTimeRe.FindStringSubmatchIndex(line); m != nil {
		t, ok := trMakeTime(line, m[2:4], m[4:6], m[6:8], m[8:10], m[10:12], m[12:14])
		if !ok {
			return meta, false
		}
		meta.published, before, after = t, line[:m[0]], line[m[1]:]
	} else {
		return meta, false
	}
	if utf8.RuneCountInString(before)+utf8.RuneCountInString(after) > trHeaderMetaMaxRunes {
		return trHeaderMeta{}, false // a sentence holding a date, not a header line
	}
	before = strings.TrimSpace(before)
	byline := strings.HasSuffix(before, "|")
	before = strings.TrimSpace(strings.TrimRight(before, "|-–—,: "))
	after = strings.TrimSpace(strings.TrimLeft(after, "|-–—,: "))
	if trIsWeekday(before) || trIsDateLabel(before) {
		before = ""
	} else if name, ok := trCutWeekday(before); ok && trIsTrailingName(name) {
		before, byline = name, true // "Hải Nguyễn Thứ Ba, 10/02/2026 06:05"
	}
	switch {
	case byline && trIsTrailingName(before):
		meta.author = trStripAgency(before)
	case before != "":
		meta.category = before
	}
	if after != "" && trIsTrailingName(after) && meta.author == "" {
		meta.author = trStripAgency(after)
	}
	return meta, true
}

// trMakeTime builds a time in +07:00 from submatch index pairs of s; an
// absent hour/minute/second pair (index -1) counts as zero.
func trMakeTime(s string, d, mo, y, h, mi, sec []int) (time.Time, bool) {
	num := func(p []int) int {
		if p == nil || p[0] < 0 {
			return 0
		}
		n, _ := strconv.Atoi(s[p[0]:p[1]])
		return n
	}
	day, month, year := num(d), num(mo), num(y)
	hour, minute, second := num(h), num(mi), num(sec)
	if year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, second, 0, trICT)
	if t.Day() != day {
		return time.Time{}, false // 31/02 and the like
	}
	return t, true
}

// trCategoryAuthorLine parses a header line "<Category> - <Author>".
// Class: header category/byline lines. Example:
// "Hoạt động Công đoàn - Hoàng Liên Phương" → ("Hoạt động Công đoàn", "Hoàng Liên Phương").
// The part after the last dash must look like a name (trIsTrailingName).
func trCategoryAuthorLine(line string) (category, author string, ok bool) {
	if utf8.RuneCountInString(line) > 100 || trEndsSentence(line) {
		return "", "", false
	}
	i := strings.LastIndex(line, " - ")
	n := 3
	if j := strings.LastIndex(line, " – "); j > i {
		i, n = j, len(" – ")
	}
	if i <= 0 {
		return "", "", false
	}
	category, author = strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+n:])
	if category == "" || !trIsTrailingName(author) {
		return "", "", false
	}
	return category, trStripAgency(author), true
}

// trStripAgency drops an upper-case agency suffix from a reporter name
// when at least two name words remain: "Anh Khoa LDO" → "Anh Khoa",
// but "Nhóm PV" stays.
func trStripAgency(name string) string {
	if len(strings.Fields(name)) < 3 {
		return name
	}
	return strings.TrimSpace(trAgencySuffixRe.ReplaceAllString(name, ""))
}

// trIsDateLabel reports whether s is a label printed before a date
// ("Cập nhật lúc", "Ngày đăng:", "Đăng lúc"), not a category.
func trIsDateLabel(s string) bool {
	f := trFold(s)
	for _, l := range []string{"cap nhat", "dang luc", "dang ngay", "ngay dang", "xuat ban", "thoi gian", "ngay"} {
		if f == l || strings.HasPrefix(f, l+" ") {
			return true
		}
	}
	return false
}

// trTrimZone drops a trailing zone note ("(GMT+7)", "GMT+7") from a
// header line.
func trTrimZone(line string) string {
	t := strings.TrimSpace(line)
	for _, z := range []string{"(GMT+7)", "GMT+7", "(GMT +7)", "(UTC+7)"} {
		if s, ok := strings.CutSuffix(t, z); ok {
			return strings.TrimSpace(s)
		}
	}
	return line
}

// trCutWeekday cuts a trailing weekday ("… Thứ Ba", "… Chủ nhật") off s
// and returns what is before it.
func trCutWeekday(s string) (string, bool) {
	words := strings.Fields(s)
	if n := len(words); n > 2 && trIsWeekday(words[n-2]+" "+words[n-1]) {
		return strings.Join(words[:n-2], " "), true
	}
	return s, false
}

func trIsWeekday(s string) bool {
	f := trFold(s)
	return strings.HasPrefix(f, "thu ") || strings.HasPrefix(f, "chu nhat")
}

// trIsKicker reports whether line is a kicker: a short line ending in a
// colon printed above the headline ("Khối thi đua Công đoàn ngành Trung
// ương:", "HƯỚNG TỚI ĐẠI HỘI CÔNG ĐOÀN VIỆT NAM LẦN THỨ XII:").
func trIsKicker(line string) bool {
	return strings.HasSuffix(line, ":") && utf8.RuneCountInString(line) <= 150 &&
		!strings.Contains(strings.TrimSuffix(line, ":"), ":")
}
