package replica

import (
	"fmt"
	"html/template"
	"time"
)

// siteHooks are the functions through which a site gives the shared
// builder its URL scheme and its error page.
type siteHooks struct {
	// teaserOf is the teaser of a served or missing article.
	teaserOf func(*article) teaser
	// stubTeaserOf is the teaser of a stub or an extra (nil: the site
	// has none).
	stubTeaserOf func(stub) teaser
	// notFoundPage is the site's HTML error page at url, status 404.
	notFoundPage func(url string) (Page, error)
}

// builder is what every site builder shares: the site's data, its
// articles, its templates and its hooks. A site builder embeds it and
// fills it with load.
type builder struct {
	siteHooks
	site     *siteData
	arts     []*article // newest first
	tmpl     *template.Template
	today    time.Time // the day of the header's date bar
	mostRead []teaser  // the "most read" box: site.json most_read, unless the site sets it
}

// load reads the data (dates in layout) and templates of the site in
// directory dir of siteFiles into b. The hooks are usually method values
// of the site builder that embeds b, so they may call them right away.
func (b *builder) load(dir, layout string, hooks siteHooks) error {
	s, arts, err := loadSite(siteFiles, dir, layout)
	if err != nil {
		return err
	}
	t, err := loadTemplates(siteFiles, dir)
	if err != nil {
		return err
	}
	today, err := parseDay(s.Today)
	if err != nil {
		return err
	}
	*b = builder{siteHooks: hooks, site: s, arts: arts, tmpl: t, today: today}
	if b.mostRead, err = b.teasersByID(s.MostRead); err != nil {
		return fmt.Errorf("most read: %w", err)
	}
	return nil
}

// dateBar is the date line of the header ("Thứ Bảy, 14/02/2026").
func (b *builder) dateBar() string {
	return vietWeekday(b.today) + ", " + b.today.Format(dayLayout)
}

// render executes a template of the site into an HTML page.
func (b *builder) render(name, url, kind string, status int, data any) (Page, error) {
	return renderPage(b.tmpl, name, url, kind, status, data)
}

// buildSite assembles the site: robots.txt, the pages of the steps and
// the error page for unknown URLs (at notFoundPath).
func (b *builder) buildSite(notFoundPath string, steps ...pageStep) (site, error) {
	out := site{name: b.site.Name, hosts: b.site.Hosts}
	pages, err := collectPages(steps...)
	if err != nil {
		return site{}, err
	}
	out.pages = append([]Page{robotsPage(b.site.BaseURL, b.site.Robots)}, pages...)
	if out.notFound, err = b.notFoundPage(b.site.BaseURL + notFoundPath); err != nil {
		return site{}, err
	}
	return out, nil
}

// section finds a section by key.
func (b *builder) section(key string) (section, error) {
	for _, s := range b.site.Sections {
		if s.Key == key {
			return s, nil
		}
	}
	return section{}, fmt.Errorf("unknown section %q", key)
}

// articleByID finds a served or missing article.
func (b *builder) articleByID(id int64) (*article, bool) {
	for _, a := range b.arts {
		if a.ID == id {
			return a, true
		}
	}
	for _, a := range b.site.Missing {
		if a.ID == id {
			return a, true
		}
	}
	return nil, false
}

// teaserByID finds an article, a missing article, a stub or an extra by
// id.
func (b *builder) teaserByID(id int64) (teaser, error) {
	if a, ok := b.articleByID(id); ok {
		return b.teaserOf(a), nil
	}
	for _, list := range [][]stub{b.site.Stubs, b.site.Extras} {
		for _, s := range list {
			if s.ID == id && b.stubTeaserOf != nil {
				return b.stubTeaserOf(s), nil
			}
		}
	}
	return teaser{}, fmt.Errorf("no article or stub with id %d", id)
}

// teasersByID are the teasers of ids, in order.
func (b *builder) teasersByID(ids []int64) ([]teaser, error) {
	var out []teaser
	for _, id := range ids {
		t, err := b.teaserByID(id)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// teasers are the teasers of some articles, in order.
func (b *builder) teasers(arts []*article) []teaser {
	var out []teaser
	for _, a := range arts {
		out = append(out, b.teaserOf(a))
	}
	return out
}

// others returns n teasers of other articles, starting `from` places
// after article i and wrapping around; only articles of section sec when
// it is not empty. Re-posts of article i and its original are skipped.
func (b *builder) others(i, from, n int, sec string) []teaser {
	a := b.arts[i]
	var out []teaser
	for k := from; k < from+len(b.arts) && len(out) < n; k++ {
		o := b.arts[(i+k)%len(b.arts)]
		if o == a || o.Title == a.Title || (sec != "" && o.Section != sec) {
			continue
		}
		out = append(out, b.teaserOf(o))
	}
	return out
}

// sectionTeasers are the teasers of the n newest articles of a section.
func (b *builder) sectionTeasers(key string, n int) []teaser {
	var out []teaser
	for _, a := range b.arts {
		if a.Section == key && len(out) < n {
			out = append(out, b.teaserOf(a))
		}
	}
	return out
}

// articleAt is article i and its section.
func (b *builder) articleAt(i int) (*article, section, error) {
	a := b.arts[i]
	sec, err := b.section(a.Section)
	if err != nil {
		return nil, section{}, fmt.Errorf("article %d: %w", a.ID, err)
	}
	return a, sec, nil
}

// relatedBox fills the inline related-news box of article i with two
// other articles, from two places after it on.
func (b *builder) relatedBox(i int) func(block) ([]teaser, error) {
	return func(block) ([]teaser, error) { return b.others(i, 2, 2, ""), nil }
}

// eachArticle is the step that renders every article with page(i).
func (b *builder) eachArticle(page func(i int) (Page, error)) pageStep {
	return func() ([]Page, error) {
		var out []Page
		for i := range b.arts {
			p, err := page(i)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
		return out, nil
	}
}

// stubPages renders the site's stubs: a page that matches the article
// URL pattern but holds no article (kind "nonarticle" or "video", drawn
// by video) and the 404 answers of missing articles.
func (b *builder) stubPages(video func(s stub, t teaser) (Page, error)) ([]Page, error) {
	var out []Page
	for _, s := range b.site.Stubs {
		t := b.stubTeaserOf(s)
		var p Page
		var err error
		switch s.Kind {
		case KindNonArticle, "video":
			p, err = video(s, t)
		case "missing":
			p, err = b.notFoundPage(t.abs())
		default:
			err = fmt.Errorf("stub %d: unknown kind %q", s.ID, s.Kind)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// missingPages are the 404 answers of the listed articles that are gone.
func (b *builder) missingPages() ([]Page, error) {
	var out []Page
	for _, a := range b.site.Missing {
		p, err := b.notFoundPage(b.teaserOf(a).URL)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
