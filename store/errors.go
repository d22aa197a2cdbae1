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

	// ErrReadOnly is returned by writing methods of a DB opened with
	// Options.ReadOnly.
	ErrReadOnly = errors.New("database opened read-only")
)
