package cleaner

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/unionnews/unionnews/sites"
)

// MaxInputSize is the largest page Clean accepts, in bytes (8 MiB).
const MaxInputSize = 8 << 20

// profMinBodyRunes is the least body text, in runes and without the lead,
// that makes a page an article.
const profMinBodyRunes = 200

// ExtractorProfile is the Article.Extractor value of the profile rung.
const ExtractorProfile = "profile"

var (
	// ErrNotArticle means the page has no article body: the profile's
	// body selector matched nothing or the body text is too short.
	ErrNotArticle = errors.New("not an article")
	// ErrNoProfile means Clean was called without a site profile.
	ErrNoProfile = errors.New("no site profile")
	// ErrTooLarge means the page is larger than MaxInputSize.
	ErrTooLarge = errors.New("page too large")
)

// Clean extracts the article from an HTML page. pageURL is the page's
// real URL (relative image URLs are resolved against it); p is the site
// profile, and nil yields ErrNoProfile. See the package documentation for
// what each field holds. With ErrNotArticle, the fields found so far are
// returned too.
func Clean(page []byte, pageURL string, p *sites.Profile) (Article, error) {
	if p == nil {
		return Article{}, fmt.Errorf("clean %s: %w", pageURL, ErrNoProfile)
	}
	if len(page) > MaxInputSize {
		return Article{}, fmt.Errorf("clean %s: %d bytes: %w", pageURL, len(page), ErrTooLarge)
	}
	cp, err := compileProfile(p)
	if err != nil {
		return Article{}, fmt.Errorf("clean %s: %w", pageURL, err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(htmlDecode(page)))
	if err != nil {
		return Article{}, fmt.Errorf("clean %s: parse html: %w", pageURL, err)
	}
	base, err := url.Parse(pageURL)
	if err != nil {
		base = nil
	}
	a, err := profExtract(doc.Nodes[0], base, cp)
	a.URL, a.Site = htmlNorm(pageURL), p.Name
	if err != nil {
		return a, fmt.Errorf("clean %s: %w", pageURL, err)
	}
	return a, nil
}

// profExtract runs the profile rung on a parsed page.
func profExtract(root *html.Node, base *url.URL, cp *compiledProfile) (Article, error) {
	a := Article{Extractor: ExtractorProfile}
	ldDates := profLDJSONDates(root) // before strip removes the scripts
	profStrip(root, cp)

	skip := map[*html.Node]bool{}
	headline, hn := cp.title.value(root)
	kicker, kn := cp.kicker.value(root)
	lead, ln := cp.lead.value(root)
	a.Title = profJoinTitle(kicker, headline)
	a.Lead = lead
	var dn *html.Node
	a.Published, dn = profPublished(root, cp, ldDates)
	a.Category = cp.category.lastValue(root)
	a.Tags = cp.tags.values(root)
	for _, n := range []*html.Node{hn, kn, ln, dn} {
		if n != nil {
			skip[n] = true
		}
	}

	bodies := cp.body.outerMatches(root)
	if len(bodies) == 0 {
		return a, fmt.Errorf("body selector %q matched nothing: %w", cp.body.src, ErrNotArticle)
	}
	a.Author = profAuthor(cp, root, bodies, skip)
	a.Images = htmlImages(bodies, cp, base, skip)

	var paras []string
	for _, b := range bodies {
		paras = append(paras, htmlParagraphs(b, skip)...)
	}
	paras = profFilterParagraphs(paras, lead, []string{a.Title, headline, kicker})
	runes := 0
	for _, p := range paras {
		runes += utf8.RuneCountInString(p)
	}
	if runes < profMinBodyRunes {
		return a, fmt.Errorf("body has %d characters, want at least %d: %w", runes, profMinBodyRunes, ErrNotArticle)
	}
	if lead != "" {
		paras = append([]string{lead}, paras...)
	}
	a.Text = strings.Join(paras, "\n\n")
	return a, nil
}
