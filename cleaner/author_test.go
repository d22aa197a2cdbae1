package cleaner

import (
	"strings"
	"testing"
)

func TestProfAuthorName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Nguyễn Văn An / Tạp chí Lao động và Công đoàn", "Nguyễn Văn An"},
		{"Nguyễn Văn An/Phóng viên", "Nguyễn Văn An"},
		{"Hải Nguyễn /PV", "Hải Nguyễn"},
		{"Nguyễn Văn An", "Nguyễn Văn An"},
		{"Theo TTXVN/Vietnam+", "Theo TTXVN/Vietnam+"}, // names a source
		{"Theo Báo Lao Động", "Theo Báo Lao Động"},
		{"Tin/ảnh: Hải Nguyễn", "Tin/ảnh: Hải Nguyễn"}, // a label, not a role
		{"Nguyễn Văn An 12/05/2025", "Nguyễn Văn An 12/05/2025"},
		{"/ Tạp chí Lao động và Công đoàn", "/ Tạp chí Lao động và Công đoàn"},
		{"Nguyễn Văn An /", "Nguyễn Văn An /"},
	} {
		if got := profAuthorName(tt.in); got != tt.want {
			t.Errorf("profAuthorName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCleanAuthorRole cleans a laodongcongdoan.vn page whose author
// link holds "Name / role" (shared/docs/sites.md §3: the text before "/").
func TestCleanAuthorRole(t *testing.T) {
	p := htmlTestProfile(t, "laodongcongdoan.vn")
	page := func(author string) []byte {
		return []byte(`<html><head><meta charset="utf-8"><title>x</title></head><body>
<h1 class="article-detail-title">Công đoàn các khu công nghiệp Bắc Ninh đối thoại</h1>
<span class="format_time">05/08/2025 09:30 |</span>
<div class="article-detail-desc">` + htmlLead + `</div>
<div class="__MASTERCMS_CONTENT"><p>` + htmlPara1 + `</p><p>` + htmlPara2 + `</p></div>
<div class="author-title"><a href="/tac-gia/1.html">` + author + `</a></div>
</body></html>`)
	}
	for _, tt := range []struct{ author, want string }{
		{"Nguyễn Văn An / Tạp chí Lao động và Công đoàn", "Nguyễn Văn An"},
		{"Nguyễn Văn An/Phóng viên", "Nguyễn Văn An"},
		{"Theo Báo Lao Động", "Theo Báo Lao Động"},
	} {
		a, err := Clean(page(tt.author), "https://laodongdoanthe.vn/cong-doan-doi-thoai-81262.html", p)
		if err != nil {
			t.Fatal(err)
		}
		if a.Author != tt.want {
			t.Errorf("author element %q: Author = %q, want %q", tt.author, a.Author, tt.want)
		}
		if strings.Contains(a.Text, "Tạp chí") || strings.Contains(a.Text, "Phóng viên") {
			t.Errorf("Text holds the role:\n%s", a.Text)
		}
	}
}

// TestCleanAuthorRolePrefix: role prefixes of an HTML author element are
// not part of the author (rule byline, as in text-dump mode).
func TestCleanAuthorRolePrefix(t *testing.T) {
	l := boxLayouts[1] // laodong.vn: span.authors
	for _, prefix := range []string{"Tin-ảnh:", "Tin, ảnh:", "Bài và ảnh:", "Bài, ảnh:", "Thực hiện:", "Ảnh:", "Tin/ảnh:"} {
		page := strings.Replace(strings.Replace(l.page, "BOX", "", 1), "Hải Nguyễn</span>", prefix+" Hải Nguyễn</span>", 1)
		a, err := Clean([]byte(page), l.url, htmlTestProfile(t, l.profile))
		if err != nil {
			t.Fatal(err)
		}
		if a.Author != "Hải Nguyễn" {
			t.Errorf("author element %q: Author = %q, want %q", prefix+" Hải Nguyễn", a.Author, "Hải Nguyễn")
		}
	}
}
