package crawler

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// Page is one fetched article page, handed to the PageSink.
type Page struct {
	// URL is the real article URL (never the mirror's), after redirects.
	URL string
	// Site is the name of the profile the URL belongs to.
	Site string
	// Status is the HTTP status code.
	Status int
	// Header holds the response headers.
	Header http.Header
	// Body is the response body. When the Content-Type header names a
	// charset other than UTF-8 it has been converted to UTF-8; otherwise
	// it is the raw bytes (the cleaner decodes legacy charsets declared
	// in <meta>).
	Body []byte
	// FetchedAt is when the response arrived.
	FetchedAt time.Time
	// Archive points at the archived response (nil without an Archiver).
	Archive *sites.ArchiveRef
	// Refresh marks the answer to a conditional re-fetch (Config.Refresh):
	// besides 200 its Status may be 304 Not Modified or 404/410 Gone.
	Refresh bool
}

// VisitedSet remembers which article URLs have been stored, across runs,
// so a later crawl fetches no article twice. *store.DB satisfies it.
type VisitedSet interface {
	// IsVisited reports whether the article URL was already handled.
	IsVisited(url string) (bool, error)
	// MarkVisited records the article URL as handled.
	MarkVisited(url string) error
}

// PageSink receives every fetched article page. It returns ErrSkip (or
// an error wrapping it) for pages that turned out not to be articles;
// any other error counts the page as failed. The crawler marks the URL
// visited only when the sink returns nil or ErrSkip.
type PageSink func(ctx context.Context, p Page) error

// ErrSkip is returned by a PageSink for a page it deliberately did not
// store (not an article, a duplicate). It is counted, not logged as an
// error.
var ErrSkip = errors.New("page skipped")

// ErrTooOld is returned by a PageSink for an article whose own date is
// before Config.Since. It is counted in Stats.TooOld and, unlike ErrSkip,
// the URL is not marked visited: a later run without the bound may want
// it.
var ErrTooOld = errors.New("article older than the since bound")

// Sentinel errors for fetch outcomes callers branch on.
var (
	// ErrForeignHost is returned when a request or redirect leaves the
	// profiles' hosts.
	ErrForeignHost = errors.New("host not in any profile")
	// ErrTooLarge is returned when a response body exceeds MaxBodySize.
	ErrTooLarge = errors.New("response body too large")
	// ErrStatus is returned for a page that answered with an unexpected
	// HTTP status (the server was reached).
	ErrStatus = errors.New("unexpected status")
	// ErrRobots is returned when robots.txt disallows a URL.
	ErrRobots = errors.New("disallowed by robots.txt")
)

// Stats counts what a crawl did.
type Stats struct {
	ListingPages int // listing pages fetched
	ArticlePages int // article pages fetched
	Stored       int // pages the sink accepted
	Skipped      int // pages the sink skipped (ErrSkip)
	AlreadySeen  int // article URLs not fetched because already visited
	Errors       int // pages that failed (fetch or sink)
	Gone         int // article pages that answered 404/410; marked visited, never refetched
	Robots       int // URLs not fetched because robots.txt disallows them
	FeedPages    int // RSS/Atom feeds fetched
	SitemapPages int // sitemaps and sitemap indexes fetched
	TooOld       int // feed/sitemap items, child sitemaps and articles (ErrTooOld) older than Config.Since
	Capped       int // URLs not fetched because their site reached Config.MaxPagesPerSite
	NotModified  int // refreshes answered 304 Not Modified (also counted in Stored)
	// NotModifiedPages counts listings, feeds and sitemaps answered 304
	// to a conditional re-fetch (Config.Validators), not downloaded but
	// read from the kept copy; not counted in ListingPages etc.
	NotModifiedPages int
	Unfinished       int  // pages the sink returned ErrUnfinished for; not marked visited
	TimedOut         bool // the run stopped at Config.MaxDuration
}
