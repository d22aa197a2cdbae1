package sites

import (
	"encoding/json"
	"fmt"
	"time"
)

// Profile describes one news site declaratively: where to start, which
// URLs are articles, how listings paginate and which CSS selectors hold
// each field of an article. Profiles are JSON files; the built-in ones are
// embedded in the binary and a user can add or override them from a
// directory without writing Go code.
//
// Every selector is a CSS selector in the dialect of cascadia (goquery).
// An empty selector means "this site has no such field".
type Profile struct {
	// Name identifies the profile; by convention the site's main host
	// ("laodongthudo.vn"). Corpus files are grouped by it.
	Name string `json:"name"`
	// Extends names a base profile whose fields this one inherits; any
	// field set here replaces the base's value.
	Extends string `json:"extends,omitempty"`
	// Abstract marks a template profile (such as a CMS family) that
	// other profiles extend; it is never crawled and needs no hosts.
	Abstract bool `json:"abstract,omitempty"`
	// Description is a human note: what the site is, who publishes it.
	Description string `json:"description,omitempty"`
	// Hosts are the host names the crawler may fetch from (without port).
	// The first is the canonical host. A host may appear in one profile
	// only.
	Hosts []string `json:"hosts"`
	// StartURLs are the listing pages a crawl begins from.
	StartURLs []string `json:"start_urls"`
	// ArticleURL is a regular expression (RE2) a URL must match to be
	// treated as an article page. Its first capture group, if any, is the
	// site's own article id.
	ArticleURL string `json:"article_url"`
	// Listing says how to find article links and the next page on a
	// listing page.
	Listing Listing `json:"listing"`
	// Feeds are RSS or Atom feed URLs read as start sources beside the
	// listings; their item links are candidate articles.
	Feeds []string `json:"feeds,omitempty"`
	// Sitemaps are sitemap, sitemap-index or news-sitemap URLs read as
	// start sources (nested indexes are followed to a bounded depth).
	Sitemaps []string `json:"sitemaps,omitempty"`
	// Challenge names a Go hook for an anti-bot page the site serves to
	// plain clients (for example "d1n-cookie" for laodong.vn's JavaScript
	// cookie wall). Empty means none. Unknown names are load errors.
	Challenge string `json:"challenge,omitempty"`
	// Article holds the selectors of an article page.
	Article Selectors `json:"article"`
	// Delay is the minimum pause between two requests to one host.
	// Zero means the crawler default (1 s).
	Delay Duration `json:"delay,omitempty"`
	// Parallelism is the number of concurrent requests per host. Zero
	// means the crawler default (2).
	Parallelism int `json:"parallelism,omitempty"`
	// Refresh, when set, makes every crawl of the site re-check its
	// recently stored articles with conditional requests, so corrections
	// are picked up (see RefreshPolicy).
	Refresh *RefreshPolicy `json:"refresh,omitempty"`
	// TestURLs are real article URLs whose replica pages (or live pages,
	// for `sites check`) must extract cleanly.
	TestURLs []string `json:"test_urls,omitempty"`
	// Guessed lists the dotted JSON field names ("article.author") whose
	// values are guesses not verified against the live site.
	Guessed []string `json:"guessed,omitempty"`

	// Source is the file the profile was loaded from ("embedded:..." for
	// built-in ones). It is set by the loader, not read from JSON.
	Source string `json:"-"`
}

// RefreshPolicy says which stored articles of a site a crawl re-checks.
type RefreshPolicy struct {
	// YoungerThan re-checks articles published (or, without a date,
	// fetched) less than this long ago, e.g. "168h" for a week.
	YoungerThan Duration `json:"younger_than"`
}

// ChallengeD1N names laodong.vn's JavaScript cookie wall (a tiny page
// that sets a D1N cookie by script and reloads) in Profile.Challenge; the
// crawler implements it.
const ChallengeD1N = "d1n-cookie"

// Listing describes listing (category) pages.
type Listing struct {
	// Item selects the links (<a href>) to articles on a listing page.
	Item string `json:"item"`
	// Next selects the link to the next listing page.
	Next string `json:"next,omitempty"`
	// MaxPages bounds how many listing pages are followed from each start
	// URL, the start page included. Zero means 1 page only.
	MaxPages int `json:"max_pages,omitempty"`
	// Date selects, inside each listing page, the elements holding the
	// items' dates (parsed with DateFormat in Asia/Ho_Chi_Minh). With a
	// -since bound, paging stops once a page's newest item is older.
	Date       string `json:"date,omitempty"`
	DateFormat string `json:"date_format,omitempty"`
}

// Selectors are the CSS selectors of an article page.
type Selectors struct {
	// Title selects the headline. Kicker selects the optional line shown
	// above it; the clean title is kicker + " " + title.
	Title  string `json:"title"`
	Kicker string `json:"kicker,omitempty"`
	// Lead selects the sapo / standfirst paragraph.
	Lead string `json:"lead,omitempty"`
	// Body selects the element(s) holding the article text.
	Body string `json:"body"`
	// Date selects the element whose text (or DateAttr attribute) holds
	// the publication time, parsed with DateFormat (a Go time layout) in
	// Asia/Ho_Chi_Minh. The first substring matching the layout's shape is
	// used, so surrounding words ("Hội Đoàn thể 17/07/2025 12:15") are fine.
	Date       string `json:"date,omitempty"`
	DateAttr   string `json:"date_attr,omitempty"`
	DateFormat string `json:"date_format,omitempty"`
	// Author selects the byline element.
	Author string `json:"author,omitempty"`
	// Category selects the breadcrumb / section element(s); the last
	// non-empty one is the category.
	Category string `json:"category,omitempty"`
	// Tags selects the tag links.
	Tags string `json:"tags,omitempty"`
	// Caption selects caption elements inside the body (figcaption,
	// MasterCMS caption cells). Their text goes to the images' captions,
	// never into the article text.
	Caption string `json:"caption,omitempty"`
	// Strip lists selectors of elements removed from the page before
	// anything is extracted: related boxes, share bars, ads.
	Strip []string `json:"strip,omitempty"`
	// Markers adds the site's own headings of related / read-more boxes
	// ("Đọc tiếp") to the cleaner's shared marker vocabulary.
	Markers []string `json:"markers,omitempty"`
	// Rules switches the cleaner's named clutter rules on (true) or off
	// (false) for this site, e.g. {"headline-run": false}; rules not named
	// keep their default. The names are those of the cleaner's rule table
	// (cleaner.Rules); the cleaner reports an unknown name.
	Rules map[string]bool `json:"rules,omitempty"`
}

// Duration is a time.Duration written in JSON as a Go duration string
// ("1s", "500ms").
type Duration time.Duration

// MarshalJSON writes the duration as a string.
func (d Duration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).String())
}

// UnmarshalJSON reads a duration string such as "1.5s".
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration must be a string like \"1s\": %w", err)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}
