package crawler

import (
	"net/http"
	"time"

	"github.com/gocolly/colly/v2"
)

// visitFeeds queues the feeds and sitemaps of site s.
func (r *run) visitFeeds(s *site) {
	for _, u := range s.profile.Feeds {
		if r.ctx.Err() == nil && r.c.siteFor(u) == s {
			r.request(s, kindFeed, u, 0)
		}
	}
	for _, u := range s.profile.Sitemaps {
		if r.ctx.Err() == nil && r.c.siteFor(u) == s {
			r.request(s, kindSitemap, u, 0)
		}
	}
}

// onFeed queues the article links of an RSS or Atom feed.
func (r *run) onFeed(s *site, resp *colly.Response) {
	// u (after redirects) resolves relative links; failures are reported
	// under the URL as queued (Config.OnError).
	u, queued := resp.Request.URL.String(), resp.Ctx.Get(keyURL)
	if resp.StatusCode != http.StatusOK {
		r.fail(queued, resp.StatusCode, errStatus(u, resp.StatusCode))
		return
	}
	body, err := gunzipIfNeeded(resp.Body, r.c.cfg.MaxBodySize)
	if err != nil {
		r.fail(queued, resp.StatusCode, err)
		return
	}
	links, err := parseFeed(body, u)
	if err != nil {
		r.fail(queued, resp.StatusCode, err)
		return
	}
	r.candidates(s, links)
}

// onSitemap queues the article links of a urlset, or the newest child
// sitemaps of an index (SitemapMaxChildren, down to SitemapMaxDepth).
func (r *run) onSitemap(s *site, resp *colly.Response) {
	// u (after redirects) resolves relative links; failures are reported
	// under the URL as queued (Config.OnError).
	u, queued := resp.Request.URL.String(), resp.Ctx.Get(keyURL)
	if resp.StatusCode != http.StatusOK {
		r.fail(queued, resp.StatusCode, errStatus(u, resp.StatusCode))
		return
	}
	sm, err := parseSitemap(resp.Body, u, r.c.cfg.MaxBodySize)
	if err != nil {
		r.fail(queued, resp.StatusCode, err)
		return
	}
	if !sm.Index {
		r.candidates(s, sm.URLs)
		return
	}
	depth, _ := resp.Ctx.GetAny(keyPage).(int)
	if depth >= SitemapMaxDepth {
		r.c.logger.Debug("sitemap index too deep, not followed", "url", u, "depth", depth)
		return
	}
	children := newestChildren(sm.Children, r.c.cfg.Since, SitemapMaxChildren)
	if old := r.olderCount(sm.Children); old > 0 {
		r.count(func(st *Stats) { st.TooOld += old })
	}
	for _, c := range children {
		if r.ctx.Err() == nil && r.c.siteFor(c.URL) == s {
			r.request(s, kindSitemap, c.URL, depth+1)
		}
	}
}

// candidates queues the feed or sitemap links that are articles of site
// s, skipping those dated before Config.Since.
func (r *run) candidates(s *site, links []feedLink) {
	for _, l := range links {
		if !s.article.MatchString(l.URL) || r.c.siteFor(l.URL) != s {
			continue
		}
		if r.tooOld(l.Date) {
			r.count(func(st *Stats) { st.TooOld++ })
			continue
		}
		r.visitArticle(s, l.URL)
	}
}

// tooOld reports whether a known date lies before Config.Since.
func (r *run) tooOld(d time.Time) bool {
	return !r.c.cfg.Since.IsZero() && !d.IsZero() && d.Before(r.c.cfg.Since)
}

func (r *run) olderCount(links []feedLink) int {
	n := 0
	for _, l := range links {
		if r.tooOld(l.Date) {
			n++
		}
	}
	return n
}
