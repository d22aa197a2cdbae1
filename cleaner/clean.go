package cleaner

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"github.com/unionnews/unionnews/sites"
)

// MaxInputSize is the largest page Clean accepts, in bytes: the one
// page-size limit of unionnews, sites.MaxPageSize (8 MiB).
const MaxInputSize = sites.MaxPageSize

// profMinBodyRunes is the least body text, in runes and without the lead,
// that makes a page an article.
const profMinBodyRunes = 200

// Article.Extractor values: the rung of the ladder that produced the
// text. A rung whose text lost blocks learnt as boilerplate is recorded
// with ExtractorBoilerplateSuffix ("profile+boilerplate").
const (
	ExtractorProfile           = "profile"
	ExtractorGeneric           = "trafilatura"
	ExtractorBoilerplateSuffix = "+boilerplate"
	// ExtractorPhotoStorySuffix marks a photo story whose captioned
	// paragraphs are its text (rule photo-story).
	ExtractorPhotoStorySuffix = "+photostory"
)

var (
	// ErrNotArticle means the page has no article body: the profile's
	// body selector matched nothing and the generic extractor found
	// nothing either, or the body text is too short.
	ErrNotArticle = errors.New("not an article")
	// ErrTooLarge means the page is larger than MaxInputSize.
	ErrTooLarge = errors.New("page too large")
)

// Boilerplate tells which body blocks of a site are page furniture
// learnt across its pages (see BlockHash). store.DB.Boilerplate returns
// the set a BoilerplateSet serves.
type Boilerplate interface {
	IsBoilerplate(site string, hash uint64) bool
}

// BoilerplateSet is a Boilerplate from per-site hash sets.
type BoilerplateSet map[string]map[uint64]bool

// IsBoilerplate reports whether hash is in site's set.
func (s BoilerplateSet) IsBoilerplate(site string, hash uint64) bool { return s[site][hash] }

// Options configures a Cleaner. A nil *Options means all defaults.
type Options struct {
	// Boilerplate, when not nil, names the blocks to drop from every
	// rung's text. Nil means none are dropped.
	Boilerplate Boilerplate
}

// Cleaner cleans pages. It compiles each profile's selectors once, on
// first use, and keeps them keyed by the *sites.Profile pointer, so
// callers should reuse both the Cleaner and their profiles. A Cleaner is
// safe for concurrent use. The zero Cleaner works, with default options,
// but compiles its fixed selectors on every page: use New.
type Cleaner struct {
	opts     Options
	fixed    *htmlFixed // nil in a zero Cleaner: see fixedSelectors
	profiles sync.Map   // *sites.Profile -> profCacheEntry
}

type profCacheEntry struct {
	cp  *compiledProfile
	err error
}

// New returns a Cleaner with opts (nil means defaults).
func New(opts *Options) *Cleaner {
	c := &Cleaner{fixed: newHTMLFixed()}
	if opts != nil {
		c.opts = *opts
	}
	return c
}

// Clean extracts the article from an HTML page with a fresh Cleaner and
// no boilerplate set. See Cleaner.Clean.
func Clean(page []byte, pageURL string, p *sites.Profile) (Article, error) {
	return CleanWith(page, pageURL, p, nil)
}

// CleanWith is Clean with options, on a fresh Cleaner (which compiles
// p's selectors again: reuse a Cleaner from New to avoid that).
func CleanWith(page []byte, pageURL string, p *sites.Profile, opts *Options) (Article, error) {
	return New(opts).Clean(page, pageURL, p)
}

// fixedSelectors returns the selectors every page is read with: the ones
// New compiled, or for a zero Cleaner a fresh copy.
func (c *Cleaner) fixedSelectors() *htmlFixed {
	if c.fixed != nil {
		return c.fixed
	}
	return newHTMLFixed()
}

// compiled returns p's compiled selectors from the cache.
func (c *Cleaner) compiled(p *sites.Profile) (*compiledProfile, error) {
	if e, ok := c.profiles.Load(p); ok {
		e := e.(profCacheEntry)
		return e.cp, e.err
	}
	cp, err := compileProfile(p, c.fixedSelectors())
	c.profiles.Store(p, profCacheEntry{cp, err})
	return cp, err
}

// Clean extracts the article from an HTML page. pageURL is the page's
// real URL (relative image URLs are resolved against it); p is the site
// profile, or nil for an unknown site (the generic rung). See the package
// documentation for the ladder and what each field holds. With
// ErrNotArticle, the fields found so far are returned too.
func (c *Cleaner) Clean(page []byte, pageURL string, p *sites.Profile) (Article, error) {
	if len(page) > MaxInputSize {
		return Article{}, fmt.Errorf("clean %s: %d bytes, over the page-size limit of %d: %w", pageURL, len(page), MaxInputSize, ErrTooLarge)
	}
	base, _ := url.Parse(pageURL) // nil when pageURL does not parse
	text := htmlDecodeBytes(page)
	site := htmlSiteName(p, base)
	root, err := htmlParseBytes(text)
	if err != nil {
		return Article{URL: htmlNorm(pageURL), Site: site}, fmt.Errorf("clean %s: %w", pageURL, err)
	}
	q := newHTMLDoc(root) // the one parse of the page: every rung reads q
	var d htmlDraft
	if p != nil {
		if d, err = c.profileDraft(q, base, p); err != nil && !errors.Is(err, errNoBody) {
			d.a.URL, d.a.Site = htmlNorm(pageURL), site
			return d.a, fmt.Errorf("clean %s: %w", pageURL, err)
		}
	}
	if p == nil || err != nil {
		d, err = c.genericDraft(q, len(text), base, d, p != nil)
	}
	a := d.a
	if err == nil {
		a, err = c.finish(d, site)
	}
	a.URL, a.Site = htmlNorm(pageURL), site
	if err != nil {
		return a, fmt.Errorf("clean %s: %w", pageURL, err)
	}
	return a, nil
}

// profileDraft runs the profile rung on the parsed page; errNoBody means
// its body selector matched nothing and the generic rung should be tried
// (on the same tree, which the profile rung then left unpruned).
func (c *Cleaner) profileDraft(q *htmlDoc, base *url.URL, p *sites.Profile) (htmlDraft, error) {
	cp, err := c.compiled(p)
	if err != nil {
		return htmlDraft{}, err
	}
	return profExtract(q, base, cp)
}

// htmlParse parses a page with golang.org/x/net/html (goquery's parser)
// and returns its document node.
func htmlParse(text string) (*html.Node, error) { return htmlParseBytes([]byte(text)) }

// htmlParseBytes is htmlParse of UTF-8 bytes.
func htmlParseBytes(text []byte) (*html.Node, error) {
	doc, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	return doc, nil
}

// htmlSiteName is the profile's name, or for an unknown site the page's
// host without "www.".
func htmlSiteName(p *sites.Profile, base *url.URL) string {
	if p != nil {
		return p.Name
	}
	if base == nil {
		return ""
	}
	return htmlNorm(strings.TrimPrefix(strings.ToLower(base.Hostname()), "www."))
}
