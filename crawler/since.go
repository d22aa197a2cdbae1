package crawler

import (
	"regexp"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
)

// datePattern finds and parses dates written in a Go time layout inside
// free text ("Hội Đoàn thể 17/07/2025 12:15" with "02/01/2006 15:04").
type datePattern struct {
	rx    *regexp.Regexp // the shape of the layout's values
	parse string         // the layout that parses a match
}

// layoutTokens are Go layout elements, longest first where one is a
// prefix of another, with their value regexp and a lenient parse element.
var layoutTokens = [...]struct{ tok, re, parse string }{
	{"January", `[A-Za-z]+`, "January"}, {"Jan", `[A-Za-z]{3}`, "Jan"},
	{"Monday", `[A-Za-z]+`, "Monday"}, {"Mon", `[A-Za-z]{3}`, "Mon"},
	{"Z07:00", `(?:Z|[+-]\d{2}:\d{2})`, "Z07:00"}, {"-07:00", `[+-]\d{2}:\d{2}`, "-07:00"},
	{"-0700", `[+-]\d{4}`, "-0700"}, {"2006", `\d{4}`, "2006"},
	{"01", `\d{1,2}`, "1"}, {"02", `\d{1,2}`, "2"}, {"_2", `\d{1,2}`, "2"},
	{"03", `\d{1,2}`, "3"}, {"04", `\d{2}`, "04"}, {"05", `\d{2}`, "05"},
	{"06", `\d{2}`, "06"}, {"15", `\d{1,2}`, "15"}, {"PM", `(?:AM|PM|am|pm)`, "PM"},
	{"1", `\d{1,2}`, "1"}, {"2", `\d{1,2}`, "2"}, {"3", `\d{1,2}`, "3"},
}

// newDatePattern compiles a Go time layout into a datePattern.
func newDatePattern(layout string) (*datePattern, error) {
	var re, parse strings.Builder
	for i := 0; i < len(layout); {
		if layout[i] == ' ' {
			for i < len(layout) && layout[i] == ' ' {
				i++
			}
			re.WriteString(`\s+`)
			parse.WriteByte(' ')
			continue
		}
		matched := false
		for _, t := range layoutTokens {
			if strings.HasPrefix(layout[i:], t.tok) {
				re.WriteString(t.re)
				parse.WriteString(t.parse)
				i += len(t.tok)
				matched = true
				break
			}
		}
		if !matched {
			re.WriteString(regexp.QuoteMeta(layout[i : i+1]))
			parse.WriteByte(layout[i])
			i++
		}
	}
	rx, err := regexp.Compile(re.String())
	if err != nil {
		return nil, err
	}
	return &datePattern{rx: rx, parse: parse.String()}, nil
}

// find parses the first value of the layout's shape in s, in
// Asia/Ho_Chi_Minh.
func (p *datePattern) find(s string) (time.Time, bool) {
	for _, m := range p.rx.FindAllString(s, 4) {
		m = strings.Join(strings.Fields(m), " ")
		if t, err := time.ParseInLocation(p.parse, m, ictZone()); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// listingTooOld reports whether Config.Since is set, the site's listing
// dates are known and every item date found on the listing page is before
// Since. A page without any parsable date is never too old.
func (r *run) listingTooOld(s *site, e *colly.HTMLElement) bool {
	if r.c.cfg.Since.IsZero() || s.listDate == nil {
		return false
	}
	dated, old := 0, 0
	e.ForEach(s.profile.Listing.Date, func(_ int, d *colly.HTMLElement) {
		v := strings.TrimSpace(d.Attr("datetime"))
		if v == "" {
			v = d.Text
		}
		t, ok := s.listDate.find(v)
		if !ok {
			if t, ok = parseFeedDate(v); !ok {
				return
			}
		}
		dated++
		if t.Before(r.c.cfg.Since) {
			old++
		}
	})
	return dated > 0 && old == dated
}
