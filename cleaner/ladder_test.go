package cleaner

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestBlockHash(t *testing.T) {
	same := [][2]string{
		{"Hotline: 0912 345 678.", "HOTLINE 0987 654 321"},
		{"Mời bạn đọc  theo dõi…", "mời bạn đọc theo dõi"},
		{"“Lao động”, thủ đô!", "lao động thủ đô"},
	}
	for _, p := range same {
		if BlockHash(p[0]) != BlockHash(p[1]) {
			t.Errorf("BlockHash(%q) != BlockHash(%q)", p[0], p[1])
		}
	}
	differ := [][2]string{{"Mời bạn", "Mới bạn"}, {"lao động", "laodong"}, {"a b", "ab"}}
	for _, p := range differ {
		if BlockHash(p[0]) == BlockHash(p[1]) {
			t.Errorf("BlockHash(%q) == BlockHash(%q)", p[0], p[1])
		}
	}
}

const ladderBoiler = "Mời bạn đọc theo dõi các tin tức mới nhất của Báo Lao động Thủ đô trên mạng xã hội."

func TestCleanBoilerplate(t *testing.T) {
	p := htmlTestProfile(t, "laodongthudo.vn")
	page := []byte(htmlPageWith(t, `<p>&nbsp;</p>`, `<p>`+ladderBoiler+`</p>`))
	a, err := Clean(page, htmlTestURL, p)
	if err != nil {
		t.Fatal(err)
	}
	h := BlockHash(ladderBoiler)
	if !strings.Contains(a.Text, ladderBoiler) || !slices.Contains(a.BlockHashes, h) || a.Extractor != ExtractorProfile {
		t.Fatalf("without a set: extractor %q, hash listed %v, text:\n%s", a.Extractor, slices.Contains(a.BlockHashes, h), a.Text)
	}
	set := BoilerplateSet{"laodongthudo.vn": {h: true}}
	c := New(&Options{Boilerplate: set})
	for i := 0; i < 2; i++ { // the second run uses the compiled cache
		b, err := c.Clean(page, htmlTestURL, p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.Text, ladderBoiler) || b.Extractor != "profile+boilerplate" {
			t.Errorf("with the set: extractor %q, text:\n%s", b.Extractor, b.Text)
		}
		if !slices.Equal(b.BlockHashes, a.BlockHashes) {
			t.Errorf("BlockHashes differ with the set")
		}
	}
	// Another site's set does not apply.
	b, _ := CleanWith(page, htmlTestURL, p, &Options{Boilerplate: BoilerplateSet{"nld.com.vn": {h: true}}})
	if b.Extractor != ExtractorProfile {
		t.Errorf("other site's set: extractor %q", b.Extractor)
	}
}

func TestCleanGenericRung(t *testing.T) {
	a, err := Clean([]byte(htmlTestPage), htmlTestURL, nil)
	if err != nil {
		t.Fatalf("Clean without profile: %v", err)
	}
	if a.Extractor != ExtractorGeneric || a.Site != "laodongthudo.vn" || !strings.Contains(a.Text, htmlPara1) {
		t.Errorf("generic: extractor %q site %q text:\n%s", a.Extractor, a.Site, a.Text)
	}
	for _, m := range []string{"Có thể bạn quan tâm", "In bài viết", "Trang chủ"} {
		if strings.Contains(a.Text, m) {
			t.Errorf("generic text holds clutter %q", m)
		}
	}
	if a.Published.IsZero() {
		t.Error("generic: no date (ld+json has one)")
	}
	// A profile whose body selector matches nothing falls back, keeping
	// the metadata the profile found.
	p := htmlTestProfile(t, "laodongthudo.vn")
	p.Article.Body = "div.no-such-body"
	b, err := Clean([]byte(htmlTestPage), htmlTestURL, p)
	if err != nil {
		t.Fatalf("Clean with a stale body selector: %v", err)
	}
	if b.Extractor != ExtractorGeneric || b.Title != "Công đoàn ngành Y tế Hà Nội: Tạo điểm tựa vững chắc cho người lao động" ||
		b.Published.Format("2006-01-02 15:04") != "2025-07-17 12:15" {
		t.Errorf("fallback: extractor %q title %q published %v", b.Extractor, b.Title, b.Published)
	}
}

// TestCleanHTMLClutter puts the clutter of the seed dumps into a
// profile's body: the shared rules must remove it on the HTML path too.
func TestCleanHTMLClutter(t *testing.T) {
	p := htmlTestProfile(t, "laodongthudo.vn")
	const caption = "Quang cảnh hội nghị tổng kết năm 2025. Ảnh: TL"
	clutter := `<p>Tạo điểm tựa vững chắc cho người lao động</p>` +
		`<p>` + caption + `</p>` +
		`<p>Xem thêm: Công đoàn tổ chức hội nghị người lao động</p>` +
		`<p>Thực hiện: Kỳ Anh</p><p>--></p>`
	page := htmlPageWith(t,
		`<p>`+htmlPara1+`</p>`, `<p>`+htmlPara1+`</p>`+clutter,
		`<p>&nbsp;</p>`, `<p>&nbsp;</p><h3>Tin liên quan</h3><p><a href="/x-1.html">Hà Nội khai mạc hội nghị</a></p><p><a href="/x-2.html">Đoàn viên được ưu đãi</a></p>`)
	a, err := Clean([]byte(page), htmlTestURL, p)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{htmlLead, htmlPara1, htmlPara2}, "\n\n")
	if a.Text != want {
		t.Errorf("Text:\n%s\nwant:\n%s", a.Text, want)
	}
	if a.Author != "K.Tiến" {
		t.Errorf("Author %q, want the profile's K.Tiến", a.Author)
	}
	found := false
	for _, im := range a.Images {
		found = found || im.Caption == caption
	}
	if !found {
		t.Errorf("caption %q not among images %+v", caption, a.Images)
	}
}

func TestDiagnose(t *testing.T) {
	p := htmlTestProfile(t, "laodongthudo.vn")
	d := Diagnose([]byte(htmlTestPage), htmlTestURL, p)
	if d.Err != nil || len(d.Missing) != 0 || !d.HasDate || !d.HasAuthor || d.BodyChars < 300 {
		t.Errorf("good page: %+v", d)
	}
	page := htmlPageWith(t, `<div class="tool"><i>Công đoàn 17/07/2025 12:15</i></div>`, "",
		`<p align="right"><strong>K.Tiến</strong></p>`, "")
	d = Diagnose([]byte(page), htmlTestURL, p)
	if !slices.Equal(d.Missing, []string{"article.date", "article.author"}) || d.HasAuthor {
		t.Errorf("page without date and author: %+v", d)
	}
	d = Diagnose([]byte(`<html><body><p>Trang chủ</p></body></html>`), htmlTestURL, p)
	if !errors.Is(d.Err, ErrNotArticle) || !slices.Contains(d.Missing, "article.body") {
		t.Errorf("empty page: %+v", d)
	}
}
