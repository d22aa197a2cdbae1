package crawler

import (
	"strings"

	"github.com/gocolly/colly/v2"
)

// listingTooOld reports whether Config.Since is set, the site's listing
// dates are known and every item date found on the listing page is before
// Since. A page without any parsable date is never too old.
func (r *run) listingTooOld(s *site, e *colly.HTMLElement) bool {
	if r.c.cfg.Since.IsZero() || s.listDate == nil {
		return false
	}
	dated, old := 0, 0
	e.ForEach(s.profile.Listing.Date, func(_ int, d *colly.HTMLElement) {
		v := strings.TrimSpace(d.Attr("datetime"))
		if v == "" {
			v = d.Text
		}
		t, ok := s.listDate.Find(v)
		if !ok {
			if t, ok = parseFeedDate(v); !ok {
				return
			}
		}
		dated++
		if t.Before(r.c.cfg.Since) {
			old++
		}
	})
	return dated > 0 && old == dated
}
