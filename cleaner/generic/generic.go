// Package generic is the cleaner's generic rung: article extraction for
// a page no site profile describes, by github.com/markusmobius/go-trafilatura.
// It is the only package of unionnews that imports go-trafilatura (and,
// through it, go-htmldate and go-dateparser); package cleaner calls
// Extract and applies its own clutter rules to the blocks it returns.
package generic

import (
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ErrNoResult means go-trafilatura found no article in the page.
var ErrNoResult = errors.New("generic extractor: no result")

// Result is what go-trafilatura found in a page. Strings are as the
// extractor returns them (not normalised).
type Result struct {
	Title, Author, Sitename string
	Date                    time.Time // zero when none was found
	Categories, Tags        []string
	// Content is the extracted content tree, with every element's
	// DataAtom set; nil when the extractor gave text only (Text).
	Content *html.Node
	Text    string
}

// Extract runs go-trafilatura on a parsed page, as the ScrapingHub
// benchmark calls it: ExtractDocument with EnableFallback and the page
// URL (base may be nil). go-trafilatura prunes the tree it is given: read
// anything else from doc before calling Extract.
func Extract(doc *html.Node, base *url.URL) (Result, error) {
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{EnableFallback: true, OriginalURL: base})
	if err != nil {
		return Result{}, fmt.Errorf("generic extractor: %w", err)
	}
	if res == nil {
		return Result{}, ErrNoResult
	}
	m := res.Metadata
	r := Result{Title: m.Title, Author: m.Author, Sitename: m.Sitename, Date: m.Date,
		Categories: m.Categories, Tags: m.Tags, Content: res.ContentNode, Text: res.ContentText}
	if r.Content != nil {
		fixAtoms(r.Content)
	}
	return r, nil
}

// fixAtoms sets the DataAtom of elements go-trafilatura built by name
// only (its <td>, <tr> and others have none), which tree walkers read.
func fixAtoms(n *html.Node) {
	if n.Type == html.ElementNode && n.DataAtom == 0 {
		n.DataAtom = atom.Lookup([]byte(n.Data))
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		fixAtoms(c)
	}
}
