package cleaner

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlImages returns the images of the bodies with their captions. It
// marks every caption, and every MasterCMS template table holding an
// image, as skipped so that they add nothing to the text.
func htmlImages(q *htmlDoc, bodies []*html.Node, cp *compiledProfile, base *url.URL, skip map[*html.Node]bool) []Image {
	var imgs []Image
	seen := map[string]bool{}
	for _, body := range bodies {
		captions := map[*html.Node]bool{}
		for _, c := range q.all(cp.caption, body) {
			captions[c] = true
		}
		htmlEach(body, func(n *html.Node) {
			if n.DataAtom == atom.Figcaption {
				captions[n] = true
			}
		})
		used := map[*html.Node]bool{}
		last := -1 // index in imgs of the body's latest image
		htmlEach(body, func(n *html.Node) {
			switch {
			case captions[n] && !used[n] && !htmlInImageBox(n, body):
				// A caption outside any image container goes to the
				// image before it.
				used[n] = true
				if last >= 0 && imgs[last].Caption == "" {
					imgs[last].Caption = htmlValue(n)
				}
			case n.DataAtom == atom.Img:
				src := htmlImageURL(n, base)
				box := htmlImageBox(n, body)
				caption := ""
				if box != nil {
					caption = htmlBoxCaption(n, box, captions, used)
					if htmlHasClass(box, "MASTERCMS_TPL_TABLE") {
						skip[box] = true
					}
				}
				if src == "" || seen[src] {
					return
				}
				seen[src] = true
				imgs = append(imgs, Image{URL: src, Caption: caption})
				last = len(imgs) - 1
			}
		})
		for c := range captions {
			skip[c] = true
		}
	}
	return imgs
}

// htmlEach calls f for every element under n in document order.
func htmlEach(n *html.Node, f func(*html.Node)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			f(c)
			htmlEach(c, f)
		}
	}
}

// htmlImageBox returns the <figure> or MasterCMS template table holding
// img, below body, or nil.
func htmlImageBox(img, body *html.Node) *html.Node {
	for p := img.Parent; p != nil && p != body; p = p.Parent {
		if p.DataAtom == atom.Figure || (p.DataAtom == atom.Table && htmlHasClass(p, "MASTERCMS_TPL_TABLE")) {
			return p
		}
	}
	return nil
}

// htmlInImageBox reports whether n is inside a <figure> or MasterCMS
// template table, below body, that holds an image.
func htmlInImageBox(n, body *html.Node) bool {
	for p := n.Parent; p != nil && p != body; p = p.Parent {
		if p.DataAtom == atom.Figure || (p.DataAtom == atom.Table && htmlHasClass(p, "MASTERCMS_TPL_TABLE")) {
			hasImg := false
			htmlEach(p, func(c *html.Node) { hasImg = hasImg || c.DataAtom == atom.Img })
			return hasImg
		}
	}
	return false
}

// htmlBoxCaption returns the caption of img inside box: the caption
// elements following img up to the next image, or the box's first unused
// caption; for a MasterCMS table without caption elements, the text of
// the rows after img's row up to the next image row.
func htmlBoxCaption(img, box *html.Node, captions, used map[*html.Node]bool) string {
	var parts []string
	after, stop := false, false
	var any *html.Node
	htmlEach(box, func(n *html.Node) {
		switch {
		case stop:
		case n == img:
			after = true
		case n.DataAtom == atom.Img && after:
			stop = true
		case captions[n] && !used[n]:
			if any == nil {
				any = n
			}
			if after && !htmlHasAncestorIn(n, used) {
				used[n] = true
				if v := htmlValue(n); v != "" {
					parts = append(parts, v)
				}
			}
		}
	})
	if len(parts) == 0 && any != nil {
		used[any] = true
		return htmlValue(any)
	}
	if len(parts) == 0 && box.DataAtom == atom.Table {
		return htmlRowsCaption(img, box)
	}
	return htmlNorm(strings.Join(parts, " "))
}

// htmlRowsCaption returns the text of table rows after img's row, up to
// the next row holding an image.
func htmlRowsCaption(img, table *html.Node) string {
	var parts []string
	after := false
	for _, tr := range htmlRows(table) {
		hasImg := false
		htmlEach(tr, func(n *html.Node) { hasImg = hasImg || n.DataAtom == atom.Img })
		if hasImg {
			if after {
				break
			}
			after = htmlContains(tr, img)
			continue
		}
		if after {
			if v := htmlNorm(htmlText(tr)); v != "" {
				parts = append(parts, v)
			}
		}
	}
	return strings.Join(parts, " ")
}

// htmlContains reports whether n is d or an ancestor of d.
func htmlContains(n, d *html.Node) bool {
	for ; d != nil; d = d.Parent {
		if d == n {
			return true
		}
	}
	return false
}

// htmlImageURL returns the absolute URL of img: src, or data-src /
// data-original / data-lazy-src when src is empty or a lazy-load
// placeholder. It returns "" for data: URIs.
func htmlImageURL(img *html.Node, base *url.URL) string {
	src := strings.TrimSpace(htmlAttr(img, "src"))
	if htmlIsPlaceholder(src) {
		src = ""
		for _, k := range []string{"data-src", "data-original", "data-lazy-src"} {
			if v := strings.TrimSpace(htmlAttr(img, k)); v != "" {
				src = v
				break
			}
		}
	}
	if src == "" || strings.HasPrefix(strings.ToLower(src), "data:") {
		return ""
	}
	u, err := url.Parse(src)
	if err != nil {
		return htmlNorm(src)
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	return htmlNorm(u.String())
}

// htmlIsPlaceholder reports whether src is empty or a lazy-load stand-in.
func htmlIsPlaceholder(src string) bool {
	s := strings.ToLower(src)
	if s == "" || s == "#" || strings.HasPrefix(s, "data:") || strings.HasPrefix(s, "about:") {
		return true
	}
	name := s[strings.LastIndexByte(s, '/')+1:]
	for _, w := range []string{"blank", "placeholder", "lazy", "loading", "spacer", "pixel", "1x1", "transparent", "no-image", "noimage"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}
