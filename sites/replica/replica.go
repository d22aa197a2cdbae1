package replica

import (
	"bytes"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Page kinds.
const (
	KindArticle    = "article"
	KindListing    = "listing"
	KindRobots     = "robots"
	KindHome       = "home"
	KindNonArticle = "nonarticle"
	KindNotFound   = "notfound"
	KindRedirect   = "redirect" // a 3xx answer; Page.Location says where to
)

// Page is one replica page.
type Page struct {
	// URL is the real URL on the canonical host (https://laodongthudo.vn/...).
	URL string
	// Status is the HTTP status the page is served with.
	Status int
	// ContentType is the Content-Type header value, charset included.
	ContentType string
	// Body holds the bytes as served (in the page's charset).
	Body []byte
	// Kind is one of the Kind* constants.
	Kind string
	// Truth is what a perfect cleaner extracts from an article page, taken
	// from the data the page was rendered from (nil for other kinds). It is
	// the independent gold the quality harness scores the cleaner against.
	Truth *Truth
	// Location is the Location header of a redirect (Kind "redirect"):
	// the absolute real URL the page moved to.
	Location string
}

// Truth is the source content of a replica article.
type Truth struct {
	Title      string    // kicker + " " + headline when there is a kicker
	Lead       string    // the sapo
	Paragraphs []string  // body blocks in order: paragraphs, sub-headings, list items, table rows ("a | b")
	Author     string    // byline
	Published  time.Time // in Asia/Ho_Chi_Minh
	Category   string    // the section name
	Tags       []string
	Captions   []string // image captions in order
}

// Text is the article text as the cleaner writes it: the lead, then the
// body paragraphs, separated by blank lines.
func (t *Truth) Text() string {
	return strings.Join(append([]string{t.Lead}, t.Paragraphs...), "\n\n")
}

// Replica is the immutable set of pages of all replica sites.
type Replica struct {
	pages    map[string]Page           // page key (canonical host + path [+ ?query]) -> page
	canon    map[string]string         // any host of a site -> its canonical host
	notFound map[string]Page           // canonical host -> error page for unknown URLs
	hosts    []string                  // every host, sorted
	wraps    map[string]handlerWrapper // canonical host -> its site's wrap, if any
}

// site is what a site builder produces.
type site struct {
	name     string
	hosts    []string // the first is canonical
	pages    []Page
	notFound Page
	// wrap, when set, wraps the HTTP handler for this site's hosts only
	// (an anti-bot wall, for example); Lookup and Pages never see it.
	wrap handlerWrapper
}

// siteBuilders lists the builders of every replica site.
func siteBuilders() []func() (site, error) {
	return []func() (site, error){buildLaodongthudo, buildLaodong, buildCongdoanyte, buildNLD, buildLaodongdoanthe, buildLaodongcongdoan, buildMasterCMS, buildCongdoanvn}
}

// New builds all pages of all replica sites.
func New() (*Replica, error) {
	r := &Replica{
		pages:    make(map[string]Page),
		canon:    make(map[string]string),
		notFound: make(map[string]Page),
	}
	for _, build := range siteBuilders() {
		s, err := build()
		if err != nil {
			return nil, err
		}
		if err := r.add(s); err != nil {
			return nil, fmt.Errorf("add site %s: %w", s.name, err)
		}
	}
	sort.Strings(r.hosts)
	return r, nil
}

// add registers the hosts and pages of one site.
func (r *Replica) add(s site) error {
	if len(s.hosts) == 0 {
		return fmt.Errorf("site has no hosts")
	}
	for _, h := range s.hosts {
		if _, dup := r.canon[h]; dup {
			return fmt.Errorf("host %s in two sites", h)
		}
		r.canon[h] = s.hosts[0]
		r.hosts = append(r.hosts, h)
	}
	r.notFound[s.hosts[0]] = s.notFound
	if s.wrap != nil {
		if r.wraps == nil {
			r.wraps = make(map[string]handlerWrapper)
		}
		r.wraps[s.hosts[0]] = s.wrap
	}
	for _, p := range s.pages {
		k, ok := r.key(p.URL)
		if !ok {
			return fmt.Errorf("page url %s: not on the site's hosts", p.URL)
		}
		if _, dup := r.pages[k]; dup {
			return fmt.Errorf("page url %s: duplicate", p.URL)
		}
		r.pages[k] = p
	}
	return nil
}

// key returns the page key of a real URL and whether its host is known.
func (r *Replica) key(rawURL string) (string, bool) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return "", false
	}
	return r.pathKey(u.Hostname(), u.Path, u.RawQuery)
}

// pathKey builds the page key from a host, a path and a raw query.
func (r *Replica) pathKey(host, path, rawQuery string) (string, bool) {
	c, ok := r.canon[strings.ToLower(host)]
	if !ok {
		return "", false
	}
	if path == "" {
		path = "/"
	}
	k := c + path
	if rawQuery != "" {
		k += "?" + rawQuery
	}
	return k, true
}

// Lookup returns the page of a real URL (either host of a site, http or
// https). A missing article the site answers with 404 is found too, with
// Status 404 and Kind "notfound".
func (r *Replica) Lookup(realURL string) (Page, bool) {
	k, ok := r.key(realURL)
	if !ok {
		return Page{}, false
	}
	p, ok := r.pages[k]
	return clonePage(p), ok
}

// Pages returns the pages of a kind ("" means all), sorted by URL.
func (r *Replica) Pages(kind string) []Page {
	var out []Page
	for _, p := range r.pages {
		if kind == "" || p.Kind == kind {
			out = append(out, clonePage(p))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

// SitePages returns the pages of one site (any of its hosts names it) of
// a kind ("" = all), sorted by URL.
func (r *Replica) SitePages(host, kind string) []Page {
	canon := r.canon[host]
	var out []Page
	for _, p := range r.Pages(kind) {
		u, err := url.Parse(p.URL)
		if err == nil && r.canon[u.Hostname()] == canon {
			out = append(out, p)
		}
	}
	return out
}

// SiteHosts returns the hosts of the site that host belongs to, sorted.
func (r *Replica) SiteHosts(host string) []string {
	var out []string
	for _, h := range r.hosts {
		if r.canon[h] == r.canon[host] {
			out = append(out, h)
		}
	}
	return out
}

// Hosts returns every host of every replica site, sorted.
func (r *Replica) Hosts() []string {
	return append([]string(nil), r.hosts...)
}

// Mirrors maps every host of every replica site to base+"/"+host, the
// prefix under which Handler serves it when mounted at base.
func (r *Replica) Mirrors(base string) map[string]string {
	base = strings.TrimSuffix(base, "/")
	m := make(map[string]string, len(r.hosts))
	for _, h := range r.hosts {
		m[h] = base + "/" + h
	}
	return m
}

func clonePage(p Page) Page {
	p.Body = bytes.Clone(p.Body)
	return p
}
