// Package export writes the corpus as datasets: JSON Lines (optionally
// gzip or zstd compressed), CSV, Parquet, or a tree of plain text files.
// It reads the store through store.DB.Scan, one batch at a time, so its
// memory does not grow with the corpus.
//
// # JSON Lines
//
// One article a line: the canonical JSON of sites.Article, byte for byte
// the database record and the corpus's <id>.json file (every key present,
// null/""/[] for unknowns, times RFC 3339 in +07:00). The store's bytes
// are copied as they are, without decoding; records written by older
// versions are re-encoded by the store. A name ending in .gz or .zst
// compresses the file (github.com/klauspost/compress).
//
// # CSV
//
// A header row of the JSON keys, then one row an article: strings as
// they are, null as an empty cell, lists and objects (tags, images) as
// their JSON text. A field added to the article is a new column.
//
// # Parquet
//
// One row an article, zstd-compressed pages, row groups of 4096 rows:
//
//	id            BYTE_ARRAY STRING    required
//	url           BYTE_ARRAY STRING    required
//	site          BYTE_ARRAY STRING    required, dictionary-encoded
//	title         BYTE_ARRAY STRING    required
//	lead          BYTE_ARRAY STRING    required ("" when none)
//	text          BYTE_ARRAY STRING    required
//	author        BYTE_ARRAY STRING    required ("" when unknown)
//	published     INT64 TIMESTAMP(MILLIS, UTC)  optional (null when unknown)
//	category      BYTE_ARRAY STRING    required
//	tags          LIST<STRING>         required
//	images        LIST<STRUCT<url STRING, caption STRING>>  required
//	extractor     BYTE_ARRAY STRING    required
//	fetched_at    INT64 TIMESTAMP(MICROS, UTC)  optional
//	content_hash  BYTE_ARRAY STRING    required
//	extra         BYTE_ARRAY JSON      required: article fields without a column, as one object
//
// pandas (pyarrow), pyarrow and DuckDB read it; timestamps come back in
// UTC (convert to Asia/Ho_Chi_Minh for local dates).
//
// # Text tree
//
// DIR/SITE/YYYY/MM/ID.txt: title, blank line, text (see WriteTree).
//
// # Selection
//
// Filter selects sites, a date range, or the changes after a change
// sequence; SinceLast builds the latter from a named mark that is saved
// only once the export completed.
//
// # Output
//
// ToPath writes a regular file or a new path atomically (temporary file,
// rename) and devices, FIFOs and standard output directly; no temporary
// file survives an error.
package export
