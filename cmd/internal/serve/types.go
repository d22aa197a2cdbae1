package serve

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// Runner crawls and refreshes sites. cmd satisfies it with the pipeline.
// Implementations must honour ctx: on cancellation they stop soon, keep
// what they stored, and return an error wrapping ctx.Err().
type Runner interface {
	// Crawl runs one crawl of the named site into the corpus.
	Crawl(ctx context.Context, site string) (Result, error)
	// Refresh re-fetches stored articles: those of req.Site (per the
	// site's refresh policy) or exactly req.URLs.
	Refresh(ctx context.Context, req RefreshRequest) (Result, error)
}

// RefreshRequest says what a refresh re-fetches.
type RefreshRequest struct {
	Site string   // every stored article of the site the policy selects
	URLs []string // or exactly these URLs (all on profiled hosts)
	// OlderThan, when > 0, re-fetches only articles fetched longer ago.
	OlderThan time.Duration
}

// Result is what one run did, as the runner reports it.
type Result struct {
	Fetched    int `json:"fetched"`    // pages fetched (listings, articles, feeds, sitemaps)
	Stored     int `json:"stored"`     // new articles stored
	Updated    int `json:"updated"`    // stored articles whose text changed
	Unchanged  int `json:"unchanged"`  // articles fetched again with the same text
	Duplicates int `json:"duplicates"` // same text as a stored article
	Rejected   int `json:"rejected"`   // pages that were not articles
	Errors     int `json:"errors"`     // pages that failed
	// Requests counts fetches by outcome ("200", "404", "error", "robots", …).
	Requests map[string]int `json:"requests,omitempty"`
	// ErrorKinds counts failed pages by kind ("network", "timeout", "clean", …).
	ErrorKinds map[string]int `json:"error_kinds,omitempty"`
	// Drift names the profile selectors that matched too few pages in
	// this run ("" when the site is healthy).
	Drift string `json:"drift,omitempty"`
}

// ErrNotAvailable is returned by a Runner that cannot do what is asked
// (for example a refresh before the pipeline supports it).
var ErrNotAvailable = errors.New("not available")

// Run states.
const (
	StateRunning     = "running"
	StateOK          = "ok"
	StateFailed      = "failed"
	StateInterrupted = "interrupted"
)

// Run kinds and triggers.
const (
	KindCrawl   = "crawl"
	KindRefresh = "refresh"

	TriggerSchedule = "schedule"
	TriggerMissed   = "missed" // caught up at start: the schedule fired while serve was down
	TriggerAPI      = "api"
	TriggerPage     = "page" // the status page's button
)

// Run is one crawl or refresh, as the API and the status page show it.
type Run struct {
	ID      int64    `json:"id"`
	Site    string   `json:"site"`
	Kind    string   `json:"kind"`
	Trigger string   `json:"trigger"`
	URLs    []string `json:"urls,omitempty"`
	// OlderThan, for a refresh of a site, re-fetches only articles fetched
	// longer ago (0: the site's refresh policy).
	OlderThan Duration  `json:"older_than,omitempty"`
	State     string    `json:"state"`
	Started   time.Time `json:"started"`
	Finished  time.Time `json:"finished,omitzero"`
	Result    Result    `json:"result"`
	Error     string    `json:"error,omitempty"`
}

// Duration is how long the run took (so far).
func (r Run) Duration() time.Duration {
	if r.Finished.IsZero() {
		return time.Since(r.Started)
	}
	return r.Finished.Sub(r.Started)
}

// ArticleQuery selects a page of articles.
type ArticleQuery struct {
	Site   string    // "" for every site
	Since  time.Time // published (or, undated, fetched) on or after; zero: no bound
	Q      string    // case-insensitive substring of title or text; "" for all
	Cursor string    // opaque; "" for the first page
	Limit  int       // page size; the Corpus caps it
}

// CorpusStats is what the corpus holds.
type CorpusStats struct {
	Database string         `json:"database"`
	Corpus   string         `json:"corpus"`
	Articles int            `json:"articles"`
	URLs     int            `json:"urls"`
	Visited  int            `json:"visited"`
	Pending  int            `json:"pending"`
	PerSite  map[string]int `json:"per_site"`
	// Outcomes counts the last outcome of every article URL per site
	// ("stored", "off-profile", …).
	Outcomes map[string]map[string]int `json:"outcomes,omitempty"`
}

// Corpus is the stored articles. cmd satisfies it with an adapter over
// *store.DB.
type Corpus interface {
	// Articles returns one page of articles in the corpus order and the
	// cursor of the next page ("" after the last).
	Articles(q ArticleQuery) ([]sites.Article, string, error)
	// Article returns one article by id; an error wrapping ErrNotFound
	// when there is none.
	Article(id string) (sites.Article, error)
	// Stats counts the corpus.
	Stats() (CorpusStats, error)
	// Export streams the articles q selects to w in q.Format; an error
	// wrapping ErrBadFormat for a format it does not write.
	Export(ctx context.Context, w io.Writer, q ExportQuery) error
}

// ExportQuery selects what GET /api/export streams.
type ExportQuery struct {
	Format       string    // "jsonl" (default); others as the Corpus supports them
	Sites        []string  // none: every site
	Since, Until time.Time // published (undated: fetched) in [Since, Until); zero: unbounded
}

// Corpus errors callers branch on.
var (
	ErrNotFound  = errors.New("not found")
	ErrBadFormat = errors.New("unsupported format")
)

// Profiles lists the sites serve knows: the profile registry.
type Profiles interface {
	Crawlable() []*sites.Profile
	Get(name string) (*sites.Profile, bool)
	ForURL(raw string) (*sites.Profile, bool)
}
