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

// cdvnFiles holds the templates and data of the congdoan.vn replica. Only
// the domain is verified (shared/docs/sites.md §6); the .tld URL scheme is
// an unverified recollection [G] and the page layout a guess [G].
//
//go:embed congdoanvn
var cdvnFiles embed.FS

// cdvnDateLayout is the date format shown on article pages (the
// profile's date_format) [G].
const cdvnDateLayout = "02/01/2006 - 15:04"

// cdvnSite is congdoanvn/site.json: everything but the articles.
type cdvnSite struct {
	Name     string        `json:"name"`
	Hosts    []string      `json:"hosts"`
	BaseURL  string        `json:"base_url"`
	Today    string        `json:"today"`
	Robots   string        `json:"robots"`
	Sections []cdvnSection `json:"sections"`
	Menu     []cdvnSection `json:"menu"`
	Listing  cdvnListing   `json:"listing"`
	Missing  []cdvnArticle `json:"missing"`
	MostRead []int         `json:"most_read"`
}

// cdvnSection is a news category: /tin-tuc/<slug>-<catid>.tld.
type cdvnSection struct {
	Key   string `json:"key"`
	Name  string `json:"name"`
	CatID int    `json:"cat_id,omitempty"`
	Path  string `json:"path,omitempty"` // menu entries only
}

// cdvnListing lists the ids shown on each page of the category listing.
type cdvnListing struct {
	Section string  `json:"section"`
	Pages   [][]int `json:"pages"`
}

// cdvnArticle is one file of congdoanvn/articles/ (or a missing
// article's teaser in site.json).
type cdvnArticle struct {
	ID      int         `json:"id"`
	Section string      `json:"section"`
	Title   string      `json:"title"`
	Lead    string      `json:"lead"`
	Date    string      `json:"date"`
	Author  string      `json:"author"`
	Tags    []string    `json:"tags,omitempty"`
	Body    []cdvnBlock `json:"body"`

	when time.Time
}

// cdvnBlock is one block of a body: a paragraph (P), a bold sub-heading
// (H), an image (Img + Caption), a bulleted (UL) or numbered (OL) list, a
// data table or the inline related-news box (Related).
type cdvnBlock struct {
	P       string     `json:"p,omitempty"`
	H       string     `json:"h,omitempty"`
	Img     string     `json:"img,omitempty"`
	Caption string     `json:"caption,omitempty"`
	UL      []string   `json:"ul,omitempty"`
	OL      []string   `json:"ol,omitempty"`
	Table   *cdvnTable `json:"table,omitempty"`
	Related bool       `json:"related,omitempty"`
}

// cdvnTable is a small data table inside a body.
type cdvnTable struct {
	Head []string   `json:"head"`
	Rows [][]string `json:"rows"`
}

// loadCDVN reads site.json and the articles (newest first).
func loadCDVN() (cdvnSite, []*cdvnArticle, error) {
	var s cdvnSite
	b, err := cdvnFiles.ReadFile("congdoanvn/site.json")
	if err != nil {
		return s, nil, fmt.Errorf("read site.json: %w", err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, nil, fmt.Errorf("parse site.json: %w", err)
	}
	for i := range s.Missing {
		if s.Missing[i].when, err = time.ParseInLocation(cdvnDateLayout, s.Missing[i].Date, ict); err != nil {
			return s, nil, fmt.Errorf("missing %d date: %w", s.Missing[i].ID, err)
		}
	}
	names, err := fs.Glob(cdvnFiles, "congdoanvn/articles/*.json")
	if err != nil {
		return s, nil, fmt.Errorf("list articles: %w", err)
	}
	var arts []*cdvnArticle
	for _, n := range names {
		b, err := cdvnFiles.ReadFile(n)
		if err != nil {
			return s, nil, fmt.Errorf("read %s: %w", n, err)
		}
		a := new(cdvnArticle)
		if err := json.Unmarshal(b, a); err != nil {
			return s, nil, fmt.Errorf("parse %s: %w", path.Base(n), err)
		}
		if a.when, err = time.ParseInLocation(cdvnDateLayout, a.Date, ict); err != nil {
			return s, nil, fmt.Errorf("article %d date: %w", a.ID, err)
		}
		arts = append(arts, a)
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].when.After(arts[j].when) })
	return s, arts, nil
}

// cdvnTruth is the gold of one article, from its source data.
func cdvnTruth(a *cdvnArticle, section string) *Truth {
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
		case len(bl.OL) > 0:
			t.Paragraphs = append(t.Paragraphs, bl.OL...)
		case bl.Table != nil:
			t.Paragraphs = append(t.Paragraphs, strings.Join(bl.Table.Head, " | "))
			for _, row := range bl.Table.Rows {
				t.Paragraphs = append(t.Paragraphs, strings.Join(row, " | "))
			}
		}
	}
	return t
}
