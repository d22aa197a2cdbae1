package cleaner

import (
	"errors"
	"fmt"
	"net/url"

	"golang.org/x/net/html"
)

// errNoBody means the profile's body selector matched nothing: the
// ladder moves on to the generic rung.
var errNoBody = errors.New("body selector matched nothing")

// htmlDraft is what a rung extracted, before the shared clutter rules,
// the boilerplate set and the length check (Cleaner.finish).
type htmlDraft struct {
	a        Article  // metadata and images; Text not set yet
	lead     string   // lead paragraph, "" when none
	headline string   // headline without the kicker
	echoes   []string // title, headline, kicker: dropped from the body
	paras    []string // candidate body blocks, in order
}

// profExtract runs the profile rung on a parsed page. The error is
// errNoBody (wrapped) when the body selector matches nothing; the fields
// found so far are returned with it.
func profExtract(root *html.Node, base *url.URL, cp *compiledProfile) (htmlDraft, error) {
	a := Article{Extractor: ExtractorProfile}
	ldDates := profLDJSONDates(root, cp.fixed) // before strip removes the scripts
	profStrip(root, cp)

	skip := map[*html.Node]bool{}
	headline, hn := cp.title.value(root)
	kicker, kn := cp.kicker.value(root)
	lead, ln := cp.lead.value(root)
	a.Title = profJoinTitle(kicker, headline)
	var dn *html.Node
	a.Published, dn = profPublished(root, cp, ldDates)
	a.Category = cp.category.lastValue(root)
	a.Tags = cp.tags.values(root)
	for _, n := range []*html.Node{hn, kn, ln, dn} {
		if n != nil {
			skip[n] = true
		}
	}
	d := htmlDraft{lead: lead, headline: headline, echoes: []string{a.Title, headline, kicker}}
	bodies := cp.body.outerMatches(root)
	if len(bodies) == 0 {
		d.a = a
		return d, fmt.Errorf("%q: %w", cp.body.src, errNoBody)
	}
	a.Author = profAuthor(cp, root, bodies, skip)
	a.Images = htmlImages(bodies, cp, base, skip)
	for _, b := range bodies {
		d.paras = append(d.paras, htmlParagraphs(b, skip)...)
	}
	d.a = a
	return d, nil
}
