package crawler

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gocolly/colly/v2"

	"github.com/unionnews/unionnews/sites"
)

// Conditional re-crawls. Listings, feeds, sitemaps and robots.txt are
// fetched on every run; with Config.Validators set, the crawler keeps
// their validators (ETag, Last-Modified) and their body, and asks again
// with If-None-Match / If-Modified-Since. A 304 costs no download: the
// response is answered from the kept body (marked with
// headerNotModified, counted in Stats.NotModifiedPages, not in
// ListingPages/FeedPages/SitemapPages). The kept body is parsed again,
// on purpose: an article a listing named in an earlier run may still be
// unfinished (killed, failed, off the profile), and only the listing's
// links bring it back; skipping the parse would lose it for as long as
// the listing does not change. The archive keeps the 304 as it came.
// Article pages are not revalidated here: refresh (Config.Refresh) does
// that with the validators stored with each article.

// Validator is what the crawler keeps of a revalidated page.
type Validator = sites.Validator

// ValidatorStore keeps validators by URL (store.DB). Validator returns
// ok false when none is kept.
type ValidatorStore interface {
	Validator(url string) (v Validator, ok bool, err error)
	PutValidator(url string, v Validator) error
}

// revalidateTransport is the outermost layer of the HTTP stack when
// Config.Validators is set.
type revalidateTransport struct {
	next    http.RoundTripper
	store   ValidatorStore
	article func(u string) bool // article URLs are left alone
	c       *Crawler
}

// headerNotModified marks a response answered from the kept body after
// a 304 (it never reaches the archive, which is below this layer).
const headerNotModified = "X-Unionnews-Not-Modified"

// RoundTrip implements http.RoundTripper.
func (t *revalidateTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	u := req.URL.String()
	if req.Method != http.MethodGet || t.article(u) ||
		req.Header.Get("If-None-Match") != "" || req.Header.Get("If-Modified-Since") != "" {
		return t.next.RoundTrip(req)
	}
	old, ok, err := t.store.Validator(u)
	if err != nil {
		t.c.logger.Warn("read validators", "url", u, "err", err)
		ok = false
	}
	if ok && old.Body == nil {
		ok = false // nothing to answer a 304 with
	}
	if ok && (old.ETag != "" || old.LastModified != "") {
		req = req.Clone(req.Context())
		if old.ETag != "" {
			req.Header.Set("If-None-Match", old.ETag)
		}
		if old.LastModified != "" {
			req.Header.Set("If-Modified-Since", old.LastModified)
		}
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	switch {
	case resp.StatusCode == http.StatusNotModified && ok:
		resp.Body.Close()
		resp.StatusCode, resp.Status = http.StatusOK, "200 OK"
		resp.Body = io.NopCloser(bytes.NewReader(old.Body))
		resp.ContentLength = int64(len(old.Body))
		resp.Header.Set("Content-Length", strconv.Itoa(len(old.Body)))
		resp.Header.Set(headerNotModified, "1")
		t.c.logger.Debug("not modified: answered from the kept copy", "url", u)
	case resp.StatusCode == http.StatusOK:
		v := Validator{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
		if v.ETag == "" && v.LastModified == "" {
			return resp, nil
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		resp.Body = io.NopCloser(bytes.NewReader(body))
		v.Body = body
		if !ok || v.ETag != old.ETag || v.LastModified != old.LastModified || !bytes.Equal(v.Body, old.Body) {
			if err := t.store.PutValidator(u, v); err != nil {
				t.c.logger.Warn("keep validators", "url", u, "err", err)
			}
		}
	}
	return resp, nil
}

// revalidating wraps rt in a revalidateTransport when the crawler keeps
// validators.
func (c *Crawler) revalidating(rt http.RoundTripper) http.RoundTripper {
	if c.cfg.Validators == nil {
		return rt
	}
	return &revalidateTransport{next: rt, store: c.cfg.Validators, c: c, article: func(u string) bool {
		s := c.siteFor(u)
		return s != nil && s.article.MatchString(u) && !strings.HasSuffix(u, "/robots.txt")
	}}
}

// onNotModified handles a listing, feed or sitemap answered 304 to a
// conditional request: counted, not parsed, not an error. It reports
// whether it handled the response.
func (r *run) onNotModified(resp *colly.Response) bool {
	if resp.StatusCode != http.StatusNotModified || r.c.cfg.Validators == nil {
		return false
	}
	switch resp.Ctx.Get(keyKind) {
	case kindListing, kindFeed, kindSitemap:
	default:
		return false
	}
	if s := siteOf(resp.Ctx); s != nil {
		r.siteFetched(s)
	}
	r.count(func(st *Stats) { st.NotModifiedPages++ })
	r.c.logger.Debug("not modified", "url", resp.Request.URL.String(), "kind", resp.Ctx.Get(keyKind))
	return true
}
