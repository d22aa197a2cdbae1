package replica

import "fmt"

// cdytTeaser is a headline link with its sapo, thumbnail and date.
type cdytTeaser struct {
	URL, Title, Lead, Image, Date string
	Emagazine                     bool
}

// cdytTag is one tag link of an article.
type cdytTag struct{ Name, Href string }

// cdytPageLink is one entry of the listing pager.
type cdytPageLink struct {
	Label, Href string
	Current     bool
}

// cdytFrame holds what every HTML page of the site shows around its content.
type cdytFrame struct {
	Title, Description, Keywords string
	OGTitle, OGType, OGImage     string
	Canonical, Base, Active      string
	Menu                         []cdytSection
	DateBar                      string
	MostRead                     []cdytTeaser
}

// cdytBlockView is a body block ready for the templates.
type cdytBlockView struct {
	Kind    string // "p", "h", "img", "ul", "table", "related", "quote"
	Text    string
	Src     string
	Caption string
	Items   []string
	Table   *cdytTable
	Links   []cdytTeaser
	Quote   *cdytQuote
}

// cdytArticleView is the data of article.tmpl and emagazine.tmpl.
type cdytArticleView struct {
	cdytFrame
	ID                     int
	URL, Headline, Lead    string
	Date, DateText, Author string
	Section                cdytSection
	Cover                  []string
	Blocks                 []cdytBlockView
	Tags                   []cdytTag
	Same                   []cdytTeaser
}

// cdytListingView is the data of listing.tmpl, home.tmpl and notfound.tmpl.
type cdytListingView struct {
	cdytFrame
	Section cdytSection
	Items   []cdytTeaser
	Pager   []cdytPageLink
	Prev    string
	Next    string
}

// articleURL is the real URL of an article: <slug>-<id>.html, or .media
// for an e-magazine (the suffix laodongthudo.vn uses for e-magazines).
func (b *cdytBuilder) articleURL(a *cdytArticle) string {
	ext := "html"
	if a.Emagazine {
		ext = "media"
	}
	return fmt.Sprintf("%s/%s-%d.%s", b.site.BaseURL, slugify(a.Title), a.ID, ext)
}

// imageURL is the upload path of an image: /uploads/images/YYYY/MM/DD/<file>.
func (b *cdytBuilder) imageURL(a *cdytArticle, file string) string {
	return fmt.Sprintf("%s/uploads/images/%s/%s", b.site.BaseURL, a.when.Format("2006/01/02"), file)
}

// thumb is an article's first image or the theme's placeholder.
func (b *cdytBuilder) thumb(a *cdytArticle) string {
	for _, bl := range a.Body {
		if bl.Img != "" {
			return b.imageURL(a, bl.Img)
		}
	}
	return b.site.BaseURL + "/themes/cdyt/images/no-image.jpg"
}

func (b *cdytBuilder) teaser(a *cdytArticle) cdytTeaser {
	return cdytTeaser{URL: b.articleURL(a), Title: a.Title, Lead: a.Lead, Image: b.thumb(a),
		Date: a.Date, Emagazine: a.Emagazine}
}

// byID finds a served or missing article.
func (b *cdytBuilder) byID(id int) (*cdytArticle, bool) {
	for _, a := range b.arts {
		if a.ID == id {
			return a, true
		}
	}
	for i := range b.site.Missing {
		if b.site.Missing[i].ID == id {
			return &b.site.Missing[i], true
		}
	}
	return nil, false
}

// others returns n teasers of other served articles, starting `from`
// places after article i and wrapping around.
func (b *cdytBuilder) others(i, from, n int) []cdytTeaser {
	var out []cdytTeaser
	for k := from; k < from+len(b.arts) && len(out) < n; k++ {
		if o := b.arts[(i+k)%len(b.arts)]; o != b.arts[i] {
			out = append(out, b.teaser(o))
		}
	}
	return out
}

func (b *cdytBuilder) tags(a *cdytArticle) []cdytTag {
	var out []cdytTag
	for _, t := range a.Tags {
		out = append(out, cdytTag{Name: t, Href: b.site.BaseURL + "/tags/" + slugify(t) + ".html"})
	}
	return out
}

// section finds a section by key.
func (b *cdytBuilder) section(key string) (cdytSection, error) {
	for _, s := range b.site.Sections {
		if s.Key == key {
			return s, nil
		}
	}
	return cdytSection{}, fmt.Errorf("unknown section %q", key)
}

// frame fills the parts shared by every page.
func (b *cdytBuilder) frame(title, desc, canonical, active string) cdytFrame {
	return cdytFrame{
		Title: title + " - Công đoàn Y tế Việt Nam", Description: desc,
		Keywords: "Công đoàn Y tế Việt Nam, công đoàn ngành Y tế, đoàn viên, y bác sĩ, người lao động",
		OGTitle:  title, OGType: "website", Canonical: canonical, Base: b.site.BaseURL,
		Active: active, Menu: b.site.Menu, DateBar: b.dateBar, MostRead: b.mostRead,
	}
}
