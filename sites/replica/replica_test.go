package replica

import (
	"bytes"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const base = "https://laodongthudo.vn"

func TestPageCounts(t *testing.T) {
	r := newReplica(t)
	want := map[string]int{
		KindArticle: 16, KindListing: 3, KindRobots: 1,
		KindHome: 1, KindNonArticle: 1, KindNotFound: 1,
	}
	checkPageCounts(t, r, "laodongthudo.vn", want)
	ps := r.SitePages("laodongthudo.vn", "")
	if !slices.IsSortedFunc(ps, func(a, b Page) int { return strings.Compare(a.URL, b.URL) }) {
		t.Error("Pages is not sorted by URL")
	}
}

func TestListingItemsResolve(t *testing.T) {
	r := newReplica(t)
	tests := []struct {
		url   string
		items int
		next  string // resolved next-page URL, "" for none
	}{
		{base + "/cong-doan/hoat-dong", 8, base + "/cong-doan/hoat-dong&s_cond=&BRSR=8"},
		{base + "/cong-doan/hoat-dong&s_cond=&BRSR=8", 7, ""},
		{base + "/cong-doan/vi-loi-ich-doan-vien", 3, ""},
	}
	kinds := map[string]int{}
	seen := map[string]int{}
	for _, tc := range tests {
		for _, l := range checkListing(t, r, tc.url, tc.items, tc.next) {
			lp, ok := r.Lookup(l)
			if !ok {
				t.Errorf("%s: item %s resolves to no page", tc.url, l)
				continue
			}
			if seen[l]++; seen[l] == 1 {
				kinds[lp.Kind]++
			}
		}
	}
	want := map[string]int{KindArticle: 15, KindNonArticle: 1, KindNotFound: 1}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("distinct listing items of kind %q = %d, want %d (all: %v)", k, kinds[k], n, kinds)
		}
	}
	shared := 0
	for _, n := range seen {
		if n > 1 {
			shared++
		}
	}
	if shared != 1 {
		t.Errorf("%d items appear in two listings, want 1", shared)
	}
}

// checkListing checks one listing page (item count, absolute links,
// thumbnails, sapos, next page) and returns its item links.
func checkListing(t *testing.T, r *Replica, pageURL string, items int, next string) []string {
	t.Helper()
	p, ok := r.Lookup(pageURL)
	if !ok || p.Kind != KindListing || p.Status != 200 {
		t.Fatalf("Lookup(%s) = %v %q %d, want a listing", pageURL, ok, p.Kind, p.Status)
	}
	s := string(p.Body)
	links := all(reListItem, s)
	if len(links) != items || len(all(reListImg, s)) != items || len(all(reListSapo, s)) != items {
		t.Errorf("%s: %d links, %d thumbnails, %d sapos; want %d each",
			pageURL, len(links), len(all(reListImg, s)), len(all(reListSapo, s)), items)
	}
	for _, l := range links {
		if !strings.HasPrefix(l, base+"/") {
			t.Errorf("%s: item link %s is not an absolute real URL", pageURL, l)
		}
	}
	if got := resolveNext(t, pageURL, s); got != next {
		t.Errorf("%s: next page = %q, want %q", pageURL, got, next)
	} else if got != "" {
		if np, ok := r.Lookup(got); !ok || np.Kind != KindListing {
			t.Errorf("next page %s does not resolve to a listing", got)
		}
	}
	return links
}

// resolveNext resolves the pager's a.next link against the page URL.
func resolveNext(t *testing.T, pageURL, body string) string {
	t.Helper()
	href := first(reNext, between(body, `<div class="__MB_ARTICLE_PAGING`, `</div>`))
	if href == "" {
		return ""
	}
	b, _ := url.Parse(pageURL)
	u, err := b.Parse(href)
	if err != nil {
		t.Fatalf("next link %q: %v", href, err)
	}
	return u.String()
}

func TestMissingArticleIs404(t *testing.T) {
	r := newReplica(t)
	ps := r.SitePages("laodongthudo.vn", KindNotFound)
	if len(ps) != 1 {
		t.Fatalf("%d notfound pages, want 1", len(ps))
	}
	p := ps[0]
	if p.Status != 404 || p.ContentType != "text/html; charset=utf-8" || !bytes.Contains(p.Body, []byte("<html")) {
		t.Errorf("missing article %s: status %d, type %q; want a 404 HTML page", p.URL, p.Status, p.ContentType)
	}
	if bytes.Contains(p.Body, []byte(`class="detail_info`)) {
		t.Error("404 page carries article markup")
	}
}

func TestNonArticlePage(t *testing.T) {
	r := newReplica(t)
	ps := r.SitePages("laodongthudo.vn", KindNonArticle)
	if len(ps) != 1 {
		t.Fatalf("%d nonarticle pages, want 1", len(ps))
	}
	s := string(ps[0].Body)
	if !strings.Contains(ps[0].URL, "/video-") || strings.Contains(s, `class="detail_info`) ||
		strings.Contains(s, `class="content_detail`) || first(reOGTitle, s) == "" {
		t.Errorf("video page %s: want og:title, no .content_detail/.detail_info", ps[0].URL)
	}
}

func TestRobots(t *testing.T) {
	r := newReplica(t)
	p, ok := r.Lookup("https://www.laodongthudo.vn/robots.txt")
	if !ok || p.Kind != KindRobots || p.ContentType != "text/plain; charset=utf-8" {
		t.Fatalf("robots.txt: %v %q %q", ok, p.Kind, p.ContentType)
	}
	for _, line := range []string{"User-agent: *", "Disallow: /apicenter@/", "Disallow: /widgets@/",
		"Disallow: /tim-kiem", "Sitemap: https://laodongthudo.vn/sitemap.xml"} {
		if !bytes.Contains(p.Body, []byte(line+"\n")) {
			t.Errorf("robots.txt lacks %q", line)
		}
	}
}

func TestLookupHostsAndSchemes(t *testing.T) {
	r := newReplica(t)
	a, ok := r.Lookup(base + "/cong-doan/hoat-dong")
	if !ok {
		t.Fatal("canonical listing not found")
	}
	for _, u := range []string{"http://laodongthudo.vn/cong-doan/hoat-dong", "https://WWW.laodongthudo.vn/cong-doan/hoat-dong"} {
		b, ok := r.Lookup(u)
		if !ok || !bytes.Equal(a.Body, b.Body) || b.URL != a.URL {
			t.Errorf("Lookup(%s) does not give the canonical page", u)
		}
	}
	for _, u := range []string{"https://example.com/", "ftp://laodongthudo.vn/", "https://laodongthudo.vn/cong-doan/hoat-dong?page=2", ":bad"} {
		if _, ok := r.Lookup(u); ok {
			t.Errorf("Lookup(%s) found a page", u)
		}
	}
	if p, ok := r.Lookup(base); !ok || p.Kind != KindHome {
		t.Errorf("Lookup(%s) = %v %q, want the home page", base, ok, p.Kind)
	}
}

func TestHostsAndMirrors(t *testing.T) {
	r := newReplica(t)
	hosts := r.SiteHosts("laodongthudo.vn")
	if want := []string{"laodongthudo.vn", "www.laodongthudo.vn"}; !slices.Equal(hosts, want) {
		t.Fatalf("Hosts() = %v, want %v", hosts, want)
	}
	m := r.Mirrors("http://127.0.0.1:9/")
	if len(m) != len(r.Hosts()) {
		t.Errorf("Mirrors has %d hosts, want %d", len(m), len(hosts))
	}
	for _, h := range hosts {
		if m[h] != "http://127.0.0.1:9/"+h {
			t.Errorf("Mirrors[%s] = %q", h, m[h])
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := newReplica(t).Pages(""), newReplica(t).Pages("")
	if len(a) != len(b) {
		t.Fatalf("page counts differ: %d, %d", len(a), len(b))
	}
	for i := range a {
		if a[i].URL != b[i].URL || !bytes.Equal(a[i].Body, b[i].Body) {
			t.Errorf("page %s differs between two builds", a[i].URL)
		}
	}
}

func TestProfileContract(t *testing.T) {
	pr, r := readProfile(t, "laodongthudo.vn.json"), newReplica(t)
	if !slices.Equal(pr.Hosts, r.SiteHosts("laodongthudo.vn")) {
		t.Errorf("profile hosts %v, replica hosts %v", pr.Hosts, r.Hosts())
	}
	checkServed(t, r, pr.StartURLs, KindListing)
	checkServed(t, r, pr.TestURLs, KindArticle)
	re := regexp.MustCompile(pr.ArticleURL)
	for _, p := range r.SitePages("laodongthudo.vn", "") {
		want := p.Kind == KindArticle || p.Kind == KindNonArticle || p.Kind == KindNotFound
		if got := re.MatchString(p.URL); got != want {
			t.Errorf("article_url matches %s (%s) = %v, want %v", p.URL, p.Kind, got, want)
		}
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đổi mới, sáng tạo hướng về người lao động", "doi-moi-sang-tao-huong-ve-nguoi-lao-dong"},
		{"Công đoàn cơ sở hoàn thành đại hội nhiệm kỳ 2025 - 2030", "cong-doan-co-so-hoan-thanh-dai-hoi-nhiem-ky-2025-2030"},
		{"  “Mái ấm Công đoàn”!  ", "mai-am-cong-doan"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := slugify(tc.in); got != tc.want {
			t.Errorf("slugify(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
