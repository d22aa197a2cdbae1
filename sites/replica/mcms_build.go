package replica

import (
	"embed"
	"fmt"
)

// mcmsFiles holds the templates and data of the generic MasterCMS replica:
// laodongvaphapluat.laodongthudo.vn, a laodongthudo.vn sub-site
// (shared/docs/sites.md §7; that it runs MasterCMS is [I]). Its pages copy
// the MasterCMS article template of the saved thoibaonganhang.vn page
// (§8): h1.detail-title, span.datetime with span.format_time |
// span.format_date, p.detail-sapo, div.__MASTERCMS_CONTENT >
// div.__MB_MASTERCMS_EL, table.MASTERCMS_TPL_TABLE, p[align=right] strong,
// tags, "Có liên quan", "Bài trước đó" and the comment widget.
//
//go:embed mastercms
var mcmsFiles embed.FS

// buildMasterCMS builds the laodongvaphapluat.laodongthudo.vn replica,
// crawled with a profile that only extends the abstract "mastercms" one.
func buildMasterCMS() (site, error) {
	b, err := ldcdNewBuilder(mcmsFiles, "mastercms")
	if err != nil {
		return site{}, fmt.Errorf("mastercms: %w", err)
	}
	s := site{name: b.site.Name, hosts: b.site.Hosts}
	if err := b.addPages(&s, b.listingPages, b.articlePages); err != nil {
		return site{}, err
	}
	return s, nil
}
