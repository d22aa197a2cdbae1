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
//     line, the text) and <id>.json (the record's canonical JSON,
//     sites.Article.MarshalJSON, and a newline: the same bytes as the
//     database record and the export line). The
//     month is that of Published in Vietnam's time zone (+07:00), or of
//     FetchedAt when Published is zero.
//
// The database has these buckets:
//
//	articles  id -> reference to the record's body (stores written before
//	          the bodies bucket: the record JSON itself; bodies.go)
//	bodies    growing key -> record JSON
//	urls      canonical URL -> id (duplicate URLs map to the first copy)
//	hashes    content hash -> id
//	order     site \x00 published \x00 id -> "" (ForEach order)
//	visited   ID(url) -> time visited (RFC 3339)
//	pending   id -> a write in progress: the body its record was staged
//	          as, and its block hashes (pending.go)
//	blocks    per site: in how many stored articles each body block hash
//	          occurs, and the site's article count (see AddBlocks and
//	          Boilerplate: the cleaner's CCNet-style boilerplate rung)
//	sigs      id -> MinHash signature (store/neardup); the index parameters
//	bands     band key (band number folded in), id -> "" (the LSH buckets)
//	bandq     id -> "": holders whose band keys are not yet in bands
//	          (neardup_queue.go; written in sorted batches)
//	clusters  canonical id -> ids of the story's other stored copies
//	member    id of a stored copy -> canonical id
//	aliases   id \x00 URL -> an exact copy of that article's text
//	dirty     id -> where its files may be: files to bring in line
//	versions  id \x00 fetched_at -> an earlier version's record JSON
//	          (Versions; kept when a re-fetch changed the text)
//	outcomes  canonical URL -> the URL's last outcome (sites.URLOutcome:
//	          stored, duplicate, not-article, off-profile, gone, …)
//	changes   change sequence -> order key (seq.go; Scan, export marks)
//	seqof     id -> its latest change sequence and JSON schema
//	exportmarks  export name -> change sequence (marks.go)
//	validators   URL -> ETag/Last-Modified of a listing, feed, sitemap
//	             or robots.txt (validators.go; created on first use)
//
// The last three are created by a writable Open; a database made before
// them opens read-only as one with no recorded change.
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
//     Put looks up the text's band keys and confirms candidates by the
//     estimated Jaccard similarity, never scanning: an in-memory Bloom
//     filter over the stored band keys (built by one pass over bands at
//     the session's first lookup, never stored) drops the keys that
//     cannot be there, and the rest are sought sorted, with one cursor
//     moving forward. A new holder's band keys are queued (bandq and
//     memory; lookups read both) and written to bands in sorted batches
//     of 8,192 holders and at Close, so a commit does not rewrite the
//     band tree; Open reads the queue back after a crash.
//     Each near copy keeps its own record and text, so a rebuild with
//     other parameters can regroup them, with DuplicateOf naming the
//     canonical URL. Clusters are the connected components of the
//     similar pairs, so they do not depend on the order either.
//
// The canonical record lists every copy in Duplicates (URL, site, date,
// exact or the similarity). Only canonical articles have corpus files:
// the corpus directory holds each story once, and a copy's record is in
// the database (ForEachWithCopies, `export -all`). RebuildDuplicates
// recomputes index and clusters from the stored texts. The index records
// the signature scheme it was built with (neardup.Params.Scheme); a
// writable Open rebuilds an index of an older scheme, a read-only Open
// warns and keeps the stored clusters.
//
// # Crash safety
//
// A crash never leaves a file without a record or a record without its
// files. Put writes in this order:
//
//  1. one transaction decides the outcome, appends the record's JSON to
//     bodies and puts pending[id] naming that body (pending.go);
//  2. <id>.txt and <id>.json are written, each to a temporary file
//     <id>.<ext>.*.tmp in the target directory, fsynced and renamed over
//     the old file; then the directory is fsynced. When an updated record
//     moved to another month, the old files are removed after the new
//     ones exist;
//  3. one transaction points articles[id] at the body staged in step 1
//     (the record is written once) and puts its urls, hashes and order
//     entries, keeps the replaced record in versions when it was another
//     fetch with another text, counts the block hashes of a new article
//     (staged in pending with the record) and deletes pending[id].
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
// The learnt-boilerplate block counts are therefore never ahead of or
// behind the articles: they change only in the step-3 transaction.
//
// # Batched writes and the fsync strategy
//
// Put costs two bbolt commits (each two fdatasyncs) and an fsync of
// each file and of the directory: about seven sync calls per article.
// A Writer (NewWriter; the pipeline's crawl, reclean, import and refresh
// write through one) runs the same three steps for a batch of articles:
// the archive's Sync (WriterOptions.BeforeCommit), one step-1
// transaction for the batch, the files of the batch written without
// fsync and then one syncfs(2) of the corpus' file system (elsewhere
// than Linux an fsync per file and directory; a new article's files are
// written in place, since its pending entry already covers a file a
// crash cut short, others through a temporary file and rename), one
// step-3 transaction
// that also holds the outcomes and visited marks queued since the last
// batch. Files are durable before the commit that drops their pending
// entries; a kill -9 or power loss at any point leaves pending entries
// that Open completes, exactly as for Put. A batch is whatever is queued
// when the writer is free (group commit, at most WriterOptions.MaxBatch
// articles): a lone caller waits for no one. Outcomes and visited marks
// queued but not yet committed when the process dies are lost, which
// the order below already allows (the URL is fetched or cleaned again).
//
// Each text is kept three times, on purpose: the database record (what
// export, stats and the change sequence read), <id>.json (the same
// bytes: the corpus stays usable without the program, and Repair
// rebuilds a damaged database from these files) and <id>.txt (the plain
// text NLP users read). BENCHMARKS.md measures bytes written against all
// three.
//
// # Order across archive, database and files
//
// A crawl (crawler/pipeline) writes in this order, so that a kill -9 at
// any moment leaves archive, database and files consistent:
//
//  1. the response is appended to the WARC archive (DATA/warc, a file
//     *.open until it is closed; warc.Recover finishes it at the next
//     start), and the record's reference goes into the article;
//  2. Put, as above;
//  3. the URL's outcome (outcomes bucket);
//  4. the URL is marked visited (crawls only).
//
// A crash before 2 leaves an archived response no article points at: the
// URL is not visited, so the next crawl fetches it again, and reclean
// cleans it from the archive. A crash between 2 and 4 leaves a stored
// article whose URL is not visited yet: the next crawl fetches it again
// and Put finds it unchanged (or updated). Nothing is half-written, so
// the repair is: warc.Recover, then Open's pending repair; reclean
// re-derives every article from the archive when in doubt.
//
// Open checks only the pending ids, not the whole corpus: with the order
// above, files can go missing only when someone deletes them, and
// walking every record on every open would make opening cost grow with
// the corpus. DB.RepairFiles does the full check on demand.
//
// # Damage and repair
//
// bbolt trusts its file: a damaged page makes it panic. Every transaction
// of the store recovers such panics (and memory faults) and returns an
// error wrapping ErrCorrupt instead. A read-only Open tells an
// interrupted set-up (ErrIncomplete: buckets never created; nothing is
// lost, a read-write Open finishes it) from another program's bbolt file
// (ErrForeign, left untouched) and from a missing database
// (ErrNoDatabase). Repair checks the database (bbolt's consistency check,
// every record decoded) and rebuilds a damaged one from the corpus JSON
// files, keeping the damaged file beside it; RepairWith lets the caller
// fill the new database with what the files lack (cmd replays the WARC
// archive). The new database is built as unionnews.db.rebuild and
// renamed into place only when complete, so a kill leaves either the
// damaged or the new database and a re-run starts over.
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
// holds, and that article ranks first, the URL becomes a duplicate of that article:
// its record moves to the versions bucket and its files are removed
// (demote.go, with the same three crash-safe steps); when the URL ranks
// before the holder, it keeps its record and takes the text over. URLs
// that were mapped to an article as exact copies follow its updates. A
// cluster loses a member whose text changed but is not split
// further until RebuildDuplicates. A read-only DB does not repair pending writes; it
// logs a warning and Stats reports them.
package store
