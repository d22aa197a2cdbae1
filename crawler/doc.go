// Package crawler fetches the listing and article pages of the news sites
// described by site profiles (package sites) and hands every article page
// to a PageSink. It is the only package that uses gocolly/colly.
//
// A crawl walks, per profile: start URLs → listing pages (following the
// profile's "next" link up to listing.max_pages) → article pages (links
// chosen by listing.item whose URL matches article_url). Links on article
// pages are never followed.
//
// Feeds and sitemaps are start sources beside the listings. RSS 2.0,
// RSS 1.0 and Atom feeds (profile "feeds") and sitemaps (profile
// "sitemaps": urlset, Google news sitemap, sitemap index; gzip'd .xml.gz
// too) are parsed with encoding/xml; their item links that match
// article_url are candidate articles under the same rules as listing
// links (visited set, MaxArticles, robots.txt). Sitemap indexes are
// followed SitemapMaxDepth levels deep, at most SitemapMaxChildren
// children per index, newest lastmod first. Config.Seeds are article URLs
// fetched directly.
//
// Config.Since bounds a crawl to recent articles: feed and sitemap items
// (news:publication_date, else lastmod; pubDate, dc:date, published,
// updated) dated before it are skipped, child sitemaps last modified
// before it are not fetched, and listing paging stops after a page whose
// item dates (profile listing.date + listing.date_format) are all before
// it. Undated items are kept; a profile without listing.date pages as
// usual.
//
// A site whose profile names the "d1n-cookie" challenge (laodong.vn)
// answers plain clients with a tiny JavaScript page that sets a D1N
// cookie and reloads — robots.txt and feeds included. The transport
// recognises the page, puts the cookie into the run's cookie jar and
// repeats the request once; the wall page never reaches colly, the sink
// or the listing parser, and a wall that persists fails the request with
// ErrCookieWall.
//
// The crawler is polite and defensive by construction:
//   - robots.txt is obeyed and requests carry an identifying User-Agent
//     (UserAgent);
//   - every host gets a delay and a parallelism limit from its profile,
//     enforced in the transport (not colly's LimitRule) so that a
//     cancelled crawl stops waiting at once;
//   - a run is bounded: at most Config.MaxPagesPerSite requests per site
//     and Config.MaxDuration in all (defaults 5000 and 2h);
//   - network errors, 5xx and 429 are retried with exponential backoff,
//     honouring Retry-After;
//   - bodies over a size limit fail with ErrTooLarge instead of being
//     truncated;
//   - only profile origins (scheme, host and port) are fetched, also
//     after redirects (ErrForeignHost);
//   - article URLs already in the VisitedSet are not fetched again, so a
//     repeated crawl only downloads listings and new articles.
//
// Each page is parsed once: colly parses listing pages only (a cloned
// collector carries the OnHTML handler); article pages go to the sink as
// bytes, and the cleaner is their only parser.
//
// Every response the crawler receives — robots.txt, listings, feeds,
// sitemaps, articles, error and cookie-wall pages — goes to the
// Config.Archive (an Archiver; cmd adapts the WARC writer of store/warc)
// raw, before charset conversion, under its real URL, and the Page of an
// article carries its archive reference. A response that cannot be
// archived fails its page, which is then not marked visited. Stored
// articles due for a re-check (Config.Refresh) are re-fetched with
// If-None-Match / If-Modified-Since; the sink also receives their 304 and
// 404/410 answers. The pipeline that cleans and stores pages, for crawls
// and for replays of archives, is package crawler/pipeline.
//
// Mirrors map a real host to a local base URL (a replica or a saved copy):
// the transport sends the request there but colly, robots.txt handling and
// the sink only ever see the real URL.
//
// colly's global defaults (IgnoreRobotsTxt, its own User-Agent) and its
// COLLY_* environment variables are kept out: the collector is initialised
// without reading the environment and every setting is made explicitly.
package crawler
