// Package replica serves realistic replica pages of the profiled news
// sites on loopback. The live sites are out of reach from tests and from
// `unionnews demo`, so the replica is the test world: full pages with
// head, menus, sidebars, banners, inline scripts, related boxes and
// footers, built to satisfy the selectors of the site profiles.
//
// # Sites
//
// Each site lives in its own directory of templates and data, embedded in
// the binary: laodongthudo/ holds the layout templates (*.tmpl), the site
// description (site.json) and one JSON file per article (articles/).
// Every site's data follows one schema (common_model.go: siteData,
// article, block). The shared builder (common_*.go) loads it, renders
// templates into pages, paginates listings, picks related teasers, draws
// stubs and 404 answers, writes feeds and sitemaps and derives the Truth
// of every article; a site's own files (<prefix>_*.go) give only what
// differs: its URL scheme, its frame and views, its special pages. Another
// site is added as a sibling directory plus a builder registered in
// siteBuilders.
//
// laodongthudo.vn follows the MasterCMS markup verified in
// shared/docs/sites.md §1 and §8 and the saved thoibaonganhang.vn page:
// listings in div.col_category > div.list_news with the pager
// div.__MB_ARTICLE_PAGING, articles in div.content_detail with
// table.MASTERCMS_TPL_TABLE images, the author in p[align=right] strong,
// tags ending in .tag. Its world holds on purpose:
//   - a non-article page whose URL matches the article pattern (a video),
//   - a listing link to a missing article (404 with an HTML error page),
//   - a re-post: another URL whose title, lead and body equal an article's,
//   - one article encoded in windows-1258 (the others are UTF-8),
//   - sidebar links to articles of other sections that are not served.
//
// laodong.vn replica serves a D1N cookie wall (sites.md §2 ANTI-BOT):
// through Handler, every request for laodong.vn, www.laodong.vn or
// amp.laodong.vn (pages, robots.txt, the RSS feed, sitemaps, 404s) that
// lacks the cookie D1N=LaodongD1N gets HTTP 200 text/html with a tiny
// challenge, <script>document.cookie="D1N=<32 hex>"+"; expires=…;
// path=/";window.location.reload(true);</script>; with the cookie it gets
// the real page. Lookup and Pages are not walled. The wall is the site's
// wrap (site.wrap), applied by Handler to that site's hosts only. The
// site serves /rss/cong-doan.rss (RSS 2.0), /sitemap.xml (an index) and
// /sitemaps/news.xml (a news sitemap), kinds "feed" and "sitemap"; its
// current-layout articles (.ldo) date themselves only in JSON-LD, and one
// old .bld article uses the 2019 layout (.article-content, .time time).
//
// # Duplicates
//
// The replicas plant syndicated copies across sites and distinct
// lookalike stories (dedup.go: PlantedStories, Lookalikes), so that the
// store's near-duplicate clusters show in `demo`.
//
// # Use
//
// New builds every page once; the Replica is immutable afterwards and safe
// for concurrent use. Handler serves GET /<host>/<path>[?query], so a
// crawler reaches the real URL https://laodongthudo.vn/a-1.html through the
// mirror base returned by Mirrors: <base>/laodongthudo.vn/a-1.html. The
// MasterCMS '&' in listing paths ("/cong-doan/hoat-dong&s_cond=&BRSR=8")
// is a literal path character and part of the page key, like the query.
//
// The package imports the standard library and golang.org/x/text only.
package replica
