package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// script answers with the scripted outcomes in turn and records when each
// attempt came.
type script struct {
	mu       sync.Mutex
	outcomes []any // int status, or error
	at       []time.Time
	header   http.Header
}

func (s *script) RoundTrip(r *http.Request) (*http.Response, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.at = append(s.at, time.Now())
	o := s.outcomes[min(len(s.at), len(s.outcomes))-1]
	if err, ok := o.(error); ok {
		return nil, err
	}
	resp := okResponse(fmt.Sprint("status ", o), s.header.Clone())
	resp.StatusCode = o.(int)
	return resp, nil
}

func newRetry(next http.RoundTripper, retries int) *retryTransport {
	return &retryTransport{next: next, maxRetries: retries, base: time.Millisecond,
		maxRetryAfter: time.Minute, timeout: time.Second, logger: discardLogger()}
}

func TestRetryTransport(t *testing.T) {
	netErr := errors.New("connection reset")
	tests := []struct {
		name     string
		retries  int
		outcomes []any
		attempts int
		status   int // final; 0 = error
	}{
		{"ok", 3, []any{200}, 1, 200},
		{"503 then ok", 3, []any{503, 200}, 2, 200},
		{"429 then ok", 3, []any{429, 200}, 2, 200},
		{"network error then ok", 3, []any{netErr, 502, 200}, 3, 200},
		{"gives up after retries", 3, []any{500}, 4, 500},
		{"network error to the end", 2, []any{netErr}, 3, 0},
		{"no retries", 0, []any{503, 200}, 1, 503},
		{"404 is final", 3, []any{404, 200}, 1, 404},
		{"foreign host is final", 3, []any{fmt.Errorf("x: %w", ErrForeignHost), 200}, 1, 0},
		{"too large is final", 3, []any{fmt.Errorf("x: %w", ErrTooLarge), 200}, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{outcomes: tt.outcomes}
			req, _ := http.NewRequest("GET", "https://a.vn/", nil)
			resp, err := newRetry(s, tt.retries).RoundTrip(req)
			if len(s.at) != tt.attempts {
				t.Errorf("%d attempts, want %d", len(s.at), tt.attempts)
			}
			switch {
			case tt.status == 0 && err == nil:
				t.Errorf("status %d, want an error", resp.StatusCode)
			case tt.status != 0 && err != nil:
				t.Errorf("err %v, want status %d", err, tt.status)
			case tt.status != 0 && resp.StatusCode != tt.status:
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if err == nil {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if !strings.HasPrefix(string(b), "status ") {
					t.Errorf("final body %q unreadable", b)
				}
			}
		})
	}
}

func TestRetryTransportBackoffDoubles(t *testing.T) {
	s := &script{outcomes: []any{503}}
	rt := newRetry(s, 3)
	rt.base = 20 * time.Millisecond
	req, _ := http.NewRequest("GET", "https://a.vn/", nil)
	if _, err := rt.RoundTrip(req); err != nil {
		t.Fatal(err)
	}
	for i, want := range []time.Duration{20, 40, 80} {
		if gap := s.at[i+1].Sub(s.at[i]); gap < want*time.Millisecond {
			t.Errorf("wait before retry %d was %v, want >= %vms", i+1, gap, want)
		}
	}
}

func TestRetryTransportRetryAfter(t *testing.T) {
	tests := []struct {
		name  string
		value string
		cap   time.Duration
		min   time.Duration
	}{
		{"seconds", "1", time.Minute, 900 * time.Millisecond},
		{"capped", "3600", 50 * time.Millisecond, 50 * time.Millisecond},
		{"garbage falls back to backoff", "soon", time.Minute, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{outcomes: []any{429, 200}, header: http.Header{"Retry-After": {tt.value}}}
			rt := newRetry(s, 3)
			rt.maxRetryAfter = tt.cap
			req, _ := http.NewRequest("GET", "https://a.vn/", nil)
			resp, err := rt.RoundTrip(req)
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("resp %v err %v", resp, err)
			}
			if gap := s.at[1].Sub(s.at[0]); gap < tt.min || (tt.cap < time.Second && gap > 10*time.Second) {
				t.Errorf("waited %v, want >= %v", gap, tt.min)
			}
		})
	}
}

func TestRetryTransportCancelledWait(t *testing.T) {
	for _, viaStop := range []bool{false, true} {
		t.Run(fmt.Sprint("stop=", viaStop), func(t *testing.T) {
			s := &script{outcomes: []any{503}, header: http.Header{"Retry-After": {"60"}}}
			rt := newRetry(s, 3)
			ctx, cancel := context.WithCancel(context.Background())
			req, _ := http.NewRequest("GET", "https://a.vn/", nil)
			if viaStop {
				rt.stop = ctx // a robots.txt request: no context of its own
			} else {
				req = req.WithContext(ctx)
			}
			time.AfterFunc(50*time.Millisecond, cancel)
			begin := time.Now()
			_, err := rt.RoundTrip(req)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
			if d := time.Since(begin); d > 30*time.Second {
				t.Errorf("took %v: the wait ignored the cancellation", d)
			}
			if len(s.at) != 1 {
				t.Errorf("%d attempts after cancel, want 1", len(s.at))
			}
		})
	}
}

func TestRetryTransportAttemptTimeout(t *testing.T) {
	var attempts int
	slow := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		attempts++
		<-r.Context().Done()
		return nil, r.Context().Err()
	})
	rt := newRetry(slow, 1)
	rt.timeout = 20 * time.Millisecond
	req, _ := http.NewRequest("GET", "https://a.vn/", nil)
	if _, err := rt.RoundTrip(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want DeadlineExceeded", err)
	}
	if attempts != 2 {
		t.Errorf("%d attempts, want 2 (a timed-out attempt is retried)", attempts)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"1", time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"0", 0, true},
		{"-5", 0, false},
		{"", 0, false},
		{"1.5", 0, false},
		{"Sun, 22 Nov 2026 10:00:30 GMT", 30 * time.Second, true},
		{"Sunday, 22-Nov-26 10:01:00 GMT", time.Minute, true},
		{"Sun, 22 Nov 2026 09:00:00 GMT", 0, true},
		{"tomorrow", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
