package replica

import (
	"fmt"
	"net/http"
	"strings"
)

// cdytDir is the directory of the congdoanytevn.org.vn replica in
// siteFiles. Its whole layout is a guess [G] (shared/docs/sites.md §5
// knows only the domain); see the profile's "guessed" list. Its dates are
// in dateLayout; seed 000 shows "09/01/2021 13:29".
const cdytDir = "congdoanyte"

// cdytBuilder renders the pages of congdoanytevn.org.vn.
type cdytBuilder struct{ builder }

// buildCongdoanyte builds every page of the congdoanytevn.org.vn replica.
func buildCongdoanyte() (site, error) {
	b := new(cdytBuilder)
	if err := b.load(cdytDir, dateLayout, siteHooks{teaserOf: b.teaser, notFoundPage: b.notFound}); err != nil {
		return site{}, fmt.Errorf("congdoanytevn.org.vn: %w", err)
	}
	out, err := b.buildSite("/404.html", b.homePage, b.listingPages, b.eachArticle(b.articlePage), b.missingPages)
	if err != nil {
		return site{}, fmt.Errorf("congdoanytevn.org.vn: %w", err)
	}
	return out, nil
}

// frame fills the parts shared by every page.
func (b *cdytBuilder) frame(title, desc, canonical, active string) frame {
	return frame{
		Title: title + " - Công đoàn Y tế Việt Nam", Description: desc,
		Keywords: "Công đoàn Y tế Việt Nam, công đoàn ngành Y tế, đoàn viên, y bác sĩ, người lao động",
		OGTitle:  title, OGType: "website", Canonical: canonical, Base: b.site.BaseURL,
		Active: active, Menu: b.site.Menu, DateBar: b.dateBar(), MostRead: b.mostRead,
	}
}

func (b *cdytBuilder) homePage() ([]Page, error) {
	v := portalListingView{frame: b.frame("Trang chủ",
		"Cổng thông tin điện tử Công đoàn Y tế Việt Nam - tin tức hoạt động công đoàn, chính sách, đời sống đoàn viên ngành Y tế.",
		b.site.BaseURL+"/", "/"), Items: b.teasers(b.arts)}
	v.Title = "Công đoàn Y tế Việt Nam"
	p, err := b.render("home.tmpl", b.site.BaseURL+"/", KindHome, http.StatusOK, v)
	return []Page{p}, err
}

// listingPages renders the section listing: page 1 at the section path,
// page n at <path>/trang-<n> [G].
func (b *cdytBuilder) listingPages() ([]Page, error) {
	hrefs := func(sec section, pages [][]int64) []string {
		return pagedHrefs(len(pages), sec.Path, func(k int) string { return fmt.Sprintf("%s/trang-%d", sec.Path, k) })
	}
	return b.builder.listingPages(hrefs, func(l listingPage) (Page, error) {
		sec, url := l.Section, b.site.BaseURL+l.Hrefs[l.Index]
		v := portalListingView{frame: b.frame(sec.Name, sec.Name+" - Công đoàn Y tế Việt Nam", url, sec.Path),
			Section: sec, Items: l.Items, Pager: l.pager(), Prev: l.prev(), Next: l.next()}
		return b.render("listing.tmpl", url, KindListing, http.StatusOK, v)
	})
}

func (b *cdytBuilder) articlePage(i int) (Page, error) {
	a, sec, err := b.articleAt(i)
	if err != nil {
		return Page{}, err
	}
	blocks, err := blockViews(a, blockStyle{
		image: func(bl block, _ int) blockView {
			return blockView{Kind: "img", Src: b.imageURL(a, bl.Img), Caption: bl.Caption}
		},
		related: b.relatedBox(i)})
	if err != nil {
		return Page{}, fmt.Errorf("article %d: %w", a.ID, err)
	}
	url := b.articleURL(a)
	v := portalArticleView{frame: b.frame(a.Title, a.Lead, url, sec.Path), articleHead: headOf(a, url),
		Section: sec,
		Cover:   a.Cover, Blocks: blocks, Tags: b.tags(a), Same: b.others(i, 1, 4, "")}
	v.DateText = vietWeekday(a.when) + ", " + a.Date
	v.OGType, v.OGImage, v.Keywords = "article", b.thumb(a), strings.Join(a.Tags, ", ")
	name := "article.tmpl"
	if a.Emagazine {
		name = "emagazine.tmpl"
	}
	p, err := b.render(name, url, KindArticle, http.StatusOK, v)
	p.Truth = truthOf(a, sec.Name)
	return p, err
}

// notFound is the site's HTML error page, served with status 404.
func (b *cdytBuilder) notFound(url string) (Page, error) {
	v := portalListingView{frame: b.frame("Không tìm thấy trang", "Trang bạn tìm không tồn tại hoặc đã bị gỡ bỏ.", b.site.BaseURL+"/", "/")}
	return b.render("notfound.tmpl", url, KindNotFound, http.StatusNotFound, v)
}

// articleURL is the real URL of an article: <slug>-<id>.html, or .media
// for an e-magazine (the suffix laodongthudo.vn uses for e-magazines).
func (b *cdytBuilder) articleURL(a *article) string {
	ext := "html"
	if a.Emagazine {
		ext = "media"
	}
	return fmt.Sprintf("%s/%s-%d.%s", b.site.BaseURL, slugify(a.Title), a.ID, ext)
}

// imageURL is the upload path of an image: /uploads/images/YYYY/MM/DD/<file>.
func (b *cdytBuilder) imageURL(a *article, file string) string {
	return fmt.Sprintf("%s/uploads/images/%s/%s", b.site.BaseURL, a.when.Format("2006/01/02"), file)
}

// thumb is an article's first image or the theme's placeholder.
func (b *cdytBuilder) thumb(a *article) string {
	return a.thumb(func(f string) string { return b.imageURL(a, f) }, b.site.BaseURL+"/themes/cdyt/images/no-image.jpg")
}

func (b *cdytBuilder) teaser(a *article) teaser {
	return teaser{URL: b.articleURL(a), Title: a.Title, Lead: a.Lead, Image: b.thumb(a),
		Date: a.Date, Emagazine: a.Emagazine}
}

// tags links the tags of an article to /tags/<slug>.html.
func (b *cdytBuilder) tags(a *article) []link {
	var out []link
	for _, t := range a.Tags {
		out = append(out, link{Name: t, Href: b.site.BaseURL + "/tags/" + slugify(t) + ".html"})
	}
	return out
}
