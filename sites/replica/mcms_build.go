package replica

import "fmt"

// mcmsDir is the directory of the generic MasterCMS replica in siteFiles:
// laodongvaphapluat.laodongthudo.vn, a laodongthudo.vn sub-site
// (shared/docs/sites.md §7; that it runs MasterCMS is [I]). Its pages copy
// the MasterCMS article template of the saved thoibaonganhang.vn page
// (§8): h1.detail-title, span.datetime with span.format_time |
// span.format_date, p.detail-sapo, div.__MASTERCMS_CONTENT >
// div.__MB_MASTERCMS_EL, table.MASTERCMS_TPL_TABLE, p[align=right] strong,
// tags, "Có liên quan", "Bài trước đó" and the comment widget. It shares
// the data schema and the builder of laodongdoanthe.vn.
const mcmsDir = "mastercms"

// buildMasterCMS builds the laodongvaphapluat.laodongthudo.vn replica,
// crawled with a profile that only extends the abstract "mastercms" one.
func buildMasterCMS() (site, error) {
	b, err := ldcdNewBuilder(mcmsDir)
	if err != nil {
		return site{}, fmt.Errorf("mastercms: %w", err)
	}
	s, err := b.buildSite("/404.html", b.listingPages, b.eachArticle(b.articlePage))
	if err != nil {
		return site{}, fmt.Errorf("%s: %w", b.site.Name, err)
	}
	return s, nil
}
