package cleaner

import (
	"strings"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"

	"github.com/unionnews/unionnews/sites"
)

// Diagnosis is what Diagnose finds on one page for `unionnews sites
// check`.
type Diagnosis struct {
	// Missing lists the dotted profile fields ("article.body",
	// "article.date", …) whose non-empty selector matched nothing on the
	// page, in the order of sites.Selectors.
	Missing []string
	// BodyChars is the length of the cleaned text, in characters.
	BodyChars int
	// HasDate and HasAuthor report whether Clean found them.
	HasDate, HasAuthor bool
	// Err is Clean's error, if any.
	Err error
}

// Diagnose checks a profile against a page: which selectors match
// nothing, and what Clean makes of the page. A selector that does not
// compile is reported through Err (Clean's error), not in Missing.
func Diagnose(page []byte, pageURL string, p *sites.Profile) Diagnosis {
	var d Diagnosis
	a, err := Clean(page, pageURL, p)
	d.Err = err
	d.BodyChars = utf8.RuneCountInString(a.Text)
	d.HasDate, d.HasAuthor = !a.Published.IsZero(), a.Author != ""
	if p == nil || len(page) > MaxInputSize {
		return d
	}
	root, perr := htmlParse(htmlDecode(page))
	if perr != nil {
		return d
	}
	s := p.Article
	for _, f := range []struct{ name, sel string }{
		{"article.title", s.Title}, {"article.kicker", s.Kicker}, {"article.lead", s.Lead},
		{"article.body", s.Body}, {"article.date", s.Date}, {"article.author", s.Author},
		{"article.category", s.Category}, {"article.tags", s.Tags}, {"article.caption", s.Caption},
	} {
		if strings.TrimSpace(f.sel) == "" {
			continue
		}
		g, err := cascadia.ParseGroup(f.sel)
		if err == nil && len(cascadia.QueryAll(root, g)) == 0 {
			d.Missing = append(d.Missing, f.name)
		}
	}
	return d
}
