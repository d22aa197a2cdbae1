package cleaner

import (
	"sort"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// profISOLayouts are the ISO 8601 shapes of ld+json and meta dates.
var profISOLayouts = [...]string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"}

// profParseISO parses an ISO 8601 timestamp (a space instead of the "T"
// is accepted); one without zone is read in Asia/Ho_Chi_Minh.
func profParseISO(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && s[10] == ' ' {
		s = s[:10] + "T" + s[11:]
	}
	for _, l := range profISOLayouts {
		if t, err := time.ParseInLocation(l, s, trICT); err == nil {
			return t.In(trICT), true
		}
	}
	return time.Time{}, false
}

// metaParseDate reads a publication date from a date element's text in
// the shapes Vietnamese sites print: "09/01/2021 13:29", "Thứ hai,
// 12/01/2026 | 08:07", "Kinh tế - 05/08/2020 09:30 Nhóm PV", "Cập nhật lúc
// 06:50 ngày 01/08/2025", or an ISO 8601 timestamp.
func metaParseDate(s string) (time.Time, bool) {
	if m, ok := trHeaderDateLine(s); ok {
		return m.published, true
	}
	return profParseISO(s)
}

// profPublished returns the publication time and the element it was read
// from, when that is the profile's date element. The date element's text
// is read with the profile's date_format, then with metaParseDate; then
// the JSON-LD datePublished and the published-time metas are tried.
func profPublished(q *htmlDoc, cp *compiledProfile, ldDates []string) (time.Time, *html.Node) {
	for i := range cp.date.alts {
		for _, n := range q.alt(cp.date, i, q.root) {
			v := htmlValue(n)
			if cp.dateAttr != "" {
				v = htmlNorm(htmlAttr(n, cp.dateAttr))
			}
			if cp.dateLayout != nil {
				if t, ok := cp.dateLayout.Find(v); ok {
					return t, n
				}
			}
			if t, ok := metaParseDate(v); ok {
				return t, n
			}
		}
	}
	return htmlPageDate(q, cp.fixed, ldDates), nil
}

// htmlPageDate returns the first parsable JSON-LD datePublished, else the
// first published-time meta, else the zero time.
func htmlPageDate(q *htmlDoc, fixed *htmlFixed, ldDates []string) time.Time {
	for _, s := range ldDates {
		if t, ok := profParseISO(s); ok {
			return t
		}
	}
	for _, m := range fixed.published {
		for _, n := range q.all(m, q.root) {
			if t, ok := profParseISO(htmlAttr(n, "content")); ok {
				return t
			}
		}
	}
	return time.Time{}
}

// profLDJSONDates returns the datePublished values of the page's JSON-LD
// blocks (also inside @graph and arrays), in page order.
func profLDJSONDates(q *htmlDoc, fixed *htmlFixed) []string {
	return htmlLDJSONValues(q, fixed, "datePublished", false)
}

// htmlLDJSONTexts returns the text of the page's JSON-LD scripts.
func htmlLDJSONTexts(q *htmlDoc, fixed *htmlFixed) []string {
	var out []string
	for _, n := range q.all(fixed.ldJSON, q.root) {
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
		}
		out = append(out, b.String())
	}
	return out
}

// profFindKey appends the string values of key anywhere in v; with
// lists, also the strings of an array value ("@type": ["A", "B"]).
func profFindKey(v any, key string, lists bool, out []string) []string {
	switch v := v.(type) {
	case map[string]any:
		switch s := v[key].(type) {
		case string:
			out = append(out, s)
		case []any:
			for _, e := range s {
				if e, ok := e.(string); ok && lists {
					out = append(out, e)
				}
			}
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			if k != key {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = profFindKey(v[k], key, lists, out)
		}
	case []any:
		for _, c := range v {
			out = profFindKey(c, key, lists, out)
		}
	}
	return out
}
