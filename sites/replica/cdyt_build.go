package replica

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"
)

// cdytBuilder renders the pages of congdoanytevn.org.vn.
type cdytBuilder struct {
	site     cdytSite
	arts     []*cdytArticle // newest first
	tmpl     *template.Template
	dateBar  string
	mostRead []cdytTeaser
}

// buildCongdoanyte builds every page of the congdoanytevn.org.vn replica.
func buildCongdoanyte() (site, error) {
	s, arts, err := loadCDYT()
	if err != nil {
		return site{}, fmt.Errorf("congdoanytevn.org.vn: %w", err)
	}
	funcs := template.FuncMap{"inc": func(i int) int { return i + 1 }}
	t, err := template.New("congdoanyte").Funcs(funcs).ParseFS(cdytFiles, "congdoanyte/*.tmpl")
	if err != nil {
		return site{}, fmt.Errorf("congdoanytevn.org.vn: templates: %w", err)
	}
	today, err := time.ParseInLocation("02/01/2006", s.Today, ict)
	if err != nil {
		return site{}, fmt.Errorf("congdoanytevn.org.vn: today: %w", err)
	}
	b := &cdytBuilder{site: s, arts: arts, tmpl: t, dateBar: vietWeekday(today) + ", " + today.Format("02/01/2006")}
	for _, id := range s.MostRead {
		a, ok := b.byID(id)
		if !ok {
			return site{}, fmt.Errorf("congdoanytevn.org.vn: most read: no article %d", id)
		}
		b.mostRead = append(b.mostRead, b.teaser(a))
	}
	out, err := b.build()
	if err != nil {
		return site{}, fmt.Errorf("congdoanytevn.org.vn: %w", err)
	}
	return out, nil
}

func (b *cdytBuilder) build() (site, error) {
	out := site{name: b.site.Name, hosts: b.site.Hosts}
	out.pages = append(out.pages, Page{URL: b.site.BaseURL + "/robots.txt", Status: http.StatusOK,
		ContentType: ctText, Body: []byte(b.site.Robots), Kind: KindRobots})
	for _, step := range []func() ([]Page, error){b.homePage, b.listingPages, b.articlePages, b.missingPages} {
		ps, err := step()
		if err != nil {
			return site{}, err
		}
		out.pages = append(out.pages, ps...)
	}
	nf, err := b.notFoundPage(b.site.BaseURL + "/404.html")
	if err != nil {
		return site{}, err
	}
	out.notFound = nf
	return out, nil
}

// render executes a template into an HTML page.
func (b *cdytBuilder) render(name, url, kind string, status int, data any) (Page, error) {
	var buf bytes.Buffer
	if err := b.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return Page{}, fmt.Errorf("render %s for %s: %w", name, url, err)
	}
	return Page{URL: url, Status: status, ContentType: ctHTML, Body: buf.Bytes(), Kind: kind}, nil
}

func (b *cdytBuilder) homePage() ([]Page, error) {
	v := cdytListingView{cdytFrame: b.frame("Trang chủ",
		"Cổng thông tin điện tử Công đoàn Y tế Việt Nam - tin tức hoạt động công đoàn, chính sách, đời sống đoàn viên ngành Y tế.",
		b.site.BaseURL+"/", "/")}
	v.Title = "Công đoàn Y tế Việt Nam"
	for _, a := range b.arts {
		v.Items = append(v.Items, b.teaser(a))
	}
	p, err := b.render("home.tmpl", b.site.BaseURL+"/", KindHome, http.StatusOK, v)
	return []Page{p}, err
}

// listingPages renders the section listing: page 1 at the section path,
// page n at <path>/trang-<n> [G].
func (b *cdytBuilder) listingPages() ([]Page, error) {
	sec, err := b.section(b.site.Listing.Section)
	if err != nil {
		return nil, err
	}
	n := len(b.site.Listing.Pages)
	urls := make([]string, n)
	for i := range urls {
		urls[i] = sec.Path
		if i > 0 {
			urls[i] = fmt.Sprintf("%s/trang-%d", sec.Path, i+1)
		}
	}
	var out []Page
	for i, ids := range b.site.Listing.Pages {
		url := b.site.BaseURL + urls[i]
		v := cdytListingView{cdytFrame: b.frame(sec.Name, sec.Name+" - Công đoàn Y tế Việt Nam", url, sec.Path), Section: sec}
		for _, id := range ids {
			a, ok := b.byID(id)
			if !ok {
				return nil, fmt.Errorf("listing %s: no article %d", url, id)
			}
			v.Items = append(v.Items, b.teaser(a))
		}
		for k, u := range urls {
			v.Pager = append(v.Pager, cdytPageLink{Label: fmt.Sprint(k + 1), Href: u, Current: k == i})
		}
		if i > 0 {
			v.Prev = urls[i-1]
		}
		if i+1 < n {
			v.Next = urls[i+1]
		}
		p, err := b.render("listing.tmpl", url, KindListing, http.StatusOK, v)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func (b *cdytBuilder) articlePages() ([]Page, error) {
	var out []Page
	for i, a := range b.arts {
		sec, err := b.section(a.Section)
		if err != nil {
			return nil, fmt.Errorf("article %d: %w", a.ID, err)
		}
		url := b.articleURL(a)
		v := cdytArticleView{cdytFrame: b.frame(a.Title, a.Lead, url, sec.Path),
			ID: a.ID, URL: url, Headline: a.Title, Lead: a.Lead, Date: a.Date,
			DateText: vietWeekday(a.when) + ", " + a.Date, Author: a.Author, Section: sec,
			Cover: a.Cover, Blocks: b.blocks(i), Tags: b.tags(a), Same: b.others(i, 1, 4)}
		v.OGType, v.OGImage, v.Keywords = "article", b.thumb(a), strings.Join(a.Tags, ", ")
		name := "article.tmpl"
		if a.Emagazine {
			name = "emagazine.tmpl"
		}
		p, err := b.render(name, url, KindArticle, http.StatusOK, v)
		if err != nil {
			return nil, err
		}
		p.Truth = cdytTruth(a, sec.Name)
		out = append(out, p)
	}
	return out, nil
}

// missingPages are the 404 answers for listed articles that are gone.
func (b *cdytBuilder) missingPages() ([]Page, error) {
	var out []Page
	for i := range b.site.Missing {
		p, err := b.notFoundPage(b.articleURL(&b.site.Missing[i]))
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// notFoundPage is the site's HTML error page, served with status 404.
func (b *cdytBuilder) notFoundPage(url string) (Page, error) {
	v := cdytListingView{cdytFrame: b.frame("Không tìm thấy trang", "Trang bạn tìm không tồn tại hoặc đã bị gỡ bỏ.", b.site.BaseURL+"/", "/")}
	return b.render("notfound.tmpl", url, KindNotFound, http.StatusNotFound, v)
}

// blocks turns the body of article i into template blocks; the inline
// related box shows two other articles.
func (b *cdytBuilder) blocks(i int) []cdytBlockView {
	a := b.arts[i]
	var out []cdytBlockView
	for _, bl := range a.Body {
		switch {
		case bl.P != "":
			out = append(out, cdytBlockView{Kind: "p", Text: bl.P})
		case bl.H != "":
			out = append(out, cdytBlockView{Kind: "h", Text: bl.H})
		case bl.Img != "":
			out = append(out, cdytBlockView{Kind: "img", Src: b.imageURL(a, bl.Img), Caption: bl.Caption})
		case len(bl.UL) > 0:
			out = append(out, cdytBlockView{Kind: "ul", Items: bl.UL})
		case bl.Table != nil:
			out = append(out, cdytBlockView{Kind: "table", Table: bl.Table})
		case bl.Related:
			out = append(out, cdytBlockView{Kind: "related", Links: b.others(i, 2, 2)})
		case bl.Quote != nil:
			out = append(out, cdytBlockView{Kind: "quote", Quote: bl.Quote})
		}
	}
	return out
}
