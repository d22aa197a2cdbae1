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

// ldtFiles holds the templates and data of the laodongthudo.vn replica.
//
//go:embed laodongthudo
var ldtFiles embed.FS

// ict is Asia/Ho_Chi_Minh; Vietnam has no daylight saving time.
var ict = time.FixedZone("ICT", 7*3600)

// ldtDateLayout is the date format of the site (the profile's date_format).
const ldtDateLayout = "02/01/2006 15:04"

// ldtSite is laodongthudo/site.json: everything but the articles.
type ldtSite struct {
	Name     string       `json:"name"`
	Hosts    []string     `json:"hosts"`
	BaseURL  string       `json:"base_url"`
	Today    string       `json:"today"`
	Sections []ldtSection `json:"sections"`
	Menu     []menuItem   `json:"menu"`
	Listings []ldtListing `json:"listings"`
	Stubs    []ldtStub    `json:"stubs"`
	Extras   []ldtStub    `json:"extras"`
	MostRead []int        `json:"most_read"`
	Robots   string       `json:"robots"`
}

// ldtSection is a listing section of the site.
type ldtSection struct {
	Key        string `json:"key"`
	Name       string `json:"name"`
	Path       string `json:"path"`
	Parent     string `json:"parent"`
	ParentPath string `json:"parent_path"`
}

// menuItem is an entry of the top menu.
type menuItem struct {
	Name string     `json:"name"`
	Path string     `json:"path"`
	Subs []menuItem `json:"subs,omitempty"`
}

// ldtListing lists the ids shown on each page of a section listing.
type ldtListing struct {
	Section string  `json:"section"`
	Pages   [][]int `json:"pages"`
}

// ldtStub is a headline that is not a served article: a non-article page
// ("nonarticle"), a missing article ("missing") or a teaser of another
// section (extras).
type ldtStub struct {
	ID      int    `json:"id"`
	Kind    string `json:"kind,omitempty"`
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Lead    string `json:"lead"`
	Date    string `json:"date"`
	Image   string `json:"image,omitempty"`
	Section string `json:"section,omitempty"`
}

// ldtArticle is one file of laodongthudo/articles/.
type ldtArticle struct {
	ID       int        `json:"id"`
	Slug     string     `json:"slug,omitempty"`
	Section  string     `json:"section"`
	Kicker   string     `json:"kicker,omitempty"`
	Title    string     `json:"title"`
	Lead     string     `json:"lead"`
	Date     string     `json:"date"`
	Author   string     `json:"author"`
	ImgUser  string     `json:"img_user,omitempty"`
	Tags     []string   `json:"tags,omitempty"`
	Body     []ldtBlock `json:"body"`
	RepostOf int        `json:"repost_of,omitempty"`
	Charset  string     `json:"charset,omitempty"`

	when    time.Time // publication time
	imgWhen time.Time // upload time of the images (the original's, for a re-post)
}

// ldtBlock is one block of an article body: a paragraph (P), a bold
// sub-heading (H), a MasterCMS image (Img + Caption), a bulleted list (UL)
// or a data table (Table).
type ldtBlock struct {
	P       string    `json:"p,omitempty"`
	H       string    `json:"h,omitempty"`
	Img     string    `json:"img,omitempty"`
	Caption string    `json:"caption,omitempty"`
	UL      []string  `json:"ul,omitempty"`
	Table   *ldtTable `json:"table,omitempty"`
}

// ldtTable is a small data table inside an article body.
type ldtTable struct {
	Caption string     `json:"caption,omitempty"`
	Head    []string   `json:"head"`
	Rows    [][]string `json:"rows"`
}

// loadLDT reads site.json and the articles, resolves re-posts and parses
// dates. Articles come back newest first.
func loadLDT() (ldtSite, []*ldtArticle, error) {
	var s ldtSite
	b, err := ldtFiles.ReadFile("laodongthudo/site.json")
	if err != nil {
		return s, nil, fmt.Errorf("read site.json: %w", err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, nil, fmt.Errorf("parse site.json: %w", err)
	}
	arts, err := loadLDTArticles()
	if err != nil {
		return s, nil, err
	}
	if err := resolveReposts(arts); err != nil {
		return s, nil, err
	}
	sort.Slice(arts, func(i, j int) bool {
		if !arts[i].when.Equal(arts[j].when) {
			return arts[i].when.After(arts[j].when)
		}
		return arts[i].ID > arts[j].ID
	})
	return s, arts, nil
}

func loadLDTArticles() ([]*ldtArticle, error) {
	names, err := fs.Glob(ldtFiles, "laodongthudo/articles/*.json")
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	var arts []*ldtArticle
	for _, n := range names {
		b, err := ldtFiles.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", n, err)
		}
		a := new(ldtArticle)
		if err := json.Unmarshal(b, a); err != nil {
			return nil, fmt.Errorf("parse %s: %w", path.Base(n), err)
		}
		if a.when, err = time.ParseInLocation(ldtDateLayout, a.Date, ict); err != nil {
			return nil, fmt.Errorf("article %d date: %w", a.ID, err)
		}
		a.imgWhen = a.when
		arts = append(arts, a)
	}
	return arts, nil
}

// resolveReposts copies kicker, title, lead, body, tags and author of the
// original into every re-post, so their texts are identical.
func resolveReposts(arts []*ldtArticle) error {
	byID := make(map[int]*ldtArticle, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
	}
	for _, a := range arts {
		if a.RepostOf == 0 {
			continue
		}
		o, ok := byID[a.RepostOf]
		if !ok || o.RepostOf != 0 {
			return fmt.Errorf("article %d: re-post of unknown article %d", a.ID, a.RepostOf)
		}
		a.Kicker, a.Title, a.Lead, a.Author = o.Kicker, o.Title, o.Lead, o.Author
		a.Body, a.Tags, a.ImgUser, a.imgWhen = o.Body, o.Tags, o.ImgUser, o.imgWhen
	}
	return nil
}
