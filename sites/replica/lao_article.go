package replica

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"
)

// laoAdAfter is the number of body paragraphs before the in-article ad.
const laoAdAfter = 2

// laoISO is the JSON-LD / article:published_time layout (+07:00).
const laoISO = "2006-01-02T15:04:05-07:00"

// articleURL is the real URL of an article: /<category>/<slug>-<id>.<ext>.
func (b *laoBuilder) articleURL(a *laoArticle) string {
	p, _ := b.sectionPath(a.Section)
	return fmt.Sprintf("%s%s%s-%d.%s", b.site.BaseURL, p, slugify(a.Title), a.ID, a.Ext)
}

// thumb is the listing thumbnail of an article: its first image.
func (b *laoBuilder) thumb(a *laoArticle) string {
	for _, bl := range a.Body {
		if bl.Img != "" {
			return laoImageURL(a.when, a.ID, bl.Img)
		}
	}
	return b.site.BaseURL + "/img/no-image.png"
}

func (b *laoBuilder) teaser(a *laoArticle) laoTeaser {
	title := a.Title
	if a.Kicker != "" {
		title = a.Kicker + " " + a.Title
	}
	p, name := b.sectionPath(a.Section)
	return laoTeaser{URL: b.articleURL(a), Title: title, Lead: a.Lead, Image: b.thumb(a),
		Date: a.Date, Section: name, SectionURL: b.site.BaseURL + p}
}

func (b *laoBuilder) stubTeaser(s laoStub) laoTeaser {
	t, _ := time.ParseInLocation(laoDateLayout, s.Date, ict)
	p, name := b.sectionPath(s.Section)
	return laoTeaser{URL: fmt.Sprintf("%s%s%s-%d.ldo", b.site.BaseURL, p, s.Slug, s.ID), Title: s.Title,
		Lead: s.Lead, Image: laoImageURL(t, s.ID, s.Image), Date: s.Date, Section: name, SectionURL: b.site.BaseURL + p}
}

// teaserByID finds an article or stub by id.
func (b *laoBuilder) teaserByID(id int) (laoTeaser, error) {
	for _, a := range b.arts {
		if a.ID == id {
			return b.teaser(a), nil
		}
	}
	for _, s := range b.site.Stubs {
		if s.ID == id {
			return b.stubTeaser(s), nil
		}
	}
	return laoTeaser{}, fmt.Errorf("no article or stub with id %d", id)
}

func (b *laoBuilder) articlePages() ([]Page, error) {
	var out []Page
	for i := range b.arts {
		p, err := b.articlePage(i)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func (b *laoBuilder) articlePage(i int) (Page, error) {
	a := b.arts[i]
	sec, err := b.section(a.Section)
	if err != nil {
		return Page{}, fmt.Errorf("article %d: %w", a.ID, err)
	}
	url := b.articleURL(a)
	v := laoArticleView{
		laoFrame: b.newFrame(a.Title, a.Lead, url, b.activePath(sec)),
		ID:       a.ID, URL: url, Kicker: a.Kicker, Headline: a.Title, Lead: a.Lead,
		DateText: laoDateText(a.when), Author: a.Author, Crumbs: b.crumbs(sec),
		Blocks: b.blocks(i), Tags: b.tags(a), Related: b.others(i, 1, 3), Others: b.others(i, 4, 3),
	}
	v.OGType, v.OGImage, v.Keywords = "article", b.thumb(a), strings.Join(a.Tags, ", ")
	tmpl := "article2019.tmpl"
	if a.Layout == "" {
		tmpl = "article.tmpl"
		v.Section, v.Published = sec.Name, a.when.Format(laoISO)
		v.LDJSON = append(v.LDJSON, b.breadcrumbLD(v.Crumbs), b.newsArticleLD(a, url))
	}
	p, err := b.render(tmpl, url, KindArticle, http.StatusOK, v)
	p.Truth = laoTruth(a, sec.Name)
	return p, err
}

// others returns n teasers of other articles, starting `from` places
// after article i and wrapping around.
func (b *laoBuilder) others(i, from, n int) []laoTeaser {
	var out []laoTeaser
	for k := from; k < from+len(b.arts) && len(out) < n; k++ {
		if o := b.arts[(i+k)%len(b.arts)]; o != b.arts[i] {
			out = append(out, b.teaser(o))
		}
	}
	return out
}

// blocks turns the article body into template blocks, with the ad slot
// after the laoAdAfter-th paragraph.
func (b *laoBuilder) blocks(i int) []laoBlockView {
	a := b.arts[i]
	var out []laoBlockView
	paras := 0
	for _, bl := range a.Body {
		switch {
		case bl.P != "":
			out = append(out, laoBlockView{Kind: "p", Text: bl.P})
			if paras++; paras == laoAdAfter {
				out = append(out, laoBlockView{Kind: "ad"})
			}
		case bl.H != "":
			out = append(out, laoBlockView{Kind: "h", Text: bl.H})
		case bl.Img != "":
			out = append(out, laoBlockView{Kind: "img", Src: laoImageURL(a.when, a.ID, bl.Img), Alt: bl.Caption, Caption: bl.Caption})
		case len(bl.UL) > 0:
			out = append(out, laoBlockView{Kind: "ul", Items: bl.UL})
		case bl.Table != nil:
			out = append(out, laoBlockView{Kind: "table", Table: bl.Table})
		case bl.Quote != "":
			out = append(out, laoBlockView{Kind: "quote", Text: bl.Quote})
		case bl.Related:
			out = append(out, laoBlockView{Kind: "related", Related: b.others(i, 2, 2)})
		}
	}
	return out
}

// tags links the article's tags to /tags/<slug>-<id>.ldo [G: the tag
// URL shape is a guess; note it matches the article pattern].
func (b *laoBuilder) tags(a *laoArticle) []laoLink {
	var out []laoLink
	for _, t := range a.Tags {
		out = append(out, laoLink{Name: t, Href: fmt.Sprintf("%s/tags/%s-%d.ldo", b.site.BaseURL, slugify(t), tagID(t))})
	}
	return out
}

// breadcrumbLD is the BreadcrumbList JSON-LD of an article.
func (b *laoBuilder) breadcrumbLD(crumbs []laoLink) template.JS {
	type item struct {
		Type     string `json:"@type"`
		Position int    `json:"position"`
		Name     string `json:"name"`
		Item     string `json:"item"`
	}
	items := []item{{"ListItem", 1, "Trang chủ", b.site.BaseURL + "/"}}
	for k, c := range crumbs {
		items = append(items, item{"ListItem", k + 2, c.Name, c.Href})
	}
	return laoJSON(map[string]any{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items})
}

// newsArticleLD is the NewsArticle JSON-LD of an article: the LAST
// object of the page, the only one with datePublished [V].
func (b *laoBuilder) newsArticleLD(a *laoArticle, url string) template.JS {
	return laoJSON(map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle",
		"mainEntityOfPage": map[string]string{"@type": "WebPage", "@id": url},
		"headline":         a.Title, "description": a.Lead, "image": []string{b.thumb(a)},
		"datePublished": a.when.Format(laoISO), "dateModified": a.when.Add(47 * time.Minute).Format(laoISO),
		"author":    map[string]string{"@type": "Person", "name": a.Author},
		"publisher": map[string]any{"@type": "Organization", "name": "Báo Lao Động", "logo": map[string]string{"@type": "ImageObject", "url": "https://laodong.vn/img/ldo_red.png"}},
	})
}

// laoJSON marshals v for a <script type="application/ld+json"> block.
func laoJSON(v any) template.JS {
	out, err := json.Marshal(v)
	if err != nil {
		return template.JS("{}")
	}
	return template.JS(out)
}

// laoTruth is the gold of one article, from its source data.
func laoTruth(a *laoArticle, section string) *Truth {
	t := &Truth{Title: a.Title, Lead: a.Lead, Author: a.Author, Published: a.when,
		Category: section, Tags: append([]string(nil), a.Tags...)}
	if a.Kicker != "" {
		t.Title = strings.TrimSpace(a.Kicker) + " " + a.Title
	}
	for _, bl := range a.Body {
		switch {
		case bl.P != "":
			t.Paragraphs = append(t.Paragraphs, bl.P)
		case bl.H != "":
			t.Paragraphs = append(t.Paragraphs, bl.H)
		case bl.Quote != "":
			t.Paragraphs = append(t.Paragraphs, bl.Quote)
		case bl.Img != "" && bl.Caption != "":
			t.Captions = append(t.Captions, bl.Caption)
		case len(bl.UL) > 0:
			t.Paragraphs = append(t.Paragraphs, bl.UL...)
		case bl.Table != nil:
			t.Paragraphs = append(t.Paragraphs, strings.Join(bl.Table.Head, " | "))
			for _, row := range bl.Table.Rows {
				t.Paragraphs = append(t.Paragraphs, strings.Join(row, " | "))
			}
		}
	}
	return t
}

// stubPages renders the video page (its URL matches the article pattern)
// and the 404 answers for missing articles.
func (b *laoBuilder) stubPages() ([]Page, error) {
	var out []Page
	for _, s := range b.site.Stubs {
		t := b.stubTeaser(s)
		var p Page
		var err error
		switch s.Kind {
		case KindNonArticle:
			v := laoStubView{laoFrame: b.newFrame(s.Title, s.Lead, t.URL, "/media/"), Headline: s.Title,
				Lead: s.Lead, DateText: t.Date, Video: "https://media-cdn.laodong.vn/storage/video/" + s.Slug + ".mp4"}
			v.OGType, v.OGImage = "video.other", t.Image
			p, err = b.render("video.tmpl", t.URL, KindNonArticle, http.StatusOK, v)
		case "missing":
			p, err = b.notFoundPage(t.URL)
		default:
			err = fmt.Errorf("stub %d: unknown kind %q", s.ID, s.Kind)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// notFoundPage is the site's HTML error page, served with status 404.
func (b *laoBuilder) notFoundPage(url string) (Page, error) {
	v := laoStubView{laoFrame: b.newFrame("404 - Không tìm thấy trang | Báo Lao Động", "Trang bạn tìm không tồn tại hoặc đã bị gỡ bỏ.", b.site.BaseURL+"/", "/")}
	return b.render("notfound.tmpl", url, KindNotFound, http.StatusNotFound, v)
}
