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

// nldFiles holds the templates and data of the nld.com.vn replica.
//
//go:embed nld
var nldFiles embed.FS

// nldDateLayout is the date format of both nld.com.vn layouts
// (p.ngayxuatban and .detail-time; the profile's date_format).
const nldDateLayout = "02/01/2006 15:04"

// Layouts of nld.com.vn: the pre-2023 template (div.contentleft) and the
// current VCCorp one (.detail-cmain).
const (
	nldOld = "old"
	nldNew = "new"
)

// nldSite is nld/site.json: everything but the articles.
type nldSite struct {
	Name     string       `json:"name"`
	Hosts    []string     `json:"hosts"`
	BaseURL  string       `json:"base_url"`
	Media    string       `json:"media"`
	Robots   string       `json:"robots"`
	Sections []nldSection `json:"sections"`
	Menu     []nldMenu    `json:"menu"`
	Listings []nldListing `json:"listings"`
	Stubs    []nldStub    `json:"stubs"`
	Extras   []nldStub    `json:"extras"`
}

// nldSection is a category of the site in one of its layouts.
type nldSection struct {
	Key        string `json:"key"`
	Name       string `json:"name"`
	Path       string `json:"path"`
	Parent     string `json:"parent,omitempty"`
	ParentPath string `json:"parent_path,omitempty"`
	Layout     string `json:"layout"`
	Feed       string `json:"feed,omitempty"`
	CatID      int    `json:"cat_id,omitempty"`
}

// nldMenu is an entry of the top menu.
type nldMenu struct {
	Name string    `json:"name"`
	Path string    `json:"path"`
	Subs []nldMenu `json:"subs,omitempty"`
}

// nldListing lists the ids shown on each page of a category listing.
type nldListing struct {
	Section string     `json:"section"`
	Pages   [][]string `json:"pages"`
}

// nldStub is a headline that is not a served article: a video page
// ("video"), a removed article ("missing") or a teaser of another
// section (extras).
type nldStub struct {
	ID      string `json:"id"`
	Kind    string `json:"kind,omitempty"`
	Section string `json:"section,omitempty"`
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Lead    string `json:"lead,omitempty"`
	Date    string `json:"date"`
}

// nldArticle is one file of nld/articles/.
type nldArticle struct {
	ID      string     `json:"id"`
	Layout  string     `json:"layout"`
	Section string     `json:"section"`
	Slug    string     `json:"slug"`
	Title   string     `json:"title"`
	Lead    string     `json:"lead"`
	Date    string     `json:"date"`
	Author  string     `json:"author"`
	Byline  string     `json:"byline,omitempty"` // label of a byline at the end of the body ("Tin-ảnh:")
	Tags    []string   `json:"tags,omitempty"`
	Body    []nldBlock `json:"body"`

	when time.Time
}

// nldBlock is one block of an article body: a paragraph (P), a bold
// sub-heading (H), a photo (Img + Caption), a list (UL), a data table
// (Table) or an inline related-news box (Related: article ids).
type nldBlock struct {
	P       string    `json:"p,omitempty"`
	H       string    `json:"h,omitempty"`
	Img     string    `json:"img,omitempty"`
	Caption string    `json:"caption,omitempty"`
	UL      []string  `json:"ul,omitempty"`
	Table   *nldTable `json:"table,omitempty"`
	Related []string  `json:"related,omitempty"`
}

// nldTable is a small data table inside an article body.
type nldTable struct {
	Head []string   `json:"head"`
	Rows [][]string `json:"rows"`
}

// loadNLD reads site.json and the articles; articles come back newest
// first.
func loadNLD() (nldSite, []*nldArticle, error) {
	var s nldSite
	b, err := nldFiles.ReadFile("nld/site.json")
	if err != nil {
		return s, nil, fmt.Errorf("read site.json: %w", err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, nil, fmt.Errorf("parse site.json: %w", err)
	}
	names, err := fs.Glob(nldFiles, "nld/articles/*.json")
	if err != nil {
		return s, nil, fmt.Errorf("list articles: %w", err)
	}
	var arts []*nldArticle
	for _, n := range names {
		a, err := nldLoadArticle(n)
		if err != nil {
			return s, nil, err
		}
		arts = append(arts, a)
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].when.After(arts[j].when) })
	return s, arts, nil
}

func nldLoadArticle(name string) (*nldArticle, error) {
	b, err := nldFiles.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	a := new(nldArticle)
	if err := json.Unmarshal(b, a); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path.Base(name), err)
	}
	if a.when, err = time.ParseInLocation(nldDateLayout, a.Date, ict); err != nil {
		return nil, fmt.Errorf("article %s date: %w", a.ID, err)
	}
	if err := nldCheckID(a.ID, a.Layout, a.when); err != nil {
		return nil, fmt.Errorf("article %s: %w", a.ID, err)
	}
	return a, nil
}

// nldCheckID checks that an id encodes its publication minute the way
// the layout's CMS does: yyyyMMddHHmmssfff (17 digits, old) or
// "196" + yyMMddHHmmssfff (18 digits, new).
func nldCheckID(id, layout string, when time.Time) error {
	var want string
	switch layout {
	case nldOld:
		want = when.Format("200601021504")
	case nldNew:
		want = "196" + when.Format("0601021504")
	default:
		return fmt.Errorf("unknown layout %q", layout)
	}
	if len(id) != len(want)+5 || !strings.HasPrefix(id, want) {
		return fmt.Errorf("id does not encode %s as %s+sssfff", when.Format(nldDateLayout), want)
	}
	return nil
}
