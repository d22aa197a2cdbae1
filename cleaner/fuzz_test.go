package cleaner

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzClean checks that Clean never panics and always returns valid UTF-8.
func FuzzClean(f *testing.F) {
	p := htmlTestProfile(f, "laodongthudo.vn")
	f.Add([]byte(htmlTestPage))
	f.Add([]byte(strings.ReplaceAll(htmlTestPage, `class="detail_info"`, `class="__MASTERCMS_CONTENT"`)))
	f.Add([]byte(`<meta charset="windows-1258"><div class="content_detail"><div class="detail_info"><p>Ho` + "\xd2\xe0" + `</p></div></div>`))
	f.Add([]byte(`<table class="MASTERCMS_TPL_TABLE"><tr><td><img data-src="x"><figure><figcaption>`))
	f.Add([]byte("\xff\xfe<\x00p\x00>"))
	f.Fuzz(func(t *testing.T, page []byte) {
		a, _ := Clean(page, htmlTestURL, p)
		for _, s := range append([]string{a.URL, a.Site, a.Title, a.Lead, a.Text, a.Author, a.Category}, a.Tags...) {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in output: %q", s)
			}
		}
		for _, im := range a.Images {
			if !utf8.ValidString(im.URL) || !utf8.ValidString(im.Caption) {
				t.Fatalf("invalid UTF-8 in image: %+v", im)
			}
		}
	})
}

// FuzzCleanGeneric checks the generic rung (no profile) and the text
// path on the same input: no panic, valid UTF-8 everywhere.
func FuzzCleanGeneric(f *testing.F) {
	f.Add([]byte(htmlTestPage))
	f.Add([]byte(`<article><h1>Tiêu đề</h1><p>Ảnh: TL</p><p>Có thể bạn quan tâm</p><p>-->`))
	f.Add([]byte("<div><div><div><p>\xff\xfe</p>"))
	f.Fuzz(func(t *testing.T, page []byte) {
		a, _ := Clean(page, "https://example.com/a.html", nil)
		b, _ := CleanText(string(page), TextOptions{})
		for _, s := range []string{a.Title, a.Text, a.Author, a.Category, b.Title, b.Text, b.Author, b.Lead} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in output: %q", s)
			}
		}
		if len(a.BlockHashes) > 0 && a.Extractor == "" {
			t.Fatalf("hashes without an extractor: %+v", a)
		}
	})
}
