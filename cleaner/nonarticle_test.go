package cleaner

import (
	"errors"
	"strings"
	"testing"

	"github.com/unionnews/unionnews/sites/replica"
)

// TestCleanReplicaNonArticles cleans every HTML page of the replica that
// is not an article (videos, home pages, listings, error pages, print
// views) with the profile of its site: none may become an article, even
// though their URLs may match the article pattern and the generic rung
// finds text on them.
func TestCleanReplicaNonArticles(t *testing.T) {
	r, reg := replicaAndProfiles(t)
	c := New(nil)
	videos := map[string]bool{}
	for _, pg := range r.Pages("") {
		if pg.Kind == replica.KindArticle || !strings.HasPrefix(pg.ContentType, "text/html") {
			continue
		}
		p, ok := reg.ForURL(pg.URL)
		if !ok {
			t.Errorf("%s: no profile", pg.URL)
			continue
		}
		a, err := c.Clean(pg.Body, pg.URL, p)
		if !errors.Is(err, ErrNotArticle) {
			t.Errorf("%s page %s: err %v, want ErrNotArticle (extractor %q, title %q)", pg.Kind, pg.URL, err, a.Extractor, a.Title)
		}
		if pg.Kind == replica.KindNonArticle {
			videos[p.Name] = true
		}
	}
	for _, site := range []string{"laodongthudo.vn", "laodong.vn", "nld.com.vn"} {
		if !videos[site] {
			t.Errorf("no non-article page of %s checked", site)
		}
	}
}

// TestCleanGenericRungProfiledNeedsArticle: on a profiled site whose body
// selector matches nothing, the generic rung's text is kept only for a
// page that declares itself an article and holds enough text; for an
// unknown site (nil profile) it is kept as before.
func TestCleanGenericRungProfiledNeedsArticle(t *testing.T) {
	p := htmlTestProfile(t, "laodongthudo.vn")
	p.Article.Body = "div.no-such-body"
	const ld = `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-03-01T08:00:00+07:00"}</script>`
	long := htmlPageWith(t, `<p>`+htmlPara2+`</p>`+"\n  <p>"+htmlPara2+`</p>`,
		`<p>`+htmlPara2+`</p><p>Hội nghị đã thống nhất các chỉ tiêu thi đua năm 2021 và giao nhiệm vụ cho từng công đoàn cơ sở trực thuộc.</p>`)
	for _, tt := range []struct {
		name, page string
		article    bool
	}{
		{"ld+json NewsArticle", long, true},
		{"ld+json @type list in @graph", strings.Replace(long, `{"@type":"NewsArticle",`, `{"@graph":[{"@type":["ReportageNewsArticle"]}],`, 1), true},
		{"og:type article", strings.Replace(long, ld, `<meta property="og:type" content="article">`, 1), true},
		{"article element", strings.Replace(strings.Replace(long, ld, "", 1), `<div class="content_detail">`, `<article class="content_detail">`, 1), true},
		{"no signal", strings.Replace(long, ld, "", 1), false},
		{"og:type video beats article element", strings.Replace(strings.Replace(long, ld, `<meta property="og:type" content="video.other">`, 1),
			`<div class="content_detail">`, `<article class="content_detail">`, 1), false},
		{"ld+json WebPage", strings.Replace(long, `"@type":"NewsArticle"`, `"@type":"WebPage"`, 1), false},
		{"too short", htmlPageWith(t, `<p>`+htmlPara2+`</p>`+"\n  <p>"+htmlPara2+`</p>`, ""), false},
	} {
		a, err := Clean([]byte(tt.page), htmlTestURL, p)
		if tt.article && (err != nil || a.Extractor != ExtractorGeneric) {
			t.Errorf("%s: err %v, extractor %q; want a generic article", tt.name, err, a.Extractor)
		}
		if !tt.article && !errors.Is(err, ErrNotArticle) {
			t.Errorf("%s: err %v, want ErrNotArticle; text:\n%s", tt.name, err, a.Text)
		}
		if _, err := Clean([]byte(tt.page), htmlTestURL, nil); err != nil && tt.name != "too short" {
			t.Errorf("%s, unknown site: %v, want the generic article", tt.name, err)
		}
	}
}
