package crawler

import (
	"errors"
	"strings"
	"testing"
)

// deepPage is HTML nested deeper than x/net/html's 512 open elements:
// parsing it fails, in colly and in the cleaner alike.
func deepPage() string {
	return "<html><body>" + strings.Repeat("<div>", 600) + "x" + "</body></html>"
}

// colly never parses an article page: the sink (the cleaner) gets the
// bytes and is the only parser. An unparsable article page therefore
// fails once, in the sink, and is fetched and counted once. Before, colly
// parsed every page for its OnHTML("html") listing handler, failed too,
// and the page counted as two errors and two article pages.
func TestArticlePageParsedOnlyBySink(t *testing.T) {
	f := newFixture(t)
	f.listing(start1, "", "/bai-1.html", "/bai-2.html")
	f.html("/bai-1.html", deepPage())
	f.article("/bai-2.html")
	errParse := errors.New("clean: cannot parse")
	s := sink{fn: func(pg Page) error {
		if strings.HasSuffix(pg.URL, "/bai-1.html") {
			return errParse
		}
		return nil
	}}
	st := f.crawlOK(startProfile(t), &s, nil)
	want := Stats{ListingPages: 1, ArticlePages: 2, Stored: 1, Errors: 1}
	if st != want {
		t.Errorf("stats %+v, want %+v (one fetched page, one error)", st, want)
	}
}

// A listing colly cannot parse is one fetched page and one error.
func TestUnparsableListingCountedOnce(t *testing.T) {
	f := newFixture(t)
	f.html(start1, deepPage())
	var s sink
	st := f.crawlOK(startProfile(t), &s, nil)
	if want := (Stats{ListingPages: 1, Errors: 1}); st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
}
