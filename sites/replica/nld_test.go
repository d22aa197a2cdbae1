package replica

import (
	"encoding/xml"
	"html"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

const nldBase = "https://nld.com.vn"

var (
	nldReNewItem = regexp.MustCompile(`<a class="box-category-link-title" href="([^"]+)"`)
	nldReOldItem = regexp.MustCompile(`<h3 class="title-news"><a href="([^"]+)"`)
	nldReNext    = regexp.MustCompile(`<a href="([^"]+)" class="(?:view-more btn-viewmore|btn-xemthem)"[^>]*rel="next"`)
	nldReAlt     = regexp.MustCompile(`<img src="(https://nld\.mediacdn\.vn/[^"]+)" id="img_\d+" width="684" height="456" alt="([^"]+)"`)
	nldReCaption = regexp.MustCompile(`<figcaption class="PhotoCMS_Caption"><p [^>]*>([^<]+)</p></figcaption>`)
	nldRePrint   = regexp.MustCompile(`href="(/Print\.aspx\?NewsID=\d+)"`)
)

// nldLookup resolves href against pageURL and looks the page up.
func nldLookup(t *testing.T, r *Replica, pageURL, href string) (string, Page, bool) {
	t.Helper()
	b, _ := url.Parse(pageURL)
	u, err := b.Parse(href)
	if err != nil {
		t.Fatalf("%s: link %q: %v", pageURL, href, err)
	}
	p, ok := r.Lookup(u.String())
	return u.String(), p, ok
}

func TestNLDPageCounts(t *testing.T) {
	r := newReplica(t)
	want := map[string]int{KindArticle: 7, KindListing: 4, KindRobots: 1, KindNonArticle: 1,
		KindNotFound: 1, kindPrint: 7, kindFeed: 1, kindSitemap: 2}
	checkPageCounts(t, r, "www.nld.com.vn", want)
	if h := r.SiteHosts("nld.com.vn"); !slices.Equal(h, []string{"nld.com.vn", "www.nld.com.vn"}) {
		t.Errorf("hosts %v", h)
	}
}

// TestNLDListings follows both pagination chains (the new layout's
// "Xem thêm" pages and the old loadmorecategory fragments) and checks that
// every item resolves.
func TestNLDListings(t *testing.T) {
	r := newReplica(t)
	chains := []struct {
		start string
		re    *regexp.Regexp
		pages []string // the chain, start included
		items []int
	}{
		{nldBase + "/lao-dong/cong-doan-cong-nhan.htm", nldReNewItem,
			[]string{nldBase + "/lao-dong/cong-doan-cong-nhan.htm", nldBase + "/lao-dong/cong-doan-cong-nhan/trang-2.htm"}, []int{4, 2}},
		{nldBase + "/cong-doan.htm", nldReOldItem,
			[]string{nldBase + "/cong-doan.htm", nldBase + "/loadmorecategory-1961-2.htm"}, []int{2, 1}},
	}
	kinds := map[string]int{}
	for _, c := range chains {
		var got []string
		for u := c.start; u != ""; {
			p, ok := r.Lookup(u)
			if !ok || p.Kind != KindListing || p.Status != 200 {
				t.Fatalf("%s: %v %q %d, want a listing", u, ok, p.Kind, p.Status)
			}
			got = append(got, u)
			s := string(p.Body)
			links := all(c.re, s)
			if i := len(got) - 1; i < len(c.items) && len(links) != c.items[i] {
				t.Errorf("%s: %d items, want %d", u, len(links), c.items[i])
			}
			for _, l := range links {
				abs, lp, ok := nldLookup(t, r, u, l)
				if !ok {
					t.Errorf("%s: item %s is not served", u, abs)
				}
				kinds[lp.Kind]++
			}
			next := first(nldReNext, s)
			u = ""
			if next != "" {
				u, _, _ = nldLookup(t, r, p.URL, next)
			}
		}
		if !slices.Equal(got, c.pages) {
			t.Errorf("chain from %s = %v, want %v", c.start, got, c.pages)
		}
	}
	if want := map[string]int{KindArticle: 7, KindNonArticle: 1, KindNotFound: 1}; !maps.Equal(kinds, want) {
		t.Errorf("listing items by kind %v, want %v", kinds, want)
	}
	frag, _ := r.Lookup(nldBase + "/loadmorecategory-1961-2.htm")
	if strings.Contains(string(frag.Body), "<html") || !strings.Contains(string(frag.Body), `class="news-item"`) {
		t.Error("loadmorecategory page is not a bare fragment of news items")
	}
}

// TestNLDArticles checks the layout markers, the truth and the clutter
// of every article page.
func TestNLDArticles(t *testing.T) {
	r := newReplica(t)
	layouts := map[string]int{}
	related := 0
	for _, p := range r.SitePages("nld.com.vn", KindArticle) {
		s := string(p.Body)
		tr := p.Truth
		if tr == nil || tr.Title == "" || tr.Lead == "" || tr.Author == "" || len(tr.Paragraphs) < 5 ||
			tr.Published.IsZero() || !strings.Contains(tr.Published.Format(time.RFC3339), "+07:00") {
			t.Errorf("%s: incomplete truth %+v", p.URL, tr)
			continue
		}
		old := strings.Contains(s, `<div class="contentleft">`)
		if old {
			layouts[nldOld]++
			nldCheckOld(t, p, s)
		} else {
			layouts[nldNew]++
			nldCheckNew(t, p, s)
		}
		if strings.Contains(s, `type="RelatedNewsBox"`) || strings.Contains(s, `type="RelatedOneNews"`) {
			related++
		}
		pr := first(nldRePrint, s)
		if abs, pp, ok := nldLookup(t, r, p.URL, pr); pr == "" || !ok || pp.Kind != kindPrint ||
			!strings.Contains(string(pp.Body), tr.Paragraphs[0]) {
			t.Errorf("%s: print view %q (%s) missing or not served", p.URL, pr, abs)
		}
		text := html.UnescapeString(s)
		for _, para := range tr.Paragraphs {
			for _, cell := range strings.Split(para, " | ") {
				if !strings.Contains(text, cell) {
					t.Errorf("%s: truth text %.40q… not on the page", p.URL, cell)
				}
			}
		}
	}
	if layouts[nldOld] < 2 || layouts[nldNew] < 3 || related < 3 {
		t.Errorf("layouts %v, %d pages with related boxes; want >= 2 old, >= 3 new, >= 3 boxes", layouts, related)
	}
}

func nldCheckOld(t *testing.T, p Page, s string) {
	t.Helper()
	for _, m := range []string{`<h1 class="title-content">`, `<p class="ngayxuatban">`, `<h2 class="sapo-detail">`,
		`<div class="contentdetail">`, `<div class="nguon-tin-detail"><b>` + p.Truth.Author + `</b></div>`,
		`<ul class="contref">`, p.Truth.Published.Format(dateLayout), "Tin khác"} {
		if !strings.Contains(s, m) {
			t.Errorf("%s (old layout): missing %q", p.URL, m)
		}
	}
	if !strings.Contains(p.URL, "/cong-doan/") {
		t.Errorf("%s: an old-layout article outside /cong-doan/", p.URL)
	}
}

func nldCheckNew(t *testing.T, p Page, s string) {
	t.Helper()
	for _, m := range []string{`<h1 class="detail-title" data-role="title">`, `<h2 class="detail-sapo"`,
		`<div class="detail-content`, `<div class="detail-time"><div data-role="publishdate"`,
		p.Truth.Published.Format(dateLayout), "Lên top", "Tin cùng chuyên mục"} {
		if !strings.Contains(s, m) {
			t.Errorf("%s (new layout): missing %q", p.URL, m)
		}
	}
	top := strings.Contains(s, `<div class="detail-author"><a class="name"`)
	end := regexp.MustCompile(`<p style="text-align: right;">[^<]+: <b>` + regexp.QuoteMeta(p.Truth.Author) + `</b></p>\s*</div>`).MatchString(s)
	if top == end {
		t.Errorf("%s: want the author either on top (.detail-author) or as the body's last line, got top=%v end=%v", p.URL, top, end)
	}
	alts := nldReAlt.FindAllStringSubmatch(s, -1)
	caps := all(nldReCaption, s)
	if len(alts) != len(caps) || !slices.Equal(caps, p.Truth.Captions) {
		t.Errorf("%s: %d images, captions %q, truth %q", p.URL, len(alts), caps, p.Truth.Captions)
	}
	for i, m := range alts {
		if want := caps[i] + " - Ảnh " + string(rune('1'+i)) + "."; m[2] != want {
			t.Errorf("%s: image alt %q, want %q", p.URL, m[2], want)
		}
	}
}

func TestNLDFeed(t *testing.T) {
	r := newReplica(t)
	p, ok := r.Lookup(nldBase + "/rss/lao-dong/cong-doan-cong-nhan.rss")
	if !ok || p.Kind != kindFeed || !strings.HasPrefix(p.ContentType, "application/rss+xml") {
		t.Fatalf("feed: %v %q %q", ok, p.Kind, p.ContentType)
	}
	var f rssDoc
	if err := xml.Unmarshal(p.Body, &f); err != nil {
		t.Fatalf("parse feed: %v", err)
	}
	if f.Version != "2.0" || len(f.Channel.Items) != 4 {
		t.Fatalf("feed version %q with %d items, want 2.0 with 4", f.Version, len(f.Channel.Items))
	}
	for _, it := range f.Channel.Items {
		ap, ok := r.Lookup(it.Link)
		when, err := time.Parse(time.RFC1123Z, it.PubDate)
		if !ok || ap.Kind != KindArticle || err != nil || !when.Equal(ap.Truth.Published) || it.Title != ap.Truth.Title {
			t.Errorf("item %s (%s): not a served article with that date and title", it.Link, it.PubDate)
		}
	}
}

func TestNLDSitemap(t *testing.T) {
	r := newReplica(t)
	p, ok := r.Lookup(nldBase + "/sitemap.xml")
	if !ok || p.Kind != kindSitemap {
		t.Fatalf("sitemap.xml: %v %q", ok, p.Kind)
	}
	var idx struct {
		Locs []string `xml:"sitemap>loc"`
	}
	if err := xml.Unmarshal(p.Body, &idx); err != nil || len(idx.Locs) != 1 {
		t.Fatalf("sitemap index: %v, %d entries", err, len(idx.Locs))
	}
	np, ok := r.Lookup(idx.Locs[0])
	if !ok || np.Kind != kindSitemap {
		t.Fatalf("news sitemap %s not served", idx.Locs[0])
	}
	var set struct {
		URLs []struct {
			Loc  string `xml:"loc"`
			Date string `xml:"news>publication_date"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(np.Body, &set); err != nil || len(set.URLs) != 7 {
		t.Fatalf("news sitemap: %v, %d urls", err, len(set.URLs))
	}
	if !strings.Contains(string(np.Body), `xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"`) ||
		!strings.Contains(string(np.Body), "<news:publication_date>") {
		t.Error("news sitemap lacks the news namespace")
	}
	for _, u := range set.URLs {
		ap, ok := r.Lookup(u.Loc)
		when, err := time.Parse(time.RFC3339, u.Date)
		if !ok || ap.Kind != KindArticle || err != nil || !when.Equal(ap.Truth.Published) {
			t.Errorf("sitemap url %s (%s): not a served article with that date", u.Loc, u.Date)
		}
	}
}

func TestNLDIDs(t *testing.T) {
	r := newReplica(t)
	re := regexp.MustCompile(`-(\d{17,18})\.htm$`)
	for _, p := range r.SitePages("nld.com.vn", KindArticle) {
		id := first(re, p.URL)
		layout := nldNew
		if len(id) == 17 {
			layout = nldOld
		}
		if err := nldCheckID(id, layout, p.Truth.Published); err != nil {
			t.Errorf("%s: %v", p.URL, err)
		}
	}
	when := time.Date(2025, 8, 21, 13, 58, 0, 0, ict)
	for _, tc := range []struct {
		id, layout string
		ok         bool
	}{
		{"196250821135822527", nldNew, true}, {"20250821135822527", nldOld, true},
		{"196250821135922527", nldNew, false}, {"1962508211358225", nldNew, false}, {"196250821135822527", "amp", false},
	} {
		if err := nldCheckID(tc.id, tc.layout, when); (err == nil) != tc.ok {
			t.Errorf("nldCheckID(%s, %s) = %v, want ok=%v", tc.id, tc.layout, err, tc.ok)
		}
	}
}

func TestNLDRobotsAnd404(t *testing.T) {
	r := newReplica(t)
	p, ok := r.Lookup("http://www.nld.com.vn/robots.txt")
	if !ok || p.Kind != KindRobots || !strings.Contains(string(p.Body), "Sitemap: https://nld.com.vn/sitemap.xml\n") {
		t.Errorf("robots.txt: %v %q", ok, p.Kind)
	}
	nf := r.SitePages("nld.com.vn", KindNotFound)
	if len(nf) != 1 || nf[0].Status != 404 || strings.Contains(string(nf[0].Body), "detail-content") {
		t.Errorf("missing article: %+v", nf)
	}
}

// TestNLDProfileContract checks the profile against the replica.
func TestNLDProfileContract(t *testing.T) {
	pr, r := readProfile(t, "nld.com.vn.json"), newReplica(t)
	if !slices.Equal(pr.Hosts, r.SiteHosts("nld.com.vn")) {
		t.Errorf("profile hosts %v, replica hosts %v", pr.Hosts, r.SiteHosts("nld.com.vn"))
	}
	checkServed(t, r, pr.StartURLs, KindListing)
	checkServed(t, r, pr.TestURLs, KindArticle)
	checkServed(t, r, pr.Feeds, kindFeed)
	checkServed(t, r, pr.Sitemaps, kindSitemap)
	re := regexp.MustCompile(pr.ArticleURL)
	for _, p := range r.SitePages("nld.com.vn", "") {
		want := p.Kind == KindArticle || p.Kind == KindNonArticle || p.Kind == KindNotFound
		if got := re.MatchString(p.URL); got != want {
			t.Errorf("article_url matches %s (%s) = %v, want %v", p.URL, p.Kind, got, want)
		}
	}
}
