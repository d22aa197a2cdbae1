package replica

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"time"
)

// Kinds of the laodong.vn feed and sitemap pages (not articles, not
// listings: the crawler reads them as start sources).
const (
	laoKindFeed    = "feed"
	laoKindSitemap = "sitemap"
)

const laoCTXML = "text/xml; charset=utf-8"

// laoRSS is an RSS 2.0 document.
type laoRSS struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel laoChannel `xml:"channel"`
}

type laoChannel struct {
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	Description string    `xml:"description"`
	Language    string    `xml:"language"`
	PubDate     string    `xml:"pubDate"`
	Items       []laoItem `xml:"item"`
}

type laoItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	Description string `xml:"description"`
	PubDate     string `xml:"pubDate"`
}

// laoURLSet is a news sitemap; laoIndex a sitemap index.
type laoURLSet struct {
	XMLName xml.Name    `xml:"urlset"`
	NS      string      `xml:"xmlns,attr"`
	NewsNS  string      `xml:"xmlns:news,attr"`
	URLs    []laoSMLink `xml:"url"`
}

type laoSMLink struct {
	Loc     string   `xml:"loc"`
	LastMod string   `xml:"lastmod"`
	News    *laoNews `xml:"news:news,omitempty"`
}

type laoNews struct {
	Name     string `xml:"news:publication>news:name"`
	Language string `xml:"news:publication>news:language"`
	Date     string `xml:"news:publication_date"`
	Title    string `xml:"news:title"`
}

type laoIndex struct {
	XMLName  xml.Name    `xml:"sitemapindex"`
	NS       string      `xml:"xmlns,attr"`
	Sitemaps []laoSMLink `xml:"sitemap"`
}

// feedPages renders /rss/cong-doan.rss [V], the sitemap index
// /sitemap.xml [V, name only] and its news sitemap [G: child name].
func (b *laoBuilder) feedPages() ([]Page, error) {
	ch := laoChannel{Title: "Công đoàn - Báo Lao Động", Link: b.site.BaseURL + "/cong-doan/",
		Description: "Tin tức Công đoàn mới nhất trên Báo Lao Động điện tử", Language: "vi"}
	news := laoURLSet{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", NewsNS: "http://www.google.com/schemas/sitemap-news/0.9"}
	for _, a := range b.arts {
		t := b.teaser(a)
		ch.Items = append(ch.Items, laoItem{Title: t.Title, Link: t.URL, GUID: t.URL, Description: a.Lead,
			PubDate: a.when.Format(time.RFC1123Z)})
		news.URLs = append(news.URLs, laoSMLink{Loc: t.URL, LastMod: a.when.Format(laoISO),
			News: &laoNews{Name: "Báo Lao Động", Language: "vi", Date: a.when.Format(laoISO), Title: t.Title}})
	}
	if len(b.arts) > 0 {
		ch.PubDate = b.arts[0].when.Format(time.RFC1123Z)
	}
	newsURL := b.site.BaseURL + "/sitemaps/news.xml"
	index := laoIndex{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", Sitemaps: []laoSMLink{{Loc: newsURL}}}
	if len(news.URLs) > 0 {
		index.Sitemaps[0].LastMod = news.URLs[0].LastMod
	}
	docs := []struct {
		url, kind string
		v         any
	}{
		{b.site.BaseURL + "/rss/cong-doan.rss", laoKindFeed, laoRSS{Version: "2.0", Channel: ch}},
		{b.site.BaseURL + "/sitemap.xml", laoKindSitemap, index},
		{newsURL, laoKindSitemap, news},
	}
	var out []Page
	for _, d := range docs {
		body, err := xml.MarshalIndent(d.v, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("render %s: %w", d.url, err)
		}
		body = append([]byte(xml.Header), append(body, '\n')...)
		out = append(out, Page{URL: d.url, Status: http.StatusOK, ContentType: laoCTXML, Body: body, Kind: d.kind})
	}
	return out, nil
}
