package cleaner

import (
	"fmt"
	"strings"
	"testing"
)

// Issue 8, titles: a kicker right before the h1 on an unknown site
// (generic rung). The page is shaped after shared/docs/sites.md §7,
// congdoanxaydungvn.org.vn (no profile): its header prints the site clock
// "Thứ hai, 12/01/2026 | 08:07", so the header is no link-only box and
// its logo h1 reaches the extractor; the date reads "Cập nhật lúc 06:50
// ngày 01/08/2025". The profile case uses the MasterCMS page of §8.

const (
	klKicker   = "Công đoàn Xây dựng Việt Nam:"
	klHeadline = "Đối thoại để giữ chân người lao động sau Tết"
	klSapo     = "Sau kỳ nghỉ Tết, nhiều doanh nghiệp xây dựng thiếu lao động; công đoàn cơ sở chủ động đối thoại với người lao động để giữ chân họ."
	klURL      = "https://congdoanxaydungvn.org.vn/tin-tuc/t46886/doi-thoai-de-giu-chan-nguoi-lao-dong-sau-tet.html"
)

var klBody = []string{
	"Theo Công đoàn Xây dựng Việt Nam, sau Tết Nguyên đán, tỷ lệ người lao động quay lại làm việc tại các công trường đạt khoảng 92%, thấp hơn cùng kỳ năm trước.",
	"Tại nhiều doanh nghiệp, công đoàn cơ sở đã tổ chức đối thoại trực tiếp với người lao động để nắm bắt tâm tư, nguyện vọng về tiền lương, thưởng và điều kiện làm việc.",
	"Ông Nguyễn Văn Hùng, Chủ tịch Công đoàn một công ty xây dựng tại Hà Nội, cho biết đơn vị đã đề xuất tăng phụ cấp đi lại và hỗ trợ nhà ở cho công nhân ở xa.",
	"Nhờ đối thoại, nhiều kiến nghị của người lao động được doanh nghiệp tiếp thu ngay, góp phần ổn định lực lượng lao động trong năm mới.",
}

// klPage is an article page of an unknown union site. logoH1 prints the
// logo in an h1 (a second h1); heading is the markup of kicker and
// headline; og is the og:title ("" for none).
func klPage(logoH1 bool, heading, og string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>` + klHeadline + ` - Công đoàn Xây dựng Việt Nam</title>`)
	if og != "" {
		b.WriteString(`<meta property="og:title" content="` + og + `">`)
	}
	b.WriteString(`<meta name="description" content="` + klSapo + `"></head><body><header class="header">`)
	logo := `<a href="/"><img src="/images/logo.png" alt="Công đoàn Xây dựng Việt Nam"></a>`
	if logoH1 {
		b.WriteString(`<h1 class="logo">` + logo + `</h1>`)
	} else {
		b.WriteString(`<div class="logo">` + logo + `</div>`)
	}
	b.WriteString(`<div class="top-bar">Thứ hai, 12/01/2026 | 08:07 <span class="hotline">Đường dây nóng: 024 3822 3456</span></div>`)
	b.WriteString(`<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin tức</a></li><li><a href="/cong-doan">Hoạt động công đoàn</a></li></ul></header>`)
	b.WriteString(`<div class="main"><div class="breadcrumb"><a href="/">Trang chủ</a> / <a href="/tin-tuc">Tin CĐXDVN</a></div><div class="detail">`)
	b.WriteString(heading)
	b.WriteString(`<div class="date">Cập nhật lúc 06:50 ngày 01/08/2025</div><div class="sapo">` + klSapo + `</div><div class="content">`)
	for _, p := range klBody {
		b.WriteString("<p>" + p + "</p>")
	}
	b.WriteString(`<p style="text-align:right"><strong>Minh Anh</strong></p></div></div>`)
	b.WriteString(`<div class="related"><h3>Tin khác</h3><ul><li><a href="/tin-tuc/t1/a.html">Công đoàn ngành Xây dựng trao quà Tết cho công nhân khó khăn</a></li><li><a href="/tin-tuc/t2/b.html">Tập huấn an toàn lao động cho công nhân xây dựng</a></li></ul></div>`)
	b.WriteString(`</div><footer>Bản quyền thuộc Công đoàn Xây dựng Việt Nam</footer></body></html>`)
	return b.String()
}

// TestGenericKickerBeforeH1: on an unknown site, a kicker printed right
// before the h1 is never the whole title. With a second h1 (the logo's)
// and no og:title, go-trafilatura takes the first h1–h3 whose class holds
// "title": the kicker h3.title-sub. The title is kicker + headline, as
// on the profile rung; kicker and headline stay out of the text.
func TestGenericKickerBeforeH1(t *testing.T) {
	joined := klKicker + " " + klHeadline
	kickers := []struct{ name, markup, want string }{
		{"h3.title-sub", `<h3 class="title-sub">` + klKicker + `</h3>`, joined},
		{"h2.sub-title", `<h2 class="sub-title">` + klKicker + `</h2>`, joined},
		{"p.subtitle", `<p class="subtitle">` + klKicker + `</p>`, joined},
		{"div.kicker>h3", `<div class="kicker"><h3 class="title-sub">` + klKicker + `</h3></div>`, joined},
		{"all caps", `<h3 class="title-sub">HƯỚNG TỚI ĐẠI HỘI CÔNG ĐOÀN XÂY DỰNG</h3>`, "HƯỚNG TỚI ĐẠI HỘI CÔNG ĐOÀN XÂY DỰNG " + klHeadline},
	}
	headlines := []struct{ name, open, close string }{
		{"h1.title-detail", `<h1 class="title-detail">`, `</h1>`},
		{"h1", `<h1>`, `</h1>`},
		{"header>h1", `<header class="detail-header"><h1 class="title">`, `</h1></header>`},
	}
	for _, k := range kickers {
		for _, h := range headlines {
			for _, logo := range []bool{true, false} {
				for _, og := range []string{"", klHeadline, joined} {
					heading := k.markup + h.open + klHeadline + h.close
					if strings.HasPrefix(h.open, "<header") {
						heading = `<header class="detail-header">` + k.markup + strings.TrimPrefix(h.open, `<header class="detail-header">`) + klHeadline + h.close
					}
					name := fmt.Sprintf("%s/%s/logoH1=%v/og=%q", k.name, h.name, logo, og)
					a, err := Clean([]byte(klPage(logo, heading, og)), klURL, nil)
					if err != nil {
						t.Errorf("%s: %v", name, err)
						continue
					}
					want := k.want
					if og == joined {
						want = joined // og:title wins when it carries the kicker
					}
					if a.Extractor != ExtractorGeneric || a.Title != want {
						t.Errorf("%s: extractor %q, title %q, want %q", name, a.Extractor, a.Title, want)
					}
					if !strings.Contains(a.Text, klBody[0]) || !strings.Contains(a.Text, klBody[3]) {
						t.Errorf("%s: body lost:\n%s", name, a.Text)
					}
					for _, p := range strings.Split(a.Text, "\n\n") {
						if p == klHeadline || strings.TrimSuffix(p, ":") == strings.TrimSuffix(klKicker, ":") {
							t.Errorf("%s: title part %q in the text", name, p)
						}
					}
				}
			}
		}
	}
}

// TestGenericKickerShapes: what is not a kicker before the h1 (a linked
// category label, a date, a long sentence) never enters the title, and
// a plain short kicker without a colon or capitals is joined only when
// the extractor took it for the title.
func TestGenericKickerShapes(t *testing.T) {
	for _, c := range []struct{ name, before, og, want string }{
		{"linked category", `<h3 class="title-cat"><a href="/cong-doan">Hoạt động công đoàn:</a></h3>`, "", klHeadline},
		{"date", `<h3 class="title-time">12/01/2026</h3>`, "", klHeadline},
		{"long sentence", `<p class="title-sub">` + klBody[1] + `</p>`, "", klHeadline},
		{"plain kicker taken by the extractor", `<h3 class="title-sub">Công đoàn Xây dựng Việt Nam</h3>`, "", "Công đoàn Xây dựng Việt Nam " + klHeadline},
		{"plain kicker, og:title the headline", `<h3 class="title-sub">Công đoàn Xây dựng Việt Nam</h3>`, klHeadline, klHeadline},
		{"og:title with the site name", ``, klHeadline + " - Công đoàn Xây dựng Việt Nam", klHeadline},
		{"og:title with the site name, kicker", `<h3 class="title-sub">` + klKicker + `</h3>`, klHeadline + " | CĐXDVN", klKicker + " " + klHeadline},
	} {
		a, err := Clean([]byte(klPage(true, c.before+`<h1 class="title-detail">`+klHeadline+`</h1>`, c.og)), klURL, nil)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if a.Title != c.want {
			t.Errorf("%s: title %q, want %q", c.name, a.Title, c.want)
		}
	}
}

// TestProfileKickerUnknownElement: on a MasterCMS site whose kicker is
// not the profile's p.detail-subtitle but an h3.title-sub, the headline
// is never replaced by the kicker: without og:title the title is the
// headline; with og:title "KICKER: headline" it is the joined title.
func TestProfileKickerUnknownElement(t *testing.T) {
	p := htmlTestProfile(t, "mastercms") // title h1.detail-title (laodongthudo.vn's is og:title only)
	const kicker = "Khối thi đua Công đoàn ngành Trung ương:"
	const headline = "Đổi mới, sáng tạo hướng về người lao động"
	for _, og := range []string{"", headline, kicker + " " + headline} {
		page := htmlPageWith(t,
			`<meta property="og:title" content="Tạo điểm tựa vững chắc cho người lao động">`, ogMeta(og),
			`<div class="detail_info">`, `<div class="detail_info __MASTERCMS_CONTENT">`,
			`<p class="detail-subtitle">Công đoàn ngành Y tế Hà Nội:</p>`, `<h3 class="title-sub">`+kicker+`</h3>`,
			`<h1 class="detail-title">Tạo điểm tựa vững chắc cho người lao động</h1>`, `<h1 class="detail-title">`+headline+`</h1>`)
		a, err := Clean([]byte(page), htmlTestURL, p)
		if err != nil {
			t.Fatalf("og %q: %v", og, err)
		}
		want := headline
		if og == kicker+" "+headline {
			want = og
		}
		if a.Title != want || a.Extractor != ExtractorProfile {
			t.Errorf("og %q: extractor %q, title %q, want %q", og, a.Extractor, a.Title, want)
		}
	}
}

func ogMeta(og string) string {
	if og == "" {
		return ""
	}
	return `<meta property="og:title" content="` + og + `">`
}
