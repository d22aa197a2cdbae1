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
	// profiled is set on the generic rung of a profiled site: the text
	// must be long enough for an article (genericCheckProfiled).
	profiled bool
	rules    ruleSet         // the profile's rule switches
	markers  map[string]bool // the profile's extra markers
}

// profExtract runs the profile rung on a parsed page. The error is
// errNoBody (wrapped) when the body selector matches nothing; the fields
// found so far are returned with it.
func profExtract(q *htmlDoc, base *url.URL, cp *compiledProfile) (htmlDraft, error) {
	a := Article{Extractor: ExtractorProfile}
	ldDates := profLDJSONDates(q, cp.fixed) // before strip removes the scripts
	// Without a body the generic rung follows, on this tree: then it is
	// not pruned, and the metadata is read from the page as it came.
	hasBody := cp.body.any(q)
	if hasBody {
		profStrip(q, cp)
	}

	skip := map[*html.Node]bool{}
	headline, hn := cp.title.value(q)
	kicker, kn := cp.kicker.value(q)
	lead, ln := cp.lead.value(q)
	if kicker == "" {
		kicker = profOGKicker(q, headline)
	}
	a.Title = profJoinTitle(kicker, headline)
	var dn *html.Node
	a.Published, dn = profPublished(q, cp, ldDates)
	a.Category = cp.category.lastValue(q)
	a.Tags = cp.tags.values(q)
	for _, n := range []*html.Node{hn, kn, ln, dn} {
		if n != nil {
			skip[n] = true
		}
	}
	d := htmlDraft{lead: lead, headline: headline, echoes: []string{a.Title, headline, kicker}, rules: cp.rules, markers: cp.markers}
	var bodies []*html.Node
	if hasBody {
		bodies = cp.body.outerMatches(q)
	}
	if len(bodies) == 0 {
		d.a = a
		return d, fmt.Errorf("%q: %w", cp.body.src, errNoBody)
	}
	a.Author = profAuthor(cp, q, bodies, skip)
	a.Images = htmlImages(q, bodies, cp, base, skip)
	for _, b := range bodies {
		for _, box := range htmlBoxes(b, skip, cp.markers, cp.rules) {
			skip[box] = true
		}
	}
	for _, b := range bodies {
		d.paras = append(d.paras, htmlParagraphs(b, skip)...)
	}
	d.a = a
	return d, nil
}
