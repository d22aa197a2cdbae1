package crawler

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
)

func (f *fixture) xml(path, body string) {
	f.handle(path, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/xml; charset=utf-8")
		w.Write([]byte(body))
	})
}

func urlset(entries ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">` +
		strings.Join(entries, "") + `</urlset>`
}

func index(entries ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
		strings.Join(entries, "") + `</sitemapindex>`
}

func smEntry(tag, loc, lastmod string) string {
	s := "<" + tag + "><loc>" + real + loc + "</loc>"
	if lastmod != "" {
		s += "<lastmod>" + lastmod + "</lastmod>"
	}
	return s + "</" + tag + ">"
}

// TestDiscoverFeedsAndSitemaps crawls a site whose articles are found
// only through its RSS feed and a nested, partly gzip'd sitemap index,
// with a -since bound.
func TestDiscoverFeedsAndSitemaps(t *testing.T) {
	f := newFixture(t)
	f.text("/robots.txt", "User-agent: *\nDisallow: /cam-\n")
	f.listing(start1, "")
	f.xml("/rss/home.rss", `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>LĐTĐ</title>
<item><link>`+real+`/tin-moi-101.html</link><pubDate>Thu, 17 Jul 2025 12:15:00 +0700</pubDate></item>
<item><link>`+real+`/tin-cu-102.html</link><pubDate>Sun, 01 Jun 2025 08:00:00 +0700</pubDate></item>
<item><link>/khong-ngay-103.html</link></item>
<item><link>`+real+`/cam-bi-chan-104.html</link></item>
<item><link>`+real+`/chuyen-muc.html</link></item>
<item><link>https://example.com/ngoai-105.html</link></item>
<item><link>`+real+`/tin-moi-101.html</link></item>
</channel></rss>`)
	f.xml("/sitemap.xml", index(
		smEntry("sitemap", "/sm/2025-05.xml", "2025-05-31"),
		smEntry("sitemap", "/sm/2025-07.xml.gz", "2025-07-18T10:00:00+07:00"),
		smEntry("sitemap", "/sm/nested.xml", "")))
	f.handle("/sm/2025-07.xml.gz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/x-gzip")
		w.Write(gz(t, urlset(
			`<url><loc>`+real+`/sm-a-201.html</loc><news:news><news:publication_date>2025-07-10T09:00:00+07:00</news:publication_date></news:news></url>`,
			smEntry("url", "/sm-b-202.html", "2025-06-20"))))
	})
	f.xml("/sm/2025-05.xml", urlset(smEntry("url", "/thang-nam-301.html", "")))
	f.xml("/sm/nested.xml", index(smEntry("sitemap", "/sm/deep.xml", "")))
	f.xml("/sm/deep.xml", index(smEntry("sitemap", "/sm/deepest.xml", "")))
	f.xml("/sm/deepest.xml", urlset(smEntry("url", "/qua-sau-401.html", "")))
	for _, p := range []string{"/tin-moi-101.html", "/tin-cu-102.html", "/khong-ngay-103.html", "/cam-bi-chan-104.html",
		"/sm-a-201.html", "/sm-b-202.html", "/thang-nam-301.html", "/qua-sau-401.html"} {
		f.article(p)
	}

	p := profile(t)
	p.StartURLs = []string{real + start1}
	p.Feeds = []string{real + "/rss/home.rss"}
	p.Sitemaps = []string{real + "/sitemap.xml"}
	var s sink
	cfg := f.config(p, &s)
	cfg.Since = ict(2025, 7, 1, 0, 0)
	st, err := crawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{real + "/khong-ngay-103.html", real + "/sm-a-201.html", real + "/tin-moi-101.html"}
	if got := s.urls(); !slices.Equal(got, want) {
		t.Errorf("sink got %q, want %q", got, want)
	}
	wantSt := Stats{ListingPages: 1, ArticlePages: 3, Stored: 3, Robots: 1, FeedPages: 1, SitemapPages: 4, TooOld: 3}
	if st != wantSt {
		t.Errorf("stats\n got %+v\nwant %+v", st, wantSt)
	}
	for _, p := range []string{"/sm/2025-05.xml", "/sm/deepest.xml", "/tin-cu-102.html", "/cam-bi-chan-104.html"} {
		if n := f.count(p); n != 0 {
			t.Errorf("%s fetched %d times, want never (too old, too deep or disallowed)", p, n)
		}
	}
}

// datedListing serves listing page n of a paged listing whose items are
// dated dd/mm/yyyy in a .time element.
func (f *fixture) datedListing(path, next string, date string, items ...string) {
	var b strings.Builder
	b.WriteString(`<html><body><div class="col_category">`)
	for _, it := range items {
		fmt.Fprintf(&b, `<div class="list_news"><div class="list_news_title"><h2><a href="%s">x</a></h2><span class="time">Cập nhật %s 08:00</span></div></div>`, it, date)
	}
	fmt.Fprintf(&b, `</div><div class="paging"><a class="next" href="%s">›</a></div></body></html>`, next)
	f.html(path, b.String())
}

func TestSinceStopsListingPaging(t *testing.T) {
	tests := []struct {
		name       string
		date       string // listing.date selector
		since      time.Time
		wantPages  int
		wantPage3  bool
		wantStored int
	}{
		{"since stops after the all-old page", ".list_news_title .time", ict(2025, 7, 1, 0, 0), 2, false, 2},
		{"no since: paging as usual", ".list_news_title .time", time.Time{}, 3, true, 3},
		{"no listing.date: paging unaffected", "", ict(2025, 7, 1, 0, 0), 3, true, 3},
		{"dates not found on the page: paging unaffected", ".khong-co", ict(2025, 7, 1, 0, 0), 3, true, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.datedListing(start1, start1+"/trang-2", "17/07/2025", "/moi-1.html")
			f.datedListing(start1+"/trang-2", start1+"/trang-3", "20/06/2025", "/cu-2.html")
			f.datedListing(start1+"/trang-3", start1+"/trang-4", "10/06/2025", "/cu-3.html")
			for _, a := range []string{"/moi-1.html", "/cu-2.html", "/cu-3.html"} {
				f.article(a)
			}
			p := profile(t)
			p.StartURLs = []string{real + start1}
			p.Listing.MaxPages = 3
			p.Listing.Date, p.Listing.DateFormat = tt.date, "02/01/2006"
			var s sink
			cfg := f.config(p, &s)
			cfg.Since = tt.since
			st, err := crawl(t, context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if st.ListingPages != tt.wantPages || st.Stored != tt.wantStored {
				t.Errorf("stats %+v; want %d listing pages, %d stored", st, tt.wantPages, tt.wantStored)
			}
			if got := f.count(start1+"/trang-3") == 1; got != tt.wantPage3 {
				t.Errorf("page 3 fetched: %v, want %v", got, tt.wantPage3)
			}
		})
	}
}

// TestSeedsFirstListingOnly is what `sites check` uses: seed URLs fetched
// directly, one listing page, no feeds, a small article budget.
func TestSeedsFirstListingOnly(t *testing.T) {
	f := newFixture(t)
	f.listing(start1, start1+"/trang-2", "/a-1.html", "/b-2.html", "/c-3.html")
	f.listing(start1+"/trang-2", "", "/d-4.html")
	f.xml("/rss/home.rss", `<rss><channel><item><link>`+real+`/e-5.html</link></item></channel></rss>`)
	for _, a := range []string{"/a-1.html", "/b-2.html", "/c-3.html", "/d-4.html", "/e-5.html", "/gioi-thieu"} {
		f.article(a)
	}
	p := profile(t)
	p.StartURLs = []string{real + start1}
	p.Feeds = []string{real + "/rss/home.rss"}
	var s sink
	cfg := f.config(p, &s)
	cfg.Seeds = []string{real + "/gioi-thieu"}
	cfg.MaxListingPages = 1
	cfg.SkipFeeds = true
	cfg.MaxArticles = 3
	st, err := crawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{real + "/a-1.html", real + "/b-2.html", real + "/gioi-thieu"}
	if got := s.urls(); !slices.Equal(got, want) {
		t.Errorf("sink got %q, want %q (the seed, then the first listing items)", got, want)
	}
	if st.ListingPages != 1 || f.count("/rss/home.rss") != 0 {
		t.Errorf("stats %+v, feed fetched %d times; want 1 listing page and no feed", st, f.count("/rss/home.rss"))
	}
	cfg.Seeds = []string{"https://example.com/x-1.html"}
	if _, err := New(cfg); err == nil {
		t.Error("a seed on a foreign host was accepted")
	}
}

func TestUnknownChallenge(t *testing.T) {
	p := profile(t)
	p.Challenge = "captcha"
	if _, err := New(Config{Profiles: p1(p), Sink: func(context.Context, Page) error { return nil }}); err == nil ||
		!strings.Contains(err.Error(), "unknown challenge") {
		t.Errorf("err %v, want unknown challenge", err)
	}
}

func p1(p *sites.Profile) []*sites.Profile { return []*sites.Profile{p} }
