package replica

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

const laoBase = "https://laodong.vn"

var (
	// A listing item: the cover story (article.cover a.article-title)
	// or a list item (h2.title a), shared/docs/sites.md §2 [V].
	laoReItem   = regexp.MustCompile(`(?:<h2 class="title"><a|<a class="article-title") href="([^"]+)">`)
	laoReNext   = regexp.MustCompile(`<li class="active"><a href="[^"]+">\d+</a></li>\s*<li><a href="([^"]+)">`)
	laoReLDJSON = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
)

func TestLaoPageCounts(t *testing.T) {
	r := newReplica(t)
	want := map[string]int{KindArticle: 6, KindListing: 3, KindRobots: 1, KindHome: 1,
		KindNonArticle: 1, KindNotFound: 1, kindFeed: 1, kindSitemap: 2}
	checkPageCounts(t, r, "amp.laodong.vn", want)
	if hosts := r.SiteHosts("www.laodong.vn"); !slices.Equal(hosts, []string{"amp.laodong.vn", "laodong.vn", "www.laodong.vn"}) {
		t.Errorf("hosts = %v", hosts)
	}
}

func TestLaoListings(t *testing.T) {
	r := newReplica(t)
	tests := []struct {
		url   string
		items int
		next  string
	}{
		{laoBase + "/cong-doan/", 4, laoBase + "/cong-doan/?page=2"},
		{laoBase + "/cong-doan/?page=2", 3, ""},
		{laoBase + "/ldld-soc-trang/", 2, ""},
	}
	kinds := map[string]int{}
	seen := map[string]bool{}
	for _, tc := range tests {
		p, ok := r.Lookup(tc.url)
		if !ok || p.Kind != KindListing || p.Status != http.StatusOK {
			t.Fatalf("Lookup(%s) = %v %q %d, want a listing", tc.url, ok, p.Kind, p.Status)
		}
		s := string(p.Body)
		links := all(laoReItem, s)
		if len(links) != tc.items {
			t.Errorf("%s: %d items, want %d", tc.url, len(links), tc.items)
		}
		if got := first(laoReNext, between(s, `<ul class="pagination">`, `</ul>`)); got != tc.next {
			t.Errorf("%s: next = %q, want %q", tc.url, got, tc.next)
		}
		if !strings.Contains(s, `<figure class="_thumb">`) || !strings.Contains(s, `class="lazyload"`) {
			t.Errorf("%s: no lazy-loaded figure._thumb thumbnails", tc.url)
		}
		for _, l := range links {
			lp, ok := r.Lookup(l)
			if !ok {
				t.Errorf("%s: item %s resolves to no page", tc.url, l)
				continue
			}
			if !seen[l] {
				seen[l] = true
				kinds[lp.Kind]++
			}
		}
	}
	want := map[string]int{KindArticle: 6, KindNonArticle: 1, KindNotFound: 1}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("distinct items of kind %q = %d, want %d (all %v)", k, kinds[k], n, kinds)
		}
	}
}

// TestLaoArticles checks every article page against its Truth and the
// clutter the real site carries around it.
func TestLaoArticles(t *testing.T) {
	r := newReplica(t)
	layouts := map[bool]int{}
	for _, p := range r.SitePages("laodong.vn", KindArticle) {
		s, tr := string(p.Body), p.Truth
		if tr == nil || tr.Title == "" || tr.Author == "" || tr.Published.IsZero() || len(tr.Paragraphs) < 3 || len(tr.Captions) == 0 {
			t.Errorf("%s: incomplete truth %+v", p.URL, tr)
			continue
		}
		if _, off := tr.Published.Zone(); off != 7*3600 {
			t.Errorf("%s: published %v not in +07:00", p.URL, tr.Published)
		}
		current := strings.Contains(s, `<article class="article-detail">`)
		layouts[current]++
		for _, want := range []string{htmlEsc(tr.Lead), htmlEsc(tr.Author), "Tin khác", "Lên top", `class="related"`, "<script"} {
			if !strings.Contains(s, want) {
				t.Errorf("%s: page lacks %q", p.URL, want)
			}
		}
		for _, c := range tr.Captions {
			if n := strings.Count(s, htmlEsc(c)); n < 2 {
				t.Errorf("%s: caption %q printed %d times, want >= 2 (alt + figcaption)", p.URL, c, n)
			}
		}
		if current {
			laoCheckLDJSON(t, p)
		}
	}
	if layouts[true] < 5 || layouts[false] != 1 {
		t.Errorf("layouts: %d current, %d 2019; want >= 5 and 1", layouts[true], layouts[false])
	}
}

// laoCheckLDJSON checks that only the last JSON-LD object carries
// datePublished, equal to the truth, in +07:00.
func laoCheckLDJSON(t *testing.T, p Page) {
	t.Helper()
	blocks := all(laoReLDJSON, string(p.Body))
	if len(blocks) < 2 {
		t.Fatalf("%s: %d JSON-LD blocks, want >= 2", p.URL, len(blocks))
	}
	for i, b := range blocks {
		var v map[string]any
		if err := json.Unmarshal([]byte(b), &v); err != nil {
			t.Fatalf("%s: JSON-LD %d: %v", p.URL, i, err)
		}
		d, has := v["datePublished"].(string)
		if has != (i == len(blocks)-1) {
			t.Errorf("%s: JSON-LD %d has datePublished = %v", p.URL, i, has)
		}
		if has && d != p.Truth.Published.Format("2006-01-02T15:04:05+07:00") {
			t.Errorf("%s: datePublished %s, want %v", p.URL, d, p.Truth.Published)
		}
	}
	body := between(string(p.Body), `<div class="art-body"`, `<div class="art-tags">`)
	if strings.Contains(p.URL, "1589342") && !strings.Contains(body, `<div class="tin-lien-quan">`) {
		t.Errorf("%s: no .tin-lien-quan inside .art-body", p.URL)
	}
}

func htmlEsc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

func TestLaoProfileContract(t *testing.T) {
	pr, r := readProfile(t, "laodong.vn.json"), newReplica(t)
	if !slices.Equal(slices.Sorted(slices.Values(pr.Hosts)), r.SiteHosts("laodong.vn")) {
		t.Errorf("profile hosts %v, replica hosts %v", pr.Hosts, r.SiteHosts("laodong.vn"))
	}
	if pr.Challenge != "d1n-cookie" {
		t.Errorf("challenge = %q, want d1n-cookie", pr.Challenge)
	}
	checkServed(t, r, pr.StartURLs, KindListing)
	checkServed(t, r, pr.TestURLs, KindArticle)
	re := regexp.MustCompile(pr.ArticleURL)
	for _, p := range r.SitePages("laodong.vn", "") {
		want := p.Kind == KindArticle || p.Kind == KindNonArticle || p.Kind == KindNotFound && p.URL != laoBase+"/404"
		for _, u := range []string{p.URL, strings.Replace(p.URL, "://", "://amp.", 1), strings.Replace(p.URL, "https://", "http://www.", 1)} {
			if got := re.MatchString(u); got != want {
				t.Errorf("article_url matches %s (%s) = %v, want %v", u, p.Kind, got, want)
			}
		}
	}
	for _, u := range []string{"https://news.laodong.vn/cong-doan/a-1.ldo", "https://laodong.vn/cong-doan/a-1.ldo?x=1", "https://laodong.vn/cong-doan/a.ldo"} {
		if re.MatchString(u) {
			t.Errorf("article_url matches %s", u)
		}
	}
}

// TestLaoFeedAndSitemap reads the RSS feed and the sitemap index of the
// profile: every article is listed, with its publication time.
func TestLaoFeedAndSitemap(t *testing.T) {
	pr, r := readProfile(t, "laodong.vn.json"), newReplica(t)
	arts := map[string]time.Time{}
	for _, p := range r.SitePages("laodong.vn", KindArticle) {
		arts[p.URL] = p.Truth.Published
	}
	if len(pr.Feeds) != 1 || len(pr.Sitemaps) != 1 {
		t.Fatalf("feeds %v sitemaps %v, want one each", pr.Feeds, pr.Sitemaps)
	}
	var rss rssDoc
	laoLookupXML(t, r, pr.Feeds[0], kindFeed, &rss)
	got := map[string]time.Time{}
	for _, it := range rss.Channel.Items {
		d, err := time.Parse(time.RFC1123Z, it.PubDate)
		if err != nil {
			t.Errorf("item %s: pubDate %q: %v", it.Link, it.PubDate, err)
		}
		got[it.Link] = d
	}
	laoSameTimes(t, "rss", got, arts)

	var index struct {
		Locs []string `xml:"sitemap>loc"`
	}
	laoLookupXML(t, r, pr.Sitemaps[0], kindSitemap, &index)
	var set struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if len(index.Locs) != 1 {
		t.Fatalf("sitemap index lists %v, want one child", index.Locs)
	}
	laoLookupXML(t, r, index.Locs[0], kindSitemap, &set)
	got = map[string]time.Time{}
	for _, u := range set.URLs {
		d, err := time.Parse(time.RFC3339, u.LastMod)
		if err != nil {
			t.Errorf("sitemap %s: lastmod %q: %v", u.Loc, u.LastMod, err)
		}
		got[u.Loc] = d
	}
	laoSameTimes(t, "sitemap", got, arts)
}

func laoLookupXML(t *testing.T, r *Replica, u, kind string, v any) {
	t.Helper()
	p, ok := r.Lookup(u)
	if !ok || p.Kind != kind || p.Status != http.StatusOK {
		t.Fatalf("Lookup(%s) = %v %q %d, want a %s", u, ok, p.Kind, p.Status, kind)
	}
	if err := xml.Unmarshal(p.Body, v); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
}

func laoSameTimes(t *testing.T, what string, got, want map[string]time.Time) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s lists %d articles, want %d", what, len(got), len(want))
	}
	for u, w := range want {
		if g, ok := got[u]; !ok || !g.Equal(w) {
			t.Errorf("%s: %s at %v (listed %v), want %v", what, u, g, ok, w)
		}
	}
}

// TestLaoCookieWall serves the replica over HTTP: laodong.vn answers the
// D1N challenge unless the request carries the right cookie; other sites
// are not walled.
func TestLaoCookieWall(t *testing.T) {
	r := newReplica(t)
	srv := httptest.NewServer(r.Handler())
	defer srv.Close()
	article := laoBase + "/cong-doan/cong-doan-co-so-doi-moi-cach-tiep-can-doan-vien-tre-1589342.ldo"
	tests := []struct {
		name, method, host, path, cookie string
		wall                             bool
		status                           int
	}{
		{"article without cookie", "GET", "laodong.vn", strings.TrimPrefix(article, laoBase), "", true, 200},
		{"robots without cookie", "GET", "laodong.vn", "/robots.txt", "", true, 200},
		{"rss without cookie", "GET", "www.laodong.vn", "/rss/cong-doan.rss", "", true, 200},
		{"missing page without cookie", "GET", "amp.laodong.vn", "/khong-co-1.ldo", "", true, 200},
		{"wrong cookie", "GET", "laodong.vn", "/cong-doan/", "00000000000000000000000000000000", true, 200},
		{"head without cookie", "HEAD", "laodong.vn", "/cong-doan/", "", true, 200},
		{"article with cookie", "GET", "laodong.vn", strings.TrimPrefix(article, laoBase), LaodongD1N, false, 200},
		{"amp listing page 2 with cookie", "GET", "amp.laodong.vn", "/cong-doan/?page=2", LaodongD1N, false, 200},
		{"robots with cookie", "GET", "www.laodong.vn", "/robots.txt", LaodongD1N, false, 200},
		{"missing page with cookie", "GET", "laodong.vn", "/khong-co-1.ldo", LaodongD1N, false, 404},
		{"other site is not walled", "GET", "laodongthudo.vn", "/robots.txt", "", false, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, srv.URL+"/"+tc.host+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.cookie != "" {
				req.AddCookie(&http.Cookie{Name: "D1N", Value: tc.cookie})
			}
			res, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.status {
				t.Errorf("status %d, want %d", res.StatusCode, tc.status)
			}
			if tc.method == "HEAD" {
				if len(body) != 0 || res.Header.Get("Content-Type") != "text/html" {
					t.Errorf("HEAD: %d bytes, type %q", len(body), res.Header.Get("Content-Type"))
				}
				return
			}
			laoCheckWallAnswer(t, r, tc.wall, "https://"+tc.host+tc.path, res, body)
		})
	}
}

// laoCheckWallAnswer checks one answer: the challenge, or the real page.
func laoCheckWallAnswer(t *testing.T, r *Replica, wall bool, realURL string, res *http.Response, body []byte) {
	t.Helper()
	s := string(body)
	isWall := strings.Contains(s, `document.cookie="D1N=`+LaodongD1N+`"`) && strings.Contains(s, "window.location.reload(true)")
	if isWall != wall {
		t.Fatalf("challenge = %v, want %v; body starts %.120q", isWall, wall, s)
	}
	if wall {
		if len(body) >= 2048 || strings.Contains(s, "<article") || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("challenge: %d bytes, type %q; want < 2 KB text/html without <article", len(body), res.Header.Get("Content-Type"))
		}
		if !regexp.MustCompile(`D1N=[0-9a-f]{32}`).MatchString(s) {
			t.Error("challenge lacks D1N=<32 hex>")
		}
		return
	}
	if p, ok := r.Lookup(realURL); ok && string(body) != string(p.Body) {
		t.Errorf("%s: body differs from the replica page", realURL)
	}
}
