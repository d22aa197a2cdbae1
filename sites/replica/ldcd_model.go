package replica

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"
)

// ldcdDateLayout is the date format of the article data files of the
// laodongdoanthe.vn and MasterCMS replicas.
const ldcdDateLayout = "02/01/2006 15:04"

// ldcdArticle is one article of articles.json in laodongdoanthe/ or
// mastercms/ (the two MasterCMS replicas share the data schema).
type ldcdArticle struct {
	ID      int         `json:"id"`
	Section string      `json:"section"`
	Kicker  string      `json:"kicker,omitempty"`
	Title   string      `json:"title"`
	Lead    string      `json:"lead"`
	Date    string      `json:"date"`
	Author  string      `json:"author"`
	Role    string      `json:"role,omitempty"`     // shown after the author link ("/ Tạp chí ...")
	ImgUser string      `json:"img_user"`           // uploader directory of the images
	OldLink bool        `json:"old_link,omitempty"` // the listing links it on the old host
	Tags    []string    `json:"tags,omitempty"`
	Body    []ldcdBlock `json:"body"`

	when time.Time
}

// ldcdBlock is one body block: a paragraph (P), a bold sub-heading (H), a
// MasterCMS image with caption (Img, Caption), a bulleted list (UL), a
// data table (Table) or the slot of the inline related box (Related).
type ldcdBlock struct {
	P       string     `json:"p,omitempty"`
	H       string     `json:"h,omitempty"`
	Img     string     `json:"img,omitempty"`
	Caption string     `json:"caption,omitempty"`
	UL      []string   `json:"ul,omitempty"`
	Table   *ldcdTable `json:"table,omitempty"`
	Related bool       `json:"related,omitempty"`
}

// ldcdTable is a small data table; its rows are data rows.
type ldcdTable struct {
	Head []string   `json:"head"`
	Rows [][]string `json:"rows"`
}

// ldcdLoadArticles reads a JSON array of articles, parses their dates and
// returns them newest first.
func ldcdLoadArticles(fsys fs.FS, name string) ([]*ldcdArticle, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	var arts []*ldcdArticle
	if err := json.Unmarshal(b, &arts); err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	seen := map[int]bool{}
	for _, a := range arts {
		if seen[a.ID] {
			return nil, fmt.Errorf("%s: duplicate article id %d", name, a.ID)
		}
		seen[a.ID] = true
		if a.when, err = time.ParseInLocation(ldcdDateLayout, a.Date, ict); err != nil {
			return nil, fmt.Errorf("article %d date: %w", a.ID, err)
		}
	}
	sort.Slice(arts, func(i, j int) bool {
		if !arts[i].when.Equal(arts[j].when) {
			return arts[i].when.After(arts[j].when)
		}
		return arts[i].ID > arts[j].ID
	})
	return arts, nil
}

// ldcdTruth is the gold of one article, from its source data.
func ldcdTruth(a *ldcdArticle, category string) *Truth {
	t := &Truth{Title: a.Title, Lead: a.Lead, Author: a.Author, Published: a.when,
		Category: category, Tags: append([]string(nil), a.Tags...)}
	if a.Kicker != "" {
		t.Title = strings.TrimSpace(a.Kicker) + " " + a.Title
	}
	for _, bl := range a.Body {
		switch {
		case bl.P != "":
			t.Paragraphs = append(t.Paragraphs, bl.P)
		case bl.H != "":
			t.Paragraphs = append(t.Paragraphs, bl.H)
		case bl.Img != "":
			if bl.Caption != "" {
				t.Captions = append(t.Captions, bl.Caption)
			}
		case len(bl.UL) > 0:
			t.Paragraphs = append(t.Paragraphs, bl.UL...)
		case bl.Table != nil:
			t.Paragraphs = append(t.Paragraphs, strings.Join(bl.Table.Head, " | "))
			for _, row := range bl.Table.Rows {
				t.Paragraphs = append(t.Paragraphs, strings.Join(row, " | "))
			}
		}
	}
	return t
}

// ldcdImageURL is a MasterCMS image URL:
// /stores/news_dataimages/<user>/<MMYYYY>/<DD>/<HH>/<file>.
func ldcdImageURL(base, user string, t time.Time, file string) string {
	return fmt.Sprintf("%s/stores/news_dataimages/%s/%s/%s/%s/%s", base, user,
		t.Format("012006"), t.Format("02"), t.Format("15"), file)
}

// ldcdThumb is the first image of an article, or the site's default.
func ldcdThumb(base string, a *ldcdArticle) string {
	for _, bl := range a.Body {
		if bl.Img != "" {
			return ldcdImageURL(base, a.ImgUser, a.when, bl.Img)
		}
	}
	return base + "/modules/frontend/themes/default/images/no-image.png"
}

// ldcdPageOffsets returns the BRSR offsets of the pages of a listing of n
// items with size items per page: 0, size, 2*size ...
func ldcdPageOffsets(n, size int) []int {
	var out []int
	for off := 0; off < n || off == 0; off += size {
		out = append(out, off)
	}
	return out
}

// ldcdPagePath is the MasterCMS path of the listing page at offset off.
func ldcdPagePath(path string, off int) string {
	if off == 0 {
		return path
	}
	return fmt.Sprintf("%s&s_cond=&BRSR=%d", path, off)
}
