package cleaner

import (
	"fmt"
	"strings"
)

// finish turns a rung's draft into the Article: it hashes the candidate
// blocks (Article.BlockHashes), drops the blocks the boilerplate set
// names, the lead and title echoes and UI labels, runs the shared clutter
// rules (trCleanLines), and checks the body length. Text is set even when
// the body is too short (ErrNotArticle).
func (c *Cleaner) finish(d htmlDraft, site string) (Article, error) {
	a := d.a
	a.BlockHashes = make([]uint64, len(d.paras))
	for i, p := range d.paras {
		a.BlockHashes[i] = BlockHash(p)
	}
	paras := d.paras
	if bp := c.opts.Boilerplate; bp != nil {
		kept := paras[:0:0]
		for i, p := range paras {
			if !bp.IsBoilerplate(site, a.BlockHashes[i]) {
				kept = append(kept, p)
			}
		}
		if len(kept) < len(paras) {
			a.Extractor += ExtractorBoilerplateSuffix
		}
		paras = kept
	}
	paras = profFilterParagraphs(paras, d.lead, d.echoes, d.rules)
	in := trInput{head: dumpHead{title: a.Title, headline: d.headline}, lead: d.lead, html: true, rules: d.rules}
	r := trCleanLines(paras, in)
	if trIsPhotoStory(r, d.lead, d.rules) {
		// The "captions" are the story: clean again keeping them.
		in.rules.off[ruleCaption] = true
		r = trCleanLines(paras, in)
		a.Extractor += ExtractorPhotoStorySuffix
	}
	paras = r.paras
	if d.lead != "" && len(paras) > 0 {
		paras = paras[1:]
	}
	if a.Author == "" {
		a.Author = r.byline
	}
	if a.Published.IsZero() {
		a.Published = r.date
	}
	a.Images = htmlAddCaptions(a.Images, r.captions)
	if d.lead != "" {
		a.Lead = d.lead
		a.Text = strings.Join(append([]string{d.lead}, paras...), "\n\n")
	} else {
		a.Text = strings.Join(paras, "\n\n")
	}
	if d.profiled {
		if err := genericCheckProfiled(paras); err != nil {
			return a, err
		}
	}
	if n := trRunes(paras); n < profMinBodyRunes {
		return a, fmt.Errorf("body has %d characters, want at least %d: %w", n, profMinBodyRunes, ErrNotArticle)
	}
	return a, nil
}

// htmlAddCaptions gives each caption found in the text to the next image
// without one, in order, or to a new Image without URL.
func htmlAddCaptions(imgs []Image, captions []string) []Image {
	i := 0
	for _, c := range captions {
		for i < len(imgs) && imgs[i].Caption != "" {
			i++
		}
		if i < len(imgs) {
			imgs[i].Caption = c
			continue
		}
		imgs = append(imgs, Image{Caption: c})
	}
	return imgs
}
