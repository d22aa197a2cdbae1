package replica

import (
	"fmt"
	"time"
)

// ldtArticleView is the data of laodongthudo/article.tmpl.
type ldtArticleView struct {
	frame
	articleHead
	Section  string
	Crumbs   []link
	Related  []teaser
	Blocks   []blockView
	Tags     []link
	Interest []teaser
	Others   []teaser
	Prev     *teaser
	More     string
}

// ldtListingView is the data of laodongthudo/listing.tmpl.
type ldtListingView struct {
	frame
	Crumbs  []link
	Section string
	Items   []teaser
	Pager   []pageLink
	Prev    string
	Next    string
}

// homeView is the data of the home pages of laodongthudo.vn and
// laodongdoanthe.vn: the newest articles, then a block a section.
type homeView struct {
	frame
	Lead     teaser
	Top      []teaser
	Sections []homeSection
}

// homeSection is one section block of a home page.
type homeSection struct {
	Name, Href string
	Items      []teaser
}

// ldtStubView is the data of laodongthudo/video.tmpl and notfound.tmpl.
type ldtStubView struct {
	frame
	Headline string
	Lead     string
	Date     string
	Video    string
	Crumbs   []link
}

// ldtNoImage is the theme's placeholder thumbnail.
const ldtNoImage = "/modules/frontend/themes/laodongthudo/images/no-image.png"

// articleURL is the real URL of an article.
func (b *ldtBuilder) articleURL(a *article) string {
	slug := a.Slug
	if slug == "" {
		slug = slugify(a.Title)
	}
	return fmt.Sprintf("%s/%s-%d.html", b.site.BaseURL, slug, a.ID)
}

// imageURL is the MasterCMS upload path of an image:
// /stores/news_dataimages/<user>/<MMYYYY>/<DD>/<HH>/<MMSS>_<file>.
func (b *ldtBuilder) imageURL(user string, t time.Time, file string) string {
	if user == "" {
		user = "ngocha"
	}
	return mastercmsImageURL(b.site.BaseURL, user, t, t.Format("0405")+"_"+file)
}

// thumb is the listing thumbnail of an article: its first image or the
// theme's placeholder.
func (b *ldtBuilder) thumb(a *article) string {
	return a.thumb(func(f string) string { return b.imageURL(a.ImgUser, a.imgWhen, f) }, b.site.BaseURL+ldtNoImage)
}

func (b *ldtBuilder) articleTeaser(a *article) teaser {
	return teaser{URL: b.articleURL(a), Title: a.fullTitle(), Lead: a.Lead, Image: b.thumb(a), Date: a.Date}
}

func (b *ldtBuilder) stubTeaser(s stub) teaser {
	img := b.site.BaseURL + ldtNoImage
	if s.Image != "" {
		img = b.imageURL("", stubTime(s, dateLayout), s.Image)
	}
	return teaser{URL: fmt.Sprintf("%s/%s-%d.html", b.site.BaseURL, s.Slug, s.ID),
		Title: s.Title, Lead: s.Lead, Image: img, Date: s.Date}
}

// tags links the tags of an article to /tag/<slug>-<id>.tag.
func (b *ldtBuilder) tags(a *article) []link {
	var out []link
	for _, t := range a.Tags {
		out = append(out, link{Name: t, Href: fmt.Sprintf("%s/tag/%s-%d.tag", b.site.BaseURL, slugify(t), tagID(t))})
	}
	return out
}

// crumbs is the breadcrumb of a section; the first link is relative, as
// on the site.
func (b *ldtBuilder) crumbs(s section) []link {
	return []link{{Name: s.Parent, Href: s.ParentPath}, {Name: s.Name, Href: b.site.BaseURL + s.Path}}
}

// extras returns n teasers of other sections, starting at offset i.
func (b *ldtBuilder) extras(i, n int) []teaser {
	var out []teaser
	for k := 0; k < n && len(b.site.Extras) > 0; k++ {
		out = append(out, b.stubTeaser(b.site.Extras[(i+k)%len(b.site.Extras)]))
	}
	return out
}
