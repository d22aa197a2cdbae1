package crawler

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
)

func ict(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, sites.Zone())
}

// rssLaodong imitates laodong.vn's RSS 2.0 (sites.md §2): CDATA titles,
// RFC 822 dates with +0700, an item whose link sits in a permalink guid.
const rssLaodong = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title><![CDATA[Báo Lao Động - Công đoàn]]></title>
  <link>https://laodong.vn/cong-doan</link>
  <atom:link href="https://laodong.vn/rss/cong-doan.rss" rel="self" type="application/rss+xml"/>
  <item>
    <title><![CDATA[Công đoàn Việt Nam chăm lo Tết cho đoàn viên]]></title>
    <link>https://laodong.vn/cong-doan/cong-doan-viet-nam-cham-lo-tet-1234567.ldo</link>
    <description><![CDATA[<img src="x.jpg"/> Sapo &nbsp; bài viết]]></description>
    <pubDate>Thu, 17 Jul 2025 12:15:00 +0700</pubDate>
  </item>
  <item>
    <title>Tin thứ hai</title>
    <link>
      /cong-doan/tin-thu-hai-1234568.ldo
    </link>
    <pubDate>Thu, 3 Jul 2025 08:05:00 GMT</pubDate>
  </item>
  <item>
    <title>Chỉ có guid</title>
    <guid isPermaLink="true">https://laodong.vn/cong-doan/chi-co-guid-1234569.ldo</guid>
    <dc:date>2025-07-01T09:00:00+07:00</dc:date>
  </item>
  <item><title>guid không phải liên kết</title><guid isPermaLink="false">1234570</guid></item>
  <item><title>ngày lạ</title><link>https://laodong.vn/x-1.ldo</link><pubDate>hôm qua</pubDate></item>
</channel>
</rss>`

// atomFeed is an Atom 1.0 feed as WordPress-style union sites publish it.
const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Công đoàn Y tế Việt Nam</title>
  <link rel="self" href="https://congdoanytevn.org.vn/feed/atom"/>
  <entry>
    <title>Hội nghị</title>
    <link rel="alternate" type="text/html" href="https://congdoanytevn.org.vn/tin-tuc/hoi-nghi-42.html"/>
    <link rel="edit" href="https://congdoanytevn.org.vn/wp-admin/42"/>
    <id>tag:congdoanytevn.org.vn,2025:42</id>
    <published>2025-07-17T12:15:00+07:00</published>
    <updated>2025-07-18T08:00:00+07:00</updated>
  </entry>
  <entry>
    <title>Chỉ updated</title>
    <link href="/tin-tuc/chi-updated-43.html"/>
    <updated>2025-07-16T01:00:00Z</updated>
  </entry>
</feed>`

// rdfFeed is RSS 1.0: items are siblings of the channel.
const rdfFeed = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://nld.com.vn/"><title>NLĐ</title></channel>
  <item rdf:about="https://nld.com.vn/a-196250717.htm"><link>https://nld.com.vn/a-196250717.htm</link><dc:date>2025-07-17</dc:date></item>
</rdf:RDF>`

// sameLinks compares links by URL and instant.
func sameLinks(a, b []feedLink) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].URL != b[i].URL || !a[i].Date.Equal(b[i].Date) {
			return false
		}
	}
	return true
}

func TestParseFeed(t *testing.T) {
	tests := []struct {
		name, body, base string
		want             []feedLink
	}{
		{"rss 2.0", rssLaodong, "https://laodong.vn/rss/cong-doan.rss", []feedLink{
			{"https://laodong.vn/cong-doan/cong-doan-viet-nam-cham-lo-tet-1234567.ldo", ict(2025, 7, 17, 12, 15)},
			{"https://laodong.vn/cong-doan/tin-thu-hai-1234568.ldo", time.Date(2025, 7, 3, 8, 5, 0, 0, time.UTC)},
			{"https://laodong.vn/cong-doan/chi-co-guid-1234569.ldo", ict(2025, 7, 1, 9, 0)},
			{"https://laodong.vn/x-1.ldo", time.Time{}},
		}},
		{"atom", atomFeed, "https://congdoanytevn.org.vn/feed/atom", []feedLink{
			{"https://congdoanytevn.org.vn/tin-tuc/hoi-nghi-42.html", ict(2025, 7, 17, 12, 15)},
			{"https://congdoanytevn.org.vn/tin-tuc/chi-updated-43.html", time.Date(2025, 7, 16, 1, 0, 0, 0, time.UTC)},
		}},
		{"rss 1.0", rdfFeed, "https://nld.com.vn/rss.rss", []feedLink{
			{"https://nld.com.vn/a-196250717.htm", ict(2025, 7, 17, 0, 0)},
		}},
		{"empty channel", `<rss version="2.0"><channel></channel></rss>`, "https://a.vn/", []feedLink{}},
		{"windows-1258 declared", "<?xml version=\"1.0\" encoding=\"windows-1258\"?><rss><channel><item><link>https://a.vn/b-1.html</link><title>C\xf4ng \xf0o\xe0n</title></item></channel></rss>",
			"https://a.vn/", []feedLink{{"https://a.vn/b-1.html", time.Time{}}}},
	}
	for _, tt := range tests {
		got, err := parseFeed([]byte(tt.body), tt.base)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !sameLinks(got, tt.want) {
			t.Errorf("%s: links\n got %v\nwant %v", tt.name, got, tt.want)
		}
	}
}

func TestParseFeedErrors(t *testing.T) {
	for _, body := range []string{
		"", "not xml", "<html><body>wall</body></html>", `<urlset><url><loc>x</loc></url></urlset>`,
		`<rss><channel><item><link>https://a.vn/1`, "\x1f\x8b garbage",
	} {
		if links, err := parseFeed([]byte(body), "https://a.vn/"); err == nil {
			t.Errorf("parseFeed(%q) = %v, want an error", body, links)
		}
	}
}

const newsSitemap = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://nld.com.vn/cong-doan/tin-moi-196250717.htm</loc>
    <lastmod>2025-07-18T10:00:00+07:00</lastmod>
    <news:news>
      <news:publication><news:name>Người Lao Động</news:name><news:language>vi</news:language></news:publication>
      <news:publication_date>2025-07-17T12:15:00+07:00</news:publication_date>
      <news:title>Tin mới</news:title>
    </news:news>
  </url>
  <url><loc>https://nld.com.vn/cong-doan/chi-lastmod-196250701.htm</loc><lastmod>2025-07-01</lastmod></url>
  <url><loc>https://nld.com.vn/gioi-thieu.htm</loc></url>
  <url><loc>  </loc></url>
</urlset>`

const sitemapIndex = `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://nld.com.vn/sitemaps/2025-06.xml.gz</loc><lastmod>2025-06-30T23:00:00+07:00</lastmod></sitemap>
  <sitemap><loc>https://nld.com.vn/sitemaps/static.xml</loc></sitemap>
  <sitemap><loc>https://nld.com.vn/sitemaps/2025-07.xml.gz</loc><lastmod>2025-07-18T10:00:00+07:00</lastmod></sitemap>
</sitemapindex>`

func gz(t testing.TB, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestParseSitemap(t *testing.T) {
	wantURLs := []feedLink{
		{"https://nld.com.vn/cong-doan/tin-moi-196250717.htm", ict(2025, 7, 17, 12, 15)},
		{"https://nld.com.vn/cong-doan/chi-lastmod-196250701.htm", ict(2025, 7, 1, 0, 0)},
		{"https://nld.com.vn/gioi-thieu.htm", time.Time{}},
	}
	for name, body := range map[string][]byte{"plain": []byte(newsSitemap), "gzip": gz(t, newsSitemap)} {
		sm, err := parseSitemap(body, "https://nld.com.vn/sitemap-news.xml", 1<<20)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if sm.Index || sm.Children != nil || !sameLinks(sm.URLs, wantURLs) {
			t.Errorf("%s urlset: got %+v\nwant %v", name, sm, wantURLs)
		}
	}
	sm, err := parseSitemap([]byte(sitemapIndex), "https://nld.com.vn/sitemap.xml", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if !sm.Index || len(sm.Children) != 3 || sm.URLs != nil {
		t.Fatalf("index parsed as %+v", sm)
	}
	got := newestChildren(sm.Children, ict(2025, 7, 1, 0, 0), 10)
	want := []feedLink{
		{"https://nld.com.vn/sitemaps/2025-07.xml.gz", ict(2025, 7, 18, 10, 0)},
		{"https://nld.com.vn/sitemaps/static.xml", time.Time{}},
	}
	if !sameLinks(got, want) {
		t.Errorf("newest children since 1 July: got %v, want %v", got, want)
	}
	if got := newestChildren(sm.Children, time.Time{}, 1); len(got) != 1 || !strings.HasSuffix(got[0].URL, "2025-07.xml.gz") {
		t.Errorf("limit 1 kept %v, want the newest", got)
	}
}

func TestParseSitemapErrors(t *testing.T) {
	huge := gz(t, "<urlset>"+strings.Repeat("<url><loc>https://a.vn/x</loc></url>", 1000)+"</urlset>")
	for name, body := range map[string][]byte{
		"empty": nil, "feed": []byte(rssLaodong), "truncated gzip": gz(t, newsSitemap)[:30],
		"html": []byte("<html><body>404</body></html>"),
	} {
		if sm, err := parseSitemap(body, "https://a.vn/", 1<<20); err == nil {
			t.Errorf("%s: parsed as %+v, want an error", name, sm)
		}
	}
	if _, err := parseSitemap(huge, "https://a.vn/", 1000); !errors.Is(err, ErrTooLarge) {
		t.Errorf("gzip bomb: err %v, want ErrTooLarge", err)
	}
}

func TestParseFeedDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"Thu, 17 Jul 2025 12:15:00 +0700", ict(2025, 7, 17, 12, 15)},
		{"Thu, 17 Jul 2025 05:15:00 GMT", ict(2025, 7, 17, 12, 15)},
		{"Thu, 7 Jul 2025 12:15:00 +0700", ict(2025, 7, 7, 12, 15)},
		{" 2025-07-17T12:15:00+07:00 ", ict(2025, 7, 17, 12, 15)},
		{"2025-07-17T05:15:00.000Z", ict(2025, 7, 17, 12, 15)},
		{"2025-07-17 12:15:00", ict(2025, 7, 17, 12, 15)},
		{"17/07/2025 12:15", ict(2025, 7, 17, 12, 15)},
		{"2025-07-17", ict(2025, 7, 17, 0, 0)},
	}
	for _, tt := range tests {
		got, ok := parseFeedDate(tt.in)
		if !ok || !got.Equal(tt.want) {
			t.Errorf("parseFeedDate(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
	for _, bad := range []string{"", "hôm qua", "32/13/2025"} {
		if got, ok := parseFeedDate(bad); ok {
			t.Errorf("parseFeedDate(%q) = %v, want no date", bad, got)
		}
	}
}

func FuzzParseFeed(f *testing.F) {
	for _, s := range []string{rssLaodong, atomFeed, rdfFeed, wallPage, "<rss><channel><item><link>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		links, err := parseFeed(body, "https://laodong.vn/rss/home.rss")
		if err != nil && links != nil {
			t.Fatalf("links %v with error %v", links, err)
		}
		for _, l := range links {
			if !strings.HasPrefix(l.URL, "http://") && !strings.HasPrefix(l.URL, "https://") {
				t.Fatalf("non-absolute link %q", l.URL)
			}
		}
	})
}

func FuzzParseSitemap(f *testing.F) {
	for _, s := range []string{newsSitemap, sitemapIndex, "<urlset><url><loc>"} {
		f.Add([]byte(s))
	}
	f.Add(gz(f, sitemapIndex))
	f.Fuzz(func(t *testing.T, body []byte) {
		sm, err := parseSitemap(body, "https://nld.com.vn/sitemap.xml", 1<<20)
		if err != nil {
			return
		}
		for _, l := range append(sm.URLs, sm.Children...) {
			if !strings.HasPrefix(l.URL, "http://") && !strings.HasPrefix(l.URL, "https://") {
				t.Fatalf("non-absolute location %q", l.URL)
			}
		}
		if sm.Index && len(sm.URLs) > 0 {
			t.Fatalf("index with urls: %+v", sm)
		}
	})
}
