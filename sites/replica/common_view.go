package replica

import "html/template"

// teaser is a headline link with its sapo, thumbnail and date. A site
// fills the fields its templates show.
type teaser struct {
	URL        string // as the site links it (absolute, or site-relative on nld.com.vn)
	Abs        string // absolute URL, where URL is site-relative
	Title      string
	Lead       string
	Image      string
	Date       string // in the site's date layout
	ISO        string // RFC 3339
	Section    string // name of the article's section
	SectionURL string
	Emagazine  bool
}

// link is a named link: a breadcrumb, a tag, a menu or pager entry.
type link struct {
	Name, Href string
	Active     bool
}

// pageLink is one entry of a listing pager.
type pageLink struct {
	Label   string
	Href    string
	Current bool
}

// frame holds what every HTML page of a site shows around its content:
// the head, the header with its menu and date bar and the sidebars. A
// site fills the fields its templates show.
type frame struct {
	Charset     string
	Title       string
	Description string
	Keywords    string
	Canonical   string
	AmpURL      string
	OGType      string
	OGTitle     string
	OGImage     string
	Section     string // article:section, empty but on articles
	Published   string // article:published_time, empty but on articles
	Base        string
	Media       string
	Active      string // path of the active top-menu entry
	Menu        []menuItem
	DateBar     string
	MostRead    []teaser
	ShouldSee   []teaser
	LDJSON      []template.JS // JSON-LD blocks, in page order
	Feed        string
}

// articleHead is what every article template shows above the body.
type articleHead struct {
	ID       int64
	URL      string
	Kicker   string
	Headline string
	Lead     string
	Date     string // as in the data (the site's date layout)
	DateText string // as the site words it, where it differs from Date
	Author   string
}

// headOf is the head of article a, served at url.
func headOf(a *article, url string) articleHead {
	return articleHead{ID: a.ID, URL: url, Kicker: a.Kicker, Headline: a.Title, Lead: a.Lead,
		Date: a.Date, Author: a.Author}
}

// blockView is a body block ready for a template.
type blockView struct {
	Kind    string // "p", "h", "img", "ul", "ol", "table", "quote", "related", "ad"
	Text    string
	Src     string // the displayed image
	Full    string // the full-size image, where it differs
	Alt     string
	Caption string
	N       int // the image's number in the body, from 1
	Items   []string
	Table   *table
	Related []teaser
	Quote   *pullQuote
}

// blockStyle is how a site turns body blocks into template blocks.
type blockStyle struct {
	// adAfter is the number of paragraphs before the in-article ad slot
	// (0: no ad).
	adAfter int
	// image makes the block of image n (from 1).
	image func(bl block, n int) blockView
	// related gives the links of a related-news box.
	related func(bl block) ([]teaser, error)
}

// blockViews turns the body of a into template blocks.
func blockViews(a *article, style blockStyle) ([]blockView, error) {
	var out []blockView
	paras, imgs := 0, 0
	for _, bl := range a.Body {
		switch {
		case bl.P != "":
			out = append(out, blockView{Kind: "p", Text: bl.P})
			if paras++; paras == style.adAfter {
				out = append(out, blockView{Kind: "ad"})
			}
		case bl.H != "":
			out = append(out, blockView{Kind: "h", Text: bl.H})
		case bl.Img != "":
			imgs++
			out = append(out, style.image(bl, imgs))
		case len(bl.UL) > 0:
			out = append(out, blockView{Kind: "ul", Items: bl.UL})
		case len(bl.OL) > 0:
			out = append(out, blockView{Kind: "ol", Items: bl.OL})
		case bl.Table != nil:
			out = append(out, blockView{Kind: "table", Table: bl.Table})
		case bl.Quote != "":
			out = append(out, blockView{Kind: "quote", Text: bl.Quote})
		case bl.PullQuote != nil:
			out = append(out, blockView{Kind: "quote", Quote: bl.PullQuote})
		case bl.Related || len(bl.RelatedIDs) > 0:
			rel, err := style.related(bl)
			if err != nil {
				return nil, err
			}
			out = append(out, blockView{Kind: "related", Related: rel})
		}
	}
	return out, nil
}
