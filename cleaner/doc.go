// Package cleaner turns a fetched news page into a clean Article: the
// article text and its metadata, without menus, related-news boxes, share
// bars, captions or footers. It is the only package that parses HTML
// (goquery, cascadia) and it does no I/O: callers pass the page bytes.
//
// # Extraction ladder
//
// A Cleaner (New) cleans pages; Clean and CleanWith use a fresh one. The
// rung that produced the text is recorded in Article.Extractor:
//
//  1. "profile": the site profile's CSS selectors and strip rules
//     (sites.Profile.Article), described below.
//  2. "+boilerplate" is appended when blocks learnt as the site's
//     boilerplate were dropped. Every candidate body block is hashed with
//     BlockHash (CCNet style: lower case, digits as 0, punctuation
//     removed, spaces collapsed, diacritics kept) into
//     Article.BlockHashes; the pipeline counts them per site in the store
//     (store.DB.AddBlocks) and hands the blocks that recur across many
//     articles (store.DB.Boilerplate) back through Options.Boilerplate,
//     so cleaning improves as the corpus grows.
//  3. "trafilatura": for an unknown site (nil profile), or when the
//     profile's body selector matches nothing (a changed template), the
//     page goes to github.com/markusmobius/go-trafilatura (package
//     cleaner/generic, its only importer), called as the ScrapingHub
//     benchmark calls it (ExtractDocument with EnableFallback and the page
//     URL). Its ContentText lines are the
//     blocks. Metadata the profile found wins over trafilatura's; its
//     title follows the profile rung's convention (generic_title.go): a
//     kicker right before the h1 that trafilatura took for the title
//     becomes kicker + " " + headline (so does the headline when the
//     kicker ends in a colon or is in capitals), another text right
//     before the h1 (a date) or "Headline - Site" becomes the headline; the
//     date is read from JSON-LD and the published-time metas first. On
//     a profiled site the rung must not store a video, photo or tag page:
//     its text is kept only when the page declares itself an article (a
//     JSON-LD @type ending in "Article", or BlogPosting; else, when the
//     page has an og:type, og:type "article"; else an <article> element)
//     and the body keeps at least 3 paragraphs and 400 characters;
//     otherwise Clean returns ErrNotArticle.
//
// On every rung, HTML mode first removes related / read-more boxes and
// runs of linked headlines as DOM elements, wherever they stand in the
// body (boxes.go: a container headed by a marker, a block that is all
// links); the text after such a box is kept. The blocks then go through
// the clutter rules shared with CleanText: one table of named rules
// (ruletable.go, Rules) over one marker vocabulary (markers.go), applied
// by trCleanLines (rules.go) to the body paragraphs or to a dump's lines:
// title echoes, inline captions ("… Ảnh: TL", moved to Images[].Caption;
// a photo story keeps them as text), runs and lists of related headlines
// after the lead, read-more and source lines, the end-of-article cut at
// a marker after the prose ("Có thể bạn quan tâm", "Tags: …", share
// bars; in HTML mode only when no prose follows, in dumps a related list
// mid-text is skipped), repeated lines, pull quotes (never an intertitle,
// a list item "- …" or a table row "a | b"), byline lines ("Thực hiện:
// X", role prefixes, a trailing bare name; used as the author when no
// author element was found), date lines, e-magazine banners, markup
// leftovers and repeated placeholder alts. A profile switches rules by
// name (article.rules) and adds markers (article.markers).
// The rules are Vietnamese-specific or shape-based; on the English
// ScrapingHub benchmark the generic rung scores as go-trafilatura alone
// (see scrapinghub_test.go).
//
// # Layout
//
// Where each part lives: the ladder in clean.go and finish.go; the DOM
// (goquery) in dom.go and selector.go; HTML mode in profile.go,
// fields.go, paragraph.go, images.go, date.go and boxes.go; the generic
// rung in generic*.go, calling package cleaner/generic (go-trafilatura);
// text-dump mode in dump*.go and textrules_header.go; the shared rules
// in ruletable.go (the table), markers.go, rules.go and textrules*.go;
// input checks (binary, charsets, canonical URL) in input.go and
// decode.go. A new rule is a row of ruletable.go, its function, and a
// case in ruletable_test.go or the test of its failure class.
//
// # Input and limits
//
// Pages larger than MaxInputSize (sites.MaxPageSize, 8 MiB: the one
// page-size limit of crawl and clean) are rejected with ErrTooLarge.
// The generic rung is given only pages up to GenericMaxSize (2 MiB) with
// at most GenericMaxElements (20,000) elements: go-trafilatura's time
// grows faster than linearly (an 8 MiB page of tiny paragraphs takes it
// minutes); past the limits the rung fails with ErrTooLarge. The profile
// rung stays bounded: pathological 8 MiB pages (deep nesting, one giant
// paragraph, a million tiny ones) clean in seconds (huge_test.go). Text
// dumps over the same limit (MaxDumpSize) are refused with ErrTooLarge,
// never truncated. CleanTextBytes also refuses binary input (ErrNotText,
// CheckText) and decodes windows-1258 dumps (DecodeText).
// Valid UTF-8 input is used as is. Anything else is decoded with the
// charset declared in the page (a BOM, <meta charset> or <meta http-equiv
// content-type>, found by golang.org/x/net/html/charset); a page that
// declares nothing is decoded as windows-1258, the Vietnamese legacy code
// page. Every output string is NFC-normalised (windows-1258 yields
// combining marks that NFC composes), has its whitespace collapsed
// (NBSP and other spaces become a plain space) and is valid UTF-8.
//
// # Selector semantics
//
// Selectors are CSS selectors in cascadia's dialect. A selector may be a
// comma-separated group ("a, b > c"), and the group is read differently by
// field:
//
//   - Single-valued fields (title, kicker, lead, body, date, author,
//     category): the alternatives are tried in listed order and the first
//     one that yields a value wins. For ".content_detail .sapo_detail,
//     meta[name=description]" the meta description is used only when the
//     page has no non-empty .sapo_detail. Within the winning alternative the
//     first non-empty match is the value, except for category, which takes
//     the last non-empty match (the deepest breadcrumb). For body, the
//     first alternative that matches any element wins and all of its
//     outermost matches are read in document order.
//   - Multi-valued fields (strip, tags, caption): every match of every
//     alternative counts, in document order.
//
// The value of a matched <meta> element is its content attribute; the
// value of any other element is its text. An empty selector means the
// site has no such field. ValidSelector reports whether a selector
// compiles; sites.Load uses it to validate profiles.
//
// The page is parsed once per Clean, with golang.org/x/net/html, and read
// through goquery (dom.go); the profile rung prunes that tree, and the
// generic rung, when it runs, is handed the same tree.
//
// # Profile rung
//
// Before anything is read, the page loses its comments, every script,
// style, noscript, template and iframe element, and every match of the
// profile's strip selectors. JSON-LD is read before that, as a date
// fallback.
//
//   - Title is kicker + " " + headline, unless the headline already starts
//     with the kicker; a kicker's trailing colon keeps no space before it
//     ("Công đoàn ngành Y tế Hà Nội: Tạo điểm tựa…").
//   - Text is the lead, a blank line, then the body paragraphs separated by
//     blank lines. Paragraphs are the body's block elements (p, div, h1–h6,
//     li, blockquote, …) with their inline content joined; <br> starts a
//     new paragraph. A list item is written with a "- " prefix. A row of a
//     data table becomes one paragraph, its cells joined by " | "; a table
//     whose cells hold block elements is a layout table and is read as
//     blocks. Images add no text (no alt or title attribute is read).
//   - Never in Text: the title, headline and kicker, captions, the author
//     line, the element the date came from, and paragraphs that are only a
//     share/print button label ("In bài viết", "Chia sẻ", …). A body
//     paragraph equal to the lead and a paragraph equal to the one before
//     it are dropped.
//   - Images are the body's <img> elements, with absolute URLs (data-src or
//     data-original is preferred when src is empty or a lazy-load
//     placeholder). A caption is the text of the caption-selector matches
//     (or <figcaption>) in the image's <figure> or image box (the
//     profile's article.image_box, e.g. MasterCMS's
//     table.MASTERCMS_TPL_TABLE) that follow the image; in an image box
//     without caption matches, the rows after the image's row. An image
//     box holding an image adds nothing to Text.
//   - Author is the first non-empty author match, trimmed of surrounding
//     punctuation; of "Name / role" only the name is kept (a source
//     credit "Theo X" is kept whole). When it sits inside the body it is
//     removed from the text, together with its paragraph when what is
//     left of that paragraph is a short label ("Theo", "Bài và ảnh:").
//   - Published comes from the date element's text (or its date_attr
//     attribute): the first substring with the shape of date_format (a Go
//     layout such as "02/01/2006 15:04", or time.RFC3339) is parsed in
//     Asia/Ho_Chi_Minh; failing that, the shapes Vietnamese sites print
//     ("Thứ hai, 12/01/2026 | 08:07", "Cập nhật lúc 06:50 ngày
//     01/08/2025", "<Category> - 05/08/2020 09:30 <Author>", ISO 8601).
//     If that fails or the profile has no date, the JSON-LD datePublished
//     (also inside @graph and arrays) and then meta
//     article:published_time are tried. The result is always in +07:00.
//   - Tags are trimmed and deduplicated, in page order.
//
// Clean returns ErrNotArticle (wrapped) when no rung finds a body, or
// the body paragraphs hold fewer than 200 characters (runes) in all, the
// lead not counted; the Article fields found so far (Text included) are
// returned with the error, for logging.
//
// # Diagnostics
//
// Diagnose reports, for `unionnews sites check`, which of a profile's
// selectors match nothing on a page and what Clean made of it.
package cleaner
