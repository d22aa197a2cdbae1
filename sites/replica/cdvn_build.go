package replica

import (
	"fmt"
	"net/http"
	"strings"
)

// cdvnDir is the directory of the congdoan.vn replica in siteFiles. Only
// the domain is verified (shared/docs/sites.md §6); the .tld URL scheme is
// an unverified recollection [G] and the page layout a guess [G].
const cdvnDir = "congdoanvn"

// cdvnDateLayout is the date format shown on article pages (the
// profile's date_format) [G].
const cdvnDateLayout = "02/01/2006 - 15:04"

// cdvnBuilder renders the pages of congdoan.vn.
type cdvnBuilder struct{ builder }

// buildCongdoanvn builds every page of the congdoan.vn replica.
func buildCongdoanvn() (site, error) {
	b := new(cdvnBuilder)
	if err := b.load(cdvnDir, cdvnDateLayout, siteHooks{teaserOf: b.teaser, notFoundPage: b.notFound}); err != nil {
		return site{}, fmt.Errorf("congdoan.vn: %w", err)
	}
	out, err := b.buildSite("/404.tld", b.sitemap, b.homePage, b.listingPages, b.eachArticle(b.articlePage), b.missingPages)
	if err != nil {
		return site{}, fmt.Errorf("congdoan.vn: %w", err)
	}
	return out, nil
}

// sitemap renders /sitemap.xml: every served article, newest first.
func (b *cdvnBuilder) sitemap() ([]Page, error) {
	set := urlSet{NS: nsSitemap}
	for _, a := range b.arts {
		set.URLs = append(set.URLs, sitemapURL{Loc: b.articleURL(a), LastMod: isoTime(a.when),
			ChangeFreq: "daily", Priority: "0.8"})
	}
	p, err := xmlPage(b.site.BaseURL+"/sitemap.xml", kindSitemap, "application/xml; charset=utf-8", set)
	return []Page{p}, err
}

// frame fills the parts shared by every page.
func (b *cdvnBuilder) frame(title, desc, canonical, active string) frame {
	return frame{
		Title: title + " | Tổng Liên đoàn Lao động Việt Nam", Description: desc,
		Keywords: "Tổng Liên đoàn Lao động Việt Nam, công đoàn, đoàn viên, người lao động, công nhân",
		OGTitle:  title, OGType: "website", Canonical: canonical, Base: b.site.BaseURL,
		Active: active, Menu: b.site.Menu, MostRead: b.mostRead,
		DateBar: vietWeekday(b.today) + ", ngày " + b.today.Format(dayLayout),
	}
}

func (b *cdvnBuilder) homePage() ([]Page, error) {
	v := portalListingView{frame: b.frame("Cổng thông tin điện tử Tổng Liên đoàn Lao động Việt Nam",
		"Cổng thông tin điện tử Tổng Liên đoàn Lao động Việt Nam - tin tức hoạt động công đoàn, chính sách pháp luật lao động.",
		b.site.BaseURL+"/", "/"), Items: b.teasers(b.arts)}
	p, err := b.render("home.tmpl", b.site.BaseURL+"/", KindHome, http.StatusOK, v)
	return []Page{p}, err
}

// listingPages renders the category listing: page n > 1 at
// <path>?page=<n> [G].
func (b *cdvnBuilder) listingPages() ([]Page, error) {
	hrefs := func(sec section, pages [][]int64) []string {
		p := b.sectionPath(sec)
		return pagedHrefs(len(pages), p, func(k int) string { return fmt.Sprintf("%s?page=%d", p, k) })
	}
	return b.builder.listingPages(hrefs, func(l listingPage) (Page, error) {
		sec, url := l.Section, b.site.BaseURL+l.Hrefs[l.Index]
		v := portalListingView{frame: b.frame(sec.Name, sec.Name+" - Tổng Liên đoàn Lao động Việt Nam", url, b.sectionPath(sec)),
			Section: sec, SectionURL: b.site.BaseURL + b.sectionPath(sec), Items: l.Items, Pager: l.pager(), Next: l.next()}
		return b.render("listing.tmpl", url, KindListing, http.StatusOK, v)
	})
}

func (b *cdvnBuilder) articlePage(i int) (Page, error) {
	a, sec, err := b.articleAt(i)
	if err != nil {
		return Page{}, err
	}
	blocks, err := blockViews(a, blockStyle{
		image: func(bl block, _ int) blockView {
			return blockView{Kind: "img", Src: b.imageURL(a, bl.Img), Caption: bl.Caption, Alt: a.Title}
		},
		related: b.relatedBox(i)})
	if err != nil {
		return Page{}, fmt.Errorf("article %d: %w", a.ID, err)
	}
	url := b.articleURL(a)
	v := portalArticleView{frame: b.frame(a.Title, a.Lead, url, b.sectionPath(sec)), articleHead: headOf(a, url),
		Section:    sec,
		SectionURL: b.site.BaseURL + b.sectionPath(sec), Blocks: blocks, Tags: b.tags(a),
		Same: b.others(i, 1, 4, ""), Views: 900 + a.ID%1000}
	v.DateText = vietWeekday(a.when) + ", " + a.Date
	v.OGType, v.OGImage, v.Keywords = "article", b.thumb(a), strings.Join(a.Tags, ", ")
	p, err := b.render("article.tmpl", url, KindArticle, http.StatusOK, v)
	p.Truth = truthOf(a, sec.Name)
	return p, err
}

// notFound is the site's HTML error page, served with status 404.
func (b *cdvnBuilder) notFound(url string) (Page, error) {
	v := portalListingView{frame: b.frame("Không tìm thấy trang", "Trang bạn truy cập không tồn tại.", b.site.BaseURL+"/", "/")}
	return b.render("notfound.tmpl", url, KindNotFound, http.StatusNotFound, v)
}

// sectionPath is a category's listing path: /tin-tuc/<key>-<catid>.tld [G].
func (b *cdvnBuilder) sectionPath(s section) string {
	return fmt.Sprintf("/tin-tuc/%s-%d.tld", s.Key, s.CatID)
}

// articleURL is the real URL of an article:
// /tin-tuc/<cat>-<catid>/<slug>-<id>.tld [G, unverified recollection].
func (b *cdvnBuilder) articleURL(a *article) string {
	sec, err := b.section(a.Section)
	if err != nil {
		sec = section{Key: "tin-tuc", CatID: 1}
	}
	return fmt.Sprintf("%s/tin-tuc/%s-%d/%s-%d.tld", b.site.BaseURL, sec.Key, sec.CatID, slugify(a.Title), a.ID)
}

// imageURL is the upload path of an image: /Uploads/images/tin-tuc/YYYY/MM/<file>.
func (b *cdvnBuilder) imageURL(a *article, file string) string {
	return fmt.Sprintf("%s/Uploads/images/tin-tuc/%s/%s", b.site.BaseURL, a.when.Format("2006/01"), file)
}

// thumb is an article's first image or the portal's placeholder.
func (b *cdvnBuilder) thumb(a *article) string {
	return a.thumb(func(f string) string { return b.imageURL(a, f) }, b.site.BaseURL+"/Content/images/no-image.jpg")
}

func (b *cdvnBuilder) teaser(a *article) teaser {
	return teaser{URL: b.articleURL(a), Title: a.Title, Lead: a.Lead, Image: b.thumb(a), Date: a.Date}
}

// tags links the tags of an article to /tag/<slug>.tld.
func (b *cdvnBuilder) tags(a *article) []link {
	var out []link
	for _, t := range a.Tags {
		out = append(out, link{Name: t, Href: b.site.BaseURL + "/tag/" + slugify(t) + ".tld"})
	}
	return out
}
