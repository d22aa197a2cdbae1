package replica

import (
	"html"
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
