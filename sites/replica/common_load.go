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

// siteFiles holds the templates and data of every replica site, one
// directory a site: <dir>/site.json, <dir>/articles/*.json and the
// layout templates <dir>/*.tmpl.
//
//go:embed laodongthudo laodong nld congdoanvn congdoanyte laodongdoanthe mastercms
var siteFiles embed.FS

// ict is Asia/Ho_Chi_Minh; Vietnam has no daylight saving time.
var ict = time.FixedZone("ICT", 7*3600)

// dateLayout is the date format of most replica sites (and of their
// profiles' date_format); congdoan.vn has its own.
const dateLayout = "02/01/2006 15:04"

// dayLayout is the date of the header's date bar and of site.json today.
const dayLayout = "02/01/2006"

// loadSite reads dir/site.json and the articles of dir/articles/ of fsys,
// parses the dates (in layout), resolves re-posts and returns the
// articles newest first (the larger id first at equal times).
func loadSite(fsys fs.FS, dir, layout string) (*siteData, []*article, error) {
	s := new(siteData)
	b, err := fs.ReadFile(fsys, dir+"/site.json")
	if err != nil {
		return nil, nil, fmt.Errorf("read site.json: %w", err)
	}
	if err := json.Unmarshal(b, s); err != nil {
		return nil, nil, fmt.Errorf("parse site.json: %w", err)
	}
	for _, a := range s.Missing {
		if err := a.parseDate(layout); err != nil {
			return nil, nil, fmt.Errorf("missing %w", err)
		}
	}
	arts, err := loadArticles(fsys, dir, layout)
	if err != nil {
		return nil, nil, err
	}
	if err := resolveReposts(arts); err != nil {
		return nil, nil, err
	}
	sort.Slice(arts, func(i, j int) bool {
		if !arts[i].when.Equal(arts[j].when) {
			return arts[i].when.After(arts[j].when)
		}
		return arts[i].ID > arts[j].ID
	})
	return s, arts, nil
}

// loadArticles reads every dir/articles/*.json and parses its date.
func loadArticles(fsys fs.FS, dir, layout string) ([]*article, error) {
	names, err := fs.Glob(fsys, dir+"/articles/*.json")
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	seen := make(map[int64]bool, len(names))
	var arts []*article
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", n, err)
		}
		a := new(article)
		if err := json.Unmarshal(b, a); err != nil {
			return nil, fmt.Errorf("parse %s: %w", path.Base(n), err)
		}
		if seen[a.ID] {
			return nil, fmt.Errorf("%s: duplicate article id %d", path.Base(n), a.ID)
		}
		seen[a.ID] = true
		if err := a.parseDate(layout); err != nil {
			return nil, err
		}
		arts = append(arts, a)
	}
	return arts, nil
}

// parseDate sets the publication and image upload times from Date.
func (a *article) parseDate(layout string) error {
	t, err := time.ParseInLocation(layout, a.Date, ict)
	if err != nil {
		return fmt.Errorf("article %d date: %w", a.ID, err)
	}
	a.when, a.imgWhen = t, t
	return nil
}

// resolveReposts copies kicker, title, lead, body, tags, author and
// images of the original into every re-post, so their texts are
// identical.
func resolveReposts(arts []*article) error {
	byID := make(map[int64]*article, len(arts))
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

// parseDay parses a dd/MM/yyyy day (site.json today) in ICT.
func parseDay(day string) (time.Time, error) {
	t, err := time.ParseInLocation(dayLayout, day, ict)
	if err != nil {
		return time.Time{}, fmt.Errorf("today: %w", err)
	}
	return t, nil
}

// stubTime is the time of a stub's date; a stub with a bad date gets the
// zero time, as the sites show it anyway.
func stubTime(s stub, layout string) time.Time {
	t, _ := time.ParseInLocation(layout, s.Date, ict)
	return t
}
