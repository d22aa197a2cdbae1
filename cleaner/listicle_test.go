package cleaner

import (
	"fmt"
	"strings"
	"testing"
)

// Issue 8, generic rung and shared rules: "A listicle whose items are
// bold headings loses them. go-trafilatura keeps both." A listicle is an
// article whose items are short heading paragraphs, each followed by
// prose that often repeats the heading's words (which the pull-quote
// rule reads as a repeated sentence).

var lsItems = [][2]string{
	{"Đối thoại định kỳ tại doanh nghiệp", "Công đoàn cơ sở tổ chức đối thoại định kỳ với người sử dụng lao động ít nhất mỗi quý một lần, để người lao động nêu ý kiến về tiền lương, giờ làm và điều kiện làm việc."},
	{"Thương lượng thỏa ước lao động tập thể", "Thỏa ước lao động tập thể giúp người lao động được hưởng các quyền lợi cao hơn quy định của pháp luật, như tiền ăn ca, quà Tết và hỗ trợ nhà ở."},
	{"Chăm lo đời sống đoàn viên", "Các cấp công đoàn thăm hỏi đoàn viên ốm đau, hỗ trợ đoàn viên có hoàn cảnh khó khăn và tổ chức các chương trình phúc lợi như Tết Sum vầy, Mái ấm Công đoàn."},
	{"Tư vấn pháp luật miễn phí", "Người lao động được tư vấn pháp luật miễn phí về hợp đồng lao động, bảo hiểm xã hội và giải quyết tranh chấp lao động tại các văn phòng tư vấn của công đoàn."},
	{"Phát triển đoàn viên", "Công đoàn vận động người lao động tại các doanh nghiệp chưa có tổ chức công đoàn gia nhập công đoàn, kể cả lao động tự do qua ứng dụng trực tuyến."},
}

const lsTitle = "5 việc công đoàn làm cho người lao động"

// lsPage is a listicle article; item renders the heading of item i;
// repeat makes each item's prose open with its heading's words. The
// body is div.content on an unknown site, and also carries MasterCMS's
// __MASTERCMS_CONTENT class with the profile's h1.article-detail-title.
func lsPage(item func(i int, h string) string, repeat bool) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>` + lsTitle + `</title><meta property="og:title" content="` + lsTitle + `"><meta property="og:type" content="article"></head><body>`)
	b.WriteString(`<div class="main"><article><h1 class="article-detail-title">` + lsTitle + `</h1><div class="date">01/08/2025 06:50</div><div class="content __MASTERCMS_CONTENT">`)
	b.WriteString(`<p>Công đoàn là tổ chức đại diện của người lao động. Dưới đây là năm việc công đoàn các cấp làm thường xuyên để bảo vệ quyền lợi của đoàn viên.</p>`)
	for i, it := range lsItems {
		b.WriteString(item(i, it[0]))
		prose := it[1]
		if repeat {
			prose = it[0] + " là việc quan trọng, giúp người lao động yên tâm gắn bó. " + prose
		}
		b.WriteString("<p>" + prose + "</p>")
	}
	b.WriteString(`<p style="text-align:right"><strong>Minh Anh</strong></p></div></article>`)
	b.WriteString(`<div class="related"><h3>Tin khác</h3><ul><li><a href="/tin-tuc/t1/a.html">Công đoàn ngành Xây dựng trao quà Tết cho công nhân khó khăn</a></li><li><a href="/tin-tuc/t2/b.html">Tập huấn an toàn lao động cho công nhân xây dựng</a></li></ul></div>`)
	b.WriteString(`</div></body></html>`)
	return b.String()
}

// lsShapes are the item-heading markups of Vietnamese news listicles.
var lsShapes = []struct {
	name string
	item func(i int, h string) string
}{
	{"p>strong numbered", func(i int, h string) string { return fmt.Sprintf("<p><strong>%d. %s</strong></p>", i+1, h) }},
	{"p>strong", func(i int, h string) string { return fmt.Sprintf("<p><strong>%s</strong></p>", h) }},
	{"p>b numbered", func(i int, h string) string { return fmt.Sprintf("<p><b>%d. %s</b></p>", i+1, h) }},
	{"bare b", func(i int, h string) string { return fmt.Sprintf("<b>%d. %s</b>", i+1, h) }},
	{"h3 numbered", func(i int, h string) string { return fmt.Sprintf("<h3>%d. %s</h3>", i+1, h) }},
	{"h3", func(i int, h string) string { return fmt.Sprintf("<h3>%s</h3>", h) }},
	{"h2>strong", func(i int, h string) string { return fmt.Sprintf("<h2><strong>%s</strong></h2>", h) }},
	{"p>strong colon", func(i int, h string) string { return fmt.Sprintf("<p><strong>%s:</strong></p>", h) }},
	{"p>strong numbered colon", func(i int, h string) string { return fmt.Sprintf("<p><strong>%d. %s:</strong></p>", i+1, h) }},
	{"centred p>strong>em", func(i int, h string) string {
		return fmt.Sprintf(`<p style="text-align: center;"><strong><em>%d. %s</em></strong></p>`, i+1, h)
	}},
	{"centred p>em>b", func(i int, h string) string {
		return fmt.Sprintf(`<p align="center"><em><b>%s</b></em></p>`, h)
	}},
}

// lsCheck reports the item headings missing from text as paragraphs of
// their own (an optional "N. " before, ":" after), and whether the
// headings and their prose keep their order.
func lsCheck(text string) (missing []string, ordered bool) {
	paras := strings.Split(text, "\n\n")
	at, ordered := -1, true
	for i, it := range lsItems {
		found := -1
		for k, p := range paras {
			p = strings.TrimSuffix(strings.TrimPrefix(p, fmt.Sprintf("%d. ", i+1)), ":")
			if p == it[0] {
				found = k
				break
			}
		}
		if found < 0 {
			missing = append(missing, it[0])
			continue
		}
		if found < at || found+1 >= len(paras) || !strings.HasSuffix(paras[found+1], it[1]) {
			ordered = false
		}
		at = found
	}
	return missing, ordered
}

// TestListicleHeadings: every item heading is a paragraph of Text, in
// order, followed by its prose, on the generic rung (unknown site) and
// the profile rung (MasterCMS), whether or not the prose repeats the
// heading's words.
func TestListicleHeadings(t *testing.T) {
	mastercms := htmlTestProfile(t, "mastercms")
	rungs := []struct {
		name, url, extractor string
		p                    any
	}{
		{"generic", "https://congdoanxaydungvn.org.vn/tin-tuc/t46900/5-viec-cong-doan-lam-cho-nguoi-lao-dong.html", ExtractorGeneric, nil},
		{"mastercms", "https://laodongcongdoan.vn/5-viec-cong-doan-lam-cho-nguoi-lao-dong-81300.html", ExtractorProfile, mastercms},
	}
	for _, r := range rungs {
		for _, s := range lsShapes {
			for _, repeat := range []bool{false, true} {
				name := fmt.Sprintf("%s/%s/repeat=%v", r.name, s.name, repeat)
				var a Article
				var err error
				if r.p == nil {
					a, err = Clean([]byte(lsPage(s.item, repeat)), r.url, nil)
				} else {
					a, err = Clean([]byte(lsPage(s.item, repeat)), r.url, mastercms)
				}
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				if a.Extractor != r.extractor {
					t.Errorf("%s: extractor %q, want %q", name, a.Extractor, r.extractor)
				}
				if missing, ordered := lsCheck(a.Text); len(missing) > 0 || !ordered {
					t.Errorf("%s: headings missing %q, in order with their prose: %v; text:\n%s", name, missing, ordered, a.Text)
				}
			}
		}
	}
}

// TestIntertitleColon: rule pull-quote keeps an intertitle that ends in a
// colon ("Heading:" introduces the paragraph that repeats its words), and
// still drops a sentence repeated from the body.
func TestIntertitleColon(t *testing.T) {
	paras := []string{
		"Công đoàn là tổ chức đại diện của người lao động, bảo vệ quyền lợi của đoàn viên.",
		lsItems[1][0] + ":",
		lsItems[1][1],
		"Thỏa ước lao động tập thể giúp người lao động được hưởng các quyền lợi cao hơn quy định.",
	}
	got := trDropPullQuotes(paras)
	want := []string{paras[0], paras[1], paras[2]}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("trDropPullQuotes:\n got %q\nwant %q", got, want)
	}
}
