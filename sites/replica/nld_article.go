package replica

import (
	"fmt"
	"net/http"
	"strings"
)

// nldAdAfter is the number of body paragraphs before the in-article ad.
const nldAdAfter = 2

func (b *nldBuilder) articlePage(i int) (Page, error) {
	a, sec, err := b.articleAt(i)
	if err != nil {
		return Page{}, err
	}
	t := b.articleTeaser(a)
	blocks, err := b.blocks(a)
	if err != nil {
		return Page{}, fmt.Errorf("article %d: %w", a.ID, err)
	}
	v := nldArticleView{
		frame: b.newFrame(a.Title, a.Lead, t.Abs, sec.Path), articleHead: headOf(a, t.Abs),
		Weekday: vietWeekday(a.when), ISO: t.ISO, Byline: a.Byline, Section: sec, Blocks: blocks,
		AuthorURL: "/tac-gia/" + slugify(a.Author) + ".htm",
		Print:     nldPrintPath(a), Same: b.same(i),
	}
	if a.Byline == "" {
		v.TopAuthor = a.Author
	}
	v.OGType, v.OGImage = "article", t.Image
	v.Keywords = strings.Join(a.Tags, ", ")
	for _, tag := range a.Tags {
		v.Tags = append(v.Tags, link{Name: tag, Href: "/" + slugify(tag) + ".html"})
	}
	p, err := b.render(a.Layout+"_article.tmpl", t.Abs, KindArticle, http.StatusOK, v)
	p.Truth = truthOf(a, sec.Name)
	return p, err
}

// same returns up to 4 other articles of the same layout, newest first.
func (b *nldBuilder) same(i int) []teaser {
	var out []teaser
	for k, o := range b.arts {
		if k != i && o.Layout == b.arts[i].Layout && len(out) < 4 {
			out = append(out, b.articleTeaser(o))
		}
	}
	return out
}

// blocks turns the article body into template blocks, with the ad slot
// after the nldAdAfter-th paragraph; a related box links given articles.
func (b *nldBuilder) blocks(a *article) ([]blockView, error) {
	return blockViews(a, blockStyle{adAfter: nldAdAfter,
		image: func(bl block, n int) blockView {
			full, shown := b.imageURL(a.Layout, a.when, bl.Img)
			alt := a.Title
			if a.Layout == nldNew {
				alt = fmt.Sprintf("%s - Ảnh %d.", bl.Caption, n)
			}
			return blockView{Kind: "img", Src: shown, Full: full, Alt: alt, Caption: bl.Caption, N: n}
		},
		related: func(bl block) ([]teaser, error) {
			ts, err := b.teasersByID(bl.RelatedIDs)
			if err != nil {
				return nil, fmt.Errorf("related box: %w", err)
			}
			return ts, nil
		}})
}
