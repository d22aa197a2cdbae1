package crawler

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"strings"

	"github.com/gocolly/colly/v2"
)

// newCollector builds the colly collector of one run.
//
// colly.NewCollector is deliberately not used: it applies COLLY_*
// environment variables after the options (so the environment would beat
// this code) and log.Println's unknown ones. Init gives the same defaults
// without reading the environment, and every setting that matters is then
// made explicitly, overriding colly's defaults (IgnoreRobotsTxt=true, its
// own User-Agent, a silently truncating MaxBodySize).
//
// The returned func releases the run's idle connections.
func (c *Crawler) newCollector(ctx context.Context, r *run) (*colly.Collector, func()) {
	col := &colly.Collector{}
	col.Init()
	col.UserAgent = c.cfg.UserAgent
	col.Headers = nil
	col.IgnoreRobotsTxt = false
	col.AllowedDomains = append([]string(nil), c.hosts...)
	col.DisallowedDomains = nil
	col.DisallowedURLFilters = nil
	col.URLFilters = nil
	col.MaxDepth = 0
	col.MaxRequests = 0
	col.AllowURLRevisit = false
	col.DetectCharset = false
	// 0 = unlimited in colly: hostTransport enforces Config.MaxBodySize
	// and fails with ErrTooLarge where colly would truncate silently.
	col.MaxBodySize = 0
	col.CacheDir = ""
	col.ParseHTTPErrorResponse = false
	col.CheckHead = false
	col.TraceHTTP = false
	col.Async = true
	col.Context = ctx
	jar, _ := cookiejar.New(nil) // error is always nil without options
	col.SetCookieJar(jar)        // one jar per crawl, shared by all sites
	// Per-attempt timeouts live in retryTransport; a client-wide timeout
	// would also cut off retries and their waits.
	col.SetRequestTimeout(0)
	rt, done := c.transport(ctx, jar, r.retried)
	col.WithTransport(rt)
	// No colly LimitRule: politeTransport spaces the requests per host
	// and, unlike colly's delay, stops waiting when the crawl is cancelled.
	col.OnResponse(r.onResponse)
	col.OnError(r.onError)
	return col, done
}

// listingCollector clones the run's collector (same HTTP stack, robots.txt
// cache, visited URLs) for listing pages, the only pages whose HTML colly
// parses: an article page is handed to the sink as bytes and parsed once,
// by the cleaner. colly parses a response for every OnHTML callback of its
// collector, whatever the page, hence the second collector.
func (c *Crawler) listingCollector(col *colly.Collector, r *run) *colly.Collector {
	l := col.Clone()
	l.OnResponse(r.onResponse)
	l.OnHTML("html", r.onHTML)
	l.OnError(r.onError)
	return l
}

// transport builds the HTTP stack of one run: the cookie-wall solver
// over retries over the per-host politeness over the host guard (allowlist, mirrors, body limit) over
// the base transport, and a func that closes the base transport's idle
// connections. jar is the run's cookie jar, shared with colly's client.
func (c *Crawler) transport(ctx context.Context, jar http.CookieJar, onRetry func(kind string)) (http.RoundTripper, func()) {
	base := http.DefaultTransport.(*http.Transport).Clone()
	base.Proxy = c.cfg.Proxy // DefaultTransport would read HTTP(S)_PROXY itself
	retry := &retryTransport{
		next:          newPoliteTransport(newHostTransport(base, c.originList(), c.mirrors, c.cfg.MaxBodySize), ctx, c.sites),
		maxRetries:    c.cfg.MaxRetries,
		base:          c.cfg.RetryBase,
		maxRetryAfter: c.cfg.MaxRetryAfter,
		timeout:       c.cfg.Timeout,
		stop:          ctx,
		logger:        c.logger,
		onRetry:       onRetry,
	}
	var rt http.RoundTripper = retry
	if c.cfg.Archive != nil {
		rt = &archiveTransport{next: retry, arch: c.cfg.Archive}
	}
	walled := make(map[string]bool)
	for _, s := range c.sites {
		if s.profile.Challenge == ChallengeD1N {
			for _, h := range s.profile.Hosts {
				walled[strings.ToLower(h)] = true
			}
		}
	}
	if len(walled) == 0 {
		return c.revalidating(rt), base.CloseIdleConnections
	}
	return c.revalidating(&wallTransport{next: rt, jar: jar, hosts: walled}), base.CloseIdleConnections
}
