package replica

import "fmt"

// Content types of the nld.com.vn feed and sitemaps.
const (
	nldCTRSS = "application/rss+xml; charset=utf-8"
	nldCTXML = "application/xml; charset=utf-8"
)

// nldNewsSitemap is the path of the news sitemap the index points to
// ([G]uess: only /sitemap.xml is verified).
const nldNewsSitemap = "/sitemaps/news.xml"

// feedPages renders the RSS feed of every section that has one, the
// sitemap index and the news sitemap.
func (b *nldBuilder) feedPages() ([]Page, error) {
	var out []Page
	for _, sec := range b.site.Sections {
		if sec.Feed == "" {
			continue
		}
		p, err := xmlPage(b.site.BaseURL+sec.Feed, kindFeed, nldCTRSS, rssDoc{Version: "2.0", Channel: b.channel(sec)})
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	idx := sitemapIndex{NS: nsSitemap, Sitemaps: []sitemapURL{{Loc: b.site.BaseURL + nldNewsSitemap, LastMod: isoTime(b.arts[0].when)}}}
	for _, m := range []struct {
		path string
		v    any
	}{{"/sitemap.xml", idx}, {nldNewsSitemap, b.newsSitemap("Báo Người Lao Động", false)}} {
		p, err := xmlPage(b.site.BaseURL+m.path, kindSitemap, nldCTXML, m.v)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// channel is the RSS channel of a section: its articles, newest first,
// each with its thumbnail before the sapo.
func (b *nldBuilder) channel(sec section) rssChannel {
	ch := rssChannel{Title: sec.Name + " - Báo Người Lao Động", Link: b.site.BaseURL + sec.Path,
		Description: "Tin tức " + sec.Name + " - Báo Người Lao Động Online", Language: "vi"}
	for _, a := range b.arts {
		if a.Section != sec.Key {
			continue
		}
		t := b.articleTeaser(a)
		if ch.PubDate == "" {
			ch.PubDate = rssTime(a.when)
		}
		desc := fmt.Sprintf(`<a href="%s"><img src="%s" /></a>%s`, t.Abs, t.Image, a.Lead)
		ch.Items = append(ch.Items, rssItem{Title: a.Title, Link: t.Abs, GUID: rssGUID{IsPermaLink: "true", URL: t.Abs},
			Description: rssText{CDATA: desc}, PubDate: rssTime(a.when)})
	}
	return ch
}
