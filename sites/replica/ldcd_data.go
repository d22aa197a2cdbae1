package replica

import (
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"time"
)

// ldcdFiles holds the templates and data of the laodongdoanthe.vn replica
// (Tạp chí Lao động và Công đoàn, formerly laodongcongdoan.vn).
//
//go:embed laodongdoanthe
var ldcdFiles embed.FS

// ldcdSite is laodongdoanthe/site.json: everything but the articles.
type ldcdSite struct {
	Name       string        `json:"name"`
	Hosts      []string      `json:"hosts"`
	OldHosts   []string      `json:"old_hosts"`
	BaseURL    string        `json:"base_url"`
	OldBaseURL string        `json:"old_base_url"`
	Today      string        `json:"today"`
	PageSize   int           `json:"page_size"`
	Robots     string        `json:"robots"`
	OldRobots  string        `json:"old_robots"`
	Sections   []ldcdSection `json:"sections"`
	Menu       []menuItem    `json:"menu"`
}

// ldcdSection is a listing section (category) of the magazine.
type ldcdSection struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	Path string `json:"path"`
}

// ldcdLoad reads dir/site.json, dir/articles.json and the templates
// dir/*.tmpl of a MasterCMS replica.
func ldcdLoad(fsys fs.FS, dir string) (ldcdSite, []*ldcdArticle, *template.Template, error) {
	var s ldcdSite
	b, err := fs.ReadFile(fsys, dir+"/site.json")
	if err != nil {
		return s, nil, nil, fmt.Errorf("read site.json: %w", err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, nil, nil, fmt.Errorf("parse site.json: %w", err)
	}
	if s.PageSize <= 0 {
		return s, nil, nil, fmt.Errorf("site.json: page_size must be > 0")
	}
	arts, err := ldcdLoadArticles(fsys, dir+"/articles.json")
	if err != nil {
		return s, nil, nil, err
	}
	t, err := template.New(dir).ParseFS(fsys, dir+"/*.tmpl")
	if err != nil {
		return s, nil, nil, fmt.Errorf("templates: %w", err)
	}
	return s, arts, t, nil
}

// ldcdFrame is what every HTML page of the magazine shows around its
// content.
type ldcdFrame struct {
	Title       string
	Description string
	Keywords    string
	Canonical   string
	OGType      string
	OGImage     string
	Base        string
	Active      string
	Menu        []menuItem
	DateBar     string
	MostRead    []teaser
}

// ldcdListingView is the data of listing.tmpl.
type ldcdListingView struct {
	ldcdFrame
	Section     string
	SectionPath string
	Items       []teaser
	Pager       []pageLink
	Prev, Next  string
}

// ldcdArticleView is the data of article.tmpl.
type ldcdArticleView struct {
	ldcdFrame
	ID          int
	URL         string
	Kicker      string
	Headline    string
	Lead        string
	Date        string
	Clock, Day  string // "09:00", "10/03/2021": the MasterCMS format_time and format_date
	Author      string
	AuthorHref  string
	Role        string
	Section     string
	SectionHref string
	Blocks      []ldcdBlockView
	Tags        []tagLink
	Related     []teaser
	Same        []teaser
}

// ldcdBlockView is a body block ready for a template.
type ldcdBlockView struct {
	Kind    string // "p", "h", "img", "ul", "table", "related"
	Text    string
	Src     string
	Caption string
	Items   []string
	Table   *ldcdTable
	Related []teaser
}

// ldcdHomeView is the data of home.tmpl.
type ldcdHomeView struct {
	ldcdFrame
	Top      teaser
	Latest   []teaser
	Sections []ldcdHomeSection
}

// ldcdHomeSection is one section block of the home page.
type ldcdHomeSection struct {
	Name, Href string
	Items      []teaser
}

// ldcdDateBar is the date line of the header ("Thứ Năm, 12/02/2026").
func ldcdDateBar(today string) (string, error) {
	t, err := time.ParseInLocation("02/01/2006", today, ict)
	if err != nil {
		return "", fmt.Errorf("today: %w", err)
	}
	return vietWeekday(t) + ", " + t.Format("02/01/2006"), nil
}
