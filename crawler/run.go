package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"

	"github.com/gocolly/colly/v2"
)

// Keys of the colly request context.
const (
	keySite = "unionnews.site" // *site
	keyKind = "unionnews.kind" // kindListing or kindArticle
	keyPage = "unionnews.page" // int: listing page number (1 = start URL) or sitemap depth (0 = profile's)
	keyURL  = "unionnews.url"  // string: the URL as queued (before redirects)
)

const (
	kindListing = "listing"
	kindArticle = "article"
	kindFeed    = "feed"
	kindSitemap = "sitemap"
)

// run is the state of one Crawler.Run. colly calls its callbacks from
// many goroutines; mu guards the counters.
type run struct {
	c        *Crawler
	ctx      context.Context
	col      *colly.Collector // articles, feeds, sitemaps: no HTML parsing
	listings *colly.Collector // listing pages: the only ones colly parses

	mu         sync.Mutex
	stats      Stats
	articles   int             // article requests queued
	blocked    map[string]bool // URLs counted in Stats.Robots
	considered map[string]bool // article URLs seen on listings
	perSite    map[string]int  // pages answered per profile (conditional.go)
	pages      map[*site]int   // requests queued per site (MaxPagesPerSite)
	capLogged  map[*site]bool
	errKinds   map[string]int // failed pages by kind (errkind.go)
	retryKinds map[string]int // retried attempts by kind
}

func newRun(ctx context.Context, c *Crawler) *run {
	return &run{c: c, ctx: ctx, blocked: make(map[string]bool), considered: make(map[string]bool),
		pages: make(map[*site]int), capLogged: make(map[*site]bool)}
}

func (r *run) count(f func(*Stats)) {
	r.mu.Lock()
	f(&r.stats)
	r.mu.Unlock()
}

func (r *run) snapshot() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stats
}

// visitListing queues listing page number page of site s.
func (r *run) visitListing(s *site, u string, page int) {
	if r.ctx.Err() != nil {
		return
	}
	r.request(s, kindListing, u, page)
}

// visitArticle queues an article URL unless it came up before in this
// run (ignored), was handled in an earlier run (Stats.AlreadySeen) or the
// run's article budget is spent.
func (r *run) visitArticle(s *site, u string) {
	if r.ctx.Err() != nil {
		return
	}
	if !r.firstTime(u) {
		return
	}
	seen, err := r.c.visited.IsVisited(u)
	if err != nil {
		r.fail(u, 0, fmt.Errorf("visited set: %w", err))
		return
	}
	if seen {
		r.count(func(s *Stats) { s.AlreadySeen++ })
		return
	}
	if !r.reserveArticle() {
		r.c.logger.Debug("article limit reached", "url", u)
		return
	}
	if !r.request(s, kindArticle, u, 0) {
		r.releaseArticle()
	}
}

// firstTime reports whether article URL u comes up for the first time in
// this run; a listing may repeat an article another listing has.
func (r *run) firstTime(u string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.considered[u] {
		return false
	}
	r.considered[u] = true
	return true
}

func (r *run) reserveArticle() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if limit := r.c.cfg.MaxArticles; limit > 0 && r.articles >= limit {
		return false
	}
	r.articles++
	return true
}

func (r *run) releaseArticle() {
	r.mu.Lock()
	r.articles--
	r.mu.Unlock()
}

// request queues one GET and reports whether it was queued. Refusals
// colly makes before fetching (robots.txt, already queued) are handled
// here.
func (r *run) request(s *site, kind, u string, page int) bool {
	return r.requestHeader(s, kind, u, page, nil)
}

// requestHeader is request with extra request headers (nil: none).
func (r *run) requestHeader(s *site, kind, u string, page int, hdr http.Header) bool {
	if !r.reservePage(s) {
		return false
	}
	cctx := colly.NewContext()
	cctx.Put(keySite, s)
	cctx.Put(keyKind, kind)
	cctx.Put(keyPage, page)
	cctx.Put(keyURL, u)
	col := r.col
	if kind == kindListing {
		col = r.listings
	}
	err := col.Request(http.MethodGet, u, nil, cctx, hdr)
	if err != nil {
		r.releasePage(s)
	}
	var already *colly.AlreadyVisitedError
	switch {
	case err == nil:
		return true
	case errors.As(err, &already):
	case errors.Is(err, colly.ErrRobotsTxtBlocked):
		r.robots(u)
	case errors.Is(err, colly.ErrForbiddenDomain):
		r.fail(u, 0, fmt.Errorf("%w: %w", ErrForeignHost, err))
	default:
		r.fail(u, 0, err)
	}
	return false
}

func (r *run) robots(u string) {
	r.mu.Lock()
	first := !r.blocked[u]
	r.blocked[u] = true
	if first {
		r.stats.Robots++
	}
	r.mu.Unlock()
	if first {
		r.c.logger.Info("not fetched", "url", u, "err", fmt.Errorf("fetch %s: %w", u, ErrRobots))
	}
}

// retried counts one retried attempt by kind.
func (r *run) retried(kind string) {
	r.mu.Lock()
	addKind(&r.retryKinds, kind)
	r.mu.Unlock()
}

// fail counts and logs one failed page.
func (r *run) fail(u string, status int, err error) {
	kind := ErrorKind(status, err)
	r.mu.Lock()
	r.stats.Errors++
	addKind(&r.errKinds, kind)
	r.mu.Unlock()
	r.c.logger.Warn("page failed", "url", u, "status", status, "kind", kind, "err", err)
	if r.c.cfg.OnError != nil {
		r.c.cfg.OnError(u, err)
	}
}

// onResponse handles every response colly considers successful (2xx).
func (r *run) onResponse(resp *colly.Response) {
	s, kind := siteOf(resp.Ctx), resp.Ctx.Get(keyKind)
	if s == nil {
		return
	}
	if resp.Headers != nil && resp.Headers.Get(headerNotModified) != "" {
		r.count(func(st *Stats) { st.NotModifiedPages++ })
	} else {
		r.countFetched(kind)
	}
	r.siteFetched(s)
	r.c.logger.Debug("page fetched", "url", resp.Request.URL.String(), "kind", kind, "status", resp.StatusCode, "bytes", len(resp.Body))
	switch kind {
	case kindArticle:
		r.onArticle(s, resp)
	case kindRefresh:
		r.deliver(s, resp, true)
	case kindFeed:
		r.onFeed(s, resp)
	case kindSitemap:
		r.onSitemap(s, resp)
	}
}

// countFetched counts one fetched page of the given kind.
func (r *run) countFetched(kind string) {
	r.count(func(st *Stats) {
		switch kind {
		case kindListing:
			st.ListingPages++
		case kindArticle:
			st.ArticlePages++
		case kindFeed:
			st.FeedPages++
		case kindSitemap:
			st.SitemapPages++
		}
	})
}

// onArticle hands an article page to the sink and records the outcome.
func (r *run) onArticle(s *site, resp *colly.Response) {
	queued := resp.Ctx.Get(keyURL)
	if resp.StatusCode != http.StatusOK {
		r.fail(queued, resp.StatusCode, errStatus(queued, resp.StatusCode))
		return
	}
	r.deliver(s, resp, false)
}

// onError handles transport errors and non-2xx responses.
func (r *run) onError(resp *colly.Response, err error) {
	u := resp.Ctx.Get(keyURL)
	if r.ctx.Err() != nil && errors.Is(err, context.Canceled) {
		r.c.logger.Debug("request cancelled", "url", u)
		return
	}
	if r.onRefreshError(resp) || r.onNotModified(resp) {
		return
	}
	// colly reports a listing it could not parse through OnError after
	// OnResponse counted the page: a 2xx here is that page, already
	// counted as fetched.
	if resp.StatusCode != 0 && (resp.StatusCode < 200 || resp.StatusCode >= 300) {
		r.countFetched(resp.Ctx.Get(keyKind))
	}
	switch {
	case errors.Is(err, colly.ErrForbiddenDomain):
		err = fmt.Errorf("%w: %w", ErrForeignHost, err)
	case resp.StatusCode >= 300:
		err = errStatus(u, resp.StatusCode)
	}
	r.fail(u, resp.StatusCode, err)
	r.gone(resp, u)
}

// gone records an article that answered 404 Not Found or 410 Gone as
// visited: the page is not coming back, so later runs must not refetch it
// (transient failures are left unvisited and retried next run).
func (r *run) gone(resp *colly.Response, u string) {
	if resp.Ctx.Get(keyKind) != kindArticle {
		return
	}
	if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusGone {
		return
	}
	r.count(func(st *Stats) { st.Gone++ })
	if err := r.c.visited.MarkVisited(u); err != nil {
		r.c.logger.Warn("visited set", "url", u, "err", err)
	}
}

// onHTML follows the links of a listing page: article links chosen by
// listing.item and, below listing.max_pages, the next page.
func (r *run) onHTML(e *colly.HTMLElement) {
	s := siteOf(e.Request.Ctx)
	if s == nil || e.Request.Ctx.Get(keyKind) != kindListing || e.Response.StatusCode != http.StatusOK {
		return
	}
	l := s.profile.Listing
	e.ForEach(l.Item, func(_ int, a *colly.HTMLElement) {
		u := linkOf(a)
		if u == "" || !s.article.MatchString(u) || r.c.siteFor(u) != s {
			return
		}
		r.visitArticle(s, u)
	})
	page, _ := e.Request.Ctx.GetAny(keyPage).(int)
	if l.Next == "" || page >= s.maxPages {
		return
	}
	if r.listingTooOld(s, e) {
		r.c.logger.Debug("listing paging stopped: items older than since", "url", e.Request.URL.String())
		return
	}
	e.ForEach(l.Next, func(_ int, a *colly.HTMLElement) {
		if u := linkOf(a); u != "" && r.c.siteFor(u) == s {
			r.visitListing(s, u, page+1)
		}
	})
}

func siteOf(ctx *colly.Context) *site {
	s, _ := ctx.GetAny(keySite).(*site)
	return s
}

// linkOf returns the absolute URL (without fragment) of a link element,
// or of the first link inside a non-link element; "" if there is none.
func linkOf(e *colly.HTMLElement) string {
	href := e.Attr("href")
	if e.Name != "a" && href == "" {
		href = e.ChildAttr("a[href]", "href")
	}
	if href == "" {
		return ""
	}
	abs := e.Request.AbsoluteURL(href)
	u, err := url.Parse(abs)
	if abs == "" || err != nil {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

// errStatus is the error of a page that answered with an unexpected
// HTTP status.
func errStatus(u string, status int) error {
	return fmt.Errorf("fetch %s: %w %d", u, ErrStatus, status)
}
