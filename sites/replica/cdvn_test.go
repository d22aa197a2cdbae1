package replica

import (
	"encoding/xml"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

const cdvnHost = "congdoan.vn"

var (
	cdvnReItem = regexp.MustCompile(`<h3><a href="([^"]+)">`)
	cdvnReNext = regexp.MustCompile(`<a class="next" href="([^"]+)">`)
	cdvnReH1   = regexp.MustCompile(`<h1 class="title-detail">([^<]+)</h1>`)
	cdvnReCap  = regexp.MustCompile(`<figure class="image"><img src="[^"]+" alt="[^"]*"><figcaption>([^<]+)</figcaption></figure>`)
)

// TestCDVNListing walks the paginated category listing (?page=n) from the
// start URL; every item resolves (one to the 404 of a removed article).
func TestCDVNListing(t *testing.T) {
	r := newReplica(t)
	start := "https://" + cdvnHost + "/tin-tuc/hoat-dong-cong-doan-44.tld"
	page := start
	var chain []string
	kinds := map[string]int{}
	for page != "" && len(chain) < 5 {
		chain = append(chain, page)
		p, ok := r.Lookup(page)
		if !ok || p.Kind != KindListing || p.Status != 200 {
			t.Fatalf("listing %s: %v %q %d", page, ok, p.Kind, p.Status)
		}
		s := between(string(p.Body), `<div class="list-news-cate">`, `<div class="paging">`)
		for _, l := range all(cdvnReItem, s) {
			lp, ok := r.Lookup(l)
			if !ok || !strings.HasPrefix(l, "https://"+cdvnHost+"/tin-tuc/") {
				t.Errorf("%s: item %s is not a served real URL", page, l)
			}
			kinds[lp.Kind]++
		}
		page = ""
		if n := first(cdvnReNext, string(p.Body)); n != "" {
			page = cdytResolve(t, chain[len(chain)-1], n)
		}
	}
	if want := []string{start, start + "?page=2"}; !slices.Equal(chain, want) {
		t.Errorf("pager chain %v, want %v", chain, want)
	}
	// 4 articles: 3, and the planted copy of a laodongdoanthe.vn story
	// (dedup.go).
	if kinds[KindArticle] != 4 || kinds[KindNotFound] != 1 || len(kinds) != 2 {
		t.Errorf("listing item kinds %v, want 4 articles and 1 notfound", kinds)
	}
}

// TestCDVNSitemap checks /sitemap.xml: a <urlset> listing exactly the
// served articles (one of them in no listing), each with its publication
// time as lastmod.
func TestCDVNSitemap(t *testing.T) {
	r := newReplica(t)
	p, ok := r.Lookup("https://www." + cdvnHost + "/sitemap.xml")
	if !ok || p.Status != 200 || p.Kind != kindSitemap || !strings.HasPrefix(p.ContentType, "application/xml") {
		t.Fatalf("sitemap: %v %d %q %q", ok, p.Status, p.Kind, p.ContentType)
	}
	var set struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(p.Body, &set); err != nil {
		t.Fatalf("sitemap XML: %v", err)
	}
	if set.XMLName.Local != "urlset" || set.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" {
		t.Errorf("root element %v, want sitemaps.org urlset", set.XMLName)
	}
	var locs []string
	for _, u := range set.URLs {
		a, ok := r.Lookup(u.Loc)
		if !ok || a.Kind != KindArticle {
			t.Errorf("sitemap loc %s is not a served article", u.Loc)
			continue
		}
		lm, err := time.Parse(time.RFC3339, u.LastMod)
		if err != nil || !lm.Equal(a.Truth.Published) || !strings.HasSuffix(u.LastMod, "+07:00") {
			t.Errorf("%s: lastmod %q, want %v", u.Loc, u.LastMod, a.Truth.Published)
		}
		locs = append(locs, u.Loc)
	}
	var arts []string
	for _, a := range r.SitePages(cdvnHost, KindArticle) {
		arts = append(arts, a.URL)
	}
	slices.Sort(locs)
	if !slices.Equal(locs, arts) {
		t.Errorf("sitemap locs %v, served articles %v", locs, arts)
	}
	robots, _ := r.Lookup("https://" + cdvnHost + "/robots.txt")
	if !strings.Contains(string(robots.Body), "Sitemap: https://congdoan.vn/sitemap.xml\n") {
		t.Error("robots.txt does not announce the sitemap")
	}
}

// TestCDVNTruth checks every article's gold against its page.
func TestCDVNTruth(t *testing.T) {
	r := newReplica(t)
	arts := r.SitePages(cdvnHost, KindArticle)
	if len(arts) != 5 { // 4 and a planted copy (dedup.go)
		t.Fatalf("%d articles, want 5", len(arts))
	}
	var table, list, related, imgs int
	for _, p := range arts {
		tr, s := p.Truth, string(p.Body)
		if tr == nil || tr.Title == "" || tr.Lead == "" || tr.Author == "" || tr.Category == "" || len(tr.Tags) == 0 ||
			len(tr.Paragraphs) < 4 || tr.Published.IsZero() {
			t.Errorf("%s: incomplete truth %+v", p.URL, tr)
			continue
		}
		if got := first(cdvnReH1, s); got != tr.Title {
			t.Errorf("%s: h1 %q, truth title %q", p.URL, got, tr.Title)
		}
		if !strings.Contains(s, `<div class="author-detail">`+tr.Author+`</div>`) ||
			!strings.Contains(s, tr.Published.Format(cdvnDateLayout)) {
			t.Errorf("%s: author or date not shown as the truth says", p.URL)
		}
		if caps := all(cdvnReCap, s); !slices.Equal(caps, tr.Captions) && len(caps)+len(tr.Captions) > 0 {
			t.Errorf("%s: page captions %q, truth %q", p.URL, caps, tr.Captions)
		}
		cdytCheckParagraphs(t, p.URL, s, tr.Paragraphs)
		body := between(s, `<div class="content-detail" id="content-detail">`, `<div class="author-detail">`)
		table += strings.Count(body, `<table class="table`)
		list += strings.Count(body, "<ol>")
		related += strings.Count(body, `<div class="box-tinlienquan">`)
		imgs += len(tr.Captions)
	}
	if table == 0 || list == 0 || related < 2 || imgs < 3 {
		t.Errorf("variety: %d tables, %d numbered lists, %d related boxes, %d images", table, list, related, imgs)
	}
}

// TestCDVNProfileContract checks the profile against the replica.
func TestCDVNProfileContract(t *testing.T) {
	pr := readProfile(t, "congdoan.vn.json")
	if len(pr.Sitemaps) == 0 {
		t.Error("profile has no sitemaps")
	}
	cdytCheckContract(t, pr, cdvnHost)
}

// TestCDVNRobotsAnd404 checks robots.txt and the HTML 404 answers.
func TestCDVNRobotsAnd404(t *testing.T) {
	r := newReplica(t)
	p, ok := r.Lookup("https://" + cdvnHost + "/robots.txt")
	if !ok || p.Kind != KindRobots || !strings.Contains(string(p.Body), "Disallow: /tim-kiem.tld\n") {
		t.Fatalf("robots.txt: %v %q", ok, p.Kind)
	}
	nf := r.SitePages(cdvnHost, KindNotFound)
	if len(nf) != 1 || nf[0].Status != 404 || strings.Contains(string(nf[0].Body), `class="content-detail"`) {
		t.Errorf("want one HTML 404 page without article markup, got %d", len(nf))
	}
}
