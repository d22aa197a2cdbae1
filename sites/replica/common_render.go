package replica

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
)

// Content types of the replica pages.
const (
	ctHTML = "text/html; charset=utf-8"
	ctText = "text/plain; charset=utf-8"
)

// Kinds of the pages that are neither articles nor listings; the crawler
// reads feeds and sitemaps as start sources.
const (
	kindFeed    = "feed"    // RSS 2.0
	kindSitemap = "sitemap" // sitemap index or (news) sitemap
	kindPrint   = "print"   // a printable copy of an article
)

// templateFuncs are the functions every site's templates may call.
func templateFuncs() template.FuncMap {
	return template.FuncMap{"inc": func(i int) int { return i + 1 }, "slug": slugify}
}

// loadTemplates parses the layout templates dir/*.tmpl of fsys.
func loadTemplates(fsys fs.FS, dir string) (*template.Template, error) {
	t, err := template.New(dir).Funcs(templateFuncs()).ParseFS(fsys, dir+"/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	return t, nil
}

// renderPage executes template name of t into an HTML page.
func renderPage(t *template.Template, name, url, kind string, status int, data any) (Page, error) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return Page{}, fmt.Errorf("render %s for %s: %w", name, url, err)
	}
	return Page{URL: url, Status: status, ContentType: ctHTML, Body: buf.Bytes(), Kind: kind}, nil
}

// robotsPage is the robots.txt of the site at base.
func robotsPage(base, robots string) Page {
	return Page{URL: base + "/robots.txt", Status: http.StatusOK, ContentType: ctText,
		Body: []byte(robots), Kind: KindRobots}
}

// xmlPage marshals v, indented and after the XML header, into a page.
func xmlPage(url, kind, ctype string, v any) (Page, error) {
	body, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return Page{}, fmt.Errorf("render %s: %w", url, err)
	}
	body = append([]byte(xml.Header), append(body, '\n')...)
	return Page{URL: url, Status: http.StatusOK, ContentType: ctype, Body: body, Kind: kind}, nil
}

// pageStep renders some pages of a site.
type pageStep func() ([]Page, error)

// collectPages runs the steps in order and gathers their pages.
func collectPages(steps ...pageStep) ([]Page, error) {
	var out []Page
	for _, step := range steps {
		ps, err := step()
		if err != nil {
			return nil, err
		}
		out = append(out, ps...)
	}
	return out, nil
}
