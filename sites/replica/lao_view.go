package replica

import (
	"fmt"
	"time"
)

// laoArticleView is the data of laodong/article.tmpl and article2019.tmpl.
type laoArticleView struct {
	frame
	articleHead
	Crumbs  []link
	Blocks  []blockView
	Tags    []link
	Related []teaser // the .related box under the article
	Others  []teaser // "Tin khác": extra <article> elements
}

// laoListingView is the data of laodong/listing.tmpl.
type laoListingView struct {
	frame
	Crumbs []link
	Name   string
	Cover  *teaser // the first page's cover story, above the list [V]
	Items  []teaser
	Pager  []link
}

// laoHomeView is the data of laodong/home.tmpl.
type laoHomeView struct {
	frame
	Cover    teaser
	Top      []teaser
	Union    []teaser
	UnionSub []link
}

// laoStubView is the data of laodong/video.tmpl and notfound.tmpl.
type laoStubView struct {
	frame
	Headline string
	Lead     string
	DateText string
	Video    string
}

// articleURL is the real URL of an article: /<category>/<slug>-<id>.<ext>.
func (b *laoBuilder) articleURL(a *article) string {
	p, _ := b.sectionPath(a.Section)
	return fmt.Sprintf("%s%s%s-%d.%s", b.site.BaseURL, p, slugify(a.Title), a.ID, a.Ext)
}

// thumb is the listing thumbnail of an article: its first image.
func (b *laoBuilder) thumb(a *article) string {
	return a.thumb(func(f string) string { return laoImageURL(a.when, a.ID, f) }, b.site.BaseURL+"/img/no-image.png")
}

func (b *laoBuilder) teaser(a *article) teaser {
	p, name := b.sectionPath(a.Section)
	return teaser{URL: b.articleURL(a), Title: a.fullTitle(), Lead: a.Lead, Image: b.thumb(a),
		Date: a.Date, Section: name, SectionURL: b.site.BaseURL + p}
}

func (b *laoBuilder) stubTeaser(s stub) teaser {
	p, name := b.sectionPath(s.Section)
	return teaser{URL: fmt.Sprintf("%s%s%s-%d.ldo", b.site.BaseURL, p, s.Slug, s.ID), Title: s.Title,
		Lead: s.Lead, Image: laoImageURL(stubTime(s, dateLayout), s.ID, s.Image), Date: s.Date,
		Section: name, SectionURL: b.site.BaseURL + p}
}

// laoImageURL is the media CDN path of an image:
// media-cdn.laodong.vn/storage/newsportal/YYYY/M/D/<id>/<file>.
func laoImageURL(t time.Time, id int64, file string) string {
	return fmt.Sprintf("https://media-cdn.laodong.vn/storage/newsportal/%d/%d/%d/%d/%s",
		t.Year(), int(t.Month()), t.Day(), id, file)
}

// laoDateText is the date as the article header shows it:
// "Thứ Ba, 10/02/2026 06:05 (GMT+7)".
func laoDateText(t time.Time) string {
	return vietWeekday(t) + ", " + t.Format(dateLayout) + " (GMT+7)"
}
