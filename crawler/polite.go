package crawler

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// politeTransport spaces the requests to each host: at most parallelism
// requests at a time, and a slot is free again only delay after its
// response body was closed (or its request failed). It replaces colly's
// LimitRule, whose delay is an uninterruptible time.Sleep per queued
// request: on Ctrl-C a queue of n requests took n × delay to drain.
// Here a request waiting for a slot returns as soon as its context or
// the crawl's context (stop) is done.
type politeTransport struct {
	next  http.RoundTripper
	stop  context.Context
	hosts map[string]*hostSlots // lower-case host → its slots
}

// hostSlots is the politeness state of one host.
type hostSlots struct {
	sem   chan struct{}
	delay time.Duration
}

func newPoliteTransport(next http.RoundTripper, stop context.Context, sites []*site) *politeTransport {
	t := &politeTransport{next: next, stop: stop, hosts: make(map[string]*hostSlots)}
	for _, s := range sites {
		for _, h := range s.profile.Hosts {
			t.hosts[strings.ToLower(h)] = &hostSlots{sem: make(chan struct{}, max(s.parallelism, 1)), delay: s.delay}
		}
	}
	return t
}

// RoundTrip implements http.RoundTripper.
func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	h := t.hosts[strings.ToLower(req.URL.Hostname())]
	if h == nil {
		return t.next.RoundTrip(req)
	}
	select {
	case h.sem <- struct{}{}:
	case <-req.Context().Done():
		closeBody(req)
		return nil, fmt.Errorf("fetch %s: %w", req.URL, req.Context().Err())
	case <-t.stop.Done():
		closeBody(req)
		return nil, fmt.Errorf("fetch %s: %w", req.URL, t.stop.Err())
	}
	var once sync.Once
	release := func() { once.Do(func() { time.AfterFunc(h.delay, func() { <-h.sem }) }) }
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		release()
		return nil, err
	}
	resp.Body = &releaseBody{ReadCloser: resp.Body, release: release}
	return resp, nil
}

// releaseBody runs release when the body is closed.
type releaseBody struct {
	io.ReadCloser
	release func()
}

func (b *releaseBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}
