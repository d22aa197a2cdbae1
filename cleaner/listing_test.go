package cleaner

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestLaodongListingCover: laodong.vn's listing selector, the [V] markup
// of shared/docs/sites.md §2, finds the cover story of a listing page
// (article.cover a.article-title, above the list) as well as the list
// items; the guessed selector before it missed the cover.
func TestLaodongListingCover(t *testing.T) {
	r, reg := replicaAndProfiles(t)
	p, ok := reg.Get("laodong.vn")
	if !ok {
		t.Fatal("no laodong.vn profile")
	}
	for _, g := range p.Guessed {
		if g == "listing.item" {
			t.Error("listing.item is verified in sites.md, yet marked guessed")
		}
	}
	page, ok := r.Lookup("https://laodong.vn/cong-doan/")
	if !ok {
		t.Fatal("no replica listing page")
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(page.Body)))
	if err != nil {
		t.Fatal(err)
	}
	cover := doc.Find("article.cover a.article-title").AttrOr("href", "")
	if cover == "" {
		t.Fatal("the replica listing has no cover story")
	}
	found := map[string]bool{}
	doc.Find(p.Listing.Item).Each(func(_ int, s *goquery.Selection) { found[s.AttrOr("href", "")] = true })
	if !found[cover] {
		t.Errorf("listing.item %q misses the cover story %s", p.Listing.Item, cover)
	}
	doc.Find(".list-main-content h2.title a").Each(func(_ int, s *goquery.Selection) {
		if h := s.AttrOr("href", ""); !found[h] {
			t.Errorf("listing.item misses the list item %s", h)
		}
	})
}
