package replica

import (
	"fmt"
	"net/http"
	"strings"
)

// ldcdGone is the withdrawn article the hoat-dong-cong-doan listing still
// links on its last page; its URL answers 404.
const ldcdGone = "/cong-doan-co-so-tu-chu-tai-chinh-81199.html"

// listingPages renders every page of every section. Page n > 1 lives at
// <path>&s_cond=&BRSR=<(n-1)*page_size> with 14 items a page ([V],
// sites.md §3); the pager's next link reads "Sau".
func (b *ldcdBuilder) listingPages() ([]Page, error) {
	var out []Page
	for _, sec := range b.site.Sections {
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
				Lead: "Bài viết đã được gỡ.", Image: ldcdThumb(b.site.BaseURL, &ldcdArticle{}), Date: "01/12/2025 08:00"})
		}
		offs := ldcdPageOffsets(len(items), b.site.PageSize)
		for i, off := range offs {
			end := min(off+b.site.PageSize, len(items))
			p, err := b.listingPage(sec, offs, i, items[off:end])
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
	}
	return out, nil
}

func (b *ldcdBuilder) listingPage(sec ldcdSection, offs []int, i int, items []teaser) (Page, error) {
	url := b.site.BaseURL + ldcdPagePath(sec.Path, offs[i])
	v := ldcdListingView{ldcdFrame: b.frame(sec.Name, sec.Name+" - Tạp chí Lao động và Công đoàn", url, "/cong-doan"),
		Section: sec.Name, SectionPath: sec.Path, Items: items}
	for k, off := range offs {
		v.Pager = append(v.Pager, pageLink{Label: fmt.Sprint(k + 1), Href: b.site.BaseURL + ldcdPagePath(sec.Path, off), Current: k == i})
	}
	if i > 0 {
		v.Prev = b.site.BaseURL + ldcdPagePath(sec.Path, offs[i-1])
	}
	if i+1 < len(offs) {
		v.Next = b.site.BaseURL + ldcdPagePath(sec.Path, offs[i+1])
	}
	return b.render("listing.tmpl", url, KindListing, http.StatusOK, v)
}

func (b *ldcdBuilder) articlePages() ([]Page, error) {
	var out []Page
	for i, a := range b.arts {
		sec, err := b.section(a.Section)
		if err != nil {
			return nil, fmt.Errorf("article %d: %w", a.ID, err)
		}
		url := b.articleURL(a)
		v := ldcdArticleView{ldcdFrame: b.frame(a.Title, a.Lead, url, "/cong-doan"),
			ID: a.ID, URL: url, Kicker: a.Kicker, Headline: a.Title, Lead: a.Lead, Date: a.Date, Author: a.Author,
			AuthorHref: b.site.BaseURL + "/tac-gia/" + slugify(a.Author) + ".html", Role: a.Role,
			Section: sec.Name, SectionHref: b.site.BaseURL + sec.Path,
			Related: b.others(i, 1, 3, a.Section), Same: b.others(i, 4, 4, "")}
		v.Clock, v.Day = a.when.Format("15:04"), a.when.Format("02/01/2006")
		v.OGType, v.OGImage, v.Keywords = "article", ldcdThumb(b.site.BaseURL, a), strings.Join(a.Tags, ", ")
		v.Blocks = b.blocks(a, b.others(i, 2, 2, ""))
		for _, t := range a.Tags {
			v.Tags = append(v.Tags, tagLink{Name: t, Href: fmt.Sprintf("%s/tags/%s-%d.tag", b.site.BaseURL, slugify(t), tagID(t))})
		}
		p, err := b.render("article.tmpl", url, KindArticle, http.StatusOK, v)
		if err != nil {
			return nil, err
		}
		p.Truth = ldcdTruth(a, sec.Name)
		out = append(out, p)
	}
	return out, nil
}

// others returns n teasers of other articles, starting from places after
// article i and wrapping around; of section sec when it is not empty.
func (b *ldcdBuilder) others(i, from, n int, sec string) []teaser {
	var out []teaser
	for k := from; k < from+len(b.arts) && len(out) < n; k++ {
		o := b.arts[(i+k)%len(b.arts)]
		if o == b.arts[i] || (sec != "" && o.Section != sec) {
			continue
		}
		out = append(out, b.teaser(o))
	}
	return out
}

// blocks turns the body into template blocks; related fills the inline
// "Tin liên quan" box.
func (b *ldcdBuilder) blocks(a *ldcdArticle, related []teaser) []ldcdBlockView {
	var out []ldcdBlockView
	for _, bl := range a.Body {
		switch {
		case bl.P != "":
			out = append(out, ldcdBlockView{Kind: "p", Text: bl.P})
		case bl.H != "":
			out = append(out, ldcdBlockView{Kind: "h", Text: bl.H})
		case bl.Img != "":
			out = append(out, ldcdBlockView{Kind: "img", Src: ldcdImageURL(b.site.BaseURL, a.ImgUser, a.when, bl.Img), Caption: bl.Caption})
		case len(bl.UL) > 0:
			out = append(out, ldcdBlockView{Kind: "ul", Items: bl.UL})
		case bl.Table != nil:
			out = append(out, ldcdBlockView{Kind: "table", Table: bl.Table})
		case bl.Related:
			out = append(out, ldcdBlockView{Kind: "related", Related: related})
		}
	}
	return out
}
