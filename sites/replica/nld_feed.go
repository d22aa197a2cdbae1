package replica

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"time"
)

// Kinds of the nld.com.vn pages that are neither articles nor listings.
const (
	nldKindPrint   = "print"   // /Print.aspx?NewsID=<id>
	nldKindFeed    = "feed"    // RSS 2.0
	nldKindSitemap = "sitemap" // sitemap index or news sitemap
)

// Content types of the feed and the sitemaps.
const (
	nldCTRSS = "application/rss+xml; charset=utf-8"
	nldCTXML = "application/xml; charset=utf-8"
)

// nldNewsSitemap is the path of the news sitemap the index points to
// ([G]uess: only /sitemap.xml is verified).
const nldNewsSitemap = "/sitemaps/news.xml"

type nldRSS struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel nldChannel `xml:"channel"`
}

type nldChannel struct {
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	Description string    `xml:"description"`
	Language    string    `xml:"language"`
	PubDate     string    `xml:"pubDate"`
	Items       []nldItem `xml:"item"`
}

type nldItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link"`
	GUID        nldGUID `xml:"guid"`
	Description nldData `xml:"description"`
	PubDate     string  `xml:"pubDate"`
}

type nldGUID struct {
	Perma string `xml:"isPermaLink,attr"`
	URL   string `xml:",chardata"`
}

type nldData struct {
	Text string `xml:",cdata"`
}

type nldSitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []nldSMEntry `xml:"sitemap"`
}

type nldSMEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

type nldURLSet struct {
	XMLName xml.Name    `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	NewsNS  string      `xml:"xmlns:news,attr"`
	URLs    []nldSMNews `xml:"url"`
}

type nldSMNews struct {
	Loc  string  `xml:"loc"`
	News nldNews `xml:"news:news"`
}

type nldNews struct {
	Name     string `xml:"news:publication>news:name"`
	Language string `xml:"news:publication>news:language"`
	Date     string `xml:"news:publication_date"`
	Title    string `xml:"news:title"`
}

// feedPages renders the RSS feed of every section that has one, the
// sitemap index and the news sitemap.
func (b *nldBuilder) feedPages() ([]Page, error) {
	var out []Page
	for _, sec := range b.site.Sections {
		if sec.Feed == "" {
			continue
		}
		p, err := b.rssPage(sec)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	newest := nldISO(b.arts[0].when)
	idx := nldSitemapIndex{Sitemaps: []nldSMEntry{{Loc: b.site.BaseURL + nldNewsSitemap, LastMod: newest}}}
	set := nldURLSet{NewsNS: "http://www.google.com/schemas/sitemap-news/0.9"}
	for _, a := range b.arts {
		set.URLs = append(set.URLs, nldSMNews{Loc: b.articleTeaser(a).Abs, News: nldNews{
			Name: "Báo Người Lao Động", Language: "vi", Date: nldISO(a.when), Title: a.Title}})
	}
	for _, m := range []struct {
		path string
		v    any
	}{{"/sitemap.xml", idx}, {nldNewsSitemap, set}} {
		p, err := nldXMLPage(b.site.BaseURL+m.path, nldKindSitemap, nldCTXML, m.v)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// rssPage is the RSS 2.0 feed of a section: its articles, newest first.
func (b *nldBuilder) rssPage(sec nldSection) (Page, error) {
	ch := nldChannel{Title: sec.Name + " - Báo Người Lao Động", Link: b.site.BaseURL + sec.Path,
		Description: "Tin tức " + sec.Name + " - Báo Người Lao Động Online", Language: "vi"}
	for _, a := range b.arts {
		if a.Section != sec.Key {
			continue
		}
		t := b.articleTeaser(a)
		if ch.PubDate == "" {
			ch.PubDate = a.when.Format(time.RFC1123Z)
		}
		desc := fmt.Sprintf(`<a href="%s"><img src="%s" /></a>%s`, t.Abs, t.Image, a.Lead)
		ch.Items = append(ch.Items, nldItem{Title: a.Title, Link: t.Abs, GUID: nldGUID{Perma: "true", URL: t.Abs},
			Description: nldData{desc}, PubDate: a.when.Format(time.RFC1123Z)})
	}
	return nldXMLPage(b.site.BaseURL+sec.Feed, nldKindFeed, nldCTRSS, nldRSS{Version: "2.0", Channel: ch})
}

// nldXMLPage marshals v into an XML page.
func nldXMLPage(url, kind, ctype string, v any) (Page, error) {
	body, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return Page{}, fmt.Errorf("marshal %s: %w", url, err)
	}
	body = append([]byte(xml.Header), append(body, '\n')...)
	return Page{URL: url, Status: http.StatusOK, ContentType: ctype, Body: body, Kind: kind}, nil
}
