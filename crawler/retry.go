package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// retryTransport retries idempotent requests that failed with a network
// error, a 5xx or a 429, waiting base·2^n between attempts or what the
// Retry-After header asks for (capped at maxRetryAfter). Every attempt
// gets its own timeout. Waits and attempts end early when the request
// context or the crawl context (stop) is done.
type retryTransport struct {
	next          http.RoundTripper
	maxRetries    int           // retries after the first attempt; 0 = none
	base          time.Duration // first backoff
	maxRetryAfter time.Duration // cap for Retry-After
	timeout       time.Duration // per attempt, headers and body; 0 = none
	// stop is the crawl's context. colly fetches robots.txt without a
	// context, so cancelling the crawl must reach those requests here.
	stop   context.Context
	logger *slog.Logger
	// onRetry, when set, is told the kind (ErrorKind) of every failed
	// attempt that is retried.
	onRetry func(kind string)
}

// RoundTrip implements http.RoundTripper.
func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		resp, err := t.attempt(req)
		if attempt >= t.maxRetries || !t.retryable(req, resp, err) {
			return resp, err
		}
		wait := t.backoff(attempt, resp)
		t.logRetry(req, attempt+1, wait, resp, err)
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		}
		if err := t.sleep(req.Context(), wait); err != nil {
			return nil, fmt.Errorf("fetch %s: retry wait: %w", req.URL, err)
		}
	}
}

// attempt sends the request once under its own deadline and reads the
// whole body within it, so that a connection reset, a truncated body or
// a slow drip past the deadline fails the attempt (and is retried like
// any network error) instead of reaching colly as a short page. The body
// is bounded by hostTransport's limit.
func (t *retryTransport) attempt(req *http.Request) (*http.Response, error) {
	var (
		ctx    context.Context
		cancel context.CancelFunc
	)
	if t.timeout > 0 {
		ctx, cancel = context.WithTimeout(req.Context(), t.timeout)
	} else {
		ctx, cancel = context.WithCancel(req.Context())
	}
	release := cancel
	if t.stop != nil {
		stopAfter := context.AfterFunc(t.stop, cancel)
		release = func() { stopAfter(); cancel() }
	}
	resp, err := t.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		release()
		return nil, err
	}
	defer release()
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read body: %w", req.URL, err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// retryable reports whether the outcome of one attempt is worth another.
func (t *retryTransport) retryable(req *http.Request, resp *http.Response, err error) bool {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		return false
	}
	if req.Context().Err() != nil || (t.stop != nil && t.stop.Err() != nil) {
		return false
	}
	if err != nil {
		return !errors.Is(err, ErrForeignHost) && !errors.Is(err, ErrTooLarge)
	}
	return resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
}

// backoff is the wait before retry number attempt+1: Retry-After when the
// response carries one, else base·2^attempt.
func (t *retryTransport) backoff(attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(d, t.maxRetryAfter)
		}
	}
	return t.base << min(attempt, 16)
}

func (t *retryTransport) sleep(ctx context.Context, d time.Duration) error {
	var stop <-chan struct{}
	if t.stop != nil {
		stop = t.stop.Done()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-stop:
		return t.stop.Err()
	}
}

func (t *retryTransport) logRetry(req *http.Request, retry int, wait time.Duration, resp *http.Response, err error) {
	if t.onRetry != nil {
		t.onRetry(retryKind(resp, err))
	}
	attrs := []any{"url", req.URL.String(), "retry", retry, "wait", wait}
	if err != nil {
		attrs = append(attrs, "err", err)
	} else {
		attrs = append(attrs, "status", resp.StatusCode)
	}
	t.logger.Debug("retrying request", attrs...)
}

// parseRetryAfter reads a Retry-After value: delay seconds or an HTTP
// date. A date in the past means no wait.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(secs, int64(24*time.Hour/time.Second))) * time.Second, true
	}
	when, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(when.Sub(now), 0), true
}
