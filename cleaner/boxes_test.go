package cleaner

import (
	"errors"
	"strings"
	"testing"

	"github.com/unionnews/unionnews/sites"
)

// Paragraphs after a box: the text a cut at the box would lose.
const (
	boxPara3 = "Sau hội nghị, Công đoàn ngành đã trao 120 suất quà cho đoàn viên có hoàn cảnh khó khăn, mỗi suất trị giá 1 triệu đồng, cùng nhiều phần quà của các doanh nghiệp đồng hành."
	boxPara4 = "Dịp này, 15 tập thể và 30 cá nhân có thành tích xuất sắc trong phong trào thi đua năm 2025 được Liên đoàn Lao động thành phố tặng bằng khen."
	boxHead1 = "Công nhân khu công nghiệp được khám sức khỏe miễn phí"
	boxHead2 = "Trao 50 nhà Mái ấm Công đoàn cho đoàn viên khó khăn"
)

// boxLayouts are article pages of three layouts (shared/docs/sites.md
// §1 MasterCMS / laodongthudo.vn, §2 laodong.vn, §4 nld.com.vn) with BOX
// standing for markup placed mid-body, between the second and third
// paragraphs. The box markup uses class names no profile strips.
var boxLayouts = []struct{ profile, url, page string }{
	{"laodongthudo.vn", "https://laodongthudo.vn/tao-diem-tua-121043.html", `<html><head><meta charset="utf-8">
<meta property="og:title" content="Tạo điểm tựa vững chắc cho người lao động"></head><body>
<div class="content_detail"><h1 class="detail-title">Tạo điểm tựa vững chắc cho người lao động</h1>
<div class="tool"><i>Công đoàn 17/07/2025 12:15</i></div>
<div class="sapo_detail">` + htmlLead + `</div>
<div class="detail_info"><p>` + htmlPara1 + `</p><p>` + htmlPara2 + `</p>BOX<p>` + boxPara3 + `</p><p>` + boxPara4 + `</p>
<p align="right"><strong>K.Tiến</strong></p></div></div></body></html>`},
	{"laodong.vn", "https://laodong.vn/cong-doan/tao-diem-tua-1589342.ldo", `<html><head><meta charset="utf-8"></head><body>
<article class="article-detail"><div class="wrapper-01"><h1 class="title">Tạo điểm tựa vững chắc cho người lao động</h1></div>
<div class="art-info"><span class="authors">Hải Nguyễn</span><span class="time"><time>17/07/2025 12:15</time></span></div>
<div class="chappeau"><p>` + htmlLead + `</p></div>
<div class="art-body" id="gallery-ctt"><p>` + htmlPara1 + `</p><p>` + htmlPara2 + `</p>BOX<p>` + boxPara3 + `</p><p>` + boxPara4 + `</p></div>
</article></body></html>`},
	{"nld.com.vn", "https://nld.com.vn/tao-diem-tua-196250821135822527.htm", `<html><head><meta charset="utf-8"></head><body>
<div class="detail-cmain"><h1 class="detail-title">Tạo điểm tựa vững chắc cho người lao động</h1>
<div class="detail-time"><div data-role="publishdate">17/07/2025 12:15</div></div>
<h2 class="detail-sapo">` + htmlLead + `</h2>
<div class="detail-content"><p>` + htmlPara1 + `</p><p>` + htmlPara2 + `</p>BOX<p>` + boxPara3 + `</p><p>` + boxPara4 + `</p>
<p style="text-align: right"><b>Hải Nguyễn</b></p></div></div></body></html>`},
}

// boxCheck cleans each layout with box placed mid-body and checks that
// the text after the box is kept and the box's own text is not.
func boxCheck(t *testing.T, box string, gone ...string) {
	t.Helper()
	for _, l := range boxLayouts {
		t.Run(l.profile, func(t *testing.T) {
			page := strings.Replace(l.page, "BOX", box, 1)
			a, err := Clean([]byte(page), l.url, htmlTestProfile(t, l.profile))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{htmlPara1, htmlPara2, boxPara3, boxPara4} {
				if !strings.Contains(a.Text, p) {
					t.Errorf("Text lost %.40q…:\n%s", p, a.Text)
				}
			}
			for _, g := range gone {
				if strings.Contains(a.Text, g) {
					t.Errorf("Text keeps box text %q:\n%s", g, a.Text)
				}
			}
		})
	}
}

// TestRelatedBoxMidBody: a related box in the middle of the body is
// removed as an element and the article goes on after it (rule
// related-box); before, its heading ended the article there.
func TestRelatedBoxMidBody(t *testing.T) {
	for name, box := range map[string]string{
		"container": `<div class="box-x"><h3>Tin liên quan</h3><ul><li><a href="/a-1.html">` + boxHead1 + `</a></li><li><a href="/b-2.html">` + boxHead2 + `</a></li></ul></div>`,
		"article":   `<div class="box-y"><p><strong>Có liên quan</strong></p><article><a href="/a-1.html">` + boxHead1 + `</a></article><article><a href="/b-2.html">` + boxHead2 + `</a></article></div>`,
		"siblings":  `<p><b>Đọc thêm</b></p><ul><li><a href="/a-1.html">` + boxHead1 + `</a></li></ul><ul><li><a href="/b-2.html">` + boxHead2 + `</a></li></ul>`,
	} {
		t.Run(name, func(t *testing.T) { boxCheck(t, box, boxHead1, boxHead2, "liên quan", "Đọc thêm") })
	}
}

// TestHeadlineRunMidBody: MasterCMS inline headline runs
// (div.__MB_ARTICLE_A) and link-only paragraphs of related titles are
// removed wherever they stand (rule headline-run).
func TestHeadlineRunMidBody(t *testing.T) {
	for name, box := range map[string]string{
		"mb-article-a": `<div class="__MB_ARTICLE_A"><a href="/a-1.html">` + boxHead1 + `</a><a href="/b-2.html">` + boxHead2 + `</a></div>`,
		"link-only-p":  `<p><a href="/a-1.html"><strong>` + boxHead1 + `</strong></a></p>`,
	} {
		t.Run(name, func(t *testing.T) { boxCheck(t, box, boxHead1, boxHead2) })
	}
}

// TestProfileMarkersAndRules: a profile's own marker heads a box, and a
// rule switched off by the profile no longer applies.
func TestProfileMarkersAndRules(t *testing.T) {
	l := boxLayouts[1]
	box := `<div class="box-z"><h3>Chuyện nghề</h3><ul><li><a href="/a-1.html">` + boxHead1 + ` và nhiều tin khác trong tuần qua của ngành</a></li></ul><p>Bài đọc nhiều nhất tuần.</p></div>`
	page := []byte(strings.Replace(l.page, "BOX", box, 1))
	p := htmlTestProfile(t, l.profile)
	a, err := Clean(page, l.url, p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Chuyện nghề") {
		t.Fatalf("without the marker the box heading is text: %s", a.Text)
	}
	p2 := htmlTestProfile(t, l.profile)
	p2.Article.Markers = []string{"Chuyện nghề"}
	if a, err = Clean(page, l.url, p2); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, "Chuyện nghề") || strings.Contains(a.Text, "Bài đọc nhiều") || !strings.Contains(a.Text, boxPara4) {
		t.Errorf("with article.markers [Chuyện nghề] the box stays or the text is cut:\n%s", a.Text)
	}
	p3 := htmlTestProfile(t, l.profile)
	p3.Article.Rules = map[string]bool{"headline-run": false}
	run := `<p><a href="/a-1.html">` + boxHead1 + `</a></p>`
	if a, err = Clean([]byte(strings.Replace(l.page, "BOX", run, 1)), l.url, p3); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, boxHead1) {
		t.Errorf("headline-run switched off, the link-only paragraph went anyway:\n%s", a.Text)
	}
	p4 := htmlTestProfile(t, l.profile)
	p4.Article.Rules = map[string]bool{"no-such-rule": false}
	if _, err := Clean(page, l.url, p4); err == nil || !strings.Contains(err.Error(), "no-such-rule") {
		t.Errorf("unknown rule name: err = %v", err)
	}
}

// TestHomepageNotArticle: a home or listing page (many <article> items,
// or the site root) is ErrNotArticle on the generic rung, with or
// without a profile.
func TestHomepageNotArticle(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><head><meta charset="utf-8"><link rel="canonical" href="https://www.laodong.vn/"></head><body>`)
	for i := 0; i < 30; i++ {
		b.WriteString(`<article class="article-small"><a href="/cong-doan/tin-` + string(rune('a'+i%26)) + `-1.ldo">` + boxHead1 + `</a><p>` + htmlPara1 + `</p></article>`)
	}
	b.WriteString(`</body></html>`)
	for _, p := range []string{"", "laodong.vn"} {
		prof := (*sitesProfile)(nil)
		if p != "" {
			prof = htmlTestProfile(t, p)
		}
		_, err := Clean([]byte(b.String()), "https://www.laodong.vn/", prof)
		if !isNotArticle(err) {
			t.Errorf("profile %q: err = %v, want ErrNotArticle", p, err)
		}
	}
}

type sitesProfile = sites.Profile

func isNotArticle(err error) bool { return errors.Is(err, ErrNotArticle) }

// TestKickerFromOGTitle: when the kicker's element is not the one the
// profile expects, og:title, which carries kicker and headline, gives
// the kicker.
func TestKickerFromOGTitle(t *testing.T) {
	l := boxLayouts[1] // laodong.vn, kicker selector .wrapper-01 .sub-title
	const kicker = "HƯỚNG TỚI ĐẠI HỘI CÔNG ĐOÀN VIỆT NAM LẦN THỨ XIII:"
	page := strings.Replace(strings.Replace(l.page, "BOX", "", 1), `<meta charset="utf-8">`,
		`<meta charset="utf-8"><meta property="og:title" content="`+kicker+` Tạo điểm tựa vững chắc cho người lao động">`, 1)
	page = strings.Replace(page, `<div class="wrapper-01">`, `<div class="wrapper-01"><p class="kicker-new">`+kicker+`</p>`, 1)
	a, err := Clean([]byte(page), l.url, htmlTestProfile(t, l.profile))
	if err != nil {
		t.Fatal(err)
	}
	if want := kicker + " Tạo điểm tựa vững chắc cho người lao động"; a.Title != want {
		t.Errorf("Title = %q, want %q", a.Title, want)
	}
	// og:title with a site suffix is no kicker.
	page = strings.Replace(strings.Replace(l.page, "BOX", "", 1), `<meta charset="utf-8">`,
		`<meta charset="utf-8"><meta property="og:title" content="Tạo điểm tựa vững chắc cho người lao động - Báo Lao Động">`, 1)
	if a, _ = Clean([]byte(page), l.url, htmlTestProfile(t, l.profile)); a.Title != "Tạo điểm tựa vững chắc cho người lao động" {
		t.Errorf("Title = %q", a.Title)
	}
}

// TestMasterCMSSourcesAndIntertitles: on a MasterCMS page (the 4-line
// extends-mastercms profile of the README), a byline with a source in
// div.article-detail-author is the author, not text; "Nguồn: …" lines and
// caption cells holding only a URL are not text; an intertitle whose
// words the next paragraph repeats is kept (it is no pull quote).
func TestMasterCMSSourcesAndIntertitles(t *testing.T) {
	const inter = "Đơn giản hóa thủ tục đăng ký trực tuyến cho đoàn viên"
	const next = "Đơn giản hóa thủ tục đăng ký trực tuyến cho đoàn viên là yêu cầu được nhiều công đoàn cơ sở đề xuất tại hội nghị, nhất là ở các khu công nghiệp đông lao động trẻ."
	page := `<html><head><meta charset="utf-8"></head><body>
<h1 class="detail-title">Tạo điểm tựa vững chắc cho người lao động</h1>
<span class="datetime">09:00 | 10/03/2021</span>
<p class="detail-sapo">` + htmlLead + `</p>
<div class="__MASTERCMS_CONTENT"><p>` + htmlPara1 + `</p>
<table class="MASTERCMS_TPL_TABLE"><tr><td><img src="/stores/news_dataimages/a.jpg"></td></tr><tr><td>https://dulich.petrotimes.vn/stores/a.jpg</td></tr></table>
<p>` + htmlPara2 + `</p><p><strong>` + inter + `</strong></p><p>` + next + `</p><p>` + boxPara3 + `</p>
<p>Nguồn: Tổng Liên đoàn Lao động Việt Nam</p>
<div class="article-detail-author">Vân Anh/dulich.petrotimes.vn</div></div></body></html>`
	p := htmlTestProfile(t, "mastercms")
	p.Name, p.Abstract, p.Hosts = "thoibaonganhang.vn", false, []string{"thoibaonganhang.vn"}
	a, err := Clean([]byte(page), "https://thoibaonganhang.vn/x-112379.html", p)
	if err != nil {
		t.Fatal(err)
	}
	if a.Author != "Vân Anh" {
		t.Errorf("Author = %q, want Vân Anh", a.Author)
	}
	for _, g := range []string{"Nguồn:", "petrotimes", "Vân Anh"} {
		if strings.Contains(a.Text, g) {
			t.Errorf("Text keeps %q:\n%s", g, a.Text)
		}
	}
	for _, k := range []string{inter, next, boxPara3} {
		if !strings.Contains(a.Text, k) {
			t.Errorf("Text lost %.40q:\n%s", k, a.Text)
		}
	}
}

// TestPhotoStory: a photo story, its story told in paragraphs under the
// photos that each end in "(Ảnh: …)", is an article whose text is those
// paragraphs; before, they were all taken for captions and the page was
// rejected as not an article (and then marked visited: lost).
func TestPhotoStory(t *testing.T) {
	l := boxLayouts[1] // laodong.vn
	story := []string{
		"Từ sáng sớm, hàng trăm công nhân đã xếp hàng trước cổng nhà văn hóa để nhận vé xe về quê đón Tết. (Ảnh: Hải Nguyễn)",
		"Những chuyến xe nghĩa tình do Công đoàn tổ chức đưa gần 2.000 người lao động về với gia đình. (Ảnh: Hải Nguyễn)",
		"Chị Lò Thị Mai, công nhân may, lần đầu tiên được về quê bằng xe miễn phí sau ba năm làm việc. (Ảnh: Hải Nguyễn)",
		"Các đoàn viên còn nhận thêm quà Tết gồm bánh chưng, gạo và phong bao lì xì của Công đoàn. (Ảnh: Hải Nguyễn)",
	}
	var body strings.Builder
	for i, p := range story {
		body.WriteString(`<figure><img src="/a` + string(rune('0'+i)) + `.jpg"></figure><p>` + p + `</p>`)
	}
	page := strings.Replace(l.page, `<p>`+htmlPara1+`</p><p>`+htmlPara2+`</p>BOX<p>`+boxPara3+`</p><p>`+boxPara4+`</p>`, body.String(), 1)
	if page == l.page {
		t.Fatal("fixture not built")
	}
	a, err := Clean([]byte(page), l.url, htmlTestProfile(t, l.profile))
	if err != nil {
		t.Fatalf("photo story rejected: %v", err)
	}
	for _, p := range story {
		if !strings.Contains(a.Text, strings.TrimSuffix(p, " (Ảnh: Hải Nguyễn)")) {
			t.Errorf("Text lost %.40q:\n%s", p, a.Text)
		}
	}
}
