package replica

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"time"
)

// laoFiles holds the templates and data of the laodong.vn replica.
//
//go:embed laodong
var laoFiles embed.FS

// laoDateLayout is the date format of the data files and of the 2019
// layout's `.time time` element.
const laoDateLayout = "02/01/2006 15:04"

// laoSite is laodong/site.json: everything but the articles.
type laoSite struct {
	Name     string       `json:"name"`
	Hosts    []string     `json:"hosts"`
	BaseURL  string       `json:"base_url"`
	Today    string       `json:"today"`
	Robots   string       `json:"robots"`
	Sections []laoSection `json:"sections"`
	Menu     []laoMenu    `json:"menu"`
	Listings []laoListing `json:"listings"`
	Stubs    []laoStub    `json:"stubs"`
	Extras   []laoStub    `json:"extras"`
}

// laoSection is a category of the site; its path ends in a slash.
type laoSection struct {
	Key    string `json:"key"`
	Name   string `json:"name"`
	Path   string `json:"path"`
	Parent string `json:"parent,omitempty"`
}

// laoMenu is an entry of the top menu and of the footer menu.
type laoMenu struct {
	Name string    `json:"name"`
	Path string    `json:"path"`
	Subs []laoMenu `json:"subs,omitempty"`
}

// laoListing lists the ids shown on each ?page=N of a category.
type laoListing struct {
	Section string  `json:"section"`
	Pages   [][]int `json:"pages"`
}

// laoStub is a headline that is not a served article: a video page
// ("nonarticle"), a missing article ("missing") or, in extras, a teaser of
// another section.
type laoStub struct {
	ID      int    `json:"id"`
	Kind    string `json:"kind,omitempty"`
	Section string `json:"section"`
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Lead    string `json:"lead"`
	Date    string `json:"date"`
	Image   string `json:"image,omitempty"`
}

// laoArticle is one file of laodong/articles/.
type laoArticle struct {
	ID      int        `json:"id"`
	Ext     string     `json:"ext,omitempty"`    // "ldo" (default) or "bld"
	Layout  string     `json:"layout,omitempty"` // "" (current) or "2019"
	Section string     `json:"section"`
	Kicker  string     `json:"kicker,omitempty"`
	Title   string     `json:"title"`
	Lead    string     `json:"lead"`
	Date    string     `json:"date"`
	Author  string     `json:"author"`
	Tags    []string   `json:"tags,omitempty"`
	Body    []laoBlock `json:"body"`

	when time.Time
}

// laoBlock is one block of an article body: a paragraph (P), a
// sub-heading (H), a figure (Img + Caption), a list (UL), a data table,
// a quotation or the inline "tin liên quan" box (Related).
type laoBlock struct {
	P       string    `json:"p,omitempty"`
	H       string    `json:"h,omitempty"`
	Img     string    `json:"img,omitempty"`
	Caption string    `json:"caption,omitempty"`
	UL      []string  `json:"ul,omitempty"`
	Table   *laoTable `json:"table,omitempty"`
	Quote   string    `json:"quote,omitempty"`
	Related bool      `json:"related,omitempty"`
}

// laoTable is a small data table inside an article body.
type laoTable struct {
	Head []string   `json:"head"`
	Rows [][]string `json:"rows"`
}

// loadLao reads site.json and the articles; articles come back newest
// first.
func loadLao() (laoSite, []*laoArticle, error) {
	var s laoSite
	b, err := laoFiles.ReadFile("laodong/site.json")
	if err != nil {
		return s, nil, fmt.Errorf("read site.json: %w", err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, nil, fmt.Errorf("parse site.json: %w", err)
	}
	names, err := fs.Glob(laoFiles, "laodong/articles/*.json")
	if err != nil {
		return s, nil, fmt.Errorf("list articles: %w", err)
	}
	var arts []*laoArticle
	for _, n := range names {
		a, err := laoReadArticle(n)
		if err != nil {
			return s, nil, err
		}
		arts = append(arts, a)
	}
	sort.Slice(arts, func(i, j int) bool {
		if !arts[i].when.Equal(arts[j].when) {
			return arts[i].when.After(arts[j].when)
		}
		return arts[i].ID > arts[j].ID
	})
	return s, arts, nil
}

func laoReadArticle(name string) (*laoArticle, error) {
	b, err := laoFiles.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	a := new(laoArticle)
	if err := json.Unmarshal(b, a); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path.Base(name), err)
	}
	if a.when, err = time.ParseInLocation(laoDateLayout, a.Date, ict); err != nil {
		return nil, fmt.Errorf("article %d date: %w", a.ID, err)
	}
	switch a.Ext {
	case "":
		a.Ext = "ldo"
	case "ldo", "bld":
	default:
		return nil, fmt.Errorf("article %d: unknown extension %q", a.ID, a.Ext)
	}
	if a.Layout != "" && a.Layout != "2019" {
		return nil, fmt.Errorf("article %d: unknown layout %q", a.ID, a.Layout)
	}
	return a, nil
}
