package replica

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// nldAdAfter is the number of body paragraphs before the in-article ad.
const nldAdAfter = 2

func (b *nldBuilder) articlePages() ([]Page, error) {
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

func (b *nldBuilder) articlePage(i int) (Page, error) {
	a := b.arts[i]
	sec, err := b.section(a.Section)
	if err != nil {
		return Page{}, fmt.Errorf("article %s: %w", a.ID, err)
	}
	t := b.articleTeaser(a)
	blocks, err := b.blocks(a)
	if err != nil {
		return Page{}, fmt.Errorf("article %s: %w", a.ID, err)
	}
	v := nldArticleView{
		nldFrame: b.newFrame(a.Title, a.Lead, t.Abs, sec.Path),
		ID:       a.ID, Headline: a.Title, Lead: a.Lead, Date: a.Date, Weekday: vietWeekday(a.when),
		ISO: t.ISO, Author: a.Author, Byline: a.Byline, Section: sec, Blocks: blocks,
		AuthorURL: "/tac-gia/" + slugify(a.Author) + ".htm",
		Print:     "/Print.aspx?NewsID=" + a.ID, Same: b.same(i),
	}
	if a.Byline == "" {
		v.TopAuthor = a.Author
	}
	v.OGType, v.OGImage = "article", t.Image
	v.Keywords = strings.Join(a.Tags, ", ")
	for _, tag := range a.Tags {
		v.Tags = append(v.Tags, nldTag{Name: tag, Href: "/" + slugify(tag) + ".html"})
	}
	p, err := b.render(a.Layout+"_article.tmpl", t.Abs, KindArticle, http.StatusOK, v)
	p.Truth = nldTruth(a, sec.Name)
	return p, err
}

// same returns up to 4 other articles of the same layout, newest first.
func (b *nldBuilder) same(i int) []nldTeaser {
	var out []nldTeaser
	for k, o := range b.arts {
		if k != i && o.Layout == b.arts[i].Layout && len(out) < 4 {
			out = append(out, b.articleTeaser(o))
		}
	}
	return out
}

// blocks turns the article body into template blocks, with the ad slot
// after the nldAdAfter-th paragraph.
func (b *nldBuilder) blocks(a *nldArticle) ([]nldBlockView, error) {
	var out []nldBlockView
	paras, imgs := 0, 0
	for _, bl := range a.Body {
		switch {
		case bl.P != "":
			out = append(out, nldBlockView{Kind: "p", Text: bl.P})
			if paras++; paras == nldAdAfter {
				out = append(out, nldBlockView{Kind: "ad"})
			}
		case bl.H != "":
			out = append(out, nldBlockView{Kind: "h", Text: bl.H})
		case bl.Img != "":
			imgs++
			full, shown := b.nldImageURL(a.Layout, a.when, bl.Img)
			alt := a.Title
			if a.Layout == nldNew {
				alt = fmt.Sprintf("%s - Ảnh %d.", bl.Caption, imgs)
			}
			out = append(out, nldBlockView{Kind: "img", Src: shown, Full: full, Alt: alt, Caption: bl.Caption, N: imgs})
		case len(bl.UL) > 0:
			out = append(out, nldBlockView{Kind: "ul", Items: bl.UL})
		case bl.Table != nil:
			out = append(out, nldBlockView{Kind: "table", Table: bl.Table})
		case len(bl.Related) > 0:
			v := nldBlockView{Kind: "related"}
			for _, id := range bl.Related {
				t, err := b.teaserByID(id)
				if err != nil {
					return nil, fmt.Errorf("related box: %w", err)
				}
				v.Related = append(v.Related, t)
			}
			out = append(out, v)
		}
	}
	return out, nil
}

// nldTruth is the gold of one article, from its source data.
func nldTruth(a *nldArticle, section string) *Truth {
	t := &Truth{Title: a.Title, Lead: a.Lead, Author: a.Author, Published: a.when,
		Category: section, Tags: append([]string(nil), a.Tags...)}
	for _, bl := range a.Body {
		switch {
		case bl.P != "":
			t.Paragraphs = append(t.Paragraphs, bl.P)
		case bl.H != "":
			t.Paragraphs = append(t.Paragraphs, bl.H)
		case bl.Img != "":
			t.Captions = append(t.Captions, bl.Caption)
		case len(bl.UL) > 0:
			t.Paragraphs = append(t.Paragraphs, bl.UL...)
		case bl.Table != nil:
			t.Paragraphs = append(t.Paragraphs, strings.Join(bl.Table.Head, " | "))
			for _, row := range bl.Table.Rows {
				t.Paragraphs = append(t.Paragraphs, strings.Join(row, " | "))
			}
		}
	}
	return t
}

// printPages renders /Print.aspx?NewsID=<id> of every article: a bare
// printable copy that is not an article URL.
func (b *nldBuilder) printPages() ([]Page, error) {
	var out []Page
	for _, a := range b.arts {
		tr := nldTruth(a, "")
		v := nldPrintView{Headline: a.Title, Lead: a.Lead, Date: a.when.Format("15:04 02/01/2006"),
			Author: a.Author, Paras: tr.Paragraphs, Source: b.articleTeaser(a).Abs, Base: b.site.BaseURL}
		p, err := b.render("print.tmpl", b.site.BaseURL+"/Print.aspx?NewsID="+a.ID, nldKindPrint, http.StatusOK, v)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// nldISO formats a time as RFC 3339 in +07:00.
func nldISO(t time.Time) string { return t.In(ict).Format(time.RFC3339) }
