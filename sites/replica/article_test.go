package replica

import (
	"html"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// articleFacts are what the profile's selectors should find on a page.
type articleFacts struct {
	url, title, kicker, lead, date, author string
	crumbs, tags, paras                    []string
	images, captions                       int
	hasList, hasTable                      bool
	body                                   string
}

// parseArticle checks the markers every article page must carry and
// returns its facts.
func parseArticle(t *testing.T, p Page) articleFacts {
	t.Helper()
	s := pageText(t, p)
	f := articleFacts{url: p.URL, title: first(reOGTitle, s), kicker: first(reKicker, s),
		lead: first(reDesc, s), date: first(reToolDate, s), author: first(reAuthor, s)}
	f.crumbs = all(reCrumb, between(s, `<div class="title_new_nav">`, `</div>`))
	f.tags = all(reTagHref, reTag.FindString(s))
	info := between(s, `<div class="detail_info __MASTERCMS_CONTENT __MB_CONTENT_FOR_PRINTER">`, `<div class="tags`)
	f.body = between(info, `id="__MB_MASTERCMS_EL_3">`, `<p align="right">`)
	f.paras = all(reBodyPara, f.body)
	f.hasList = strings.Contains(f.body, "<ul>")
	f.hasTable = strings.Contains(f.body, `class="table_data"`)
	for _, m := range reImg.FindAllStringSubmatch(f.body, -1) {
		f.images++
		if html.UnescapeString(m[1]) != f.title || html.UnescapeString(m[2]) != f.title {
			t.Errorf("%s: image alt %q / title %q do not echo the headline", p.URL, m[1], m[2])
		}
	}
	f.captions = len(all(reCaption, f.body))
	checkArticle(t, f, s, info)
	return f
}

// checkArticle reports the markers missing from an article page; s is the
// page text, info the content of its .detail_info.
func checkArticle(t *testing.T, f articleFacts, s, info string) {
	t.Helper()
	related := len(all(reAnyHref, first(reRelatedIn, s)))
	box := strings.Index(info, `class="box_related_inline"`)
	checks := []struct {
		ok   bool
		what string
	}{
		{f.title != "" && first(reH1, s) == f.title, "og:title equal to h1.title_detail"},
		{f.lead != "" && first(reSapo, s) == f.lead, "meta description equal to .sapo_detail"},
		{len(f.crumbs) == 2 && f.crumbs[0] == "Công đoàn", "breadcrumb Công đoàn › section"},
		{f.author != "" && strings.Contains(info, `<p align="right"><strong>`), "author inside .detail_info"},
		{len(f.tags) > 0, "tags"},
		{f.captions == f.images, "a caption row under every image"},
		{len(f.paras) >= 5 && len(f.paras) <= 10, "5 to 10 body paragraphs"},
		{box >= 0 && box < strings.Index(info, "<p "), "related box first in .detail_info"},
		{related >= 2 && related <= 3, "2-3 inline related links"},
		{strings.Contains(info, `class="fb-like"`) && strings.Contains(info, `<div class="print_mail">`) &&
			strings.Contains(info, "In bài viết"), ".fb-like and .print_mail inside .detail_info"},
		{strings.Contains(s, "<script"), "inline scripts"},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: missing %s", f.url, c.what)
		}
	}
	for _, tag := range f.tags {
		if !strings.HasSuffix(tag, ".tag") {
			t.Errorf("%s: tag link %s does not end in .tag", f.url, tag)
		}
	}
	for _, marker := range []string{"Có thể bạn quan tâm", "Nên xem", "Tin khác", "Xem thêm", "Đọc nhiều",
		"Có liên quan", "Phiên bản di động", "©", `<div class="content_detail">`, `<div class="tool`} {
		if !strings.Contains(s, marker) {
			t.Errorf("%s: missing %q", f.url, marker)
		}
	}
}

func TestArticleMarkers(t *testing.T) {
	r := newReplica(t)
	var facts []articleFacts
	for _, p := range r.SitePages("laodongthudo.vn", KindArticle) {
		facts = append(facts, parseArticle(t, p))
	}
	var kicker, noKicker, list, table, y2025, y2026 int
	imgs := map[int]int{}
	for _, f := range facts {
		d, err := time.ParseInLocation("02/01/2006 15:04", f.date, ict)
		if err != nil {
			t.Errorf("%s: date %q: %v", f.url, f.date, err)
		}
		switch d.Year() {
		case 2025:
			y2025++
		case 2026:
			y2026++
		}
		if f.kicker != "" {
			kicker++
		} else {
			noKicker++
		}
		imgs[min(f.images, 3)]++
		if f.hasList {
			list++
		}
		if f.hasTable {
			table++
		}
	}
	t.Logf("kicker %d/%d, lists %d, tables %d, images %v, years 2025:%d 2026:%d", kicker, noKicker, list, table, imgs, y2025, y2026)
	if kicker == 0 || noKicker == 0 || list != 1 || table != 1 || imgs[0] == 0 || imgs[1] == 0 || imgs[3] == 0 ||
		y2025 < 5 || y2026 < 5 {
		t.Errorf("not varied enough: kicker %d/%d, lists %d, tables %d, images %v, years 2025:%d 2026:%d",
			kicker, noKicker, list, table, imgs, y2025, y2026)
	}
}

func TestTestURLArticle(t *testing.T) {
	r := newReplica(t)
	p, ok := r.Lookup("https://laodongthudo.vn/doi-moi-sang-tao-huong-ve-nguoi-lao-dong-116638.html")
	if !ok {
		t.Fatal("profile test URL not served")
	}
	f := parseArticle(t, p)
	if f.kicker != "Khối thi đua Công đoàn ngành Trung ương:" || f.title != "Đổi mới, sáng tạo hướng về người lao động" {
		t.Errorf("test URL article: kicker %q, title %q", f.kicker, f.title)
	}
}

func TestRepost(t *testing.T) {
	r := newReplica(t)
	byTitle := map[string][]articleFacts{}
	for _, p := range r.SitePages("laodongthudo.vn", KindArticle) {
		f := parseArticle(t, p)
		byTitle[f.title] = append(byTitle[f.title], f)
	}
	pairs := 0
	for title, fs := range byTitle {
		if len(fs) == 1 {
			continue
		}
		pairs++
		a, b := fs[0], fs[1]
		if len(fs) != 2 || a.url == b.url || a.lead != b.lead || a.body != b.body || a.kicker != b.kicker {
			t.Errorf("re-post of %q: want 2 URLs with identical lead and body", title)
		}
	}
	if pairs != 1 {
		t.Errorf("%d re-posted titles, want 1", pairs)
	}
}

func TestWindows1258Page(t *testing.T) {
	r := newReplica(t)
	var legacy []Page
	for _, p := range r.SitePages("laodongthudo.vn", "") {
		switch p.ContentType {
		case "text/html; charset=windows-1258":
			legacy = append(legacy, p)
		case "text/html; charset=utf-8", "text/plain; charset=utf-8":
			if !utf8.Valid(p.Body) {
				t.Errorf("%s: declared UTF-8 but is not", p.URL)
			}
		default:
			t.Errorf("%s: unexpected Content-Type %q", p.URL, p.ContentType)
		}
	}
	if len(legacy) != 1 {
		t.Fatalf("%d windows-1258 pages, want 1", len(legacy))
	}
	p := legacy[0]
	if utf8.Valid(p.Body) {
		t.Error("windows-1258 page is valid UTF-8: not really encoded")
	}
	got := pageText(t, p)
	if !strings.Contains(got, `<meta charset="windows-1258">`) {
		t.Error("windows-1258 page lacks <meta charset=\"windows-1258\">")
	}
	// Render the same article in UTF-8 and compare the NFC texts.
	b, err := newLDTBuilder()
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range b.arts {
		if b.articleURL(a) != p.URL {
			continue
		}
		a.Charset = ""
		u, err := b.articlePage(i)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Replace(norm.NFC.String(string(u.Body)), `<meta charset="utf-8">`, `<meta charset="windows-1258">`, 1)
		if got != want {
			t.Error("decoded windows-1258 page differs from the UTF-8 rendering")
		}
		return
	}
	t.Errorf("no article has URL %s", p.URL)
}

func TestEncodeWindows1258RoundTrip(t *testing.T) {
	tests := []string{
		"aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ",
		"AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đ",
		"“Mái ấm Công đoàn” – người lao động…",
	}
	for _, s := range tests {
		b, err := encodeWindows1258(s)
		if err != nil {
			t.Fatalf("encode %q: %v", s, err)
		}
		got, err := decodeWindows1258(b)
		if err != nil || got != norm.NFC.String(s) {
			t.Errorf("round trip of %q = %q, %v", s, got, err)
		}
	}
	if _, err := encodeWindows1258("漢字"); err == nil {
		t.Error("encoding CJK text to windows-1258 succeeded")
	}
}
