package replica

// laoCTXML is the Content-Type of the laodong.vn feed and sitemaps.
const laoCTXML = "text/xml; charset=utf-8"

// feedPages renders /rss/cong-doan.rss [V], the sitemap index
// /sitemap.xml [V, name only] and its news sitemap [G: child name].
func (b *laoBuilder) feedPages() ([]Page, error) {
	ch := rssChannel{Title: "Công đoàn - Báo Lao Động", Link: b.site.BaseURL + "/cong-doan/",
		Description: "Tin tức Công đoàn mới nhất trên Báo Lao Động điện tử", Language: "vi"}
	for _, a := range b.arts {
		t := b.teaser(a)
		ch.Items = append(ch.Items, rssItem{Title: t.Title, Link: t.URL, GUID: rssGUID{URL: t.URL},
			Description: rssText{Text: a.Lead}, PubDate: rssTime(a.when)})
	}
	if len(b.arts) > 0 {
		ch.PubDate = rssTime(b.arts[0].when)
	}
	news := b.newsSitemap("Báo Lao Động", true)
	newsURL := b.site.BaseURL + "/sitemaps/news.xml"
	index := sitemapIndex{NS: nsSitemap, Sitemaps: []sitemapURL{{Loc: newsURL}}}
	if len(news.URLs) > 0 {
		index.Sitemaps[0].LastMod = news.URLs[0].LastMod
	}
	docs := []struct {
		url, kind string
		v         any
	}{
		{b.site.BaseURL + "/rss/cong-doan.rss", kindFeed, rssDoc{Version: "2.0", Channel: ch}},
		{b.site.BaseURL + "/sitemap.xml", kindSitemap, index},
		{newsURL, kindSitemap, news},
	}
	var out []Page
	for _, d := range docs {
		p, err := xmlPage(d.url, d.kind, laoCTXML, d.v)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
