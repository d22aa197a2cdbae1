package store

import "errors"

// These errors are outcomes callers branch on. Match them with errors.Is;
// the returned errors wrap them with the operation and its subject.
var (
	// ErrNotFound is returned by Get and LookupURL when no article has
	// the id or URL.
	ErrNotFound = errors.New("article not found")

	// ErrInUse is returned by Open when another process (or another
	// *DB in this process) holds the database file lock for longer
	// than Options.Timeout.
	ErrInUse = errors.New("database in use")

	// ErrInvalid is returned by Put for a record that cannot be stored:
	// an empty URL, site, title or text, or a site name that is not a
	// plain directory name.
	ErrInvalid = errors.New("invalid record")

	// ErrNoDatabase is returned by a read-only Open when the directory
	// holds no database.
	ErrNoDatabase = errors.New("no database here (a crawl creates one)")

	// ErrCorrupt is returned when the database file is damaged: bbolt
	// failed or panicked reading it, or its consistency check failed.
	// Repair rebuilds it from the corpus files.
	ErrCorrupt = errors.New("database damaged")

	// ErrIncomplete is returned by a read-only Open of a database whose
	// set-up was interrupted (its buckets were never created). A
	// read-write Open, or Repair, finishes the set-up; nothing is lost.
	ErrIncomplete = errors.New("database set-up was interrupted")

	// ErrForeign is returned by Open for a bbolt file that holds none of
	// the store's buckets but others: some other program's database. It
	// is left untouched.
	ErrForeign = errors.New("a bbolt database of another program")

	// ErrReadOnly is returned by writing methods of a DB opened with
	// Options.ReadOnly.
	ErrReadOnly = errors.New("database opened read-only")
)
