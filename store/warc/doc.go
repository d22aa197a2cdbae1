// Package warc keeps every fetched HTTP exchange in a WARC archive, the
// source of truth from which the corpus can be rebuilt (reclean) or
// imported. It is the only user of github.com/nlnwa/gowarc/v3, which
// builds, serialises and parses the records; this package manages files,
// offsets and crash safety around it.
//
// # Format
//
// Writer writes WARC 1.1: for each Exchange a request record and then its
// response record, the two linked both ways by WARC-Concurrent-To, with
// WARC-Target-URI the real URL as given (never a mirror's address; only
// spaces and control characters are percent-encoded), WARC-Date the
// fetch time (UTC, with fractional seconds), WARC-IP-Address when known,
// and sha1 WARC-Block-Digest and WARC-Payload-Digest (base32, as Heritrix,
// wget and pywb write them). Each file starts with a warcinfo record
// (software: unionnews). Every record is its own gzip member, so a record
// can be read from its offset alone (Ref, ReadAt).
//
// The response record holds the body as the client received it, after
// Go's transport removed transfer and content codings; its header is made
// to agree: Transfer-Encoding is dropped, Content-Encoding is dropped
// unless the body really is gzip, and Content-Length is the body's length.
// So any WARC reader gets a self-consistent HTTP message.
//
// # Files
//
// Files live in one directory (DATA/warc) and are named
// PREFIX-TIMESTAMP-SEQ-PID.warc.gz, TIMESTAMP being 17 digits of UTC time.
// The file being written is NAME.warc.gz.open (the Heritrix convention);
// it gets its final name when it passes Options.MaxFileSize or the Writer
// is closed. A Writer never appends to a file that exists: each Writer
// makes new names. Files lists the complete files in write order. A Ref
// always names the final name; ReadAt falls back to the ".open" name.
//
// # Crash guarantees
//
// Records are only ever appended, and a record already written is never
// rewritten, so a kill -9 at any moment can damage at most the record
// being written, at the end of the ".open" file. In detail:
//
//   - A Ref returned by Write points at a complete record. It survives a
//     process crash as soon as Write returns, and a power loss once Sync
//     (or rotation, or Close) has returned: commit Refs to the database
//     only after Sync.
//   - A failed Write (disk full) cuts the file back to where it was, so
//     files hold only complete records; if even that fails, the file is
//     left as ".open" for Recover and the next Write starts a new file.
//   - Rotation and Close fsync the file, rename it and fsync the
//     directory; a new file's directory entry is fsynced when it is
//     created.
//   - After a crash, Recover (at start-up, before any Writer) cuts each
//     ".open" file after its last complete gzip member and gives it its
//     final name, so Refs into it stay valid. A record cut off was never
//     returned as a Ref, or its Ref was never synced.
//
// # Reading
//
// Scan reads every HTTP response record of any WARC file (.warc or
// .warc.gz, WARC 1.0 or 1.1, written by this package, wget --warc-file,
// Heritrix, warcio...) with its request when there is one; ReadAt reads
// one response record by Ref; ScanHeads passes the same records as Scan
// without bodies or checks, for a cheap first pass (reclean, import).
// Bodies come back decoded as Go's client would give them. Unreadable
// input gives a *FormatError naming the file and the offset
// (errors.Is(err, ErrCorrupt)); none of these functions panics.
package warc
