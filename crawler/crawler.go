package crawler

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// Defaults for zero Config and profile fields.
const (
	DefaultDelay         = time.Second
	DefaultParallelism   = 2
	DefaultMaxBodySize   = sites.MaxPageSize
	DefaultMaxRetries    = 3
	DefaultRetryBase     = time.Second
	DefaultMaxRetryAfter = 2 * time.Minute
	DefaultTimeout       = 30 * time.Second
)

// Config configures a Crawler. Zero fields mean defaults; Profiles and
// Sink are required.
type Config struct {
	// Profiles are the sites to crawl. Their hosts are the only hosts the
	// crawler fetches from.
	Profiles []*sites.Profile
	// Mirrors maps a real host to a base URL serving its pages
	// ("laodong.vn" → "http://127.0.0.1:8080/laodong.vn"). Requests go to
	// base+path?query; everything else sees the real URL.
	Mirrors map[string]string
	// UserAgent is sent with every request; "" means UserAgent("dev").
	UserAgent string
	// Delay and Parallelism, when non-zero, override every profile's
	// per-host politeness settings (tests, local mirrors).
	Delay       time.Duration
	Parallelism int
	// MaxArticles bounds the article pages fetched in one run; 0 means
	// unlimited.
	MaxArticles int
	// MaxBodySize is the largest accepted response body in bytes; larger
	// bodies fail with ErrTooLarge. 0 means DefaultMaxBodySize.
	MaxBodySize int64
	// MaxRetries is how often a failed request (network error, 5xx, 429)
	// is retried: 0 means DefaultMaxRetries, negative means never.
	MaxRetries int
	// RetryBase is the first backoff, doubled on every retry
	// (0 → DefaultRetryBase). MaxRetryAfter caps a server's Retry-After
	// (0 → DefaultMaxRetryAfter). Timeout bounds one request attempt
	// including its body (0 → DefaultTimeout).
	RetryBase, MaxRetryAfter, Timeout time.Duration
	// Proxy picks the HTTP proxy of a request, as http.Transport.Proxy
	// does; nil means no proxy. The crawler never reads the environment:
	// cmd passes http.ProxyFromEnvironment.
	Proxy func(*http.Request) (*url.URL, error)
	// Visited remembers article URLs across runs; nil means an in-memory
	// set that lives as long as the Crawler.
	Visited VisitedSet
	// Since, when non-zero, bounds the crawl to recent articles: feed and
	// sitemap items dated before it are skipped, child sitemaps whose
	// lastmod is before it are not fetched, and listing paging stops at
	// a page whose item dates (profile listing.date + date_format) are all
	// before it. A profile without listing.date pages as usual; items
	// without a date are always kept.
	Since time.Time
	// Seeds are article URLs fetched directly at the start of a run,
	// before listings, feeds and sitemaps (visited set, MaxArticles and
	// robots.txt apply; the URL need not match article_url, but it must
	// be on a profile host).
	Seeds []string
	// MaxListingPages, when > 0, caps every profile's listing.max_pages
	// (1: start pages only).
	MaxListingPages int
	// MaxPagesPerSite bounds the requests (listing, article, feed and
	// sitemap pages) one run makes to one site; 0 means
	// DefaultMaxPagesPerSite. URLs over it are counted in Stats.Capped
	// and left for the next run.
	MaxPagesPerSite int
	// MaxDuration bounds one run; 0 means DefaultMaxDuration. At the
	// limit Run stops as if cancelled, sets Stats.TimedOut and returns no
	// error: the next run goes on where this one stopped.
	MaxDuration time.Duration
	// SkipFeeds leaves the profiles' feeds and sitemaps out of the run.
	SkipFeeds bool
	// OnError, when set, is called (from many goroutines) for every page
	// counted in Stats.Errors, with the URL as queued.
	OnError func(url string, err error)
	// Sink receives every article page fetched with status 200.
	Sink PageSink
	// Archive, when set, receives every response the crawler gets
	// (robots.txt, listings, feeds, sitemaps, articles, error pages), raw,
	// under its real URL; Page.Archive points at the article's record.
	Archive Archiver
	// Refresh lists stored articles re-checked with conditional GETs in
	// this run (see Refetch); the sink gets their answers with
	// Page.Refresh set. RefreshOnly skips listings, feeds and sitemaps.
	Refresh     []Refetch
	RefreshOnly bool
	// Validators, when set, keeps the validators of listings, feeds,
	// sitemaps and robots.txt so that every re-fetch of them is
	// conditional (revalidate.go); nil means unconditional fetches.
	Validators ValidatorStore
	// Logger receives progress and per-page problems; nil means
	// slog.Default().
	Logger *slog.Logger
}

// Crawler crawls the sites of its profiles. Create it with New; Run may
// be called more than once (not concurrently).
type Crawler struct {
	cfg     Config // defaults resolved
	sites   []*site
	byHost  map[string]*site
	origins map[string]*site // origin (origin.go) → site: the allowlist
	hosts   []string
	mirrors []mirror
	visited VisitedSet
	logger  *slog.Logger

	lastMu    sync.Mutex
	lastSites map[string]int // PagesBySite of the last Run
	// FailureKinds of the last Run.
	lastErrKinds, lastRetryKinds map[string]int
	current                      atomic.Pointer[run] // the run in progress (Progress)
}

// site is a profile prepared for crawling.
type site struct {
	profile     *sites.Profile
	article     *regexp.Regexp
	delay       time.Duration
	parallelism int
	maxPages    int               // listing pages per start URL, >= 1
	listDate    *sites.DateLayout // nil: listing item dates unknown
}

// UserAgent is the identifying User-Agent of unionnews version version.
func UserAgent(version string) string {
	if version == "" {
		version = "dev"
	}
	return "unionnews/" + version + " (+https://github.com/unionnews/unionnews)"
}

// New validates cfg and returns a Crawler.
func New(cfg Config) (*Crawler, error) {
	if len(cfg.Profiles) == 0 {
		return nil, errors.New("crawler: no site profiles")
	}
	if cfg.Sink == nil {
		return nil, errors.New("crawler: no page sink")
	}
	c := &Crawler{byHost: make(map[string]*site), origins: make(map[string]*site), visited: cfg.Visited, logger: cfg.Logger}
	c.cfg = withDefaults(cfg)
	if c.visited == nil {
		c.visited = newMemVisited()
	}
	if c.logger == nil {
		c.logger = slog.Default()
	}
	for i, p := range cfg.Profiles {
		s, err := c.prepare(p)
		if err != nil {
			return nil, fmt.Errorf("crawler: profile %d: %w", i, err)
		}
		c.sites = append(c.sites, s)
	}
	ms, err := parseMirrors(cfg.Mirrors)
	if err != nil {
		return nil, fmt.Errorf("crawler: %w", err)
	}
	c.mirrors = ms
	for _, it := range cfg.Refresh {
		if c.siteFor(it.URL) == nil {
			return nil, fmt.Errorf("crawler: refresh URL %q is not an absolute URL on a profile's hosts", it.URL)
		}
	}
	for _, u := range cfg.Seeds {
		if c.siteFor(u) == nil {
			return nil, fmt.Errorf("crawler: seed %q is not an absolute URL on a profile's hosts", u)
		}
	}
	return c, nil
}

func withDefaults(cfg Config) Config {
	if cfg.UserAgent == "" {
		cfg.UserAgent = UserAgent("dev")
	}
	if cfg.MaxBodySize <= 0 {
		cfg.MaxBodySize = DefaultMaxBodySize
	}
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = DefaultMaxRetries
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.RetryBase <= 0 {
		cfg.RetryBase = DefaultRetryBase
	}
	if cfg.MaxRetryAfter <= 0 {
		cfg.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxPagesPerSite <= 0 {
		cfg.MaxPagesPerSite = DefaultMaxPagesPerSite
	}
	if cfg.MaxDuration <= 0 {
		cfg.MaxDuration = DefaultMaxDuration
	}
	return cfg
}

// prepare checks one profile, compiles its article regexp and registers
// its hosts.
func (c *Crawler) prepare(p *sites.Profile) (*site, error) {
	if p == nil {
		return nil, errors.New("nil profile")
	}
	if p.Name == "" || len(p.Hosts) == 0 {
		return nil, fmt.Errorf("%q: name and hosts are required", p.Name)
	}
	if len(p.StartURLs)+len(p.Feeds)+len(p.Sitemaps) == 0 {
		// As sites.Validate: a feed- or sitemap-only site is crawlable.
		return nil, fmt.Errorf("%s: a start URL, feed or sitemap is required", p.Name)
	}
	if p.ArticleURL == "" || p.Listing.Item == "" {
		return nil, fmt.Errorf("%s: article_url and listing.item are required", p.Name)
	}
	re, err := regexp.Compile(p.ArticleURL)
	if err != nil {
		return nil, fmt.Errorf("%s: article_url: %w", p.Name, err)
	}
	if p.Challenge != "" && p.Challenge != ChallengeD1N {
		return nil, fmt.Errorf("%s: unknown challenge %q (known: %s)", p.Name, p.Challenge, ChallengeD1N)
	}
	s := &site{profile: p, article: re, delay: c.cfg.Delay, parallelism: c.cfg.Parallelism}
	s.maxPages = max(p.Listing.MaxPages, 1)
	if c.cfg.MaxListingPages > 0 {
		s.maxPages = min(s.maxPages, c.cfg.MaxListingPages)
	}
	if p.Listing.Date != "" && p.Listing.DateFormat != "" {
		if s.listDate, err = sites.CompileDateLayout(p.Listing.DateFormat); err != nil {
			return nil, fmt.Errorf("%s: listing.date_format: %w", p.Name, err)
		}
	}
	if s.delay == 0 {
		s.delay = cmp.Or(time.Duration(p.Delay), DefaultDelay)
	}
	if s.parallelism == 0 {
		s.parallelism = cmp.Or(p.Parallelism, DefaultParallelism)
	}
	s.delay = max(s.delay, 0)
	for _, h := range p.Hosts {
		h = strings.ToLower(h)
		if other, dup := c.byHost[h]; dup {
			return nil, fmt.Errorf("%s: host %s already belongs to %s", p.Name, h, other.profile.Name)
		}
		c.byHost[h] = s
		c.hosts = append(c.hosts, h)
	}
	for _, o := range profileOrigins(p) {
		c.origins[o] = s
	}
	for _, u := range p.StartURLs {
		if got := c.siteFor(u); got != s {
			return nil, fmt.Errorf("%s: start URL %q is not an absolute URL on the profile's hosts", p.Name, u)
		}
	}
	return s, nil
}

// siteFor maps an absolute http(s) URL to its site by origin (scheme,
// host and port; see origin.go); nil when the URL belongs to no profile.
func (c *Crawler) siteFor(raw string) *site {
	u, err := url.Parse(raw)
	if err != nil {
		return nil
	}
	return c.origins[origin(u)]
}

// Run crawls every profile once and returns what it did. One failing page
// never stops a crawl: it is counted in Stats.Errors and logged. When ctx
// is cancelled Run stops queuing, lets in-flight requests abort and
// returns the Stats so far with an error wrapping ctx.Err().
func (c *Crawler) Run(parent context.Context) (Stats, error) {
	ctx, stop := withTimeLimit(parent, c.cfg.MaxDuration)
	defer stop()
	r := newRun(ctx, c)
	c.current.Store(r)
	col, done := c.newCollector(ctx, r)
	defer done()
	r.col, r.listings = col, c.listingCollector(col, r)
	c.logger.Info("crawl started", "sites", len(c.sites))
	for _, u := range c.cfg.Seeds {
		r.visitArticle(c.siteFor(u), u)
	}
	for _, it := range c.cfg.Refresh {
		r.visitRefresh(it)
	}
	for _, s := range c.sites {
		if c.cfg.RefreshOnly {
			break
		}
		for _, u := range s.profile.StartURLs {
			r.visitListing(s, u, 1)
		}
		if !c.cfg.SkipFeeds {
			r.visitFeeds(s)
		}
	}
	// Listings queue articles; articles queue nothing, so once the
	// listings are done the article collector's queue only shrinks.
	r.listings.Wait()
	r.col.Wait()
	if timedOut(ctx) && parent.Err() == nil {
		r.count(func(st *Stats) { st.TimedOut = true })
		c.logger.Warn("run reached its time limit; the next run goes on from here", "limit", c.cfg.MaxDuration)
	}
	st := r.snapshot()
	c.lastMu.Lock()
	c.lastSites = r.perSite
	c.lastErrKinds, c.lastRetryKinds = r.kinds()
	c.lastMu.Unlock()
	c.logger.Info("crawl finished", "listings", st.ListingPages, "articles", st.ArticlePages,
		"stored", st.Stored, "skipped", st.Skipped, "already_seen", st.AlreadySeen,
		"errors", st.Errors, "robots", st.Robots, "feeds", st.FeedPages, "sitemaps", st.SitemapPages,
		"too_old", st.TooOld, "capped", st.Capped)
	if err := parent.Err(); err != nil {
		return st, fmt.Errorf("crawl: %w", err)
	}
	return st, nil
}
