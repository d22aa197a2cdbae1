package replica

import (
	"fmt"
	"time"
)

// teaser is a headline link with its sapo and thumbnail.
type teaser struct {
	URL, Title, Lead, Image, Date string
}

// crumb is one breadcrumb link.
type crumb struct{ Name, Href string }

// tagLink is one tag of an article.
type tagLink struct{ Name, Href string }

// pageLink is one entry of a listing pager.
type pageLink struct {
	Label   string
	Href    string
	Current bool
}

// frame holds what every HTML page of the site shows around its content.
type frame struct {
	Charset     string
	Title       string
	Description string
	Keywords    string
	OGTitle     string
	OGType      string
	OGImage     string
	Canonical   string
	Base        string
	Active      string // path of the active top-menu entry
	Menu        []menuItem
	DateBar     string
	MostRead    []teaser
	ShouldSee   []teaser
}

// blockView is a body block ready for the template.
type blockView struct {
	Kind    string // "p", "h", "img", "ul", "table", "ad"
	Text    string
	Src     string
	Caption string
	Items   []string
	Table   *ldtTable
}

// articleView is the data of article.tmpl.
type articleView struct {
	frame
	ID       int
	URL      string
	Kicker   string
	Headline string
	Lead     string
	Date     string
	Author   string
	Section  string
	Crumbs   []crumb
	Related  []teaser
	Blocks   []blockView
	Tags     []tagLink
	Interest []teaser
	Others   []teaser
	Prev     *teaser
	More     string
}

// listingView is the data of listing.tmpl.
type listingView struct {
	frame
	Crumbs  []crumb
	Section string
	Items   []teaser
	Pager   []pageLink
	Prev    string
	Next    string
}

// homeView is the data of home.tmpl.
type homeView struct {
	frame
	Lead     teaser
	Top      []teaser
	Sections []homeSection
}

// homeSection is one section block of the home page.
type homeSection struct {
	Name, Href string
	Items      []teaser
}

// stubView is the data of video.tmpl and notfound.tmpl.
type stubView struct {
	frame
	Headline string
	Lead     string
	Date     string
	Video    string
	Crumbs   []crumb
}

// articleURL is the real URL of an article.
func (b *ldtBuilder) articleURL(a *ldtArticle) string {
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
	return fmt.Sprintf("%s/stores/news_dataimages/%s/%s/%s/%s_%s",
		b.site.BaseURL, user, t.Format("012006"), t.Format("02/15"), t.Format("0405"), file)
}

// thumb is the listing thumbnail of an article: its first image or the
// theme's placeholder.
func (b *ldtBuilder) thumb(a *ldtArticle) string {
	for _, bl := range a.Body {
		if bl.Img != "" {
			return b.imageURL(a.ImgUser, a.imgWhen, bl.Img)
		}
	}
	return b.site.BaseURL + "/modules/frontend/themes/laodongthudo/images/no-image.png"
}

func (b *ldtBuilder) articleTeaser(a *ldtArticle) teaser {
	title := a.Title
	if a.Kicker != "" {
		title = a.Kicker + " " + a.Title
	}
	return teaser{URL: b.articleURL(a), Title: title, Lead: a.Lead, Image: b.thumb(a), Date: a.Date}
}

func (b *ldtBuilder) stubTeaser(s ldtStub) teaser {
	img := b.site.BaseURL + "/modules/frontend/themes/laodongthudo/images/no-image.png"
	if s.Image != "" {
		t, _ := time.ParseInLocation(ldtDateLayout, s.Date, ict)
		img = b.imageURL("", t, s.Image)
	}
	return teaser{URL: fmt.Sprintf("%s/%s-%d.html", b.site.BaseURL, s.Slug, s.ID),
		Title: s.Title, Lead: s.Lead, Image: img, Date: s.Date}
}

// teaserByID finds an article, stub or extra by id.
func (b *ldtBuilder) teaserByID(id int) (teaser, error) {
	for _, a := range b.arts {
		if a.ID == id {
			return b.articleTeaser(a), nil
		}
	}
	for _, s := range append(append([]ldtStub(nil), b.site.Stubs...), b.site.Extras...) {
		if s.ID == id {
			return b.stubTeaser(s), nil
		}
	}
	return teaser{}, fmt.Errorf("no article or stub with id %d", id)
}

// section finds a section by key.
func (b *ldtBuilder) section(key string) (ldtSection, error) {
	for _, s := range b.site.Sections {
		if s.Key == key {
			return s, nil
		}
	}
	return ldtSection{}, fmt.Errorf("unknown section %q", key)
}

// crumbs is the breadcrumb of a section; the first link is relative, as
// on the site.
func (b *ldtBuilder) crumbs(s ldtSection) []crumb {
	return []crumb{{Name: s.Parent, Href: s.ParentPath}, {Name: s.Name, Href: b.site.BaseURL + s.Path}}
}

// newFrame fills the parts shared by every page.
func (b *ldtBuilder) newFrame(title, desc, canonical, active string) frame {
	return frame{
		Charset: "utf-8", Title: title + " | Báo Lao động Thủ đô", Description: desc,
		Keywords: "Lao động Thủ đô, công đoàn, đoàn viên, người lao động, Hà Nội",
		OGTitle:  title, OGType: "website", Canonical: canonical, Base: b.site.BaseURL,
		Active: active, Menu: b.site.Menu, DateBar: b.dateBar,
		MostRead: b.mostRead, ShouldSee: b.extras(0, 3),
	}
}

// extras returns n teasers of other sections, starting at offset i.
func (b *ldtBuilder) extras(i, n int) []teaser {
	var out []teaser
	for k := 0; k < n && len(b.site.Extras) > 0; k++ {
		out = append(out, b.stubTeaser(b.site.Extras[(i+k)%len(b.site.Extras)]))
	}
	return out
}
