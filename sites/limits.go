package sites

import "time"

// MaxPageSize is the one page-size limit of unionnews, in bytes (8 MiB):
// the largest page, HTML or text dump, that the crawler reads and the
// cleaner and `unionnews clean` accept. A larger page is refused with an
// error naming it and this limit, never truncated. Real article pages
// are far below it (the largest of the ScrapingHub benchmark is 1.5 MB).
const MaxPageSize = 8 << 20

// Bounds of a profile's politeness and paging fields. A profile beyond
// them is a load error: a typo such as "max_pages": 1000000 must not turn
// a crawl into an unbounded one.
const (
	// MaxListingPages bounds listing.max_pages.
	MaxListingPages = 1000
	// MaxParallelism bounds parallelism (concurrent requests per host).
	MaxParallelism = 16
	// MaxDelay bounds delay (the pause between two requests to one host).
	MaxDelay = time.Minute
)

// limits checks the profile's paging and politeness fields against the
// bounds above.
func (v *validator) limits() {
	p := v.p
	if p.Listing.MaxPages > MaxListingPages {
		v.fail("listing.max_pages", "%d is over the limit of %d pages per start URL", p.Listing.MaxPages, MaxListingPages)
	}
	if p.Parallelism > MaxParallelism {
		v.fail("parallelism", "%d is over the limit of %d concurrent requests per host", p.Parallelism, MaxParallelism)
	}
	if time.Duration(p.Delay) > MaxDelay {
		v.fail("delay", "%s is over the limit of %s", time.Duration(p.Delay), MaxDelay)
	}
}
