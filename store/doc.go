// Package store keeps cleaned articles: records in one bbolt file and a
// plain-text corpus beside it. bbolt is used only in this package.
//
// # Basics
//
// Open(dir, nil) opens <dir>/unionnews.db (dir defaults to "data") and
// the corpus directory <dir>/corpus. Every article is kept twice:
//
//   - as a record in the database, under its id, the first 16 hex
//     characters of the SHA-256 of its canonical URL (see ID);
//   - as two files, <corpus>/<site>/<yyyy>/<mm>/<id>.txt (title, a blank
//     line, the text) and <id>.json (the record as indented JSON). The
//     month is that of Published in Vietnam's time zone (+07:00), or of
//     FetchedAt when Published is zero.
//
// The database has these buckets:
//
//	articles  id -> record JSON
//	urls      canonical URL -> id (duplicate URLs map to the first copy)
//	hashes    content hash -> id
//	order     site \x00 published \x00 id -> "" (ForEach order)
//	visited   ID(url) -> time visited (RFC 3339)
//	pending   id -> record JSON of a write in progress
//	blocks    per site: in how many stored articles each body block hash
//	          occurs, and the site's article count (see AddBlocks and
//	          Boilerplate: the cleaner's CCNet-style boilerplate rung)
//	sigs      id -> MinHash signature (store/neardup); the index parameters
//	bands     band number, band key, id -> "" (the LSH buckets)
//	clusters  canonical id -> ids of the story's other stored copies
//	member    id of a stored copy -> canonical id
//	aliases   id \x00 URL -> an exact copy of that article's text
//	dirty     id -> where its files may be: files to bring in line
//
// The same text is stored once: ContentHash normalises the text (NFC,
// lowercase, no punctuation or symbols, single spaces; diacritics kept)
// and Put maps a second URL with a known hash to the existing article.
// See PutResult for the four outcomes of Put.
//
// # Duplicates
//
// One story is often run by several sites. The store groups the copies
// into clusters and keeps one canonical article per cluster, chosen by a
// stable rule that never depends on fetch order: the earliest Published
// (undated copies last), then the site with the highest priority
// (Options.Priority, from the profiles' "priority"), then the smallest
// canonical URL. When a later copy ranks first it becomes the canonical
// and the files follow.
//
//   - Exact copies (same ContentHash) are the fast path: the text is
//     stored once, in the record of the best-ranked URL; the other URLs
//     map to it (urls) and are kept with their site and date in aliases.
//     A new exact copy that ranks first takes the record over: it is
//     stored under its own id and the former holder becomes an alias.
//   - Near duplicates (a shortened lead, a paragraph more or less, a
//     caption, edited words) are found with MinHash LSH (store/neardup):
//     Put looks up the text's band keys (one cursor seek per band, never
//     a scan) and confirms candidates by the estimated Jaccard similarity.
//     Each near copy keeps its own record and text, so a rebuild with
//     other parameters can regroup them, with DuplicateOf naming the
//     canonical URL. Clusters are the connected components of the
//     similar pairs, so they do not depend on the order either.
//
// The canonical record lists every copy in Duplicates (URL, site, date,
// exact or the similarity). Only canonical articles have corpus files:
// the corpus directory holds each story once, and a copy's record is in
// the database (ForEachWithCopies, `export -all`). RebuildDuplicates
// recomputes index and clusters from the stored texts.
//
// # Crash safety
//
// A crash never leaves a file without a record or a record without its
// files. Put writes in this order:
//
//  1. one transaction decides the outcome and puts pending[id] = record;
//  2. <id>.txt and <id>.json are written, each to a temporary file
//     <id>.<ext>.*.tmp in the target directory, fsynced and renamed over
//     the old file; then the directory is fsynced. When an updated record
//     moved to another month, the old files are removed after the new
//     ones exist;
//  3. one transaction puts the record and its urls, hashes and order
//     entries and deletes pending[id].
//
// Changes of clusters touch other articles' files too (a new canonical's
// files are written, the old one's removed, the .json listing the copies
// rewritten). Those follow the database: the transaction that changes the
// records also marks their ids in dirty, and after the commit the files
// are written or removed and the marks cleared. A crash in between
// leaves marks that the next writable Open completes. A Put also first
// finishes any write an earlier failure left pending, so a text whose
// files could not be written is never stored again under another URL.
//
// Open repairs every entry left in pending: it removes that id's
// temporary files, rewrites the files from the pending record, removes
// files the committed record had in another directory, and runs step 3.
// So a crash at any point either loses nothing (the pending record is
// completed) or, before step 1 commits, leaves no trace.
//
// Open checks only the pending ids, not the whole corpus: with the order
// above, files can go missing only when someone deletes them, and
// walking every record on every open would make opening cost grow with
// the corpus. DB.RepairFiles does the full check on demand.
//
// # Locking
//
// bbolt locks the file with flock: a read-write Open takes an exclusive
// lock, a read-only Open (Options.ReadOnly) a shared one. So readers can
// share the database with each other, but not with a writer: a reader
// that opens while a crawl runs, or a writer while anything else has the
// file open, waits Options.Timeout (1s by default) and fails with
// ErrInUse. flock locks belong to the open file, so two Opens in one
// process exclude each other too.
//
// # Caveats
//
// When a known URL's text changes to a text another article already
// holds, the article is updated and that text is stored twice (unless
// the URL ranks first: then it takes the text over), and the two records
// form a cluster of similarity 1. When an article whose text other URLs
// copied changes its text, the best-ranked copy becomes the article
// holding the former text (with the former record's title and fields,
// under the copy's URL, site and date). A cluster loses a member whose
// text changed but is not split further until RebuildDuplicates. A read-only DB does not repair pending writes; it
// logs a warning and Stats reports them.
package store
