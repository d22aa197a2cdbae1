// Package pipeline is unionnews' one pipeline: fetch → archive → clean →
// store. Every command that turns pages into articles uses it: crawl
// (Crawl), refresh (Crawl with refetches), reclean and import (Replay over
// archived responses), and serve.
//
// The package declares the small interfaces it consumes — a Cleaner, a
// Store and an archive (crawler.Archiver) — and imports only crawler and
// sites; cmd wires cleaner.Cleaner, store.DB and the WARC writer.
//
// # Outcomes
//
// Every article page gets one outcome (sites.Outcome), recorded per URL
// in the store and counted per site in the Report:
//
//   - stored: the profile rung cleaned it (created, updated or unchanged);
//   - duplicate: its text is stored under another URL;
//   - not-article: the cleaner found no article (a video page, a stub);
//   - off-profile: the profile's body selector matched nothing and the
//     generic rung produced the text. The text is stored when nothing
//     better is, but the URL is not finished and counts toward the drift
//     alarm;
//   - rejected: the store refused the article (no title or text);
//   - clean-failed: the cleaner failed;
//   - store-failed: the write failed (disk full, read-only corpus);
//   - gone / not-modified: answers to a refresh.
//
// Only stored, duplicate and not-article finish a URL (the crawler marks
// it visited); the others are fetched again by the next crawl, and
// reclean retries every archived page whatever its outcome.
//
// # Failures a run reports
//
// Report.Err joins ErrNoPages (a site answered no page at all),
// ErrStoreFailed (a write failed) and ErrDrift (more than DriftShare of at
// least DriftMin cleaned articles of one site fell off the profile), so a
// cron job sees a non-zero exit status; cmd maps them to exit codes.
package pipeline
