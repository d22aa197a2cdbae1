package replica

import (
	"encoding/xml"
	"time"
)

// XML namespaces of sitemaps.
const (
	nsSitemap = "http://www.sitemaps.org/schemas/sitemap/0.9"
	nsNews    = "http://www.google.com/schemas/sitemap-news/0.9"
)

// rssDoc is an RSS 2.0 document.
type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel rssChannel `xml:"channel"`
}

// rssChannel is the channel of an RSS document.
type rssChannel struct {
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	Description string    `xml:"description"`
	Language    string    `xml:"language"`
	PubDate     string    `xml:"pubDate"`
	Items       []rssItem `xml:"item"`
}

// rssItem is one entry of an RSS channel.
type rssItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link"`
	GUID        rssGUID `xml:"guid"`
	Description rssText `xml:"description"`
	PubDate     string  `xml:"pubDate"`
}

// rssGUID is an item's guid, with the isPermaLink attribute if set.
type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr,omitempty"`
	URL         string `xml:",chardata"`
}

// rssText is an element's text, escaped (Text) or in CDATA.
type rssText struct {
	Text  string `xml:",chardata"`
	CDATA string `xml:",cdata"`
}

// urlSet is a sitemap, a news sitemap when NewsNS is set.
type urlSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	NewsNS  string       `xml:"xmlns:news,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

// sitemapIndex is a sitemap index.
type sitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	NS       string       `xml:"xmlns,attr"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// sitemapURL is an entry of a sitemap or of a sitemap index.
type sitemapURL struct {
	Loc        string     `xml:"loc"`
	LastMod    string     `xml:"lastmod,omitempty"`
	ChangeFreq string     `xml:"changefreq,omitempty"`
	Priority   string     `xml:"priority,omitempty"`
	News       *newsEntry `xml:"news:news,omitempty"`
}

// newsEntry is the news:news element of a news sitemap entry.
type newsEntry struct {
	Name     string `xml:"news:publication>news:name"`
	Language string `xml:"news:publication>news:language"`
	Date     string `xml:"news:publication_date"`
	Title    string `xml:"news:title"`
}

// isoTime formats a time as RFC 3339 in +07:00.
func isoTime(t time.Time) string { return t.In(ict).Format(time.RFC3339) }

// rssTime formats a time as RSS pubDate (RFC 1123 with a numeric zone).
func rssTime(t time.Time) string { return t.Format(time.RFC1123Z) }

// newsSitemap is the news sitemap of the articles (newest first) of a
// publication; every entry has a lastmod when withLastMod.
func (b *builder) newsSitemap(publication string, withLastMod bool) urlSet {
	set := urlSet{NS: nsSitemap, NewsNS: nsNews}
	for _, a := range b.arts {
		u := sitemapURL{Loc: b.teaserOf(a).abs(), News: &newsEntry{Name: publication, Language: "vi",
			Date: isoTime(a.when), Title: a.fullTitle()}}
		if withLastMod {
			u.LastMod = isoTime(a.when)
		}
		set.URLs = append(set.URLs, u)
	}
	return set
}

// abs is the absolute URL of a teaser's link.
func (t teaser) abs() string {
	if t.Abs != "" {
		return t.Abs
	}
	return t.URL
}
