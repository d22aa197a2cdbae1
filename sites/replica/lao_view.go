package replica

import (
	"fmt"
	"html/template"
	"time"
)

// laoTeaser is a headline link with its sapo, thumbnail and date.
type laoTeaser struct {
	URL, Title, Lead, Image, Date, Section, SectionURL string
}

// laoFrame holds what every HTML page of laodong.vn shows around its
// content.
type laoFrame struct {
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
	Active      string // path of the active menu entry
	Menu        []laoMenu
	DateBar     string
	MostRead    []laoTeaser
	LDJSON      []template.JS // JSON-LD blocks, in page order
}

// laoBlockView is a body block ready for the template.
type laoBlockView struct {
	Kind    string // "p", "h", "img", "ul", "table", "quote", "related", "ad"
	Text    string
	Src     string
	Alt     string
	Caption string
	Items   []string
	Table   *laoTable
	Related []laoTeaser
}

// laoLink is a named link (breadcrumb, tag, pager entry).
type laoLink struct {
	Name, Href string
	Active     bool
}

// laoArticleView is the data of article.tmpl and article2019.tmpl.
type laoArticleView struct {
	laoFrame
	ID       int
	URL      string
	Kicker   string
	Headline string
	Lead     string
	DateText string
	Author   string
	Crumbs   []laoLink
	Blocks   []laoBlockView
	Tags     []laoLink
	Related  []laoTeaser // the .related box under the article
	Others   []laoTeaser // "Tin khác": extra <article> elements
}

// laoListingView is the data of listing.tmpl.
type laoListingView struct {
	laoFrame
	Crumbs []laoLink
	Name   string
	Items  []laoTeaser
	Pager  []laoLink
}

// laoHomeView is the data of home.tmpl.
type laoHomeView struct {
	laoFrame
	Cover    laoTeaser
	Top      []laoTeaser
	Union    []laoTeaser
	UnionSub []laoLink
}

// laoStubView is the data of video.tmpl and notfound.tmpl.
type laoStubView struct {
	laoFrame
	Headline string
	Lead     string
	DateText string
	Video    string
}

// laoImageURL is the media CDN path of an image:
// media-cdn.laodong.vn/storage/newsportal/YYYY/M/D/<id>/<file>.
func laoImageURL(t time.Time, id int, file string) string {
	return fmt.Sprintf("https://media-cdn.laodong.vn/storage/newsportal/%d/%d/%d/%d/%s",
		t.Year(), int(t.Month()), t.Day(), id, file)
}

// laoDateText is the date as the article header shows it:
// "Thứ Ba, 10/02/2026 06:05 (GMT+7)".
func laoDateText(t time.Time) string {
	return vietWeekday(t) + ", " + t.Format(laoDateLayout) + " (GMT+7)"
}
