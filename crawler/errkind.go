package crawler

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"syscall"

	"github.com/gocolly/colly/v2"
)

// Kinds of failed or retried requests, the keys of the maps
// Crawler.FailureKinds returns. A status kind is "status-" and the code ("status-503").
const (
	KindForeignHost = "foreign-host" // a request or redirect left the allowlist
	KindTooLarge    = "too-large"    // body over the page-size limit
	KindTimeout     = "timeout"      // an attempt ran past its deadline (a slow drip)
	KindReset       = "reset"        // the connection was reset
	KindRefused     = "refused"      // the connection was refused
	KindTruncated   = "truncated"    // the body ended before its length
	KindRedirects   = "redirect-loop"
	KindSink        = "sink"  // the page sink failed (clean or store)
	KindOther       = "other" // anything else (see the log)
)

// ErrorKind classifies the error of one failed request (status is the
// HTTP status when a response arrived, else 0).
func ErrorKind(status int, err error) string {
	var already *colly.AlreadyVisitedError
	var nerr net.Error
	switch {
	case errors.Is(err, ErrForeignHost), errors.Is(err, colly.ErrForbiddenDomain):
		return KindForeignHost
	case errors.Is(err, ErrTooLarge):
		return KindTooLarge
	case errors.As(err, &already):
		return KindRedirects // a redirect back to a page already fetched
	case status >= 300 && status < 400:
		return KindRedirects // the redirect limit was reached
	case status >= 400:
		return "status-" + strconv.Itoa(status)
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &nerr) && nerr.Timeout():
		return KindTimeout
	case errors.Is(err, syscall.ECONNRESET):
		return KindReset
	case errors.Is(err, syscall.ECONNREFUSED):
		return KindRefused
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return KindTruncated
	case errors.Is(err, errSink):
		return KindSink
	}
	return KindOther
}

// retryKind classifies the outcome of an attempt that is retried.
func retryKind(resp *http.Response, err error) string {
	if err != nil {
		return ErrorKind(0, err)
	}
	return "status-" + strconv.Itoa(resp.StatusCode)
}

// errSink marks a failure of the page sink (conditional.go).
var errSink = errors.New("sink failed")

// addKind counts one kind in a lazily made map.
func addKind(m *map[string]int, kind string) {
	if *m == nil {
		*m = make(map[string]int)
	}
	(*m)[kind]++
}

// copyKinds returns a copy of m (nil for nil).
func copyKinds(m map[string]int) map[string]int {
	if m == nil {
		return nil
	}
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// FailureKinds returns the failed pages (Stats.Errors) of the last Run
// by kind (ErrorKind: "timeout", "reset", "foreign-host", "status-503",
// ...), and its retried attempts by the kind of their failure (a 503
// burst that then succeeded, a 429).
func (c *Crawler) FailureKinds() (failed, retried map[string]int) {
	c.lastMu.Lock()
	defer c.lastMu.Unlock()
	return copyKinds(c.lastErrKinds), copyKinds(c.lastRetryKinds)
}

// kinds returns copies of the run's kind counts.
func (r *run) kinds() (failed, retried map[string]int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return copyKinds(r.errKinds), copyKinds(r.retryKinds)
}
