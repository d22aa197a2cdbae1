package replica

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
)

// ldcdBuilder renders the pages of laodongdoanthe.vn and the redirects of
// its former host laodongcongdoan.vn.
type ldcdBuilder struct {
	site    ldcdSite
	arts    []*ldcdArticle // newest first
	tmpl    *template.Template
	dateBar string
}

// buildLaodongdoanthe builds the laodongdoanthe.vn replica: the current
// host of Tạp chí Lao động và Công đoàn (shared/docs/sites.md §3).
func buildLaodongdoanthe() (site, error) {
	b, err := newLDCDBuilder()
	if err != nil {
		return site{}, fmt.Errorf("laodongdoanthe.vn: %w", err)
	}
	s, _, err := b.build()
	return s, err
}

// buildLaodongcongdoan builds the former host laodongcongdoan.vn, which
// answers every listing and article URL with 301 Moved Permanently to the
// same path on laodongdoanthe.vn. [I]/[G]: sites.md §3 only infers the
// domain change; the redirect is this replica's reading of it.
func buildLaodongcongdoan() (site, error) {
	b, err := newLDCDBuilder()
	if err != nil {
		return site{}, fmt.Errorf("laodongcongdoan.vn: %w", err)
	}
	_, old, err := b.build()
	return old, err
}

func newLDCDBuilder() (*ldcdBuilder, error) {
	return ldcdNewBuilder(ldcdFiles, "laodongdoanthe")
}

// ldcdNewBuilder loads the MasterCMS replica in directory dir of fsys.
func ldcdNewBuilder(fsys fs.FS, dir string) (*ldcdBuilder, error) {
	s, arts, t, err := ldcdLoad(fsys, dir)
	if err != nil {
		return nil, err
	}
	bar, err := ldcdDateBar(s.Today)
	if err != nil {
		return nil, err
	}
	return &ldcdBuilder{site: s, arts: arts, tmpl: t, dateBar: bar}, nil
}

// build returns the current site and the redirecting former host.
func (b *ldcdBuilder) build() (site, site, error) {
	cur := site{name: b.site.Name, hosts: b.site.Hosts}
	if err := b.addPages(&cur, b.homePage, b.listingPages, b.articlePages); err != nil {
		return site{}, site{}, err
	}
	nf := cur.notFound
	// The withdrawn article a listing still links: the site answers 404.
	gone, err := b.notFoundPage(b.site.BaseURL + ldcdGone)
	if err != nil {
		return site{}, site{}, err
	}
	cur.pages = append(cur.pages, gone)
	old := site{name: "laodongcongdoan.vn", hosts: b.site.OldHosts, notFound: nf}
	old.notFound.URL = b.site.OldBaseURL + "/404.html"
	old.pages = append(old.pages, Page{URL: b.site.OldBaseURL + "/robots.txt", Status: http.StatusOK,
		ContentType: ctText, Body: []byte(b.site.OldRobots), Kind: KindRobots})
	for _, p := range cur.pages {
		if p.Kind == KindRobots || p.Kind == KindNotFound {
			continue
		}
		old.pages = append(old.pages, b.redirect(p.URL))
	}
	return cur, old, nil
}

// addPages adds the robots.txt, the pages of steps and the 404 page of
// the site to s.
func (b *ldcdBuilder) addPages(s *site, steps ...func() ([]Page, error)) error {
	s.pages = append(s.pages, Page{URL: b.site.BaseURL + "/robots.txt", Status: http.StatusOK,
		ContentType: ctText, Body: []byte(b.site.Robots), Kind: KindRobots})
	for _, step := range steps {
		ps, err := step()
		if err != nil {
			return fmt.Errorf("%s: %w", b.site.Name, err)
		}
		s.pages = append(s.pages, ps...)
	}
	nf, err := b.notFoundPage(b.site.BaseURL + "/404.html")
	if err != nil {
		return fmt.Errorf("%s: %w", b.site.Name, err)
	}
	s.notFound = nf
	return nil
}

// redirect is the former host's 301 answer for a page of the current host.
func (b *ldcdBuilder) redirect(target string) Page {
	path := strings.TrimPrefix(target, b.site.BaseURL)
	body := fmt.Sprintf("<!DOCTYPE html>\n<html><head><title>301 Moved Permanently</title></head>\n"+
		"<body><h1>Moved Permanently</h1><p>The document has moved <a href=\"%s\">here</a>.</p></body></html>\n",
		template.HTMLEscapeString(target))
	return Page{URL: b.site.OldBaseURL + path, Status: http.StatusMovedPermanently, ContentType: ctHTML,
		Body: []byte(body), Kind: KindRedirect, Location: target}
}

// render executes a template into an HTML page.
func (b *ldcdBuilder) render(name, url, kind string, status int, data any) (Page, error) {
	var buf bytes.Buffer
	if err := b.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return Page{}, fmt.Errorf("render %s for %s: %w", name, url, err)
	}
	return Page{URL: url, Status: status, ContentType: ctHTML, Body: buf.Bytes(), Kind: kind}, nil
}

func (b *ldcdBuilder) frame(title, desc, canonical, active string) ldcdFrame {
	f := ldcdFrame{Title: title, Description: desc, Canonical: canonical, OGType: "website",
		Base: b.site.BaseURL, Active: active, Menu: b.site.Menu, DateBar: b.dateBar}
	for i, a := range b.arts {
		if i%3 == 1 && len(f.MostRead) < 5 {
			f.MostRead = append(f.MostRead, b.teaser(a))
		}
	}
	return f
}

func (b *ldcdBuilder) section(key string) (ldcdSection, error) {
	for _, s := range b.site.Sections {
		if s.Key == key {
			return s, nil
		}
	}
	return ldcdSection{}, fmt.Errorf("unknown section %q", key)
}

func (b *ldcdBuilder) articleURL(a *ldcdArticle) string {
	return fmt.Sprintf("%s/%s-%d.html", b.site.BaseURL, slugify(a.Title), a.ID)
}

func (b *ldcdBuilder) teaser(a *ldcdArticle) teaser {
	return teaser{URL: b.articleURL(a), Title: a.Title, Lead: a.Lead, Image: ldcdThumb(b.site.BaseURL, a), Date: a.Date}
}

func (b *ldcdBuilder) homePage() ([]Page, error) {
	v := ldcdHomeView{ldcdFrame: b.frame("Tạp chí Lao động và Công đoàn",
		"Tạp chí Lao động và Công đoàn - Cơ quan của Tổng Liên đoàn Lao động Việt Nam", b.site.BaseURL+"/", "/")}
	v.Top = b.teaser(b.arts[0])
	for _, a := range b.arts[1:6] {
		v.Latest = append(v.Latest, b.teaser(a))
	}
	for _, s := range b.site.Sections {
		hs := ldcdHomeSection{Name: s.Name, Href: s.Path}
		for _, a := range b.arts {
			if a.Section == s.Key && len(hs.Items) < 4 {
				hs.Items = append(hs.Items, b.teaser(a))
			}
		}
		v.Sections = append(v.Sections, hs)
	}
	p, err := b.render("home.tmpl", b.site.BaseURL+"/", KindHome, http.StatusOK, v)
	return []Page{p}, err
}

func (b *ldcdBuilder) notFoundPage(url string) (Page, error) {
	v := b.frame("Không tìm thấy trang", "Trang bạn tìm không tồn tại hoặc đã bị gỡ bỏ.", b.site.BaseURL+"/", "/")
	return b.render("notfound.tmpl", url, KindNotFound, http.StatusNotFound, v)
}
