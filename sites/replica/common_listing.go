package replica

import "fmt"

// listingPage is one page of a section listing, ready for a site's
// template: which page of how many, where every page lives and what the
// page shows.
type listingPage struct {
	Section section
	Index   int      // 0-based page number
	Hrefs   []string // the pager links of every page, as the site writes them
	Items   []teaser
}

// pager are the numbered links of the listing's pages, the current one
// marked.
func (l listingPage) pager() []pageLink {
	var out []pageLink
	for k, h := range l.Hrefs {
		out = append(out, pageLink{Label: fmt.Sprint(k + 1), Href: h, Current: k == l.Index})
	}
	return out
}

// prev is the link to the previous page, "" on the first.
func (l listingPage) prev() string {
	if l.Index == 0 {
		return ""
	}
	return l.Hrefs[l.Index-1]
}

// next is the link to the next page, "" on the last.
func (l listingPage) next() string {
	if l.Index+1 >= len(l.Hrefs) {
		return ""
	}
	return l.Hrefs[l.Index+1]
}

// listingPages renders every page of every listing of site.json: hrefs
// gives the links of the pages of a section's listing (from the ids per
// page) and page renders one page.
func (b *builder) listingPages(hrefs func(sec section, pages [][]int64) []string,
	page func(l listingPage) (Page, error)) ([]Page, error) {
	var out []Page
	for _, ls := range b.site.Listings {
		sec, err := b.section(ls.Section)
		if err != nil {
			return nil, err
		}
		hs := hrefs(sec, ls.Pages)
		for i, ids := range ls.Pages {
			items, err := b.teasersByID(ids)
			if err != nil {
				return nil, fmt.Errorf("listing %s page %d: %w", sec.Key, i+1, err)
			}
			p, err := page(listingPage{Section: sec, Index: i, Hrefs: hs, Items: items})
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// pagedHrefs are the links of n listing pages: first for page 1, then
// rest(k) for page k (from 2).
func pagedHrefs(n int, first string, rest func(k int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = first
		if i > 0 {
			out[i] = rest(i + 1)
		}
	}
	return out
}

// brsrPath is the MasterCMS path of the listing page at item offset off:
// <path>&s_cond=&BRSR=<off> ([V] on laodongcongdoan.vn, sites.md §3).
func brsrPath(path string, off int) string {
	if off == 0 {
		return path
	}
	return fmt.Sprintf("%s&s_cond=&BRSR=%d", path, off)
}
