package replica

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// nldDir is the directory of the nld.com.vn replica in siteFiles; the
// dates of both layouts (p.ngayxuatban and .detail-time; the profile's
// date_format) are in dateLayout.
const nldDir = "nld"

// Layouts of nld.com.vn: the pre-2023 template (div.contentleft) and the
// current VCCorp one (.detail-cmain).
const (
	nldOld = "old"
	nldNew = "new"
)

// nldBuilder renders the pages of nld.com.vn.
type nldBuilder struct{ builder }

// buildNLD builds every page of the nld.com.vn replica.
func buildNLD() (site, error) {
	b, err := newNLDBuilder()
	if err != nil {
		return site{}, fmt.Errorf("nld.com.vn: %w", err)
	}
	s, err := b.buildSite("/404.htm", b.listingPages, b.eachArticle(b.articlePage), b.printPages, b.stubPages, b.feedPages)
	if err != nil {
		return site{}, fmt.Errorf("nld.com.vn: %w", err)
	}
	return s, nil
}

func newNLDBuilder() (*nldBuilder, error) {
	b := new(nldBuilder)
	if err := b.load(nldDir, dateLayout, siteHooks{teaserOf: b.articleTeaser, stubTeaserOf: b.stubTeaser, notFoundPage: b.notFound}); err != nil {
		return nil, err
	}
	for _, a := range b.arts {
		if err := nldCheckID(strconv.FormatInt(a.ID, 10), a.Layout, a.when); err != nil {
			return nil, fmt.Errorf("article %d: %w", a.ID, err)
		}
	}
	b.mostRead = b.teasers(b.arts[:min(4, len(b.arts))])
	for _, e := range b.site.Extras {
		b.mostRead = append(b.mostRead, b.stubTeaser(e))
	}
	return b, nil
}

// nldCheckID checks that an id encodes its publication minute the way
// the layout's CMS does: yyyyMMddHHmmssfff (17 digits, old) or
// "196" + yyMMddHHmmssfff (18 digits, new).
func nldCheckID(id, layout string, when time.Time) error {
	var want string
	switch layout {
	case nldOld:
		want = when.Format("200601021504")
	case nldNew:
		want = "196" + when.Format("0601021504")
	default:
		return fmt.Errorf("unknown layout %q", layout)
	}
	if len(id) != len(want)+5 || !strings.HasPrefix(id, want) {
		return fmt.Errorf("id does not encode %s as %s+sssfff", when.Format(dateLayout), want)
	}
	return nil
}

// nldListingPaths are the site paths of the n pages of a listing. The new
// layout's "Xem thêm" pages are /<category>/trang-<n>.htm ([G]uess); the
// old layout loads /loadmorecategory-<catId>-<n>.htm fragments ([V]).
func nldListingPaths(sec section, n int) []string {
	return pagedHrefs(n, sec.Path, func(k int) string {
		if sec.Layout == nldOld {
			return fmt.Sprintf("/loadmorecategory-%d-%d.htm", sec.CatID, k)
		}
		return fmt.Sprintf("%s/trang-%d.htm", strings.TrimSuffix(sec.Path, ".htm"), k)
	})
}

// listingPages renders every page of every category listing.
func (b *nldBuilder) listingPages() ([]Page, error) {
	hrefs := func(sec section, pages [][]int64) []string { return nldListingPaths(sec, len(pages)) }
	return b.builder.listingPages(hrefs, func(l listingPage) (Page, error) {
		sec, url := l.Section, b.site.BaseURL+l.Hrefs[l.Index]
		v := nldListingView{Section: sec, Page: l.Index + 1, Items: l.Items, Next: l.next()}
		v.frame = b.newFrame(sec.Name, sec.Name+" - Tin tức "+strings.ToLower(sec.Name)+" mới nhất | Báo Người Lao Động", url, sec.Path)
		name := sec.Layout + "_listing.tmpl"
		if sec.Layout == nldOld && l.Index > 0 {
			name = "loadmore.tmpl"
		}
		return b.render(name, url, KindListing, http.StatusOK, v)
	})
}

// stubPages renders the video page (it matches the article URL pattern
// but holds no article) and the 404 answer of the removed article.
func (b *nldBuilder) stubPages() ([]Page, error) {
	return b.builder.stubPages(func(s stub, t teaser) (Page, error) {
		sec, err := b.section(s.Section)
		if err != nil {
			return Page{}, fmt.Errorf("stub %d: %w", s.ID, err)
		}
		v := nldStubView{frame: b.newFrame(s.Title, s.Lead, t.Abs, "/video.htm"), Headline: s.Title,
			Lead: s.Lead, Date: s.Date, Section: sec,
			Video: "https://nld-vod.mediacdn.vn/291774122806476800/2025/11/1/" + s.Slug + ".mp4"}
		v.OGType = "video.other"
		return b.render("video.tmpl", t.Abs, KindNonArticle, http.StatusOK, v)
	})
}

// notFound is the site's HTML error page, served with status 404.
func (b *nldBuilder) notFound(url string) (Page, error) {
	v := nldStubView{frame: b.newFrame("Không tìm thấy trang", "Trang bạn tìm không tồn tại hoặc đã bị gỡ bỏ.", b.site.BaseURL+"/", "/")}
	return b.render("notfound.tmpl", url, KindNotFound, http.StatusNotFound, v)
}

// printPages renders /Print.aspx?NewsID=<id> of every article: a bare
// printable copy that is not an article URL.
func (b *nldBuilder) printPages() ([]Page, error) {
	var out []Page
	for _, a := range b.arts {
		v := nldPrintView{Headline: a.Title, Lead: a.Lead, Date: a.when.Format("15:04 02/01/2006"),
			Author: a.Author, Paras: truthOf(a, "").Paragraphs, Source: b.articleTeaser(a).Abs, Base: b.site.BaseURL}
		p, err := b.render("print.tmpl", b.site.BaseURL+nldPrintPath(a), kindPrint, http.StatusOK, v)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// nldPrintPath is the site path of an article's printable copy.
func nldPrintPath(a *article) string {
	return "/Print.aspx?NewsID=" + strconv.FormatInt(a.ID, 10)
}
