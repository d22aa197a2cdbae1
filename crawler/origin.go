package crawler

import (
	"net/url"
	"strings"

	"github.com/unionnews/unionnews/sites"
)

// An origin is "scheme://host:port" in lower case with the port always
// explicit. The crawler fetches only from the origins of its profiles:
// each profile host on the default port of every scheme the profile's own
// URLs use (start URLs, feeds, sitemaps, test URLs; https when they name
// none), plus the exact origin of each of those URLs (a profile may name
// a non-default port). A redirect to the same host on another scheme or
// port is refused like a foreign host.

// origin returns the origin of an absolute http(s) URL, "" for anything
// else.
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	switch {
	case scheme != "http" && scheme != "https":
		return ""
	case u.Hostname() == "":
		return ""
	case port == "":
		port = defaultPort(scheme)
	}
	return scheme + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

func defaultPort(scheme string) string {
	if scheme == "http" {
		return "80"
	}
	return "443"
}

// profileOrigins returns the origins a profile's site is fetched from.
func profileOrigins(p *sites.Profile) []string {
	var urls []string
	urls = append(urls, p.StartURLs...)
	urls = append(urls, p.Feeds...)
	urls = append(urls, p.Sitemaps...)
	urls = append(urls, p.TestURLs...)
	schemes := map[string]bool{}
	var out []string
	for _, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		if o := origin(u); o != "" && p.HasHost(strings.ToLower(u.Hostname())) {
			schemes[strings.ToLower(u.Scheme)] = true
			out = append(out, o)
		}
	}
	if len(schemes) == 0 {
		schemes["https"] = true
	}
	for _, h := range p.Hosts {
		for _, s := range []string{"https", "http"} {
			if schemes[s] {
				out = append(out, s+"://"+strings.ToLower(h)+":"+defaultPort(s))
			}
		}
	}
	return out
}

// originList returns the allowlist of the crawl.
func (c *Crawler) originList() []string {
	out := make([]string, 0, len(c.origins))
	for o := range c.origins {
		out = append(out, o)
	}
	return out
}
