package replica

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const cdytHost = "congdoanytevn.org.vn"

var (
	cdytReItem  = regexp.MustCompile(`<h3 class="title">(?:<span class="label-emag">E-magazine</span> )?<a href="([^"]+)"`)
	cdytReNext  = regexp.MustCompile(`<li class="next"><a href="([^"]+)"`)
	cdytReH1    = regexp.MustCompile(`<h1 class="(?:article|emag)-title">([^<]+)</h1>`)
	cdytReFig   = regexp.MustCompile(`<figure class="emag-image"><img src="[^"]+" alt="ssd"><figcaption>([^<]+)</figcaption>`)
	cdytReCapTd = regexp.MustCompile(`<td class="image-caption"><em>([^<]+)</em></td>`)
)

// cdytResolve resolves href against page.
func cdytResolve(t *testing.T, page, href string) string {
	t.Helper()
	b, _ := url.Parse(page)
	u, err := b.Parse(href)
	if err != nil {
		t.Fatalf("%s: link %q: %v", page, href, err)
	}
	return u.String()
}

// TestCDYTListing walks the paginated listing from the start URL: every
// item resolves to an article (one to the 404 of a removed article) and
// the pager chain ends after two pages.
func TestCDYTListing(t *testing.T) {
	r := newReplica(t)
	page := "https://" + cdytHost + "/hoat-dong-cong-doan"
	var chain []string
	kinds := map[string]int{}
	for page != "" && len(chain) < 5 {
		chain = append(chain, page)
		p, ok := r.Lookup(page)
		if !ok || p.Kind != KindListing || p.Status != 200 {
			t.Fatalf("listing %s: %v %q %d", page, ok, p.Kind, p.Status)
		}
		s := string(p.Body)
		for _, l := range all(cdytReItem, s) {
			if !strings.HasPrefix(l, "https://"+cdytHost+"/") {
				t.Errorf("%s: item %s is not an absolute real URL", page, l)
			}
			lp, ok := r.Lookup(l)
			if !ok {
				t.Errorf("%s: item %s resolves to no page", page, l)
			}
			kinds[lp.Kind]++
		}
		page = ""
		if n := first(cdytReNext, s); n != "" {
			page = cdytResolve(t, chain[len(chain)-1], n)
		}
	}
	want := []string{"https://" + cdytHost + "/hoat-dong-cong-doan", "https://" + cdytHost + "/hoat-dong-cong-doan/trang-2"}
	if !slices.Equal(chain, want) {
		t.Errorf("pager chain %v, want %v", chain, want)
	}
	if kinds[KindArticle] != 5 || kinds[KindNotFound] != 1 || len(kinds) != 2 {
		t.Errorf("listing item kinds %v, want 5 articles and 1 notfound", kinds)
	}
}

// TestCDYTTruth checks that every article carries its gold and that the
// page shows what the gold says: headline, lead, one caption per image.
func TestCDYTTruth(t *testing.T) {
	r := newReplica(t)
	arts := r.SitePages(cdytHost, KindArticle)
	if len(arts) != 5 {
		t.Fatalf("%d articles, want 5", len(arts))
	}
	for _, p := range arts {
		tr := p.Truth
		if tr == nil || tr.Title == "" || tr.Lead == "" || tr.Author == "" || tr.Category == "" ||
			len(tr.Paragraphs) < 4 || tr.Published.IsZero() {
			t.Errorf("%s: incomplete truth %+v", p.URL, tr)
			continue
		}
		if _, off := tr.Published.Zone(); off != 7*3600 {
			t.Errorf("%s: published %v not in +07:00", p.URL, tr.Published)
		}
		s := string(p.Body)
		if got := first(cdytReH1, s); got != tr.Title {
			t.Errorf("%s: h1 %q, truth title %q", p.URL, got, tr.Title)
		}
		caps := append(all(cdytReFig, s), all(cdytReCapTd, s)...)
		if !slices.Equal(caps, tr.Captions) && !(len(caps) == 0 && len(tr.Captions) == 0) {
			t.Errorf("%s: page captions %q, truth %q", p.URL, caps, tr.Captions)
		}
		cdytCheckParagraphs(t, p.URL, s, tr.Paragraphs)
	}
}

// cdytCheckParagraphs reports truth paragraphs absent from page s; a
// table row ("a | b") must have each of its cells on the page.
func cdytCheckParagraphs(t *testing.T, pageURL, s string, paras []string) {
	t.Helper()
	for _, para := range paras {
		for _, part := range strings.Split(para, " | ") {
			if !strings.Contains(s, htmlEscape(part)) {
				t.Errorf("%s: truth paragraph not on the page: %.60s", pageURL, part)
			}
		}
	}
}

// htmlEscape escapes text the way html/template writes it in element content.
func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace(s)
}

// TestCDYTVariety checks the article pages hold the clutter and blocks
// the cleaner must cope with.
func TestCDYTVariety(t *testing.T) {
	r := newReplica(t)
	var table, list, related, multiImg int
	for _, p := range r.SitePages(cdytHost, KindArticle) {
		if strings.HasSuffix(p.URL, ".media") {
			continue
		}
		s := string(p.Body)
		body := between(s, `<div class="article-content">`, `<div class="article-tags">`)
		if strings.Contains(body, `<table class="table table-bordered"`) {
			table++
		}
		if strings.Contains(body, "<li>") && !strings.Contains(between(body, "", `class="related-inline"`), "<li>") {
			list++
		}
		if strings.Contains(body, `<div class="related-inline">`) && strings.Contains(body, "Tin liên quan") {
			related++
		}
		if strings.Count(s, `class="image-caption"`) >= 2 {
			multiImg++
		}
		if !strings.Contains(s, "<script") || !strings.Contains(s, "Lên top") {
			t.Errorf("%s: no inline script or Lên top button", p.URL)
		}
	}
	if table == 0 || list == 0 || related < 2 || multiImg == 0 {
		t.Errorf("variety: %d with table, %d with list, %d with related box, %d with several images", table, list, related, multiImg)
	}
}

// TestCDYTEmagazine checks the e-magazine page has the template of seed
// 000: banner, odd-case cover title, the lead twice, "ssd" alts with
// captions, a pull quote repeating a body sentence with its attribution,
// and the "Thực hiện:" byline at the end.
func TestCDYTEmagazine(t *testing.T) {
	r := newReplica(t)
	var em []Page
	for _, p := range r.SitePages(cdytHost, KindArticle) {
		if strings.HasSuffix(p.URL, ".media") {
			em = append(em, p)
		}
	}
	if len(em) != 1 {
		t.Fatalf("%d e-magazine pages, want 1", len(em))
	}
	p, tr := em[0], em[0].Truth
	s := string(p.Body)
	quote := between(s, `<div class="emag-block emag-quote">`, `</div>`)
	sentence := between(quote, "<p>", "</p>")
	checks := []struct {
		ok   bool
		what string
	}{
		{strings.Contains(s, `<div class="emag-banner"><span>e magazine</span></div>`), "e magazine banner"},
		{strings.Contains(s, `<div class="cover-title"><span>CÔNG ĐOÀN Y TẾ vIỆT nAM</span>`), "odd-case cover title"},
		{strings.Count(s, htmlEscape(tr.Lead)+"<") == 2, "the lead printed twice (top + body)"},
		{strings.Count(s, `alt="ssd"`) == len(tr.Captions) && len(tr.Captions) >= 5, "ssd alts, one per caption"},
		{sentence != "" && strings.Contains(strings.Join(tr.Paragraphs, " "), strings.ToLower(sentence[:1])+sentence[1:len(sentence)-1]), "pull quote repeating a body sentence"},
		{strings.Contains(quote, `<p class="quote-name">Đồng chí `) && strings.Contains(quote, `<p class="quote-role">- Phó Chủ tịch`), "quote attribution"},
		{strings.Contains(s, "<p>Thực hiện: <strong>"+tr.Author+"</strong></p>"), "Thực hiện: byline"},
		{!strings.Contains(strings.Join(tr.Paragraphs, "\n"), tr.Lead), "truth holds the lead once (as Lead only)"},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: missing %s", p.URL, c.what)
		}
	}
	for _, para := range tr.Paragraphs {
		if para == sentence {
			t.Errorf("truth holds the pull quote %q", sentence)
		}
	}
}

// TestCDYTProfileContract checks the profile against the replica.
func TestCDYTProfileContract(t *testing.T) {
	cdytCheckContract(t, readProfile(t, "congdoanytevn.org.vn.json"), cdytHost)
}

// cdytCheckContract checks hosts, start URLs, sitemaps, test URLs and
// that article_url matches exactly the article and 404-article pages.
func cdytCheckContract(t *testing.T, pr profile, host string) {
	t.Helper()
	r := newReplica(t)
	if !slices.Equal(pr.Hosts, r.SiteHosts(host)) {
		t.Errorf("profile hosts %v, replica hosts %v", pr.Hosts, r.SiteHosts(host))
	}
	if len(pr.StartURLs) == 0 || len(pr.Guessed) == 0 {
		t.Errorf("profile lacks start_urls or guessed fields")
	}
	checkServed(t, r, pr.StartURLs, KindListing)
	for _, u := range pr.Sitemaps {
		if p, ok := r.Lookup(u); !ok || p.Status != 200 || !strings.Contains(string(p.Body), "<urlset") {
			t.Errorf("sitemap %s is not a served urlset", u)
		}
	}
	checkServed(t, r, pr.TestURLs, KindArticle)
	re := regexp.MustCompile(pr.ArticleURL)
	for _, p := range r.SitePages(host, "") {
		want := p.Kind == KindArticle || p.Kind == KindNonArticle || p.Kind == KindNotFound
		if got := re.MatchString(p.URL); got != want {
			t.Errorf("article_url matches %s (%s) = %v, want %v", p.URL, p.Kind, got, want)
		}
	}
}

// TestCDYTRobotsAnd404 checks robots.txt and the HTML 404 answers.
func TestCDYTRobotsAnd404(t *testing.T) {
	r := newReplica(t)
	p, ok := r.Lookup("https://www." + cdytHost + "/robots.txt")
	if !ok || p.Kind != KindRobots || !strings.Contains(string(p.Body), "User-agent: *\n") {
		t.Fatalf("robots.txt: %v %q", ok, p.Kind)
	}
	nf := r.SitePages(cdytHost, KindNotFound)
	if len(nf) != 1 || nf[0].Status != 404 || !strings.Contains(string(nf[0].Body), "<html") ||
		strings.Contains(string(nf[0].Body), `class="article-content"`) {
		t.Errorf("want one HTML 404 page without article markup, got %d", len(nf))
	}
}
