package crawler

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"

	"github.com/unionnews/unionnews/sites"
)

// ChallengeD1N names laodong.vn's JavaScript cookie wall in
// sites.Profile.Challenge.
const ChallengeD1N = sites.ChallengeD1N

// ErrCookieWall is returned when a site still answers with its cookie
// wall after the crawler set the cookie the wall asks for.
var ErrCookieWall = errors.New("cookie wall not passed")

// wallMaxBody is the size under which a response may be a cookie wall;
// real pages are far larger.
const wallMaxBody = 2 << 10

// d1nCookie finds the cookie a D1N wall sets:
// <script>document.cookie="D1N=<32 hex>"+"; expires=…; path=/";window.location.reload(true);</script>
var d1nCookie = regexp.MustCompile(`document\.cookie\s*=\s*["']D1N=([0-9a-fA-F]{32})`)

// wallTransport passes the JavaScript cookie wall of the hosts whose
// profile names one (laodong.vn: sites.md §2): a plain client gets
// HTTP 200 with a tiny page whose script sets a D1N cookie and reloads.
// The wall also guards robots.txt and feeds, which colly fetches outside
// its callbacks, so it is handled here, below colly: the cookie goes into
// the crawl's jar (later requests carry it) and the request is sent once
// more with it. A wall page is never returned; if the retry meets the wall
// again the request fails with ErrCookieWall.
type wallTransport struct {
	next  http.RoundTripper
	jar   http.CookieJar
	hosts map[string]bool // lower-case hosts of profiles with ChallengeD1N
}

// RoundTrip implements http.RoundTripper.
func (t *wallTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !t.hosts[strings.ToLower(req.URL.Hostname())] {
		return t.next.RoundTrip(req)
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp, cookie, err := sniffWall(resp)
	if err != nil || cookie == "" {
		return resp, err
	}
	t.jar.SetCookies(req.URL, []*http.Cookie{{Name: "D1N", Value: cookie, Path: "/"}})
	retry := req.Clone(req.Context())
	retry.Header.Del("Cookie")
	for _, c := range t.jar.Cookies(req.URL) {
		retry.AddCookie(c)
	}
	resp, err = t.next.RoundTrip(retry)
	if err != nil {
		return nil, err
	}
	resp, cookie, err = sniffWall(resp)
	if err == nil && cookie != "" {
		return nil, fmt.Errorf("fetch %s: %w", req.URL, ErrCookieWall)
	}
	if resp != nil {
		resp.Request = req
	}
	return resp, err
}

// sniffWall reports the D1N cookie value when resp is a wall page (status
// 200, body under wallMaxBody, a D1N cookie script, no <article); the wall
// response is then closed. Any other response is returned with its body
// intact.
func sniffWall(resp *http.Response) (*http.Response, string, error) {
	if resp.StatusCode != http.StatusOK || resp.ContentLength >= wallMaxBody {
		return resp, "", nil
	}
	head, err := io.ReadAll(io.LimitReader(resp.Body, wallMaxBody))
	if err != nil {
		resp.Body.Close()
		return nil, "", fmt.Errorf("fetch %s: %w", resp.Request.URL, err)
	}
	if len(head) < wallMaxBody {
		if cookie := wallCookie(head); cookie != "" {
			resp.Body.Close()
			return nil, cookie, nil
		}
	}
	resp.Body = &prefixedBody{Reader: io.MultiReader(bytes.NewReader(head), resp.Body), Closer: resp.Body}
	return resp, "", nil
}

// wallCookie returns the D1N value of a wall page, "" for anything else.
func wallCookie(body []byte) string {
	if len(body) >= wallMaxBody || bytes.Contains(bytes.ToLower(body), []byte("<article")) {
		return ""
	}
	m := d1nCookie.FindSubmatch(body)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// prefixedBody re-attaches sniffed bytes in front of the rest of a body.
type prefixedBody struct {
	io.Reader
	io.Closer
}
