package replica

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"time"
)

const (
	ctHTML = "text/html; charset=utf-8"
	ctText = "text/plain; charset=utf-8"
)

// ldtBuilder renders the pages of laodongthudo.vn.
type ldtBuilder struct {
	site     ldtSite
	arts     []*ldtArticle // newest first
	tmpl     *template.Template
	dateBar  string
	mostRead []teaser
}

// buildLaodongthudo builds every page of the laodongthudo.vn replica.
func buildLaodongthudo() (site, error) {
	b, err := newLDTBuilder()
	if err != nil {
		return site{}, fmt.Errorf("laodongthudo.vn: %w", err)
	}
	return b.build()
}

// newLDTBuilder loads the data and templates of laodongthudo.vn.
func newLDTBuilder() (*ldtBuilder, error) {
	s, arts, err := loadLDT()
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{"inc": func(i int) int { return i + 1 }}
	t, err := template.New("laodongthudo").Funcs(funcs).ParseFS(ldtFiles, "laodongthudo/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	today, err := time.ParseInLocation("02/01/2006", s.Today, ict)
	if err != nil {
		return nil, fmt.Errorf("today: %w", err)
	}
	b := &ldtBuilder{site: s, arts: arts, tmpl: t,
		dateBar: vietWeekday(today) + ", " + today.Format("02/01/2006")}
	for _, id := range s.MostRead {
		tz, err := b.teaserByID(id)
		if err != nil {
			return nil, fmt.Errorf("most read: %w", err)
		}
		b.mostRead = append(b.mostRead, tz)
	}
	return b, nil
}

func (b *ldtBuilder) build() (site, error) {
	out := site{name: b.site.Name, hosts: b.site.Hosts}
	out.pages = append(out.pages, Page{URL: b.site.BaseURL + "/robots.txt", Status: http.StatusOK,
		ContentType: ctText, Body: []byte(b.site.Robots), Kind: KindRobots})
	steps := []func() ([]Page, error){b.homePage, b.listingPages, b.articlePages, b.stubPages}
	for _, step := range steps {
		ps, err := step()
		if err != nil {
			return site{}, fmt.Errorf("laodongthudo.vn: %w", err)
		}
		out.pages = append(out.pages, ps...)
	}
	nf, err := b.notFoundPage(b.site.BaseURL + "/404")
	if err != nil {
		return site{}, fmt.Errorf("laodongthudo.vn: %w", err)
	}
	out.notFound = nf
	return out, nil
}

// render executes a template into an HTML page.
func (b *ldtBuilder) render(name, url, kind string, status int, data any) (Page, error) {
	var buf bytes.Buffer
	if err := b.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return Page{}, fmt.Errorf("render %s for %s: %w", name, url, err)
	}
	return Page{URL: url, Status: status, ContentType: ctHTML, Body: buf.Bytes(), Kind: kind}, nil
}

func (b *ldtBuilder) homePage() ([]Page, error) {
	v := homeView{frame: b.newFrame("Tin tức Công đoàn, Lao động, Việc làm Hà Nội",
		"Báo Lao động Thủ đô - Cơ quan của Liên đoàn Lao động thành phố Hà Nội. Tin tức công đoàn, lao động, việc làm, đời sống công nhân Thủ đô.",
		b.site.BaseURL+"/", "/")}
	v.Title = "Báo Lao động Thủ đô - Tin tức Công đoàn, Lao động, Việc làm Hà Nội"
	for i, a := range b.arts {
		switch {
		case i == 0:
			v.Lead = b.articleTeaser(a)
		case i <= 4:
			v.Top = append(v.Top, b.articleTeaser(a))
		}
	}
	for _, s := range b.site.Sections {
		hs := homeSection{Name: s.Name, Href: s.Path}
		for _, a := range b.arts {
			if a.Section == s.Key && len(hs.Items) < 4 {
				hs.Items = append(hs.Items, b.articleTeaser(a))
			}
		}
		v.Sections = append(v.Sections, hs)
	}
	p, err := b.render("home.tmpl", b.site.BaseURL+"/", KindHome, http.StatusOK, v)
	return []Page{p}, err
}

// listingPages renders every page of every section listing. Page n > 1
// lives at <path>&s_cond=&BRSR=<offset> — [I] inferred: MasterCMS offset
// pagination as verified on laodongcongdoan.vn, not seen on laodongthudo.vn.
func (b *ldtBuilder) listingPages() ([]Page, error) {
	var out []Page
	for _, l := range b.site.Listings {
		sec, err := b.section(l.Section)
		if err != nil {
			return nil, err
		}
		urls := make([]string, len(l.Pages))
		off := 0
		for i, ids := range l.Pages {
			urls[i] = sec.Path
			if i > 0 {
				urls[i] = fmt.Sprintf("%s&s_cond=&BRSR=%d", sec.Path, off)
			}
			off += len(ids)
		}
		for i, ids := range l.Pages {
			p, err := b.listingPage(sec, urls, i, ids)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// listingPage renders page i of a listing; urls are the relative paths of
// all its pages (the pager links are relative, as on the site).
func (b *ldtBuilder) listingPage(sec ldtSection, urls []string, i int, ids []int) (Page, error) {
	url := b.site.BaseURL + urls[i]
	v := listingView{frame: b.newFrame(sec.Name, sec.Name+" - "+sec.Parent+" - Báo Lao động Thủ đô", url, sec.ParentPath),
		Crumbs: b.crumbs(sec), Section: sec.Name}
	for _, id := range ids {
		t, err := b.teaserByID(id)
		if err != nil {
			return Page{}, fmt.Errorf("listing %s: %w", url, err)
		}
		v.Items = append(v.Items, t)
	}
	for k, u := range urls {
		v.Pager = append(v.Pager, pageLink{Label: fmt.Sprint(k + 1), Href: u, Current: k == i})
	}
	if i > 0 {
		v.Prev = urls[i-1]
	}
	if i+1 < len(urls) {
		v.Next = urls[i+1]
	}
	return b.render("listing.tmpl", url, KindListing, http.StatusOK, v)
}
