// Package crawler fetches the listing and article pages of the news sites
// described by site profiles (package sites) and hands every article page
// to a PageSink. It is the only package that uses gocolly/colly.
//
// A crawl walks, per profile: start URLs → listing pages (following the
// profile's "next" link up to listing.max_pages) → article pages (links
// chosen by listing.item whose URL matches article_url). Links on article
// pages are never followed.
//
// The crawler is polite and defensive by construction:
//   - robots.txt is obeyed and requests carry an identifying User-Agent
//     (UserAgent);
//   - every host gets a delay and a parallelism limit from its profile;
//   - network errors, 5xx and 429 are retried with exponential backoff,
//     honouring Retry-After;
//   - bodies over a size limit fail with ErrTooLarge instead of being
//     truncated;
//   - only profile hosts are fetched, also after redirects
//     (ErrForeignHost);
//   - article URLs already in the VisitedSet are not fetched again, so a
//     repeated crawl only downloads listings and new articles.
//
// Mirrors map a real host to a local base URL (a replica or a saved copy):
// the transport sends the request there but colly, robots.txt handling and
// the sink only ever see the real URL.
//
// colly's global defaults (IgnoreRobotsTxt, its own User-Agent) and its
// COLLY_* environment variables are kept out: the collector is initialised
// without reading the environment and every setting is made explicitly.
package crawler
