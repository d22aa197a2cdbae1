package replica

import (
	"fmt"
	"time"
)

// nldArticleView is the data of nld/old_article.tmpl and new_article.tmpl.
type nldArticleView struct {
	frame
	articleHead
	Weekday   string
	ISO       string
	TopAuthor string // the .detail-author name (new layout, no end byline)
	Byline    string // label of the byline at the end of the body
	AuthorURL string
	Section   section
	Blocks    []blockView
	Tags      []link
	Same      []teaser // "Tin cùng chuyên mục" / "Tin khác"
	Print     string
}

// nldListingView is the data of the nld listing templates.
type nldListingView struct {
	frame
	Section section
	Items   []teaser
	Next    string
	Page    int
}

// nldStubView is the data of nld/video.tmpl and notfound.tmpl.
type nldStubView struct {
	frame
	Headline string
	Lead     string
	Date     string
	Video    string
	Section  section
}

// nldPrintView is the data of nld/print.tmpl.
type nldPrintView struct {
	Headline string
	Lead     string
	Date     string
	Author   string
	Paras    []string
	Source   string
	Base     string
}

// nldDefaultThumb is the site's placeholder thumbnail (under Media).
const nldDefaultThumb = "/web_images/nld-default-thumb.jpg"

// nldArticlePath is the site path of an article: /cong-doan/<slug>-<id>.htm
// in the old layout, /<slug>-<id>.htm in the new one.
func nldArticlePath(layout, slug string, id int64) string {
	if layout == nldOld {
		return fmt.Sprintf("/cong-doan/%s-%d.htm", slug, id)
	}
	return fmt.Sprintf("/%s-%d.htm", slug, id)
}

// imageURL is the nld.mediacdn.vn address of an image uploaded at t:
// the full size and the displayed size (the new layout shows a 684 px
// thumbnail).
func (b *nldBuilder) imageURL(layout string, t time.Time, file string) (full, shown string) {
	if layout == nldOld {
		u := fmt.Sprintf("%s/%d/%s", b.site.Media, t.Year(), file)
		return u, u
	}
	p := fmt.Sprintf("291774122806476800/%d/%d/%d/%s", t.Year(), int(t.Month()), t.Day(), file)
	return b.site.Media + "/" + p, b.site.Media + "/thumb_w/684/" + p
}

// thumb is the listing thumbnail of an article: its first image or the
// site's placeholder.
func (b *nldBuilder) thumb(a *article) string {
	shown := func(f string) string {
		_, s := b.imageURL(a.Layout, a.when, f)
		return s
	}
	return a.thumb(shown, b.site.Media+nldDefaultThumb)
}

func (b *nldBuilder) articleTeaser(a *article) teaser {
	p := nldArticlePath(a.Layout, a.Slug, a.ID)
	return teaser{URL: p, Abs: b.site.BaseURL + p, Title: a.Title, Lead: a.Lead,
		Image: b.thumb(a), Date: a.Date, ISO: isoTime(a.when)}
}

func (b *nldBuilder) stubTeaser(s stub) teaser {
	p := nldArticlePath(nldNew, s.Slug, s.ID)
	if s.Kind == "video" {
		p = "/video" + p
	}
	return teaser{URL: p, Abs: b.site.BaseURL + p, Title: s.Title, Lead: s.Lead,
		Image: b.site.Media + nldDefaultThumb, Date: s.Date, ISO: isoTime(stubTime(s, dateLayout))}
}

// newFrame fills the parts shared by every page.
func (b *nldBuilder) newFrame(title, desc, canonical, active string) frame {
	return frame{
		Title: title, Description: desc, OGType: "website", Canonical: canonical,
		Keywords: "Người Lao Động, báo Người Lao Động, tin tức, công đoàn, công nhân, TP HCM",
		Base:     b.site.BaseURL, Media: b.site.Media, Active: active, Menu: b.site.Menu,
		DateBar: b.dateBar(), MostRead: b.mostRead, Feed: b.site.BaseURL + "/rss/home.rss",
	}
}
