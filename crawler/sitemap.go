package crawler

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Discovery limits for sitemaps.
const (
	// SitemapMaxDepth is how many sitemap-index levels are followed below
	// a profile's sitemap URL: index (depth 0) → child index (1) →
	// urlset (2). Deeper sitemaps are not fetched.
	SitemapMaxDepth = 2
	// SitemapMaxChildren is how many child sitemaps of one index are
	// followed, newest lastmod first (news sites split by month or day,
	// so the newest children hold the new articles).
	SitemapMaxChildren = 10
)

// sitemap is a parsed sitemap document: an index lists child sitemaps,
// a urlset lists pages.
type sitemap struct {
	Index    bool
	Children []feedLink // child sitemaps with lastmod (index only)
	URLs     []feedLink // pages with news:publication_date or lastmod
}

type sitemapDoc struct {
	XMLName  xml.Name
	Sitemaps []sitemapLoc `xml:"sitemap"`
	URLs     []sitemapURL `xml:"url"`
}

type sitemapLoc struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod"`
	News    struct {
		PublicationDate string `xml:"publication_date"`
	} `xml:"news"`
}

// parseSitemap reads a sitemap index or urlset (plain or gzip'd),
// resolving locations against base. A Google news sitemap's
// news:publication_date is preferred over lastmod as the page's date.
// Malformed XML is an error, never a panic.
func parseSitemap(body []byte, base string, maxSize int64) (sitemap, error) {
	body, err := gunzipIfNeeded(body, maxSize)
	if err != nil {
		return sitemap{}, fmt.Errorf("parse sitemap: %w", err)
	}
	var doc sitemapDoc
	if err := newXMLDecoder(body).Decode(&doc); err != nil {
		return sitemap{}, fmt.Errorf("parse sitemap: %w", err)
	}
	var sm sitemap
	switch strings.ToLower(doc.XMLName.Local) {
	case "sitemapindex":
		sm.Index = true
		for _, s := range doc.Sitemaps {
			if u := resolveLink(base, s.Loc); u != "" {
				d, _ := parseFeedDate(s.Lastmod)
				sm.Children = append(sm.Children, feedLink{URL: u, Date: d})
			}
		}
	case "urlset":
		for _, s := range doc.URLs {
			u := resolveLink(base, s.Loc)
			if u == "" {
				continue
			}
			d, ok := parseFeedDate(s.News.PublicationDate)
			if !ok {
				d, _ = parseFeedDate(s.Lastmod)
			}
			sm.URLs = append(sm.URLs, feedLink{URL: u, Date: d})
		}
	default:
		return sitemap{}, fmt.Errorf("parse sitemap: root element <%s> is not urlset or sitemapindex", doc.XMLName.Local)
	}
	return sm, nil
}

// newestChildren orders child sitemaps newest lastmod first (undated
// last, document order kept among equals), drops those whose lastmod is
// before since (when both are known) and keeps at most limit.
func newestChildren(children []feedLink, since time.Time, limit int) []feedLink {
	out := make([]feedLink, 0, len(children))
	for _, c := range children {
		if !since.IsZero() && !c.Date.IsZero() && c.Date.Before(since) {
			continue
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date.IsZero() != out[j].Date.IsZero() {
			return !out[i].Date.IsZero()
		}
		return out[i].Date.After(out[j].Date)
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

var gzipMagic = []byte{0x1f, 0x8b}

// gunzipIfNeeded decompresses a gzip'd body (a .xml.gz sitemap served
// without Content-Encoding) up to maxSize bytes; other bodies are
// returned unchanged.
func gunzipIfNeeded(body []byte, maxSize int64) ([]byte, error) {
	if !bytes.HasPrefix(body, gzipMagic) {
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, maxSize+1))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	if int64(len(out)) > maxSize {
		return nil, fmt.Errorf("gunzip: %w", ErrTooLarge)
	}
	return out, nil
}

// resolveLink resolves a feed or sitemap location against the document's
// URL and drops the fragment; "" when it is not an absolute http(s) URL.
func resolveLink(base, raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	b, err := url.Parse(base)
	if err != nil {
		return ""
	}
	u, err := b.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}
