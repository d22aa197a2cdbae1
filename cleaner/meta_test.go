package cleaner

import (
	"testing"
	"time"
)

func TestMetaParseDate(t *testing.T) {
	tests := []struct {
		in, want string // want "" means no date
	}{
		{"09/01/2021 13:29", "2021-01-09T13:29:00+07:00"},
		{"Thứ hai, 12/01/2026 | 08:07", "2026-01-12T08:07:00+07:00"},
		{"Kinh tế - Xã hội - 05/08/2020 09:30 Nhóm PV", "2020-08-05T09:30:00+07:00"},
		{"Cập nhật lúc 06:50 ngày 01/08/2025", "2025-08-01T06:50:00+07:00"},
		{"Hội Đoàn thể 17/07/2025 12:15", "2025-07-17T12:15:00+07:00"},
		{"2021-03-01T01:00:00Z", "2021-03-01T08:00:00+07:00"},
		{"2021-03-01 08:00:00", "2021-03-01T08:00:00+07:00"},
		{"2022-05-04T10:30:00.123+07:00", "2022-05-04T10:30:00.123+07:00"},
		{"31/02/2021 10:00", ""},
		{"hôm qua", ""},
	}
	for _, tt := range tests {
		got, ok := metaParseDate(tt.in)
		s := ""
		if ok {
			s = got.Format(time.RFC3339Nano)
		}
		if s != tt.want {
			t.Errorf("metaParseDate(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestHeaderDateLineParts(t *testing.T) {
	tests := []struct {
		in, category, author string
	}{
		{"Kinh tế - Xã hội - 05/08/2020 09:30 Nhóm PV", "Kinh tế - Xã hội", "Nhóm PV"},
		{"Anh Khoa LDO | 22/10/2021 15:49", "", "Anh Khoa"},
		{"Cập nhật lúc 06:50 ngày 01/08/2025", "", ""},
		{"Thứ hai, 12/01/2026 | 08:07", "", ""},
	}
	for _, tt := range tests {
		m, ok := trHeaderDateLine(tt.in)
		if !ok || m.category != tt.category || m.author != tt.author {
			t.Errorf("trHeaderDateLine(%q) = %+v, %v; want category %q author %q", tt.in, m, ok, tt.category, tt.author)
		}
	}
}

// TestCleanDateShapes reads dates a profile's date element prints in
// other shapes than its date_format, and ld+json / meta dates.
func TestCleanDateShapes(t *testing.T) {
	const tool = `<div class="tool"><i>Công đoàn 17/07/2025 12:15</i></div>`
	const ld = `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-03-01T08:00:00+07:00"}</script>`
	tests := []struct {
		name  string
		pairs []string
		want  string
	}{
		{"weekday and bar", []string{tool, `<div class="tool"><i>Thứ hai, 12/01/2026 | 08:07</i></div>`}, "2026-01-12T08:07:00+07:00"},
		{"updated at", []string{tool, `<div class="tool"><i>Cập nhật lúc 06:50 ngày 01/08/2025</i></div>`}, "2025-08-01T06:50:00+07:00"},
		{"ld+json array", []string{tool, "", ld, `<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"datePublished":"2021-03-02T08:00:00+07:00"}]</script>`}, "2021-03-02T08:00:00+07:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := htmlTestProfile(t, "laodongthudo.vn")
			p.Article.DateFormat = "2006-01-02" // never matches: the shapes must
			a, err := Clean([]byte(htmlPageWith(t, tt.pairs...)), htmlTestURL, p)
			if err != nil {
				t.Fatal(err)
			}
			if got := a.Published.Format(time.RFC3339); got != tt.want {
				t.Errorf("Published = %s, want %s", got, tt.want)
			}
		})
	}
}
