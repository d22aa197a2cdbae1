package replica

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"
)

// laoDir is the directory of the laodong.vn replica in siteFiles; the
// dates of its data files are in dateLayout, as the 2019 layout's
// `.time time` element shows them.
const laoDir = "laodong"

// laoBuilder renders the pages of laodong.vn.
type laoBuilder struct{ builder }

// buildLaodong builds every page of the laodong.vn replica. Its HTTP
// handler is wrapped in the D1N cookie wall (see laoWall).
func buildLaodong() (site, error) {
	b, err := newLaoBuilder()
	if err != nil {
		return site{}, fmt.Errorf("laodong.vn: %w", err)
	}
	s, err := b.buildSite("/404", b.homePage, b.listingPages, b.eachArticle(b.articlePage), b.stubPages, b.feedPages)
	if err != nil {
		return site{}, fmt.Errorf("laodong.vn: %w", err)
	}
	s.wrap = laoWall
	return s, nil
}

func newLaoBuilder() (*laoBuilder, error) {
	b := new(laoBuilder)
	if err := b.load(laoDir, dateLayout, siteHooks{teaserOf: b.teaser, stubTeaserOf: b.stubTeaser, notFoundPage: b.notFound}); err != nil {
		return nil, err
	}
	for _, a := range b.arts {
		if err := laoCheck(a); err != nil {
			return nil, err
		}
	}
	for _, x := range b.site.Extras {
		b.mostRead = append(b.mostRead, b.stubTeaser(x))
	}
	return b, nil
}

// laoCheck checks the extension and the layout of an article; the
// extension defaults to "ldo".
func laoCheck(a *article) error {
	switch a.Ext {
	case "":
		a.Ext = "ldo"
	case "ldo", "bld":
	default:
		return fmt.Errorf("article %d: unknown extension %q", a.ID, a.Ext)
	}
	if a.Layout != "" && a.Layout != "2019" {
		return fmt.Errorf("article %d: unknown layout %q", a.ID, a.Layout)
	}
	return nil
}

// newFrame fills the parts shared by every page.
func (b *laoBuilder) newFrame(title, desc, canonical, active string) frame {
	website := fmt.Sprintf(`{"name":"Lao Động Online | LAODONG.VN","url":%q,"@context":"https://schema.org/","@type":"WebSite"}`,
		b.site.BaseURL+"/")
	return frame{
		Title: title, Description: desc, Canonical: canonical, OGType: "website", OGTitle: title,
		OGImage:  "https://laodong.vn/img/ldo_red.png",
		Keywords: "Lao Động, Báo Lao Động, người lao động, công đoàn, tin tức, tin tức 24h",
		AmpURL:   strings.Replace(canonical, "https://laodong.vn", "https://amp.laodong.vn", 1),
		Base:     b.site.BaseURL, Active: active, Menu: b.site.Menu, DateBar: b.dateBar(),
		MostRead: b.mostRead, LDJSON: []template.JS{template.JS(website)},
	}
}

func (b *laoBuilder) homePage() ([]Page, error) {
	v := laoHomeView{frame: b.newFrame("Lao Động Online | LAODONG.VN - Tin tức mới nhất 24h",
		"Báo LAO ĐỘNG điện tử - LAODONG.VN cung cấp tin tức 24h thời sự, chính trị, kinh tế, văn hóa, xã hội, công đoàn, người lao động nhanh nhất và tin cậy nhất",
		b.site.BaseURL+"/", "/")}
	if len(b.arts) > 0 {
		v.Cover = b.teaser(b.arts[0])
		v.Top = b.teasers(b.arts[1:min(4, len(b.arts))])
		v.Union = b.teasers(b.arts[:min(5, len(b.arts))])
	}
	for _, s := range b.site.Sections {
		if s.Parent != "" {
			v.UnionSub = append(v.UnionSub, link{Name: s.Name, Href: b.site.BaseURL + s.Path})
		}
	}
	p, err := b.render("home.tmpl", b.site.BaseURL+"/", KindHome, http.StatusOK, v)
	return []Page{p}, err
}

// listingPages renders every ?page=N of every category listing [V]; the
// pager links are absolute and shown only when there are two pages or more.
func (b *laoBuilder) listingPages() ([]Page, error) {
	hrefs := func(sec section, pages [][]int64) []string {
		return pagedHrefs(len(pages), b.site.BaseURL+sec.Path, func(k int) string {
			return fmt.Sprintf("%s%s?page=%d", b.site.BaseURL, sec.Path, k)
		})
	}
	return b.builder.listingPages(hrefs, func(l listingPage) (Page, error) {
		sec, url := l.Section, l.Hrefs[l.Index]
		title := sec.Name
		if l.Index > 0 {
			title = fmt.Sprintf("%s - Trang %d", sec.Name, l.Index+1)
		}
		v := laoListingView{frame: b.newFrame(title+" | Báo Lao Động", "Tin tức "+sec.Name+" mới nhất trên Báo Lao Động điện tử.", url, b.activePath(sec)),
			Crumbs: b.crumbs(sec), Name: sec.Name, Items: l.Items}
		if l.Index == 0 && len(v.Items) > 0 {
			// The newest story is the cover: article.cover a.article-title
			// above the list (shared/docs/sites.md §2, listing markup [V]).
			v.Cover, v.Items = &v.Items[0], v.Items[1:]
		}
		if len(l.Hrefs) > 1 {
			for _, pl := range l.pager() {
				v.Pager = append(v.Pager, link{Name: pl.Label, Href: pl.Href, Active: pl.Current})
			}
		}
		return b.render("listing.tmpl", url, KindListing, http.StatusOK, v)
	})
}

// sectionPath is the path and name of a category; keys outside sections
// (video, xa-hoi ...) live at /<key>/.
func (b *laoBuilder) sectionPath(key string) (string, string) {
	if s, err := b.section(key); err == nil {
		return s.Path, s.Name
	}
	for _, m := range b.site.Menu {
		for _, e := range append([]menuItem{m}, m.Subs...) {
			if e.Path == "/"+key+"/" {
				return e.Path, e.Name
			}
		}
	}
	return "/" + key + "/", key
}

// activePath is the top-menu entry a category belongs to.
func (b *laoBuilder) activePath(sec section) string {
	if sec.Parent != "" {
		p, _ := b.sectionPath(sec.Parent)
		return p
	}
	return sec.Path
}

// crumbs is the breadcrumb of a category: its parent, then itself.
func (b *laoBuilder) crumbs(sec section) []link {
	var out []link
	if sec.Parent != "" {
		p, name := b.sectionPath(sec.Parent)
		out = append(out, link{Name: name, Href: b.site.BaseURL + p})
	}
	return append(out, link{Name: sec.Name, Href: b.site.BaseURL + sec.Path})
}
