package cleaner

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
)

func TestCleanMasterCMSPage(t *testing.T) {
	p := htmlTestProfile(t, "laodongthudo.vn")
	a, err := Clean([]byte(htmlTestPage), htmlTestURL, p)
	if err != nil {
		t.Fatalf("Clean: %v", err)
	}
	want := Article{
		URL:       htmlTestURL,
		Site:      "laodongthudo.vn",
		Title:     "Công đoàn ngành Y tế Hà Nội: Tạo điểm tựa vững chắc cho người lao động",
		Lead:      htmlLead,
		Text:      htmlLead + "\n\n" + htmlPara1 + "\n\n" + htmlPara2,
		Author:    "K.Tiến",
		Published: time.Date(2025, 7, 17, 12, 15, 0, 0, time.FixedZone("ICT", 7*3600)),
		Category:  "Hoạt động",
		Tags:      []string{"công đoàn", "y tế"},
		Images: []Image{{
			URL:     "https://laodongthudo.vn/stores/news_dataimages/2021/032021/01/08/a.jpg",
			Caption: htmlCapt,
		}},
		Extractor: "profile",
	}
	htmlCheckArticle(t, a, want)
	for _, bad := range []string{"Góc nhìn", "Khai mạc", "K.Tiến", "In bài viết", "Chia sẻ", "Thích",
		"commented", "-->", "Ảnh:", "Có thể bạn quan tâm", "Tin khác", "Xem thêm", "17/07/2025"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("Text contains %q:\n%s", bad, a.Text)
		}
	}
	if strings.Count(a.Text, "Tạo điểm tựa") != 0 {
		t.Errorf("Text echoes the title (image alt/title):\n%s", a.Text)
	}
}

func htmlCheckArticle(t *testing.T, got, want Article) {
	t.Helper()
	str := func(name, g, w string) {
		if g != w {
			t.Errorf("%s = %q, want %q", name, g, w)
		}
	}
	str("URL", got.URL, want.URL)
	str("Site", got.Site, want.Site)
	str("Title", got.Title, want.Title)
	str("Lead", got.Lead, want.Lead)
	str("Text", got.Text, want.Text)
	str("Author", got.Author, want.Author)
	str("Category", got.Category, want.Category)
	str("Extractor", got.Extractor, want.Extractor)
	if !got.Published.Equal(want.Published) || got.Published.Format(time.RFC3339) != want.Published.Format(time.RFC3339) {
		t.Errorf("Published = %v, want %v", got.Published, want.Published)
	}
	if strings.Join(got.Tags, "|") != strings.Join(want.Tags, "|") {
		t.Errorf("Tags = %q, want %q", got.Tags, want.Tags)
	}
	if len(got.Images) != len(want.Images) {
		t.Fatalf("Images = %+v, want %+v", got.Images, want.Images)
	}
	for i := range got.Images {
		if got.Images[i] != want.Images[i] {
			t.Errorf("Images[%d] = %+v, want %+v", i, got.Images[i], want.Images[i])
		}
	}
}

func TestCleanFields(t *testing.T) {
	p := htmlTestProfile(t, "laodongthudo.vn")
	tests := []struct {
		name  string
		pairs []string
		check func(t *testing.T, a Article)
	}{
		{"kicker already in headline", []string{
			`content="Tạo điểm tựa`, `content="Công đoàn ngành Y tế Hà Nội: Tạo điểm tựa`,
		}, func(t *testing.T, a Article) {
			if want := "Công đoàn ngành Y tế Hà Nội: Tạo điểm tựa vững chắc cho người lao động"; a.Title != want {
				t.Errorf("Title = %q, want %q", a.Title, want)
			}
		}},
		{"kicker space before colon", []string{"Hà Nội:</p>", "Hà Nội :</p>"}, func(t *testing.T, a Article) {
			if !strings.HasPrefix(a.Title, "Công đoàn ngành Y tế Hà Nội: Tạo") {
				t.Errorf("Title = %q", a.Title)
			}
		}},
		{"no kicker", []string{`<p class="detail-subtitle">Công đoàn ngành Y tế Hà Nội:</p>`, ""}, func(t *testing.T, a Article) {
			if a.Title != "Tạo điểm tựa vững chắc cho người lao động" {
				t.Errorf("Title = %q", a.Title)
			}
		}},
		{"lead falls back to meta description", []string{`<div class="sapo_detail">` + htmlLead + `</div>`, ""}, func(t *testing.T, a Article) {
			if a.Lead != "Mô tả ngắn trong thẻ meta." || !strings.HasPrefix(a.Text, "Mô tả ngắn trong thẻ meta.\n\n"+htmlLead+"\n\n") {
				t.Errorf("Lead = %q, Text = %q", a.Lead, a.Text)
			}
		}},
		{"empty sapo falls back too", []string{`<div class="sapo_detail">` + htmlLead + `</div>`, `<div class="sapo_detail"> &nbsp; </div>`}, func(t *testing.T, a Article) {
			if a.Lead != "Mô tả ngắn trong thẻ meta." {
				t.Errorf("Lead = %q", a.Lead)
			}
		}},
		{"body group fallback to __MASTERCMS_CONTENT", []string{`class="detail_info"`, `class="__MASTERCMS_CONTENT"`}, func(t *testing.T, a Article) {
			if !strings.Contains(a.Text, htmlPara1) || !strings.Contains(a.Text, htmlPara2) {
				t.Errorf("Text = %q", a.Text)
			}
		}},
		{"author with label", []string{`<strong>K.Tiến</strong>`, `Bài và ảnh: <strong>K.Tiến.</strong>`}, func(t *testing.T, a Article) {
			if a.Author != "K.Tiến." || strings.Contains(a.Text, "Bài và ảnh") {
				t.Errorf("Author = %q, Text = %q", a.Author, a.Text)
			}
		}},
		{"date in +07:00 whatever the format digits", []string{"17/07/2025 12:15", "7/7/2025 9:05"}, func(t *testing.T, a Article) {
			if got := a.Published.Format(time.RFC3339); got != "2025-07-07T09:05:00+07:00" {
				t.Errorf("Published = %s", got)
			}
		}},
		{"nbsp and spaces collapse", []string{htmlPara1, "Một&nbsp;&nbsp;câu\u00a0 với   khoảng\ttrắng. " + htmlPara1}, func(t *testing.T, a Article) {
			if !strings.Contains(a.Text, "Một câu với khoảng trắng. Thời gian") {
				t.Errorf("Text = %q", a.Text)
			}
		}},
		{"decomposed input is composed (NFC)", []string{"Hoạt động</span>", "Hoa\u0323t đô\u0323ng</span>"}, func(t *testing.T, a Article) {
			if a.Category != "Hoạt động" {
				t.Errorf("Category = %q (% x)", a.Category, a.Category)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Clean([]byte(htmlPageWith(t, tt.pairs...)), htmlTestURL, p)
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			tt.check(t, a)
		})
	}
}

func TestCleanErrors(t *testing.T) {
	p := htmlTestProfile(t, "laodongthudo.vn")
	short := `<div class="detail_info"><p>Quá ngắn.</p><p>Hai câu.</p></div>`
	tests := []struct {
		name string
		page string
		p    *sites.Profile
		want error
	}{
		{"too large", strings.Repeat(" ", MaxInputSize+1), p, ErrTooLarge},
		{"no body", `<html><body><p>Trang chủ</p></body></html>`, p, ErrNotArticle},
		{"short body", `<html><body><div class="content_detail">` + short + `</div></body></html>`, p, ErrNotArticle},
		{"empty input", "", p, ErrNotArticle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Clean([]byte(tt.page), htmlTestURL, tt.p)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Clean error = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestCleanBadProfileSelector(t *testing.T) {
	p := htmlTestProfile(t, "laodongthudo.vn")
	p.Article.Strip = append(p.Article.Strip, "div[")
	_, err := Clean([]byte(htmlTestPage), htmlTestURL, p)
	if err == nil || errors.Is(err, ErrNotArticle) || !strings.Contains(err.Error(), "article.strip") {
		t.Fatalf("Clean error = %v, want a selector error naming article.strip", err)
	}
}

func TestValidSelector(t *testing.T) {
	tests := []struct {
		sel string
		ok  bool
	}{
		{"a, b > c", true},
		{`meta[property="og:title"]`, true},
		{".content_detail .sapo_detail, meta[name=\"description\"]", true},
		{"table.MASTERCMS_TPL_TABLE tr + tr td", true},
		{"", true},
		{"div[", false},
		{"a,,b", false},
		{"p::before", false},
	}
	for _, tt := range tests {
		if err := ValidSelector(tt.sel); (err == nil) != tt.ok {
			t.Errorf("ValidSelector(%q) = %v, want ok=%v", tt.sel, err, tt.ok)
		}
	}
}
