// Package cleaner turns a fetched news page into a clean Article: the
// article text and its metadata, without menus, related-news boxes, share
// bars, captions or footers. It is the only package that parses HTML
// (goquery, cascadia) and it does no I/O: callers pass the page bytes.
//
// # Extraction ladder
//
// Clean tries the rungs of a ladder and records the one that produced the
// text in Article.Extractor. The first rung, "profile", uses the site
// profile's CSS selectors and strip rules (sites.Profile.Article). Later
// rungs (boilerplate learning across a site's pages, a generic extractor)
// are not implemented yet; Clean's signature stays the same when they come.
//
// # Input
//
// Pages larger than MaxInputSize (8 MiB) are rejected with ErrTooLarge.
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
//     (or <figcaption>) in the image's <figure> or MasterCMS template table
//     (table.MASTERCMS_TPL_TABLE) that follow the image; in a MasterCMS
//     table without caption matches, the rows after the image's row. A
//     MasterCMS table holding an image adds nothing to Text.
//   - Author is the first non-empty author match, trimmed of surrounding
//     punctuation. When it sits inside the body it is removed from the
//     text, together with its paragraph when what is left of that paragraph
//     is a short label ("Theo", "Bài và ảnh:").
//   - Published comes from the date element's text (or its date_attr
//     attribute): the first substring with the shape of date_format (a Go
//     layout such as "02/01/2006 15:04", or time.RFC3339) is parsed in
//     Asia/Ho_Chi_Minh. If that fails or the profile has no date, the
//     JSON-LD datePublished and then meta article:published_time are tried.
//     The result is always in +07:00.
//   - Tags are trimmed and deduplicated, in page order.
//
// Clean returns ErrNotArticle (wrapped) when the body selector matches
// nothing or the body paragraphs hold fewer than 200 characters (runes)
// in all, the lead not counted; the Article fields found so far are
// returned with the error, for logging.
package cleaner
