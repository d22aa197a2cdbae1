package replica

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"
)

// nldToday is the day the replica's date bar shows.
var nldToday = time.Date(2025, 12, 13, 8, 0, 0, 0, ict)

// nldBuilder renders the pages of nld.com.vn.
type nldBuilder struct {
	site     nldSite
	arts     []*nldArticle // newest first
	byID     map[string]*nldArticle
	tmpl     *template.Template
	dateBar  string
	mostRead []nldTeaser
}

// buildNLD builds every page of the nld.com.vn replica.
func buildNLD() (site, error) {
	b, err := newNLDBuilder()
	if err != nil {
		return site{}, fmt.Errorf("nld.com.vn: %w", err)
	}
	s, err := b.build()
	if err != nil {
		return site{}, fmt.Errorf("nld.com.vn: %w", err)
	}
	return s, nil
}

func newNLDBuilder() (*nldBuilder, error) {
	s, arts, err := loadNLD()
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{"slug": slugify}
	t, err := template.New("nld").Funcs(funcs).ParseFS(nldFiles, "nld/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	b := &nldBuilder{site: s, arts: arts, tmpl: t, byID: make(map[string]*nldArticle),
		dateBar: vietWeekday(nldToday) + ", " + nldToday.Format("02/01/2006")}
	for _, a := range arts {
		b.byID[a.ID] = a
	}
	for _, a := range arts[:min(4, len(arts))] {
		b.mostRead = append(b.mostRead, b.articleTeaser(a))
	}
	for _, e := range s.Extras {
		b.mostRead = append(b.mostRead, b.stubTeaser(e))
	}
	return b, nil
}

func (b *nldBuilder) build() (site, error) {
	out := site{name: b.site.Name, hosts: b.site.Hosts}
	out.pages = append(out.pages, Page{URL: b.site.BaseURL + "/robots.txt", Status: http.StatusOK,
		ContentType: ctText, Body: []byte(b.site.Robots), Kind: KindRobots})
	steps := []func() ([]Page, error){b.listingPages, b.articlePages, b.printPages, b.stubPages, b.feedPages}
	for _, step := range steps {
		ps, err := step()
		if err != nil {
			return site{}, err
		}
		out.pages = append(out.pages, ps...)
	}
	nf, err := b.notFoundPage(b.site.BaseURL + "/404.htm")
	if err != nil {
		return site{}, err
	}
	out.notFound = nf
	return out, nil
}

// render executes a template into a page.
func (b *nldBuilder) render(name, url, kind string, status int, data any) (Page, error) {
	var buf bytes.Buffer
	if err := b.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return Page{}, fmt.Errorf("render %s for %s: %w", name, url, err)
	}
	return Page{URL: url, Status: status, ContentType: ctHTML, Body: buf.Bytes(), Kind: kind}, nil
}

// nldListingPaths are the site paths of the n pages of a listing. The new
// layout's "Xem thêm" pages are /<category>/trang-<n>.htm ([G]uess); the
// old layout loads /loadmorecategory-<catId>-<n>.htm fragments ([V]).
func nldListingPaths(sec nldSection, n int) []string {
	out := []string{sec.Path}
	for i := 2; i <= n; i++ {
		if sec.Layout == nldOld {
			out = append(out, fmt.Sprintf("/loadmorecategory-%d-%d.htm", sec.CatID, i))
		} else {
			out = append(out, fmt.Sprintf("%s/trang-%d.htm", strings.TrimSuffix(sec.Path, ".htm"), i))
		}
	}
	return out
}

// listingPages renders every page of every category listing.
func (b *nldBuilder) listingPages() ([]Page, error) {
	var out []Page
	for _, l := range b.site.Listings {
		sec, err := b.section(l.Section)
		if err != nil {
			return nil, err
		}
		paths := nldListingPaths(sec, len(l.Pages))
		for i, ids := range l.Pages {
			v := nldListingView{Section: sec, Page: i + 1}
			url := b.site.BaseURL + paths[i]
			v.nldFrame = b.newFrame(sec.Name, sec.Name+" - Tin tức "+strings.ToLower(sec.Name)+" mới nhất | Báo Người Lao Động", url, sec.Path)
			if i+1 < len(paths) {
				v.Next = paths[i+1]
			}
			for _, id := range ids {
				t, err := b.teaserByID(id)
				if err != nil {
					return nil, fmt.Errorf("listing %s: %w", url, err)
				}
				v.Items = append(v.Items, t)
			}
			name := sec.Layout + "_listing.tmpl"
			if sec.Layout == nldOld && i > 0 {
				name = "loadmore.tmpl"
			}
			p, err := b.render(name, url, KindListing, http.StatusOK, v)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// stubPages renders the video page (it matches the article URL pattern
// but holds no article) and the 404 answer of the removed article.
func (b *nldBuilder) stubPages() ([]Page, error) {
	var out []Page
	for _, s := range b.site.Stubs {
		t := b.stubTeaser(s)
		var p Page
		var err error
		switch s.Kind {
		case "video":
			sec, serr := b.section(s.Section)
			if serr != nil {
				return nil, fmt.Errorf("stub %s: %w", s.ID, serr)
			}
			v := nldStubView{nldFrame: b.newFrame(s.Title, s.Lead, t.Abs, "/video.htm"), Headline: s.Title,
				Lead: s.Lead, Date: s.Date, Section: sec,
				Video: "https://nld-vod.mediacdn.vn/291774122806476800/2025/11/1/" + s.Slug + ".mp4"}
			v.OGType = "video.other"
			p, err = b.render("video.tmpl", t.Abs, KindNonArticle, http.StatusOK, v)
		case "missing":
			p, err = b.notFoundPage(t.Abs)
		default:
			err = fmt.Errorf("stub %s: unknown kind %q", s.ID, s.Kind)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// notFoundPage is the site's HTML error page, served with status 404.
func (b *nldBuilder) notFoundPage(url string) (Page, error) {
	v := nldStubView{nldFrame: b.newFrame("Không tìm thấy trang", "Trang bạn tìm không tồn tại hoặc đã bị gỡ bỏ.", b.site.BaseURL+"/", "/")}
	return b.render("notfound.tmpl", url, KindNotFound, http.StatusNotFound, v)
}
