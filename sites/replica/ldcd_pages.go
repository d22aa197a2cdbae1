package replica

import (
	"fmt"
	"net/http"
	"strings"
)

// ldcdGone is the withdrawn article the hoat-dong-cong-doan listing still
// links on its last page; its URL answers 404.
const ldcdGone = "/cong-doan-co-so-tu-chu-tai-chinh-81199.html"

// ldcdListingView is the data of the MasterCMS listing.tmpl.
type ldcdListingView struct {
	frame
	Section     string
	SectionPath string
	Items       []teaser
	Pager       []pageLink
	Prev, Next  string
}

// ldcdArticleView is the data of the MasterCMS article.tmpl.
type ldcdArticleView struct {
	frame
	articleHead
	Clock, Day  string // "09:00", "10/03/2021": the MasterCMS format_time and format_date
	AuthorHref  string
	Role        string
	Section     string
	SectionHref string
	Blocks      []blockView
	Tags        []link
	Related     []teaser
	Same        []teaser
}

// ldcdHomeView is the data of laodongdoanthe/home.tmpl.
type ldcdHomeView struct {
	frame
	Top      teaser
	Latest   []teaser
	Sections []homeSection
}

// listingPages renders every page of every section. Page n > 1 lives at
// <path>&s_cond=&BRSR=<(n-1)*page_size> with 14 items a page ([V],
// sites.md §3); the pager's next link reads "Sau".
func (b *ldcdBuilder) listingPages() ([]Page, error) {
	var out []Page
	for _, sec := range b.site.Sections {
		items := b.sectionItems(sec)
		var hrefs []string
		for off := 0; off < len(items) || off == 0; off += b.site.PageSize {
			hrefs = append(hrefs, b.site.BaseURL+brsrPath(sec.Path, off))
		}
		for i, url := range hrefs {
			off := i * b.site.PageSize
			l := listingPage{Section: sec, Index: i, Hrefs: hrefs, Items: items[off:min(off+b.site.PageSize, len(items))]}
			v := ldcdListingView{frame: b.frame(sec.Name, sec.Name+" - Tạp chí Lao động và Công đoàn", url, "/cong-doan"),
				Section: sec.Name, SectionPath: sec.Path, Items: l.Items, Pager: l.pager(), Prev: l.prev(), Next: l.next()}
			p, err := b.render("listing.tmpl", url, KindListing, http.StatusOK, v)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// sectionItems are the teasers of every article of a section, newest
// first; an article marked old_link is linked on the former host, and
// the hoat-dong-cong-doan listing ends with the withdrawn article.
func (b *ldcdBuilder) sectionItems(sec section) []teaser {
	var items []teaser
	for _, a := range b.arts {
		if a.Section != sec.Key {
			continue
		}
		t := b.teaser(a)
		if a.OldLink {
			t.URL = strings.Replace(t.URL, b.site.BaseURL, b.site.OldBaseURL, 1)
		}
		items = append(items, t)
	}
	if sec.Key == "hoat-dong-cong-doan" {
		items = append(items, teaser{URL: b.site.BaseURL + ldcdGone, Title: "Công đoàn cơ sở tự chủ tài chính",
			Lead: "Bài viết đã được gỡ.", Image: b.thumb(&article{}), Date: "01/12/2025 08:00"})
	}
	return items
}

func (b *ldcdBuilder) articlePage(i int) (Page, error) {
	a, sec, err := b.articleAt(i)
	if err != nil {
		return Page{}, err
	}
	blocks, err := blockViews(a, blockStyle{
		image: func(bl block, _ int) blockView {
			return blockView{Kind: "img", Src: mastercmsImageURL(b.site.BaseURL, a.ImgUser, a.when, bl.Img), Caption: bl.Caption}
		},
		related: b.relatedBox(i)})
	if err != nil {
		return Page{}, fmt.Errorf("article %d: %w", a.ID, err)
	}
	url := b.articleURL(a)
	v := ldcdArticleView{frame: b.frame(a.Title, a.Lead, url, "/cong-doan"), articleHead: headOf(a, url),
		AuthorHref: b.site.BaseURL + "/tac-gia/" + slugify(a.Author) + ".html", Role: a.Role,
		Section: sec.Name, SectionHref: b.site.BaseURL + sec.Path, Blocks: blocks,
		Related: b.others(i, 1, 3, a.Section), Same: b.others(i, 4, 4, "")}
	v.Clock, v.Day = a.when.Format("15:04"), a.when.Format(dayLayout)
	v.OGType, v.OGImage, v.Keywords = "article", b.thumb(a), strings.Join(a.Tags, ", ")
	for _, t := range a.Tags {
		v.Tags = append(v.Tags, link{Name: t, Href: fmt.Sprintf("%s/tags/%s-%d.tag", b.site.BaseURL, slugify(t), tagID(t))})
	}
	p, err := b.render("article.tmpl", url, KindArticle, http.StatusOK, v)
	p.Truth = truthOf(a, sec.Name)
	return p, err
}
