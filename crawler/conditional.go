package crawler

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gocolly/colly/v2"
)

// kindRefresh marks a conditional re-fetch of a stored article.
const kindRefresh = "refresh"

// Refetch is a stored article a run re-checks with a conditional GET
// (Config.Refresh): If-None-Match with ETag, If-Modified-Since with
// LastModified, whichever is set.
type Refetch struct {
	URL          string
	ETag         string
	LastModified string
}

// ErrUnfinished is returned (wrapped) by a PageSink for a page it
// handled but that must be fetched again by a later run (it fell off its
// profile, cleaning failed): the page is counted in Stats.Unfinished, not
// as an error, and its URL is not marked visited.
var ErrUnfinished = errors.New("page not finished")

// visitRefresh queues the conditional re-fetch of a stored article. The
// visited set is not consulted: the URL is known to be visited.
func (r *run) visitRefresh(it Refetch) {
	if r.ctx.Err() != nil {
		return
	}
	s := r.c.siteFor(it.URL)
	if s == nil {
		r.fail(it.URL, 0, fmt.Errorf("refresh %s: %w", it.URL, ErrForeignHost))
		return
	}
	if !r.firstTime(it.URL) {
		return
	}
	hdr := http.Header{}
	if it.ETag != "" {
		hdr.Set("If-None-Match", it.ETag)
	}
	if it.LastModified != "" {
		hdr.Set("If-Modified-Since", it.LastModified)
	}
	r.requestHeader(s, kindRefresh, it.URL, 0, hdr)
}

// onRefreshError hands the answers of a refresh that colly treats as
// errors to the sink: 304 Not Modified and 404/410 Gone. It reports
// whether it handled the response.
func (r *run) onRefreshError(resp *colly.Response) bool {
	if resp.Ctx.Get(keyKind) != kindRefresh {
		return false
	}
	switch resp.StatusCode {
	case http.StatusNotModified, http.StatusNotFound, http.StatusGone:
	default:
		return false
	}
	s := siteOf(resp.Ctx)
	if s == nil {
		return false
	}
	r.siteFetched(s)
	r.deliver(s, resp, true)
	return true
}

// deliver hands a response to the sink as a Page and records the
// outcome; refresh marks a conditional re-fetch.
func (r *run) deliver(s *site, resp *colly.Response, refresh bool) {
	queued := resp.Ctx.Get(keyURL)
	p := Page{
		URL:       resp.Request.URL.String(),
		Site:      s.profile.Name,
		Status:    resp.StatusCode,
		Header:    cloneHeader(resp.Headers),
		Body:      resp.Body,
		FetchedAt: time.Now(),
		Refresh:   refresh,
	}
	var at time.Time
	if p.Archive, at = popArchiveRef(p.Header); !at.IsZero() {
		p.FetchedAt = at // the WARC-Date of its record
	}
	err := r.c.cfg.Sink(r.ctx, p)
	switch {
	case err == nil:
		r.count(func(st *Stats) {
			st.Stored++
			if p.Status == http.StatusNotModified {
				st.NotModified++
			}
		})
	case errors.Is(err, ErrTooOld):
		r.count(func(st *Stats) { st.TooOld++ })
		r.c.logger.Debug("article too old", "url", p.URL, "err", err)
		return
	case errors.Is(err, ErrSkip):
		r.count(func(st *Stats) { st.Skipped++ })
		r.c.logger.Debug("page skipped", "url", p.URL, "err", err)
	case errors.Is(err, ErrUnfinished):
		r.count(func(st *Stats) { st.Unfinished++ })
		r.c.logger.Debug("page not finished", "url", p.URL, "err", err)
		return
	default:
		r.fail(queued, resp.StatusCode, fmt.Errorf("%w: %s: %w", errSink, p.URL, err))
		return
	}
	if refresh {
		return
	}
	if err := r.c.visited.MarkVisited(queued); err != nil {
		r.fail(queued, resp.StatusCode, fmt.Errorf("visited set: %w", err))
	}
}

func cloneHeader(h *http.Header) http.Header {
	if h == nil {
		return http.Header{}
	}
	return h.Clone()
}

// siteFetched counts one page a site answered (2xx, or 304/404/410 to a
// refresh) for PagesBySite.
func (r *run) siteFetched(s *site) {
	r.mu.Lock()
	if r.perSite == nil {
		r.perSite = map[string]int{}
	}
	r.perSite[s.profile.Name]++
	r.mu.Unlock()
}

// PagesBySite returns, per profile name, how many pages the sites
// answered in the last Run (2xx responses of any kind, and 304/404/410
// answers to refreshes). A site missing from the map yielded no page.
func (c *Crawler) PagesBySite() map[string]int {
	c.lastMu.Lock()
	defer c.lastMu.Unlock()
	out := make(map[string]int, len(c.lastSites))
	for k, v := range c.lastSites {
		out[k] = v
	}
	return out
}
