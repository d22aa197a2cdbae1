package crawler

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// hostTransport is the innermost layer of the crawler's HTTP stack. It
// refuses requests to origins (scheme, host and port) outside the
// allowlist, sends requests for
// mirrored hosts to their mirror while presenting the response as if it
// came from the real URL, and enforces the maximum body size.
type hostTransport struct {
	next    http.RoundTripper
	allowed map[string]bool // origins (origin.go)
	mirrors []mirror        // longest base first
	maxBody int64           // > 0
}

// mirror maps one real host to a base URL that serves its pages.
type mirror struct {
	host string
	base *url.URL // scheme, host and optional path prefix without trailing "/"
}

// newHostTransport builds the transport over next for the allowed
// origins.
func newHostTransport(next http.RoundTripper, origins []string, mirrors []mirror, maxBody int64) *hostTransport {
	t := &hostTransport{next: next, allowed: make(map[string]bool), mirrors: mirrors, maxBody: maxBody}
	for _, o := range origins {
		t.allowed[o] = true
	}
	return t
}

// parseMirrors validates the mirror map and orders it longest base first,
// so that a Location header is matched against the most specific base.
func parseMirrors(m map[string]string) ([]mirror, error) {
	ms := make([]mirror, 0, len(m))
	for host, raw := range m {
		u, err := url.Parse(raw)
		if err != nil {
			return nil, fmt.Errorf("mirror for %s: %w", host, err)
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("mirror for %s: %q is not an absolute http(s) URL", host, raw)
		}
		if u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("mirror for %s: %q must not have a query or fragment", host, raw)
		}
		u.Path = strings.TrimSuffix(u.Path, "/")
		u.RawPath = ""
		ms = append(ms, mirror{host: strings.ToLower(host), base: u})
	}
	sort.Slice(ms, func(i, j int) bool {
		if a, b := len(ms[i].base.String()), len(ms[j].base.String()); a != b {
			return a > b
		}
		return ms[i].host < ms[j].host
	})
	return ms, nil
}

// RoundTrip implements http.RoundTripper.
func (t *hostTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	host := strings.ToLower(req.URL.Hostname())
	if !t.allowed[origin(req.URL)] {
		closeBody(req)
		return nil, fmt.Errorf("fetch %s: %w", req.URL, ErrForeignHost)
	}
	out := req
	if m, ok := t.mirrorFor(host); ok {
		out = req.Clone(req.Context())
		out.URL = m.rewrite(req.URL)
		out.Host = ""
	}
	resp, err := t.next.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	resp.Request = req
	if loc := resp.Header.Get("Location"); loc != "" {
		resp.Header.Set("Location", t.unmirror(loc, req.URL.Scheme))
	}
	if resp.ContentLength > t.maxBody {
		resp.Body.Close()
		return nil, tooLarge(req.URL.String(), t.maxBody, fmt.Sprintf("%d bytes", resp.ContentLength))
	}
	resp.Body = &limitedBody{rc: resp.Body, left: t.maxBody, limit: t.maxBody, url: req.URL.String()}
	// colly gunzips .xml.gz paths and gzip content types without a size
	// limit unless the response is marked uncompressed; the crawler
	// gunzips sitemaps and feeds itself, bounded by maxBody
	// (gunzipIfNeeded). Content-Encoding is already handled by net/http.
	resp.Uncompressed = true
	return resp, nil
}

func (t *hostTransport) mirrorFor(host string) (mirror, bool) {
	for _, m := range t.mirrors {
		if m.host == host {
			return m, true
		}
	}
	return mirror{}, false
}

// rewrite maps a real URL to the mirror: base + path + query.
func (m mirror) rewrite(u *url.URL) *url.URL {
	nu := *m.base
	nu.Path = m.base.Path + u.Path
	if u.RawPath != "" {
		nu.RawPath = m.base.EscapedPath() + u.RawPath
	}
	nu.RawQuery = u.RawQuery
	nu.Fragment = ""
	return &nu
}

// unmirror maps a Location header that points into a mirror back to the
// real host, with the scheme of the original request. An absolute URL
// must start with a mirror base; a path-absolute reference ("/host/x") is
// mapped when it starts with a base's non-empty path prefix. Anything
// else is returned unchanged.
func (t *hostTransport) unmirror(loc, scheme string) string {
	u, err := url.Parse(loc)
	if err != nil {
		return loc
	}
	for _, m := range t.mirrors {
		if u.IsAbs() && !strings.EqualFold(u.Scheme, m.base.Scheme) {
			continue
		}
		if u.IsAbs() && !strings.EqualFold(u.Host, m.base.Host) {
			continue
		}
		if !u.IsAbs() && (u.Host != "" || !strings.HasPrefix(u.Path, "/") || m.base.Path == "") {
			continue
		}
		rest, ok := strings.CutPrefix(u.Path, m.base.Path)
		if !ok || (rest != "" && !strings.HasPrefix(rest, "/")) {
			continue
		}
		if rest == "" {
			rest = "/"
		}
		real := url.URL{Scheme: scheme, Host: m.host, Path: rest, RawQuery: u.RawQuery, Fragment: u.Fragment}
		return real.String()
	}
	return loc
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// limitedBody fails with ErrTooLarge once more than left bytes are read,
// instead of truncating silently.
type limitedBody struct {
	rc    io.ReadCloser
	left  int64
	limit int64
	url   string
}

// tooLarge is the error of a body over the limit; it names the URL and
// the limit.
func tooLarge(u string, limit int64, size string) error {
	return fmt.Errorf("fetch %s: %s is over the page-size limit of %s: %w", u, size, formatSize(limit), ErrTooLarge)
}

// formatSize writes a byte count as MiB when it is a whole number of
// them, else in bytes.
func formatSize(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, tooLarge(b.url, b.limit, "body")
	}
	// Read one byte beyond the limit to detect an oversized body.
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		return n + int(b.left), tooLarge(b.url, b.limit, "body")
	}
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }
