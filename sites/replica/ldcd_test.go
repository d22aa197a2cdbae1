package replica

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const (
	ldcdBase = "https://laodongdoanthe.vn"
	ldcdOld  = "https://laodongcongdoan.vn"
)

var (
	ldcdReItem = regexp.MustCompile(`<h3 class="article-title"><a href="([^"]+)"`)
	ldcdReNext = regexp.MustCompile(`<a href="([^"]+)">Sau »</a>`)
)

// ldcdFollowListing walks a listing's pager from start with the next
// links matched by reNext and returns the page URLs and their item links.
func ldcdFollowListing(t *testing.T, r *Replica, start string, reItem, reNext *regexp.Regexp) (pages, items []string) {
	t.Helper()
	for u := start; u != ""; {
		p, ok := r.Lookup(u)
		if !ok || p.Kind != KindListing || p.Status != http.StatusOK {
			t.Fatalf("%s: %v %q %d, want a listing", u, ok, p.Kind, p.Status)
		}
		pages = append(pages, u)
		items = append(items, all(reItem, string(p.Body))...)
		next := first(reNext, string(p.Body))
		if next == "" {
			break
		}
		b, _ := url.Parse(u)
		nu, err := b.Parse(next)
		if err != nil {
			t.Fatalf("next link %q: %v", next, err)
		}
		u = nu.String()
		if len(pages) > 10 {
			t.Fatal("pager loops")
		}
	}
	return pages, items
}

func TestLDCDListingPagination(t *testing.T) {
	r := newReplica(t)
	pages, items := ldcdFollowListing(t, r, ldcdBase+"/cong-doan/hoat-dong-cong-doan", ldcdReItem, ldcdReNext)
	want := []string{ldcdBase + "/cong-doan/hoat-dong-cong-doan", ldcdBase + "/cong-doan/hoat-dong-cong-doan&s_cond=&BRSR=14"}
	if !slices.Equal(pages, want) {
		t.Fatalf("pager chain %v, want %v (offset = (page-1)*14)", pages, want)
	}
	if len(items) != 16 {
		t.Fatalf("%d items, want 14 + 2", len(items))
	}
	kinds := map[string]int{}
	for _, it := range items {
		p, ok := r.Lookup(it)
		if !ok {
			t.Errorf("item %s resolves to no page", it)
			continue
		}
		kinds[p.Kind]++
	}
	// One item still links the old host (it redirects), one was withdrawn (404).
	if want := map[string]int{KindArticle: 14, KindRedirect: 1, KindNotFound: 1}; !mapsEqual(kinds, want) {
		t.Errorf("item kinds %v, want %v", kinds, want)
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestLDCDOldHostRedirects(t *testing.T) {
	r := newReplica(t)
	reds := r.SitePages("laodongcongdoan.vn", KindRedirect)
	if len(reds) < 18+3 {
		t.Fatalf("%d redirects on the old host, want every article and listing", len(reds))
	}
	for _, p := range reds {
		if p.Status != http.StatusMovedPermanently || !strings.HasPrefix(p.URL, ldcdOld+"/") {
			t.Errorf("%s: status %d", p.URL, p.Status)
		}
		if want := ldcdBase + strings.TrimPrefix(p.URL, ldcdOld); p.Location != want {
			t.Errorf("%s: Location %q, want %q", p.URL, p.Location, want)
		}
		if tp, ok := r.Lookup(p.Location); !ok || tp.Status != http.StatusOK {
			t.Errorf("%s redirects to %s, which is not served", p.URL, p.Location)
		}
	}
	srv := httptest.NewServer(r.Handler())
	defer srv.Close()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(srv.URL + "/www.laodongcongdoan.vn/cong-doan/phuc-loi-doan-vien")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != 301 || loc != ldcdBase+"/cong-doan/phuc-loi-doan-vien" {
		t.Errorf("handler: %d Location %q", resp.StatusCode, loc)
	}
	for _, u := range []string{ldcdOld + "/robots.txt", ldcdBase + "/robots.txt"} {
		if p, ok := r.Lookup(u); !ok || p.Kind != KindRobots || !strings.Contains(string(p.Body), "Disallow: /apicenter@/") {
			t.Errorf("%s: not a robots.txt", u)
		}
	}
}

func TestLDCDArticlesCarryTruth(t *testing.T) {
	r := newReplica(t)
	arts := r.SitePages("laodongdoanthe.vn", KindArticle)
	if len(arts) != 21 { // 18 and three planted stories (dedup.go)
		t.Fatalf("%d articles, want 21", len(arts))
	}
	var imgs, tables, lists, related int
	for _, p := range arts {
		s := string(p.Body)
		tr := p.Truth
		if tr == nil || tr.Title == "" || tr.Author == "" || tr.Published.IsZero() || len(tr.Paragraphs) < 2 {
			t.Fatalf("%s: incomplete truth %+v", p.URL, tr)
		}
		for _, want := range []string{`<h1 class="article-detail-title">`, `<div class="article-detail-desc">`,
			`<span class="format_time">` + tr.Published.Format("02/01/2006 15:04") + ` |</span>`,
			`<div class="author-title"><a href=`, `__MASTERCMS_CONTENT`, `.tag" title=`} {
			if !strings.Contains(s, want) {
				t.Errorf("%s lacks %q", p.URL, want)
			}
		}
		imgs += strings.Count(s, `class="MASTERCMS_TPL_TABLE"`)
		tables += strings.Count(s, `border-collapse`)
		lists += strings.Count(s, `<li style="text-align: justify;">`)
		related += strings.Count(s, `<div class="article-relate-inline">`)
	}
	if imgs < 5 || tables < 1 || lists < 4 || related < 1 {
		t.Errorf("articles not varied: %d images, %d tables, %d list items, %d inline related boxes", imgs, tables, lists, related)
	}
}

func TestLDCDProfileContract(t *testing.T) {
	r := newReplica(t)
	pr := readProfile(t, "laodongcongdoan.vn.json")
	hosts := append(r.SiteHosts("laodongcongdoan.vn"), r.SiteHosts("laodongdoanthe.vn")...)
	if !slices.Equal(pr.Hosts, hosts) {
		t.Errorf("profile hosts %v, replica hosts %v", pr.Hosts, hosts)
	}
	for _, u := range pr.StartURLs {
		p, ok := r.Lookup(u)
		if ok && p.Kind == KindRedirect {
			p, ok = r.Lookup(p.Location)
		}
		if !ok || p.Kind != KindListing {
			t.Errorf("start URL %s is not a served listing", u)
		}
	}
	checkServed(t, r, pr.TestURLs, KindArticle)
	re := regexp.MustCompile(pr.ArticleURL)
	pages := append(r.SitePages("laodongdoanthe.vn", ""), r.SitePages("laodongcongdoan.vn", "")...)
	for _, p := range pages {
		want := p.Kind == KindArticle || p.Kind == KindNotFound ||
			(p.Kind == KindRedirect && strings.HasSuffix(p.URL, ".html"))
		if got := re.MatchString(p.URL); got != want {
			t.Errorf("article_url matches %s (%s) = %v, want %v", p.URL, p.Kind, got, want)
		}
	}
	if nf := r.SitePages("laodongdoanthe.vn", KindNotFound); len(nf) != 1 || nf[0].Status != 404 {
		t.Errorf("want one 404 article page, got %d", len(nf))
	}
}
