package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// Format is an export format.
type Format string

// The formats.
const (
	JSONL   Format = "jsonl"   // one canonical JSON article a line
	CSV     Format = "csv"     // one row an article, a header row of the JSON keys
	Parquet Format = "parquet" // the schema in the package documentation
	Text    Format = "txt"     // a tree DIR/SITE/YYYY/MM/ID.txt
)

// Formats lists the formats, in the order help texts show them.
var Formats = []Format{JSONL, CSV, Parquet, Text}

// ParseFormat checks a format name.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("%w %q (supported: jsonl, csv, parquet, txt)", ErrFormat, s)
}

// Errors callers branch on.
var (
	// ErrFormat: an unknown format, or a format that cannot go where it
	// was asked to (txt to a stream, parquet through .gz).
	ErrFormat = errors.New("unknown or unusable export format")
	// ErrIsDir: a streamed format was asked to write to a directory.
	ErrIsDir = errors.New("is a directory (streamed formats write one file; only -format txt writes a directory)")
)

// Source is what an export reads: *store.DB satisfies it.
type Source interface {
	Scan(*store.ScanOptions, func(*store.RawArticle) error) error
}

// Filter selects the exported articles. The zero Filter selects all.
// New selections (every version, duplicates) belong here.
type Filter struct {
	// Sites, when not empty, exports only these sites.
	Sites []string
	// Since and Until bound Published (FetchedAt for undated articles):
	// Since <= t < Until. Zero means unbounded.
	Since, Until time.Time
	// Changes exports only the articles changed after the change
	// sequence AfterSeq (see store.DB.Sequence and Marks).
	Changes  bool
	AfterSeq uint64
	// Versions exports, before each article, its earlier versions
	// (oldest first; each with its own fetched_at and content_hash); the
	// Source must then be a VersionSource.
	Versions bool
}

// VersionSource is a Source that keeps earlier versions of articles
// (*store.DB).
type VersionSource interface {
	Source
	Versions(id string) ([]store.Record, error)
}

// Options configures an export. A nil *Options means JSON Lines of
// every article.
type Options struct {
	Format Format
	Filter Filter
}

// Result counts what an export wrote.
type Result struct {
	Articles int
	Bytes    int64 // bytes written (compressed, for a compressed file)
}

// recordWriter writes articles in one format.
type recordWriter interface {
	write(r *store.RawArticle) error
	close() error // flush what is buffered; does not close the stream
}

// Write streams the selected articles to w in a streamed format (all but
// txt). Memory does not grow with the corpus. It stops when ctx is done.
func Write(ctx context.Context, w io.Writer, src Source, opts *Options) (Result, error) {
	o := options(opts)
	cw := &countingWriter{w: w}
	var rw recordWriter
	switch o.Format {
	case JSONL:
		rw = newJSONLWriter(cw)
	case CSV:
		rw = newCSVWriter(cw)
	case Parquet:
		rw = newParquetWriter(cw)
	default:
		return Result{}, fmt.Errorf("export: %w: %s writes a directory, not a stream", ErrFormat, o.Format)
	}
	n, err := scan(ctx, src, o.Filter, rw.write)
	if cerr := rw.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Result{Articles: n, Bytes: cw.n}, fmt.Errorf("export %s: %w", o.Format, err)
	}
	return Result{Articles: n, Bytes: cw.n}, nil
}

func options(opts *Options) Options {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Format == "" {
		o.Format = JSONL
	}
	return o
}

// scan calls fn for each article that passes f and counts them. It
// stops with ctx's error when ctx is done.
func scan(ctx context.Context, src Source, f Filter, fn func(*store.RawArticle) error) (int, error) {
	n := 0
	so := &store.ScanOptions{Sites: f.Sites, Changes: f.Changes, AfterSeq: f.AfterSeq}
	err := src.Scan(so, func(r *store.RawArticle) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		ok, err := f.keep(r)
		if err != nil || !ok {
			return err
		}
		if f.Versions {
			k, err := writeVersions(src, r, fn)
			n += k
			if err != nil {
				return err
			}
		}
		n++
		return fn(r)
	})
	return n, err
}

// writeVersions calls fn with every earlier version of r, oldest first,
// and counts them.
func writeVersions(src Source, r *store.RawArticle, fn func(*store.RawArticle) error) (int, error) {
	vs, ok := src.(VersionSource)
	if !ok {
		return 0, errors.New("this source keeps no versions")
	}
	all, err := vs.Versions(r.ID)
	if err != nil {
		return 0, err
	}
	n := 0
	for i := range len(all) - 1 { // the last one is the current record, r itself
		b, err := sites.AppendJSON(nil, &all[i])
		if err != nil {
			return n, fmt.Errorf("encode version of %s: %w", r.ID, err)
		}
		old := store.RawArticle{ID: all[i].ID, Site: all[i].Site, Published: all[i].Published, JSON: b}
		if err := fn(&old); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// keep applies the date bounds; the store applied the rest. Undated
// articles are decoded to read FetchedAt.
func (f Filter) keep(r *store.RawArticle) (bool, error) {
	if f.Since.IsZero() && f.Until.IsZero() {
		return true, nil
	}
	t := r.Published
	if t.IsZero() {
		rec, err := r.Decode()
		if err != nil {
			return false, err
		}
		t = rec.FetchedAt
	}
	if !f.Since.IsZero() && t.Before(f.Since) {
		return false, nil
	}
	return f.Until.IsZero() || t.Before(f.Until), nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Compression is how a streamed export file is compressed.
type Compression string

// The compressions, chosen by the output file's extension.
const (
	None Compression = ""
	Gzip Compression = "gz"
	Zstd Compression = "zst"
)

// CompressionOf returns the compression a file name asks for: .gz or
// .zst (any case); None otherwise, and for "-".
func CompressionOf(path string) Compression {
	p := strings.ToLower(path)
	switch {
	case strings.HasSuffix(p, ".gz"):
		return Gzip
	case strings.HasSuffix(p, ".zst"):
		return Zstd
	}
	return None
}
