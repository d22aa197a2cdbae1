package replica

import (
	"fmt"
	"net/http"
	"strings"
)

// adAfter is the number of body paragraphs before the in-article banner.
const adAfter = 3

func (b *ldtBuilder) articlePages() ([]Page, error) {
	var out []Page
	for i := range b.arts {
		p, err := b.articlePage(i)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func (b *ldtBuilder) articlePage(i int) (Page, error) {
	a := b.arts[i]
	sec, err := b.section(a.Section)
	if err != nil {
		return Page{}, fmt.Errorf("article %d: %w", a.ID, err)
	}
	url := b.articleURL(a)
	v := articleView{
		frame: b.newFrame(a.Title, a.Lead, url, sec.ParentPath),
		ID:    a.ID, URL: url, Kicker: a.Kicker, Headline: a.Title, Lead: a.Lead,
		Date: a.Date, Author: a.Author, Section: sec.Name, Crumbs: b.crumbs(sec),
		Related: b.pick(i, 1, 2+a.ID%2, a.Section), Blocks: b.blocks(a), Tags: b.tags(a),
		Interest: b.pick(i, 4, 3, ""), Others: b.pick(i, 1, 4, a.Section), More: sec.Path,
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
	p.Truth = ldtTruth(a, sec.Name)
	return p, err
}

// ldtTruth is the gold of one article, from its source data.
func ldtTruth(a *ldtArticle, section string) *Truth {
	t := &Truth{Title: a.Title, Lead: a.Lead, Author: a.Author, Published: a.when,
		Category: section, Tags: append([]string(nil), a.Tags...)}
	if a.Kicker != "" {
		t.Title = strings.TrimSpace(a.Kicker) + " " + a.Title
	}
	for _, bl := range a.Body {
		switch {
		case bl.P != "":
			t.Paragraphs = append(t.Paragraphs, bl.P)
		case bl.H != "":
			t.Paragraphs = append(t.Paragraphs, bl.H)
		case bl.Img != "":
			if bl.Caption != "" {
				t.Captions = append(t.Captions, bl.Caption)
			}
		case len(bl.UL) > 0:
			t.Paragraphs = append(t.Paragraphs, bl.UL...)
		case bl.Table != nil:
			if bl.Table.Caption != "" {
				t.Paragraphs = append(t.Paragraphs, bl.Table.Caption)
			}
			t.Paragraphs = append(t.Paragraphs, strings.Join(bl.Table.Head, " | "))
			for _, row := range bl.Table.Rows {
				t.Paragraphs = append(t.Paragraphs, strings.Join(row, " | "))
			}
		}
	}
	return t
}

// renderLegacy renders an article in a legacy charset: the <meta charset>,
// the Content-Type and the bytes all say the same charset.
func (b *ldtBuilder) renderLegacy(charset, url string, v articleView) (Page, error) {
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

// pick returns n teasers of other articles, starting `from` places after
// article i and wrapping around; only articles of section sec when it is
// not empty. Re-posts of article i and its original are skipped.
func (b *ldtBuilder) pick(i, from, n int, sec string) []teaser {
	a := b.arts[i]
	var out []teaser
	for k := from; k < from+len(b.arts) && len(out) < n; k++ {
		o := b.arts[(i+k)%len(b.arts)]
		if o == a || o.Title == a.Title || (sec != "" && o.Section != sec) {
			continue
		}
		out = append(out, b.articleTeaser(o))
	}
	return out
}

// blocks turns the article body into template blocks, with the banner
// slot after the adAfter-th paragraph.
func (b *ldtBuilder) blocks(a *ldtArticle) []blockView {
	var out []blockView
	paras := 0
	for _, bl := range a.Body {
		switch {
		case bl.P != "":
			out = append(out, blockView{Kind: "p", Text: bl.P})
			if paras++; paras == adAfter {
				out = append(out, blockView{Kind: "ad"})
			}
		case bl.H != "":
			out = append(out, blockView{Kind: "h", Text: bl.H})
		case bl.Img != "":
			out = append(out, blockView{Kind: "img", Src: b.imageURL(a.ImgUser, a.imgWhen, bl.Img), Caption: bl.Caption})
		case len(bl.UL) > 0:
			out = append(out, blockView{Kind: "ul", Items: bl.UL})
		case bl.Table != nil:
			out = append(out, blockView{Kind: "table", Table: bl.Table})
		}
	}
	return out
}

func (b *ldtBuilder) tags(a *ldtArticle) []tagLink {
	var out []tagLink
	for _, t := range a.Tags {
		out = append(out, tagLink{Name: t, Href: fmt.Sprintf("%s/tag/%s-%d.tag", b.site.BaseURL, slugify(t), tagID(t))})
	}
	return out
}

// stubPages renders the non-article pages (a video page matching the
// article URL pattern) and the 404 answers for missing articles.
func (b *ldtBuilder) stubPages() ([]Page, error) {
	var out []Page
	for _, s := range b.site.Stubs {
		t := b.stubTeaser(s)
		var p Page
		var err error
		switch s.Kind {
		case KindNonArticle:
			sec, serr := b.section(s.Section)
			if serr != nil {
				return nil, fmt.Errorf("stub %d: %w", s.ID, serr)
			}
			v := stubView{frame: b.newFrame(s.Title, s.Lead, t.URL, "/video"), Headline: s.Title,
				Lead: s.Lead, Date: s.Date, Video: b.site.BaseURL + "/stores/video_data/" + s.Slug + ".mp4",
				Crumbs: []crumb{{Name: "Video", Href: "/video"}, {Name: sec.Name, Href: b.site.BaseURL + sec.Path}}}
			v.OGType, v.OGImage = "video.other", t.Image
			p, err = b.render("video.tmpl", t.URL, KindNonArticle, http.StatusOK, v)
		case "missing":
			p, err = b.notFoundPage(t.URL)
		default:
			err = fmt.Errorf("stub %d: unknown kind %q", s.ID, s.Kind)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// notFoundPage is the site's HTML error page, served with status 404.
func (b *ldtBuilder) notFoundPage(url string) (Page, error) {
	v := stubView{frame: b.newFrame("Không tìm thấy trang", "Trang bạn tìm không tồn tại hoặc đã bị gỡ bỏ.", b.site.BaseURL+"/", "/")}
	return b.render("notfound.tmpl", url, KindNotFound, http.StatusNotFound, v)
}
