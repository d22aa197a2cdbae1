package replica

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"
)

// ldcdDir is the directory of the laodongdoanthe.vn replica (Tạp chí Lao
// động và Công đoàn, formerly laodongcongdoan.vn) in siteFiles.
const ldcdDir = "laodongdoanthe"

// ldcdBuilder renders the pages of a MasterCMS magazine: laodongdoanthe.vn
// (and the redirects of its former host laodongcongdoan.vn) or the
// generic MasterCMS replica.
type ldcdBuilder struct{ builder }

// buildLaodongdoanthe builds the laodongdoanthe.vn replica: the current
// host of Tạp chí Lao động và Công đoàn (shared/docs/sites.md §3).
func buildLaodongdoanthe() (site, error) {
	cur, _, err := buildLDCDHosts()
	return cur, err
}

// buildLaodongcongdoan builds the former host laodongcongdoan.vn, which
// answers every listing and article URL with 301 Moved Permanently to the
// same path on laodongdoanthe.vn. [I]/[G]: sites.md §3 only infers the
// domain change; the redirect is this replica's reading of it.
func buildLaodongcongdoan() (site, error) {
	_, old, err := buildLDCDHosts()
	return old, err
}

// buildLDCDHosts builds laodongdoanthe.vn and its former host.
func buildLDCDHosts() (site, site, error) {
	b, err := ldcdNewBuilder(ldcdDir)
	if err != nil {
		return site{}, site{}, fmt.Errorf("laodongdoanthe.vn: %w", err)
	}
	return b.build()
}

// ldcdNewBuilder loads the MasterCMS replica in directory dir of siteFiles.
func ldcdNewBuilder(dir string) (*ldcdBuilder, error) {
	b := new(ldcdBuilder)
	if err := b.load(dir, dateLayout, siteHooks{teaserOf: b.teaser, notFoundPage: b.notFound}); err != nil {
		return nil, err
	}
	if b.site.PageSize <= 0 {
		return nil, fmt.Errorf("site.json: page_size must be > 0")
	}
	for i, a := range b.arts {
		if i%3 == 1 && len(b.mostRead) < 5 {
			b.mostRead = append(b.mostRead, b.teaser(a))
		}
	}
	return b, nil
}

// build returns the current site and the redirecting former host.
func (b *ldcdBuilder) build() (site, site, error) {
	cur, err := b.buildSite("/404.html", b.homePage, b.listingPages, b.eachArticle(b.articlePage))
	if err != nil {
		return site{}, site{}, fmt.Errorf("%s: %w", b.site.Name, err)
	}
	// The withdrawn article a listing still links: the site answers 404.
	gone, err := b.notFound(b.site.BaseURL + ldcdGone)
	if err != nil {
		return site{}, site{}, err
	}
	cur.pages = append(cur.pages, gone)
	old := site{name: "laodongcongdoan.vn", hosts: b.site.OldHosts, notFound: cur.notFound}
	old.notFound.URL = b.site.OldBaseURL + "/404.html"
	old.pages = append(old.pages, robotsPage(b.site.OldBaseURL, b.site.OldRobots))
	for _, p := range cur.pages {
		if p.Kind == KindRobots || p.Kind == KindNotFound {
			continue
		}
		old.pages = append(old.pages, b.redirect(p.URL))
	}
	return cur, old, nil
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

// frame fills the parts shared by every page.
func (b *ldcdBuilder) frame(title, desc, canonical, active string) frame {
	return frame{Title: title, Description: desc, Canonical: canonical, OGType: "website",
		Base: b.site.BaseURL, Active: active, Menu: b.site.Menu, DateBar: b.dateBar(), MostRead: b.mostRead}
}

func (b *ldcdBuilder) homePage() ([]Page, error) {
	v := ldcdHomeView{frame: b.frame("Tạp chí Lao động và Công đoàn",
		"Tạp chí Lao động và Công đoàn - Cơ quan của Tổng Liên đoàn Lao động Việt Nam", b.site.BaseURL+"/", "/")}
	v.Top = b.teaser(b.arts[0])
	v.Latest = b.teasers(b.arts[1:6])
	for _, s := range b.site.Sections {
		v.Sections = append(v.Sections, homeSection{Name: s.Name, Href: s.Path, Items: b.sectionTeasers(s.Key, 4)})
	}
	p, err := b.render("home.tmpl", b.site.BaseURL+"/", KindHome, http.StatusOK, v)
	return []Page{p}, err
}

// notFound is the site's HTML error page, served with status 404.
func (b *ldcdBuilder) notFound(url string) (Page, error) {
	v := b.frame("Không tìm thấy trang", "Trang bạn tìm không tồn tại hoặc đã bị gỡ bỏ.", b.site.BaseURL+"/", "/")
	return b.render("notfound.tmpl", url, KindNotFound, http.StatusNotFound, v)
}

func (b *ldcdBuilder) articleURL(a *article) string {
	return fmt.Sprintf("%s/%s-%d.html", b.site.BaseURL, slugify(a.Title), a.ID)
}

func (b *ldcdBuilder) teaser(a *article) teaser {
	return teaser{URL: b.articleURL(a), Title: a.Title, Lead: a.Lead, Image: b.thumb(a), Date: a.Date}
}

// thumb is the first image of an article, or the site's default.
func (b *ldcdBuilder) thumb(a *article) string {
	image := func(f string) string { return mastercmsImageURL(b.site.BaseURL, a.ImgUser, a.when, f) }
	return a.thumb(image, b.site.BaseURL+"/modules/frontend/themes/default/images/no-image.png")
}

// mastercmsImageURL is a MasterCMS image URL:
// /stores/news_dataimages/<user>/<MMYYYY>/<DD>/<HH>/<file>.
func mastercmsImageURL(base, user string, t time.Time, file string) string {
	return fmt.Sprintf("%s/stores/news_dataimages/%s/%s/%s/%s/%s", base, user,
		t.Format("012006"), t.Format("02"), t.Format("15"), file)
}
