package replica

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"
)

// laoBuilder renders the pages of laodong.vn.
type laoBuilder struct {
	site     laoSite
	arts     []*laoArticle // newest first
	tmpl     *template.Template
	dateBar  string
	mostRead []laoTeaser
}

// buildLaodong builds every page of the laodong.vn replica. Its HTTP
// handler is wrapped in the D1N cookie wall (see laoWall).
func buildLaodong() (site, error) {
	b, err := newLaoBuilder()
	if err != nil {
		return site{}, fmt.Errorf("laodong.vn: %w", err)
	}
	s, err := b.build()
	if err != nil {
		return site{}, fmt.Errorf("laodong.vn: %w", err)
	}
	s.wrap = laoWall
	return s, nil
}

func newLaoBuilder() (*laoBuilder, error) {
	s, arts, err := loadLao()
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{"inc": func(i int) int { return i + 1 }, "slug": slugify}
	t, err := template.New("laodong").Funcs(funcs).ParseFS(laoFiles, "laodong/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	today, err := time.ParseInLocation("02/01/2006", s.Today, ict)
	if err != nil {
		return nil, fmt.Errorf("today: %w", err)
	}
	b := &laoBuilder{site: s, arts: arts, tmpl: t, dateBar: vietWeekday(today) + ", " + today.Format("02/01/2006")}
	for _, x := range s.Extras {
		b.mostRead = append(b.mostRead, b.stubTeaser(x))
	}
	return b, nil
}

func (b *laoBuilder) build() (site, error) {
	out := site{name: b.site.Name, hosts: b.site.Hosts}
	out.pages = append(out.pages, Page{URL: b.site.BaseURL + "/robots.txt", Status: http.StatusOK,
		ContentType: ctText, Body: []byte(b.site.Robots), Kind: KindRobots})
	steps := []func() ([]Page, error){b.homePage, b.listingPages, b.articlePages, b.stubPages, b.feedPages}
	for _, step := range steps {
		ps, err := step()
		if err != nil {
			return site{}, err
		}
		out.pages = append(out.pages, ps...)
	}
	nf, err := b.notFoundPage(b.site.BaseURL + "/404")
	if err != nil {
		return site{}, err
	}
	out.notFound = nf
	return out, nil
}

// render executes a template into an HTML page.
func (b *laoBuilder) render(name, url, kind string, status int, data any) (Page, error) {
	var buf bytes.Buffer
	if err := b.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return Page{}, fmt.Errorf("render %s for %s: %w", name, url, err)
	}
	return Page{URL: url, Status: status, ContentType: ctHTML, Body: buf.Bytes(), Kind: kind}, nil
}

// newFrame fills the parts shared by every page.
func (b *laoBuilder) newFrame(title, desc, canonical, active string) laoFrame {
	website := fmt.Sprintf(`{"name":"Lao Động Online | LAODONG.VN","url":%q,"@context":"https://schema.org/","@type":"WebSite"}`,
		b.site.BaseURL+"/")
	return laoFrame{
		Title: title, Description: desc, Canonical: canonical, OGType: "website", OGTitle: title,
		OGImage:  "https://laodong.vn/img/ldo_red.png",
		Keywords: "Lao Động, Báo Lao Động, người lao động, công đoàn, tin tức, tin tức 24h",
		AmpURL:   strings.Replace(canonical, "https://laodong.vn", "https://amp.laodong.vn", 1),
		Base:     b.site.BaseURL, Active: active, Menu: b.site.Menu, DateBar: b.dateBar,
		MostRead: b.mostRead, LDJSON: []template.JS{template.JS(website)},
	}
}

func (b *laoBuilder) homePage() ([]Page, error) {
	v := laoHomeView{laoFrame: b.newFrame("Lao Động Online | LAODONG.VN - Tin tức mới nhất 24h",
		"Báo LAO ĐỘNG điện tử - LAODONG.VN cung cấp tin tức 24h thời sự, chính trị, kinh tế, văn hóa, xã hội, công đoàn, người lao động nhanh nhất và tin cậy nhất",
		b.site.BaseURL+"/", "/")}
	for i, a := range b.arts {
		switch {
		case i == 0:
			v.Cover = b.teaser(a)
		case i <= 3:
			v.Top = append(v.Top, b.teaser(a))
		}
		if i < 5 {
			v.Union = append(v.Union, b.teaser(a))
		}
	}
	for _, s := range b.site.Sections {
		if s.Parent != "" {
			v.UnionSub = append(v.UnionSub, laoLink{Name: s.Name, Href: b.site.BaseURL + s.Path})
		}
	}
	p, err := b.render("home.tmpl", b.site.BaseURL+"/", KindHome, http.StatusOK, v)
	return []Page{p}, err
}

// listingPages renders every ?page=N of every category listing [V].
func (b *laoBuilder) listingPages() ([]Page, error) {
	var out []Page
	for _, l := range b.site.Listings {
		sec, err := b.section(l.Section)
		if err != nil {
			return nil, err
		}
		for i := range l.Pages {
			p, err := b.listingPage(sec, l.Pages, i)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// laoPageURL is the URL of page i (0-based) of a category.
func (b *laoBuilder) pageURL(sec laoSection, i int) string {
	if i == 0 {
		return b.site.BaseURL + sec.Path
	}
	return fmt.Sprintf("%s%s?page=%d", b.site.BaseURL, sec.Path, i+1)
}

func (b *laoBuilder) listingPage(sec laoSection, pages [][]int, i int) (Page, error) {
	url := b.pageURL(sec, i)
	title := sec.Name
	if i > 0 {
		title = fmt.Sprintf("%s - Trang %d", sec.Name, i+1)
	}
	v := laoListingView{laoFrame: b.newFrame(title+" | Báo Lao Động", "Tin tức "+sec.Name+" mới nhất trên Báo Lao Động điện tử.", url, b.activePath(sec)),
		Crumbs: b.crumbs(sec), Name: sec.Name}
	for _, id := range pages[i] {
		t, err := b.teaserByID(id)
		if err != nil {
			return Page{}, fmt.Errorf("listing %s: %w", url, err)
		}
		v.Items = append(v.Items, t)
	}
	if len(pages) > 1 {
		for k := range pages {
			v.Pager = append(v.Pager, laoLink{Name: fmt.Sprint(k + 1), Href: b.pageURL(sec, k), Active: k == i})
		}
	}
	return b.render("listing.tmpl", url, KindListing, http.StatusOK, v)
}

// section finds a category by key.
func (b *laoBuilder) section(key string) (laoSection, error) {
	for _, s := range b.site.Sections {
		if s.Key == key {
			return s, nil
		}
	}
	return laoSection{}, fmt.Errorf("unknown section %q", key)
}

// sectionPath is the path of a category; keys outside sections (video,
// xa-hoi ...) live at /<key>/.
func (b *laoBuilder) sectionPath(key string) (string, string) {
	if s, err := b.section(key); err == nil {
		return s.Path, s.Name
	}
	for _, m := range b.site.Menu {
		for _, e := range append([]laoMenu{m}, m.Subs...) {
			if e.Path == "/"+key+"/" {
				return e.Path, e.Name
			}
		}
	}
	return "/" + key + "/", key
}

// activePath is the top-menu entry a category belongs to.
func (b *laoBuilder) activePath(sec laoSection) string {
	if sec.Parent != "" {
		p, _ := b.sectionPath(sec.Parent)
		return p
	}
	return sec.Path
}

// crumbs is the breadcrumb of a category: its parent, then itself.
func (b *laoBuilder) crumbs(sec laoSection) []laoLink {
	var out []laoLink
	if sec.Parent != "" {
		p, name := b.sectionPath(sec.Parent)
		out = append(out, laoLink{Name: name, Href: b.site.BaseURL + p})
	}
	return append(out, laoLink{Name: sec.Name, Href: b.site.BaseURL + sec.Path})
}
