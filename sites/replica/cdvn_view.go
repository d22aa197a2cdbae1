package replica

import "fmt"

// cdvnTeaser is a headline link with its sapo, thumbnail and date.
type cdvnTeaser struct{ URL, Title, Lead, Image, Date string }

// cdvnTag is one tag link of an article.
type cdvnTag struct{ Name, Href string }

// cdvnPageLink is one entry of the listing pager.
type cdvnPageLink struct {
	Label, Href string
	Current     bool
}

// cdvnFrame holds what every HTML page of the site shows around its content.
type cdvnFrame struct {
	Title, Description, Keywords string
	OGTitle, OGType, OGImage     string
	Canonical, Base, Active      string
	Menu                         []cdvnSection
	DateBar                      string
	MostRead                     []cdvnTeaser
}

// cdvnBlockView is a body block ready for the template.
type cdvnBlockView struct {
	Kind    string // "p", "h", "img", "ul", "ol", "table", "related"
	Text    string
	Src     string
	Alt     string
	Caption string
	Items   []string
	Table   *cdvnTable
	Links   []cdvnTeaser
}

// cdvnArticleView is the data of article.tmpl.
type cdvnArticleView struct {
	cdvnFrame
	ID, Views           int
	URL, Headline, Lead string
	DateText, Author    string
	Section             cdvnSection
	SectionURL          string
	Blocks              []cdvnBlockView
	Tags                []cdvnTag
	Same                []cdvnTeaser
}

// cdvnListingView is the data of listing.tmpl, home.tmpl and notfound.tmpl.
type cdvnListingView struct {
	cdvnFrame
	Section    cdvnSection
	SectionURL string
	Items      []cdvnTeaser
	Pager      []cdvnPageLink
	Next       string
}

// sectionPath is a category's listing path: /tin-tuc/<key>-<catid>.tld [G].
func (b *cdvnBuilder) sectionPath(s cdvnSection) string {
	return fmt.Sprintf("/tin-tuc/%s-%d.tld", s.Key, s.CatID)
}

// articleURL is the real URL of an article:
// /tin-tuc/<cat>-<catid>/<slug>-<id>.tld [G, unverified recollection].
func (b *cdvnBuilder) articleURL(a *cdvnArticle) string {
	sec, err := b.section(a.Section)
	if err != nil {
		sec = cdvnSection{Key: "tin-tuc", CatID: 1}
	}
	return fmt.Sprintf("%s/tin-tuc/%s-%d/%s-%d.tld", b.site.BaseURL, sec.Key, sec.CatID, slugify(a.Title), a.ID)
}

// imageURL is the upload path of an image: /Uploads/images/tin-tuc/YYYY/MM/<file>.
func (b *cdvnBuilder) imageURL(a *cdvnArticle, file string) string {
	return fmt.Sprintf("%s/Uploads/images/tin-tuc/%s/%s", b.site.BaseURL, a.when.Format("2006/01"), file)
}

// thumb is an article's first image or the portal's placeholder.
func (b *cdvnBuilder) thumb(a *cdvnArticle) string {
	for _, bl := range a.Body {
		if bl.Img != "" {
			return b.imageURL(a, bl.Img)
		}
	}
	return b.site.BaseURL + "/Content/images/no-image.jpg"
}

func (b *cdvnBuilder) teaser(a *cdvnArticle) cdvnTeaser {
	return cdvnTeaser{URL: b.articleURL(a), Title: a.Title, Lead: a.Lead, Image: b.thumb(a), Date: a.Date}
}

// byID finds a served or missing article.
func (b *cdvnBuilder) byID(id int) (*cdvnArticle, bool) {
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
func (b *cdvnBuilder) others(i, from, n int) []cdvnTeaser {
	var out []cdvnTeaser
	for k := from; k < from+len(b.arts) && len(out) < n; k++ {
		if o := b.arts[(i+k)%len(b.arts)]; o != b.arts[i] {
			out = append(out, b.teaser(o))
		}
	}
	return out
}

func (b *cdvnBuilder) tags(a *cdvnArticle) []cdvnTag {
	var out []cdvnTag
	for _, t := range a.Tags {
		out = append(out, cdvnTag{Name: t, Href: b.site.BaseURL + "/tag/" + slugify(t) + ".tld"})
	}
	return out
}

// section finds a category by key.
func (b *cdvnBuilder) section(key string) (cdvnSection, error) {
	for _, s := range b.site.Sections {
		if s.Key == key {
			return s, nil
		}
	}
	return cdvnSection{}, fmt.Errorf("unknown section %q", key)
}

// frame fills the parts shared by every page.
func (b *cdvnBuilder) frame(title, desc, canonical, active string) cdvnFrame {
	return cdvnFrame{
		Title: title + " | Tổng Liên đoàn Lao động Việt Nam", Description: desc,
		Keywords: "Tổng Liên đoàn Lao động Việt Nam, công đoàn, đoàn viên, người lao động, công nhân",
		OGTitle:  title, OGType: "website", Canonical: canonical, Base: b.site.BaseURL,
		Active: active, Menu: b.site.Menu, DateBar: b.dateBar, MostRead: b.mostRead,
	}
}
