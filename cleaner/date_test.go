package cleaner

import (
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// profParseDate parses the first substring of s with the shape of the Go
// layout in Asia/Ho_Chi_Minh, as compiledProfile.dateLayout does
// (sites.DateLayout), and returns it in +07:00.
func profParseDate(s, layout string) (time.Time, bool) {
	d, err := sites.CompileDateLayout(layout)
	if err != nil || layout == "" {
		return time.Time{}, false
	}
	return d.Find(s)
}

func TestProfParseDate(t *testing.T) {
	tests := []struct {
		in, layout string
		want       string // RFC3339, "" = no date
	}{
		{"Hội Đoàn thể 17/07/2025 12:15", "02/01/2006 15:04", "2025-07-17T12:15:00+07:00"},
		{"Công đoàn 7/8/2025 9:05 - Lượt xem 12", "02/01/2006 15:04", "2025-08-07T09:05:00+07:00"},
		{"09:00 | 10/03/2021", "15:04 | 02/01/2006", "2021-03-10T09:00:00+07:00"},
		{"Cập nhật lúc 06:50 ngày 01/08/2025", "15:04 ngày 02/01/2006", "2025-08-01T06:50:00+07:00"},
		{"Thứ hai, 12/01/2026 - 08:07:09", "02/01/2006 - 15:04:05", "2026-01-12T08:07:09+07:00"},
		{"2025-07-17T05:15:00Z", time.RFC3339, "2025-07-17T12:15:00+07:00"},
		{"x 2025-07-17T12:15:00.123+07:00 y", time.RFC3339, "2025-07-17T12:15:00.123+07:00"},
		{"32/13/2025 25:61 then 01/02/2025 10:00", "02/01/2006 15:04", "2025-02-01T10:00:00+07:00"},
		{"no date here", "02/01/2006 15:04", ""},
		{"17/07/2025", "", ""},
	}
	for _, tt := range tests {
		got, ok := profParseDate(tt.in, tt.layout)
		if tt.want == "" {
			if ok {
				t.Errorf("profParseDate(%q, %q) = %v, want none", tt.in, tt.layout, got)
			}
			continue
		}
		if !ok || got.Format(time.RFC3339Nano) != tt.want {
			t.Errorf("profParseDate(%q, %q) = %v, %v; want %s", tt.in, tt.layout, got.Format(time.RFC3339Nano), ok, tt.want)
		}
	}
}

func TestCleanDateFallbacks(t *testing.T) {
	tests := []struct {
		name  string
		pairs []string
		want  string
	}{
		{"ld+json when profile has no date", nil, "2021-03-01T08:00:00+07:00"},
		{"ld+json @graph array", []string{
			`{"@type":"NewsArticle","datePublished":"2021-03-01T08:00:00+07:00"}`,
			`{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2021-03-01T01:00:00Z"}]}`,
		}, "2021-03-01T08:00:00+07:00"},
		{"meta article:published_time", []string{
			`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-03-01T08:00:00+07:00"}</script>`,
			`<meta property="article:published_time" content="2022-05-04T10:30:00+07:00">`,
		}, "2022-05-04T10:30:00+07:00"},
		{"nothing", []string{`"datePublished":"2021-03-01T08:00:00+07:00"`, `"x":1`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := htmlTestProfile(t, "laodongthudo.vn")
			p.Article.Date, p.Article.DateFormat = "", ""
			a, err := Clean([]byte(htmlPageWith(t, tt.pairs...)), htmlTestURL, p)
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			got := ""
			if !a.Published.IsZero() {
				got = a.Published.Format(time.RFC3339)
			}
			if got != tt.want {
				t.Errorf("Published = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCleanDateAttr(t *testing.T) {
	p := htmlTestProfile(t, "laodongthudo.vn")
	p.Article.Date = "time.pub"
	p.Article.DateAttr = "datetime"
	p.Article.DateFormat = time.RFC3339
	page := htmlPageWith(t, `<div class="tool"><i>Công đoàn 17/07/2025 12:15</i></div>`,
		`<time class="pub" datetime="2024-12-31T23:59:00+07:00">hôm qua</time>`)
	a, err := Clean([]byte(page), htmlTestURL, p)
	if err != nil {
		t.Fatalf("Clean: %v", err)
	}
	if got := a.Published.Format(time.RFC3339); got != "2024-12-31T23:59:00+07:00" {
		t.Errorf("Published = %s", got)
	}
}
