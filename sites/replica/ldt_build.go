package replica

import (
	"fmt"
	"net/http"
	"strings"
)

// ldtDir is the directory of the laodongthudo.vn replica in siteFiles.
const ldtDir = "laodongthudo"

// ldtAdAfter is the number of body paragraphs before the in-article banner.
const ldtAdAfter = 3

// ldtBuilder renders the pages of laodongthudo.vn.
type ldtBuilder struct{ builder }

// buildLaodongthudo builds every page of the laodongthudo.vn replica.
func buildLaodongthudo() (site, error) {
	b, err := newLDTBuilder()
	if err != nil {
		return site{}, fmt.Errorf("laodongthudo.vn: %w", err)
	}
	s, err := b.buildSite("/404", b.homePage, b.listingPages, b.eachArticle(b.articlePage), b.stubPages)
	if err != nil {
		return site{}, fmt.Errorf("laodongthudo.vn: %w", err)
	}
	return s, nil
}

// newLDTBuilder loads the data and templates of laodongthudo.vn.
func newLDTBuilder() (*ldtBuilder, error) {
	b := new(ldtBuilder)
	return b, b.load(ldtDir, dateLayout, siteHooks{teaserOf: b.articleTeaser, stubTeaserOf: b.stubTeaser, notFoundPage: b.notFound})
}

// newFrame fills the parts shared by every page.
func (b *ldtBuilder) newFrame(title, desc, canonical, active string) frame {
	return frame{
		Charset: "utf-8", Title: title + " | Báo Lao động Thủ đô", Description: desc,
		Keywords: "Lao động Thủ đô, công đoàn, đoàn viên, người lao động, Hà Nội",
		OGTitle:  title, OGType: "website", Canonical: canonical, Base: b.site.BaseURL,
		Active: active, Menu: b.site.Menu, DateBar: b.dateBar(),
		MostRead: b.mostRead, ShouldSee: b.extras(0, 3),
	}
}

func (b *ldtBuilder) homePage() ([]Page, error) {
	v := homeView{frame: b.newFrame("Tin tức Công đoàn, Lao động, Việc làm Hà Nội",
		"Báo Lao động Thủ đô - Cơ quan của Liên đoàn Lao động thành phố Hà Nội. Tin tức công đoàn, lao động, việc làm, đời sống công nhân Thủ đô.",
		b.site.BaseURL+"/", "/")}
	v.Title = "Báo Lao động Thủ đô - Tin tức Công đoàn, Lao động, Việc làm Hà Nội"
	if len(b.arts) > 0 {
		v.Lead = b.articleTeaser(b.arts[0])
		v.Top = b.teasers(b.arts[1:min(5, len(b.arts))])
	}
	for _, s := range b.site.Sections {
		v.Sections = append(v.Sections, homeSection{Name: s.Name, Href: s.Path, Items: b.sectionTeasers(s.Key, 4)})
	}
	p, err := b.render("home.tmpl", b.site.BaseURL+"/", KindHome, http.StatusOK, v)
	return []Page{p}, err
}

// listingPages renders every page of every section listing. Page n > 1
// lives at <path>&s_cond=&BRSR=<offset> — [I] inferred: MasterCMS offset
// pagination as verified on laodongcongdoan.vn, not seen on laodongthudo.vn.
// The pager links are relative, as on the site.
func (b *ldtBuilder) listingPages() ([]Page, error) {
	hrefs := func(sec section, pages [][]int64) []string {
		out, off := make([]string, len(pages)), 0
		for i, ids := range pages {
			out[i] = brsrPath(sec.Path, off)
			off += len(ids)
		}
		return out
	}
	return b.builder.listingPages(hrefs, func(l listingPage) (Page, error) {
		sec, url := l.Section, b.site.BaseURL+l.Hrefs[l.Index]
		v := ldtListingView{frame: b.newFrame(sec.Name, sec.Name+" - "+sec.Parent+" - Báo Lao động Thủ đô", url, sec.ParentPath),
			Crumbs: b.crumbs(sec), Section: sec.Name, Items: l.Items, Pager: l.pager(), Prev: l.prev(), Next: l.next()}
		return b.render("listing.tmpl", url, KindListing, http.StatusOK, v)
	})
}

func (b *ldtBuilder) articlePage(i int) (Page, error) {
	a, sec, err := b.articleAt(i)
	if err != nil {
		return Page{}, err
	}
	url := b.articleURL(a)
	blocks, err := blockViews(a, blockStyle{adAfter: ldtAdAfter, image: func(bl block, _ int) blockView {
		return blockView{Kind: "img", Src: b.imageURL(a.ImgUser, a.imgWhen, bl.Img), Caption: bl.Caption}
	}})
	if err != nil {
		return Page{}, fmt.Errorf("article %d: %w", a.ID, err)
	}
	v := ldtArticleView{
		frame: b.newFrame(a.Title, a.Lead, url, sec.ParentPath), articleHead: headOf(a, url),
		Section: sec.Name, Crumbs: b.crumbs(sec),
		Related: b.others(i, 1, 2+int(a.ID%2), a.Section), Blocks: blocks, Tags: b.tags(a),
		Interest: b.others(i, 4, 3, ""), Others: b.others(i, 1, 4, a.Section), More: sec.Path,
	}
	v.OGType, v.OGImage = "article", b.thumb(a)
	v.Keywords = strings.Join(a.Tags, ", ")
	v.ShouldSee = b.extras(i, 3)
	if i+1 < len(b.arts) {
		prev := b.articleTeaser(b.arts[i+1])
		v.Prev = &prev
	}
	var p Page
	if a.Charset == "" || a.Charset == "utf-8" {
		p, err = b.render("article.tmpl", url, KindArticle, http.StatusOK, v)
	} else {
		p, err = b.renderLegacy(a.Charset, url, v)
	}
	p.Truth = truthOf(a, sec.Name)
	return p, err
}

// renderLegacy renders an article in a legacy charset: the <meta charset>,
// the Content-Type and the bytes all say the same charset.
func (b *ldtBuilder) renderLegacy(charset, url string, v ldtArticleView) (Page, error) {
	if charset != "windows-1258" {
		return Page{}, fmt.Errorf("article %s: unsupported charset %q", url, charset)
	}
	v.Charset = charset
	p, err := b.render("article.tmpl", url, KindArticle, http.StatusOK, v)
	if err != nil {
		return Page{}, err
	}
	if p.Body, err = encodeWindows1258(string(p.Body)); err != nil {
		return Page{}, fmt.Errorf("article %s: %w", url, err)
	}
	p.ContentType = "text/html; charset=" + charset
	return p, nil
}

// stubPages renders the non-article pages (a video page matching the
// article URL pattern) and the 404 answers for missing articles.
func (b *ldtBuilder) stubPages() ([]Page, error) {
	return b.builder.stubPages(func(s stub, t teaser) (Page, error) {
		sec, err := b.section(s.Section)
		if err != nil {
			return Page{}, fmt.Errorf("stub %d: %w", s.ID, err)
		}
		v := ldtStubView{frame: b.newFrame(s.Title, s.Lead, t.URL, "/video"), Headline: s.Title,
			Lead: s.Lead, Date: s.Date, Video: b.site.BaseURL + "/stores/video_data/" + s.Slug + ".mp4",
			Crumbs: []link{{Name: "Video", Href: "/video"}, {Name: sec.Name, Href: b.site.BaseURL + sec.Path}}}
		v.OGType, v.OGImage = "video.other", t.Image
		return b.render("video.tmpl", t.URL, KindNonArticle, http.StatusOK, v)
	})
}

// notFound is the site's HTML error page, served with status 404.
func (b *ldtBuilder) notFound(url string) (Page, error) {
	v := ldtStubView{frame: b.newFrame("Không tìm thấy trang", "Trang bạn tìm không tồn tại hoặc đã bị gỡ bỏ.", b.site.BaseURL+"/", "/")}
	return b.render("notfound.tmpl", url, KindNotFound, http.StatusNotFound, v)
}
