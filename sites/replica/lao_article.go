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

func (b *laoBuilder) articlePage(i int) (Page, error) {
	a, sec, err := b.articleAt(i)
	if err != nil {
		return Page{}, err
	}
	url := b.articleURL(a)
	blocks, err := blockViews(a, blockStyle{adAfter: laoAdAfter,
		image: func(bl block, _ int) blockView {
			return blockView{Kind: "img", Src: laoImageURL(a.when, a.ID, bl.Img), Alt: bl.Caption, Caption: bl.Caption}
		},
		related: b.relatedBox(i)})
	if err != nil {
		return Page{}, fmt.Errorf("article %d: %w", a.ID, err)
	}
	v := laoArticleView{
		frame: b.newFrame(a.Title, a.Lead, url, b.activePath(sec)), articleHead: headOf(a, url),
		Crumbs: b.crumbs(sec),
		Blocks: blocks, Tags: b.tags(a), Related: b.others(i, 1, 3, ""), Others: b.others(i, 4, 3, ""),
	}
	v.DateText = laoDateText(a.when)
	v.OGType, v.OGImage, v.Keywords = "article", b.thumb(a), strings.Join(a.Tags, ", ")
	tmpl := "article2019.tmpl"
	if a.Layout == "" {
		tmpl = "article.tmpl"
		v.Section, v.Published = sec.Name, isoTime(a.when)
		v.LDJSON = append(v.LDJSON, b.breadcrumbLD(v.Crumbs), b.newsArticleLD(a, url))
	}
	p, err := b.render(tmpl, url, KindArticle, http.StatusOK, v)
	p.Truth = truthOf(a, sec.Name)
	return p, err
}

// tags links the article's tags to /tags/<slug>-<id>.ldo [G: the tag
// URL shape is a guess; note it matches the article pattern].
func (b *laoBuilder) tags(a *article) []link {
	var out []link
	for _, t := range a.Tags {
		out = append(out, link{Name: t, Href: fmt.Sprintf("%s/tags/%s-%d.ldo", b.site.BaseURL, slugify(t), tagID(t))})
	}
	return out
}

// breadcrumbLD is the BreadcrumbList JSON-LD of an article.
func (b *laoBuilder) breadcrumbLD(crumbs []link) template.JS {
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
func (b *laoBuilder) newsArticleLD(a *article, url string) template.JS {
	return laoJSON(map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle",
		"mainEntityOfPage": map[string]string{"@type": "WebPage", "@id": url},
		"headline":         a.Title, "description": a.Lead, "image": []string{b.thumb(a)},
		"datePublished": isoTime(a.when), "dateModified": isoTime(a.when.Add(47 * time.Minute)),
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

// stubPages renders the video page (its URL matches the article pattern)
// and the 404 answers for missing articles.
func (b *laoBuilder) stubPages() ([]Page, error) {
	return b.builder.stubPages(func(s stub, t teaser) (Page, error) {
		v := laoStubView{frame: b.newFrame(s.Title, s.Lead, t.URL, "/media/"), Headline: s.Title,
			Lead: s.Lead, DateText: t.Date, Video: "https://media-cdn.laodong.vn/storage/video/" + s.Slug + ".mp4"}
		v.OGType, v.OGImage = "video.other", t.Image
		return b.render("video.tmpl", t.URL, KindNonArticle, http.StatusOK, v)
	})
}

// notFound is the site's HTML error page, served with status 404.
func (b *laoBuilder) notFound(url string) (Page, error) {
	v := laoStubView{frame: b.newFrame("404 - Không tìm thấy trang | Báo Lao Động", "Trang bạn tìm không tồn tại hoặc đã bị gỡ bỏ.", b.site.BaseURL+"/", "/")}
	return b.render("notfound.tmpl", url, KindNotFound, http.StatusNotFound, v)
}
