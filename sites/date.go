package sites

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Zone is Asia/Ho_Chi_Minh: UTC+7 all year, without daylight saving
// since 1975, so a fixed zone is exact for news dates and needs no tzdata.
func Zone() *time.Location { return time.FixedZone("ICT", 7*3600) }

// DateLayout is a compiled date_format: a Go time layout that finds and
// parses the first value of its shape inside free text, so surrounding
// words are fine ("Hội Đoàn thể 17/07/2025 12:15" with "02/01/2006 15:04").
type DateLayout struct {
	rx    *regexp.Regexp // the shape of the layout's values
	parse string         // the layout that parses a match
}

// layoutTokens are the elements of a Go time layout, longest first where
// one is a prefix of another, with the regexp of their values and the
// element used for parsing (non-padded where Go accepts one or two digits).
var layoutTokens = [...]struct{ tok, re, parse string }{
	{"January", `[A-Za-z]+`, "January"}, {"Jan", `[A-Za-z]{3}`, "Jan"},
	{"Monday", `[A-Za-z]+`, "Monday"}, {"Mon", `[A-Za-z]{3}`, "Mon"},
	{"MST", `[A-Z]{3,5}`, "MST"},
	{"Z07:00", `(?:Z|[+-]\d{2}:\d{2})`, "Z07:00"}, {"Z0700", `(?:Z|[+-]\d{4})`, "Z0700"},
	{"Z07", `(?:Z|[+-]\d{2})`, "Z07"}, {"-07:00", `[+-]\d{2}:\d{2}`, "-07:00"},
	{"-0700", `[+-]\d{4}`, "-0700"}, {"-07", `[+-]\d{2}`, "-07"},
	{"2006", `\d{4}`, "2006"}, {"002", `\d{3}`, "002"},
	{".000000000", `[.,]\d{9}`, ".000000000"}, {".000000", `[.,]\d{6}`, ".000000"},
	{".000", `[.,]\d{3}`, ".000"}, {".999999999", `(?:[.,]\d+)?`, ".999999999"},
	{".999999", `(?:[.,]\d+)?`, ".999999"}, {".999", `(?:[.,]\d+)?`, ".999"},
	{"01", `\d{1,2}`, "1"}, {"02", `\d{1,2}`, "2"}, {"_2", `\d{1,2}`, "2"},
	{"03", `\d{1,2}`, "3"}, {"04", `\d{2}`, "04"},
	{"05", `\d{2}(?:[.,]\d+)?`, "05"}, {"06", `\d{2}`, "06"},
	{"15", `\d{1,2}`, "15"}, {"PM", `(?:AM|PM|am|pm)`, "PM"},
	{"pm", `(?:AM|PM|am|pm)`, "pm"},
	{"1", `\d{1,2}`, "1"}, {"2", `\d{1,2}`, "2"}, {"3", `\d{1,2}`, "3"},
	{"4", `\d{1,2}`, "4"}, {"5", `\d{1,2}(?:[.,]\d+)?`, "5"},
}

// CompileDateLayout turns a Go time layout into a DateLayout: its regexp
// matches the shape of the layout's values ("02/01/2006 15:04" →
// \d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}); runs of spaces match any
// white space.
func CompileDateLayout(layout string) (*DateLayout, error) {
	var re, parse strings.Builder
	elements := 0
	for i := 0; i < len(layout); {
		if layout[i] == ' ' {
			for i < len(layout) && layout[i] == ' ' {
				i++
			}
			re.WriteString(`\s+`)
			parse.WriteByte(' ')
			continue
		}
		tok := layoutToken(layout[i:])
		if tok < 0 {
			re.WriteString(regexp.QuoteMeta(layout[i : i+1]))
			parse.WriteByte(layout[i])
			i++
			continue
		}
		t := layoutTokens[tok]
		elements++
		re.WriteString(t.re)
		parse.WriteString(t.parse)
		i += len(t.tok)
	}
	if elements == 0 {
		return nil, fmt.Errorf("%q has no Go time layout elements (write the reference time, e.g. \"02/01/2006 15:04\")", layout)
	}
	rx, err := regexp.Compile(re.String())
	if err != nil {
		return nil, err
	}
	return &DateLayout{rx: rx, parse: parse.String()}, nil
}

func layoutToken(s string) int {
	for i, t := range layoutTokens {
		if strings.HasPrefix(s, t.tok) {
			return i
		}
	}
	return -1
}

// Find parses the first value of the layout's shape in s, in
// Asia/Ho_Chi_Minh, and returns it in that zone.
func (d *DateLayout) Find(s string) (time.Time, bool) {
	for _, m := range d.rx.FindAllString(s, 4) {
		m = strings.Join(strings.Fields(m), " ")
		if t, err := time.ParseInLocation(d.parse, m, Zone()); err == nil {
			return t.In(Zone()), true
		}
	}
	return time.Time{}, false
}
