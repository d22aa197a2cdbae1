package replica

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"
)

// cdvnKindSitemap is the Kind of the congdoan.vn sitemap page (a start
// source of the profile, beside the listing).
const cdvnKindSitemap = "sitemap"

// cdvnBuilder renders the pages of congdoan.vn.
type cdvnBuilder struct {
	site     cdvnSite
	arts     []*cdvnArticle // newest first
	tmpl     *template.Template
	dateBar  string
	mostRead []cdvnTeaser
}

// buildCongdoanvn builds every page of the congdoan.vn replica.
func buildCongdoanvn() (site, error) {
	s, arts, err := loadCDVN()
	if err != nil {
		return site{}, fmt.Errorf("congdoan.vn: %w", err)
	}
	t, err := template.New("congdoanvn").ParseFS(cdvnFiles, "congdoanvn/*.tmpl")
	if err != nil {
		return site{}, fmt.Errorf("congdoan.vn: templates: %w", err)
	}
	today, err := time.ParseInLocation("02/01/2006", s.Today, ict)
	if err != nil {
		return site{}, fmt.Errorf("congdoan.vn: today: %w", err)
	}
	b := &cdvnBuilder{site: s, arts: arts, tmpl: t, dateBar: vietWeekday(today) + ", ngày " + today.Format("02/01/2006")}
	for _, id := range s.MostRead {
		a, ok := b.byID(id)
		if !ok {
			return site{}, fmt.Errorf("congdoan.vn: most read: no article %d", id)
		}
		b.mostRead = append(b.mostRead, b.teaser(a))
	}
	out, err := b.build()
	if err != nil {
		return site{}, fmt.Errorf("congdoan.vn: %w", err)
	}
	return out, nil
}

func (b *cdvnBuilder) build() (site, error) {
	out := site{name: b.site.Name, hosts: b.site.Hosts}
	out.pages = append(out.pages, Page{URL: b.site.BaseURL + "/robots.txt", Status: http.StatusOK,
		ContentType: ctText, Body: []byte(b.site.Robots), Kind: KindRobots})
	sm, err := b.sitemap()
	if err != nil {
		return site{}, err
	}
	out.pages = append(out.pages, sm)
	for _, step := range []func() ([]Page, error){b.homePage, b.listingPages, b.articlePages, b.missingPages} {
		ps, err := step()
		if err != nil {
			return site{}, err
		}
		out.pages = append(out.pages, ps...)
	}
	nf, err := b.notFoundPage(b.site.BaseURL + "/404.tld")
	if err != nil {
		return site{}, err
	}
	out.notFound = nf
	return out, nil
}

// cdvnURLSet is the sitemap document: <urlset> of articles with lastmod.
type cdvnURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []cdvnURLLoc `xml:"url"`
}

type cdvnURLLoc struct {
	Loc        string `xml:"loc"`
	LastMod    string `xml:"lastmod"`
	ChangeFreq string `xml:"changefreq"`
	Priority   string `xml:"priority"`
}

// sitemap renders /sitemap.xml: every served article, newest first.
func (b *cdvnBuilder) sitemap() (Page, error) {
	set := cdvnURLSet{}
	for _, a := range b.arts {
		set.URLs = append(set.URLs, cdvnURLLoc{Loc: b.articleURL(a), LastMod: a.when.Format(time.RFC3339),
			ChangeFreq: "daily", Priority: "0.8"})
	}
	body, err := xml.MarshalIndent(set, "", "  ")
	if err != nil {
		return Page{}, fmt.Errorf("sitemap: %w", err)
	}
	body = append([]byte(xml.Header), append(body, '\n')...)
	return Page{URL: b.site.BaseURL + "/sitemap.xml", Status: http.StatusOK,
		ContentType: "application/xml; charset=utf-8", Body: body, Kind: cdvnKindSitemap}, nil
}

// render executes a template into an HTML page.
func (b *cdvnBuilder) render(name, url, kind string, status int, data any) (Page, error) {
	var buf bytes.Buffer
	if err := b.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return Page{}, fmt.Errorf("render %s for %s: %w", name, url, err)
	}
	return Page{URL: url, Status: status, ContentType: ctHTML, Body: buf.Bytes(), Kind: kind}, nil
}

func (b *cdvnBuilder) homePage() ([]Page, error) {
	v := cdvnListingView{cdvnFrame: b.frame("Cổng thông tin điện tử Tổng Liên đoàn Lao động Việt Nam",
		"Cổng thông tin điện tử Tổng Liên đoàn Lao động Việt Nam - tin tức hoạt động công đoàn, chính sách pháp luật lao động.",
		b.site.BaseURL+"/", "/")}
	for _, a := range b.arts {
		v.Items = append(v.Items, b.teaser(a))
	}
	p, err := b.render("home.tmpl", b.site.BaseURL+"/", KindHome, http.StatusOK, v)
	return []Page{p}, err
}

// listingPages renders the category listing: page n > 1 at
// <path>?page=<n> [G].
func (b *cdvnBuilder) listingPages() ([]Page, error) {
	sec, err := b.section(b.site.Listing.Section)
	if err != nil {
		return nil, err
	}
	n := len(b.site.Listing.Pages)
	urls := make([]string, n)
	for i := range urls {
		urls[i] = b.sectionPath(sec)
		if i > 0 {
			urls[i] += fmt.Sprintf("?page=%d", i+1)
		}
	}
	var out []Page
	for i, ids := range b.site.Listing.Pages {
		url := b.site.BaseURL + urls[i]
		v := cdvnListingView{cdvnFrame: b.frame(sec.Name, sec.Name+" - Tổng Liên đoàn Lao động Việt Nam", url, b.sectionPath(sec)),
			Section: sec, SectionURL: b.site.BaseURL + b.sectionPath(sec)}
		for _, id := range ids {
			a, ok := b.byID(id)
			if !ok {
				return nil, fmt.Errorf("listing %s: no article %d", url, id)
			}
			v.Items = append(v.Items, b.teaser(a))
		}
		for k, u := range urls {
			v.Pager = append(v.Pager, cdvnPageLink{Label: fmt.Sprint(k + 1), Href: u, Current: k == i})
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

func (b *cdvnBuilder) articlePages() ([]Page, error) {
	var out []Page
	for i, a := range b.arts {
		sec, err := b.section(a.Section)
		if err != nil {
			return nil, fmt.Errorf("article %d: %w", a.ID, err)
		}
		url := b.articleURL(a)
		v := cdvnArticleView{cdvnFrame: b.frame(a.Title, a.Lead, url, b.sectionPath(sec)),
			ID: a.ID, URL: url, Headline: a.Title, Lead: a.Lead,
			DateText: vietWeekday(a.when) + ", " + a.Date, Author: a.Author, Section: sec,
			SectionURL: b.site.BaseURL + b.sectionPath(sec), Blocks: b.blocks(i), Tags: b.tags(a),
			Same: b.others(i, 1, 4), Views: 900 + a.ID%1000}
		v.OGType, v.OGImage, v.Keywords = "article", b.thumb(a), strings.Join(a.Tags, ", ")
		p, err := b.render("article.tmpl", url, KindArticle, http.StatusOK, v)
		if err != nil {
			return nil, err
		}
		p.Truth = cdvnTruth(a, sec.Name)
		out = append(out, p)
	}
	return out, nil
}

// missingPages are the 404 answers for listed articles that are gone.
func (b *cdvnBuilder) missingPages() ([]Page, error) {
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
func (b *cdvnBuilder) notFoundPage(url string) (Page, error) {
	v := cdvnListingView{cdvnFrame: b.frame("Không tìm thấy trang", "Trang bạn truy cập không tồn tại.", b.site.BaseURL+"/", "/")}
	return b.render("notfound.tmpl", url, KindNotFound, http.StatusNotFound, v)
}

// blocks turns the body of article i into template blocks.
func (b *cdvnBuilder) blocks(i int) []cdvnBlockView {
	a := b.arts[i]
	var out []cdvnBlockView
	for _, bl := range a.Body {
		switch {
		case bl.P != "":
			out = append(out, cdvnBlockView{Kind: "p", Text: bl.P})
		case bl.H != "":
			out = append(out, cdvnBlockView{Kind: "h", Text: bl.H})
		case bl.Img != "":
			out = append(out, cdvnBlockView{Kind: "img", Src: b.imageURL(a, bl.Img), Caption: bl.Caption, Alt: a.Title})
		case len(bl.UL) > 0:
			out = append(out, cdvnBlockView{Kind: "ul", Items: bl.UL})
		case len(bl.OL) > 0:
			out = append(out, cdvnBlockView{Kind: "ol", Items: bl.OL})
		case bl.Table != nil:
			out = append(out, cdvnBlockView{Kind: "table", Table: bl.Table})
		case bl.Related:
			out = append(out, cdvnBlockView{Kind: "related", Links: b.others(i, 2, 2)})
		}
	}
	return out
}
