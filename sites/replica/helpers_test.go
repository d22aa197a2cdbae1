package replica

import (
	"encoding/json"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"
)

// newReplica builds the replica or stops the test.
func newReplica(t *testing.T) *Replica {
	t.Helper()
	r, err := New()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return r
}

// pageText returns the page as NFC UTF-8 text, decoding windows-1258.
func pageText(t *testing.T, p Page) string {
	t.Helper()
	if strings.HasSuffix(p.ContentType, "charset=windows-1258") {
		s, err := decodeWindows1258(p.Body)
		if err != nil {
			t.Fatalf("%s: %v", p.URL, err)
		}
		return s
	}
	return string(p.Body)
}

// first returns the unescaped first capture group of re in s, or "".
func first(re *regexp.Regexp, s string) string {
	m := re.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// all returns the unescaped first capture groups of every match of re.
func all(re *regexp.Regexp, s string) []string {
	var out []string
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// between returns the part of s from the first from to the next to after it.
func between(s, from, to string) string {
	_, after, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	in, _, _ := strings.Cut(after, to)
	return in
}

var (
	reListItem  = regexp.MustCompile(`<div class="list_news_title">\s*<h2><a href="([^"]+)"`)
	reListImg   = regexp.MustCompile(`<div class="list_news_img"><a href="[^"]+"[^>]*><img src="([^"]+)"`)
	reListSapo  = regexp.MustCompile(`(?s)<div class="list_news_title">.*?<p>([^<]+)</p>`)
	reNext      = regexp.MustCompile(`<a class="next" href="([^"]+)"`)
	reOGTitle   = regexp.MustCompile(`<meta property="og:title" content="([^"]*)">`)
	reDesc      = regexp.MustCompile(`<meta name="description" content="([^"]*)">`)
	reCrumb     = regexp.MustCompile(`<span><a href="[^"]*" title="[^"]*"><span>([^<]+)</span></a></span>`)
	reKicker    = regexp.MustCompile(`<div class="content_detail">\s*<p class="detail-subtitle">([^<]+)</p>`)
	reH1        = regexp.MustCompile(`<h1 class="title_detail">([^<]+)</h1>`)
	reToolDate  = regexp.MustCompile(`<div class="tool[^"]*">[^<]*<span[^>]*>[^<]*</span>\s*<i>([^<]+)</i>`)
	reSapo      = regexp.MustCompile(`<div class="sapo_detail">([^<]+)</div>`)
	reAuthor    = regexp.MustCompile(`<p align="right"><strong>([^<]+)</strong></p>`)
	reTag       = regexp.MustCompile(`<div class="tags[^"]*">(?s:.*?)</div>`)
	reTagHref   = regexp.MustCompile(`<a href="([^"]+)"`)
	reImg       = regexp.MustCompile(`<img alt="([^"]*)" border="0" class="__img_mastercms" src="[^"]+" style="[^"]*" title="([^"]*)">`)
	reCaption   = regexp.MustCompile(`(?s)<table [^>]*class="MASTERCMS_TPL_TABLE"[^>]*>\s*<tbody>\s*<tr>\s*<td><img [^>]*></td>\s*</tr>\s*<tr>\s*<td>([^<]+)</td>`)
	reBodyPara  = regexp.MustCompile(`<p style="text-align: justify;">([^<]+)</p>`)
	reRelatedIn = regexp.MustCompile(`(?s)<div class="box_related_inline">\s*<ul>(.*?)</ul>`)
	reAnyHref   = regexp.MustCompile(`<a href="([^"]+)"`)
)

// checkPageCounts checks how many pages of each kind the site of host
// serves, and that it serves no page of another kind.
func checkPageCounts(t *testing.T, r *Replica, host string, want map[string]int) {
	t.Helper()
	total := 0
	for kind, n := range want {
		if got := len(r.SitePages(host, kind)); got != n {
			t.Errorf("%s: %d %q pages, want %d", host, got, kind, n)
		}
		total += n
	}
	if got := len(r.SitePages(host, "")); got != total {
		t.Errorf("%s: %d pages in all, want %d", host, got, total)
	}
}

// checkServed checks that every URL is served as a page of kind.
func checkServed(t *testing.T, r *Replica, urls []string, kind string) {
	t.Helper()
	for _, u := range urls {
		if p, ok := r.Lookup(u); !ok || p.Kind != kind {
			t.Errorf("%s is not a served %s page", u, kind)
		}
	}
}

// profile is the part of a site profile (sites/profiles/*.json) the
// replica must honour.
type profile struct {
	Hosts      []string `json:"hosts"`
	StartURLs  []string `json:"start_urls"`
	ArticleURL string   `json:"article_url"`
	TestURLs   []string `json:"test_urls"`
	Feeds      []string `json:"feeds"`
	Sitemaps   []string `json:"sitemaps"`
	Challenge  string   `json:"challenge"`
	Guessed    []string `json:"guessed"`
}

// readProfile reads sites/profiles/<name>.
func readProfile(t *testing.T, name string) profile {
	t.Helper()
	b, err := os.ReadFile("../profiles/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var pr profile
	if err := json.Unmarshal(b, &pr); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return pr
}
