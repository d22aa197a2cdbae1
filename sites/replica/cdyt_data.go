package replica

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// cdytFiles holds the templates and data of the congdoanytevn.org.vn
// replica. Its whole layout is a guess [G] (shared/docs/sites.md §5 knows
// only the domain); see the profile's "guessed" list.
//
//go:embed congdoanyte
var cdytFiles embed.FS

// cdytDateLayout is the date format shown on the site's pages (the
// profile's date_format); seed 000 shows "09/01/2021 13:29".
const cdytDateLayout = "02/01/2006 15:04"

// cdytSite is congdoanyte/site.json: everything but the articles.
type cdytSite struct {
	Name     string        `json:"name"`
	Hosts    []string      `json:"hosts"`
	BaseURL  string        `json:"base_url"`
	Today    string        `json:"today"`
	Robots   string        `json:"robots"`
	Sections []cdytSection `json:"sections"`
	Menu     []cdytSection `json:"menu"`
	Listing  cdytListing   `json:"listing"`
	Missing  []cdytArticle `json:"missing"`
	MostRead []int         `json:"most_read"`
}

// cdytSection is a section (category) of the site.
type cdytSection struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	Path string `json:"path"`
}

// cdytListing lists the ids shown on each page of the section listing.
type cdytListing struct {
	Section string  `json:"section"`
	Pages   [][]int `json:"pages"`
}

// cdytArticle is one file of congdoanyte/articles/ (or a missing
// article's teaser in site.json). An e-magazine has Cover, the odd-case
// title of its full-width cover block, and is served at <slug>-<id>.media.
type cdytArticle struct {
	ID        int         `json:"id"`
	Section   string      `json:"section"`
	Emagazine bool        `json:"emagazine,omitempty"`
	Cover     []string    `json:"cover,omitempty"`
	Title     string      `json:"title"`
	Lead      string      `json:"lead"`
	Date      string      `json:"date"`
	Author    string      `json:"author"`
	Tags      []string    `json:"tags,omitempty"`
	Body      []cdytBlock `json:"body"`

	when time.Time
}

// cdytBlock is one block of a body: a paragraph (P), a sub-heading (H),
// an image (Img + Caption), a list (UL), a data table, the inline
// related-news box (Related) or an e-magazine pull quote (Quote).
type cdytBlock struct {
	P       string     `json:"p,omitempty"`
	H       string     `json:"h,omitempty"`
	Img     string     `json:"img,omitempty"`
	Caption string     `json:"caption,omitempty"`
	UL      []string   `json:"ul,omitempty"`
	Table   *cdytTable `json:"table,omitempty"`
	Related bool       `json:"related,omitempty"`
	Quote   *cdytQuote `json:"quote,omitempty"`
}

// cdytTable is a small data table inside a body.
type cdytTable struct {
	Caption string     `json:"caption,omitempty"`
	Head    []string   `json:"head"`
	Rows    [][]string `json:"rows"`
}

// cdytQuote is an e-magazine pull quote: a body sentence repeated in
// large type with its speaker and the speaker's position.
type cdytQuote struct {
	Text string `json:"text"`
	Who  string `json:"who"`
	Role string `json:"role"`
}

// loadCDYT reads site.json and the articles (newest first).
func loadCDYT() (cdytSite, []*cdytArticle, error) {
	var s cdytSite
	b, err := cdytFiles.ReadFile("congdoanyte/site.json")
	if err != nil {
		return s, nil, fmt.Errorf("read site.json: %w", err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, nil, fmt.Errorf("parse site.json: %w", err)
	}
	for i := range s.Missing {
		if s.Missing[i].when, err = time.ParseInLocation(cdytDateLayout, s.Missing[i].Date, ict); err != nil {
			return s, nil, fmt.Errorf("missing %d date: %w", s.Missing[i].ID, err)
		}
	}
	names, err := fs.Glob(cdytFiles, "congdoanyte/articles/*.json")
	if err != nil {
		return s, nil, fmt.Errorf("list articles: %w", err)
	}
	var arts []*cdytArticle
	for _, n := range names {
		b, err := cdytFiles.ReadFile(n)
		if err != nil {
			return s, nil, fmt.Errorf("read %s: %w", n, err)
		}
		a := new(cdytArticle)
		if err := json.Unmarshal(b, a); err != nil {
			return s, nil, fmt.Errorf("parse %s: %w", path.Base(n), err)
		}
		if a.when, err = time.ParseInLocation(cdytDateLayout, a.Date, ict); err != nil {
			return s, nil, fmt.Errorf("article %d date: %w", a.ID, err)
		}
		arts = append(arts, a)
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].when.After(arts[j].when) })
	return s, arts, nil
}

// cdytTruth is the gold of one article, from its source data: the lead
// once, no pull quote, captions apart.
func cdytTruth(a *cdytArticle, section string) *Truth {
	t := &Truth{Title: a.Title, Lead: a.Lead, Author: a.Author, Published: a.when,
		Category: section, Tags: append([]string(nil), a.Tags...)}
	for _, bl := range a.Body {
		switch {
		case bl.P != "":
			t.Paragraphs = append(t.Paragraphs, bl.P)
		case bl.H != "":
			t.Paragraphs = append(t.Paragraphs, bl.H)
		case bl.Img != "" && bl.Caption != "":
			t.Captions = append(t.Captions, bl.Caption)
		case len(bl.UL) > 0:
			t.Paragraphs = append(t.Paragraphs, bl.UL...)
		case bl.Table != nil:
			if bl.Table.Caption != "" {
				t.Paragraphs = append(t.Paragraphs, bl.Table.Caption)
			}
			t.Paragraphs = append(t.Paragraphs, strings.Join(bl.Table.Head, " | "))
			for _, row := range bl.Table.Rows {
				t.Paragraphs = append(t.Paragraphs, strings.Join(row, " | "))
			}
		}
	}
	return t
}
