package replica

import (
	"fmt"
	"time"
)

// nldTeaser is a headline link with its sapo, thumbnail and date.
type nldTeaser struct {
	URL   string // site-relative path, as the site links it
	Abs   string // absolute URL
	Title string
	Lead  string
	Image string
	Date  string // dd/MM/yyyy HH:mm
	ISO   string // RFC 3339
}

// nldFrame holds what every HTML page of a layout shows around its
// content.
type nldFrame struct {
	Title       string
	Description string
	Keywords    string
	OGType      string
	OGImage     string
	Canonical   string
	Base        string
	Media       string
	Active      string // path of the active top-menu entry
	Menu        []nldMenu
	DateBar     string
	MostRead    []nldTeaser
	Feed        string
}

// nldBlockView is a body block ready for the templates.
type nldBlockView struct {
	Kind    string // "p", "h", "img", "ul", "table", "related", "ad"
	Text    string
	Src     string // the displayed (thumbnail) image
	Full    string // the full-size image
	Alt     string // the caption + " - Ảnh N." (new layout) or the headline (old)
	Caption string
	N       int
	Items   []string
	Table   *nldTable
	Related []nldTeaser
}

// nldArticleView is the data of old_article.tmpl and new_article.tmpl.
type nldArticleView struct {
	nldFrame
	ID        string
	Headline  string
	Lead      string
	Date      string
	Weekday   string
	ISO       string
	TopAuthor string // the .detail-author name (new layout, no end byline)
	Author    string
	Byline    string // label of the byline at the end of the body
	AuthorURL string
	Section   nldSection
	Blocks    []nldBlockView
	Tags      []nldTag
	Same      []nldTeaser // "Tin cùng chuyên mục" / "Tin khác"
	Print     string
}

// nldTag is one tag link.
type nldTag struct{ Name, Href string }

// nldListingView is the data of the listing templates.
type nldListingView struct {
	nldFrame
	Section nldSection
	Items   []nldTeaser
	Next    string
	Page    int
}

// nldStubView is the data of video.tmpl and notfound.tmpl.
type nldStubView struct {
	nldFrame
	Headline string
	Lead     string
	Date     string
	Video    string
	Section  nldSection
}

// nldPrintView is the data of print.tmpl.
type nldPrintView struct {
	Headline string
	Lead     string
	Date     string
	Author   string
	Paras    []string
	Source   string
	Base     string
}

// nldArticlePath is the site path of an article: /cong-doan/<slug>-<id>.htm
// in the old layout, /<slug>-<id>.htm in the new one.
func nldArticlePath(layout, slug, id string) string {
	if layout == nldOld {
		return fmt.Sprintf("/cong-doan/%s-%s.htm", slug, id)
	}
	return fmt.Sprintf("/%s-%s.htm", slug, id)
}

// nldImageURL is the nld.mediacdn.vn address of an image uploaded at t:
// the full size and the displayed size (the new layout shows a 684 px
// thumbnail).
func (b *nldBuilder) nldImageURL(layout string, t time.Time, file string) (full, shown string) {
	if layout == nldOld {
		u := fmt.Sprintf("%s/%d/%s", b.site.Media, t.Year(), file)
		return u, u
	}
	p := fmt.Sprintf("291774122806476800/%d/%d/%d/%s", t.Year(), int(t.Month()), t.Day(), file)
	return b.site.Media + "/" + p, b.site.Media + "/thumb_w/684/" + p
}

// thumb is the listing thumbnail of an article: its first image or the
// site's placeholder.
func (b *nldBuilder) thumb(a *nldArticle) string {
	for _, bl := range a.Body {
		if bl.Img != "" {
			_, shown := b.nldImageURL(a.Layout, a.when, bl.Img)
			return shown
		}
	}
	return b.site.Media + "/web_images/nld-default-thumb.jpg"
}

func (b *nldBuilder) articleTeaser(a *nldArticle) nldTeaser {
	p := nldArticlePath(a.Layout, a.Slug, a.ID)
	return nldTeaser{URL: p, Abs: b.site.BaseURL + p, Title: a.Title, Lead: a.Lead,
		Image: b.thumb(a), Date: a.Date, ISO: a.when.Format(time.RFC3339)}
}

func (b *nldBuilder) stubTeaser(s nldStub) nldTeaser {
	p := nldArticlePath(nldNew, s.Slug, s.ID)
	if s.Kind == "video" {
		p = "/video" + p
	}
	t, _ := time.ParseInLocation(nldDateLayout, s.Date, ict)
	return nldTeaser{URL: p, Abs: b.site.BaseURL + p, Title: s.Title, Lead: s.Lead,
		Image: b.site.Media + "/web_images/nld-default-thumb.jpg", Date: s.Date, ISO: t.Format(time.RFC3339)}
}

// teaserByID finds an article, stub or extra by id.
func (b *nldBuilder) teaserByID(id string) (nldTeaser, error) {
	if a, ok := b.byID[id]; ok {
		return b.articleTeaser(a), nil
	}
	for _, s := range append(append([]nldStub(nil), b.site.Stubs...), b.site.Extras...) {
		if s.ID == id {
			return b.stubTeaser(s), nil
		}
	}
	return nldTeaser{}, fmt.Errorf("no article or stub with id %s", id)
}

// section finds a section by key.
func (b *nldBuilder) section(key string) (nldSection, error) {
	for _, s := range b.site.Sections {
		if s.Key == key {
			return s, nil
		}
	}
	return nldSection{}, fmt.Errorf("unknown section %q", key)
}

// newFrame fills the parts shared by every page.
func (b *nldBuilder) newFrame(title, desc, canonical, active string) nldFrame {
	return nldFrame{
		Title: title, Description: desc, OGType: "website", Canonical: canonical,
		Keywords: "Người Lao Động, báo Người Lao Động, tin tức, công đoàn, công nhân, TP HCM",
		Base:     b.site.BaseURL, Media: b.site.Media, Active: active, Menu: b.site.Menu,
		DateBar: b.dateBar, MostRead: b.mostRead, Feed: b.site.BaseURL + "/rss/home.rss",
	}
}
