package warc

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/klauspost/compress/gzip"
	gowarc "github.com/nlnwa/gowarc/v3"
)

// Writer appends Exchanges to the archive directory, one request and one
// response record per Exchange, each record a gzip member. It is safe
// for concurrent use. See the package documentation for the file names
// and the crash guarantees.
type Writer struct {
	dir      string
	max      int64
	prefix   string
	software string
	log      *slog.Logger
	pid      int

	mu      sync.Mutex
	closed  bool
	seq     int
	f       *os.File // current file, named name+OpenSuffix; nil between files
	name    string   // final name of the current file
	size    int64    // bytes in the current file
	infoID  string   // WARC-Record-ID of the current file's warcinfo record
	gz      *gzip.Writer
	buf     *bufio.Writer
	marshal gowarc.Marshaler
	// lost is set when a file with returned Refs could not be synced:
	// those Refs may not survive a power loss, so Sync fails from then on.
	lost error
}

// OpenWriter returns a Writer for dir (DATA/warc), creating dir if
// missing. The Writer creates its first file on its first Write; it never
// appends to a file that exists.
func OpenWriter(dir string, opts *Options) (*Writer, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = defaultMaxFileSize
	}
	if o.Prefix == "" {
		o.Prefix = defaultPrefix
	}
	if o.Software == "" {
		o.Software = defaultSoftware
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("warc: open writer: %w", err)
	}
	return &Writer{
		dir:      dir,
		max:      o.MaxFileSize,
		prefix:   o.Prefix,
		software: o.Software,
		log:      o.Logger,
		pid:      os.Getpid(),
		marshal:  gowarc.NewMarshaler(),
	}, nil
}

// Write archives ex as a request record followed by its response record,
// both in the same file, and returns where the response record is. When
// the file has grown past MaxFileSize it is then closed and renamed to
// its final name. A failed Write leaves the file as it was before it.
func (w *Writer) Write(ex Exchange) (Ref, error) {
	// Build (and digest) the records outside the lock.
	req, resp, err := exchangeRecords(ex)
	if err != nil {
		return Ref{}, err
	}
	defer req.Close()
	defer resp.Close()

	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return Ref{}, ErrClosed
	}
	if w.f == nil {
		if err := w.create(); err != nil {
			return Ref{}, err
		}
	}
	start := w.size
	req.WarcHeader().SetId(gowarc.WarcWarcinfoID, w.infoID)
	resp.WarcHeader().SetId(gowarc.WarcWarcinfoID, w.infoID)
	if err := w.member(req); err != nil {
		return Ref{}, w.undo(start, fmt.Errorf("warc: write %s: %w", ex.URL, err))
	}
	off := w.size
	if err := w.member(resp); err != nil {
		return Ref{}, w.undo(start, fmt.Errorf("warc: write %s: %w", ex.URL, err))
	}
	ref := Ref{File: w.name, Offset: off, RecordID: resp.WarcHeader().GetId(gowarc.WarcRecordID)}
	if w.size >= w.max {
		if err := w.finish(); err != nil {
			// The records are in the file; only the rename failed. The
			// Ref stays valid (ReadAt falls back to the .open name) and
			// Recover renames the file.
			w.log.Error("warc: rotate", "file", ref.File, "err", err)
		}
	}
	return ref, nil
}

// Sync commits the current file to stable storage: every Ref returned so
// far then survives a crash or power loss. Files already rotated were
// synced when they were closed. Once an fsync has failed (here, at
// rotation or at a failed Write), Sync keeps failing: Refs returned since
// the last good Sync may be lost, and the caller must not commit them.
func (w *Writer) Sync() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return ErrClosed
	}
	if w.lost != nil {
		return w.lost
	}
	if w.f == nil {
		return nil
	}
	if err := w.f.Sync(); err != nil {
		// After a failed fsync the kernel may have dropped the dirty pages;
		// retrying cannot make the Refs safe, so the failure sticks.
		w.lost = fmt.Errorf("warc: sync %s: %w", w.name, err)
		return w.lost
	}
	return nil
}

// Close finishes the current file (fsync, rename to its final name,
// fsync of the directory). Further Writes return ErrClosed. Close is
// idempotent.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	if err := w.finish(); err != nil {
		return err
	}
	return w.lost
}

// create opens a new file under a name no file has, and writes its
// warcinfo record.
func (w *Writer) create() error {
	for range 1000 {
		name := fileName(w.prefix, time.Now(), w.seq, w.pid)
		w.seq++
		path := filepath.Join(w.dir, name+OpenSuffix)
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("warc: create file: %w", err)
		}
		if _, err := os.Stat(filepath.Join(w.dir, name)); err == nil {
			// A finished file of that name exists: never reuse a name.
			_ = f.Close()
			_ = os.Remove(path)
			continue
		}
		w.f, w.name, w.size, w.infoID = f, name, 0, ""
		info, err := warcinfoRecord(name, w.software)
		if err == nil {
			err = w.member(info)
			w.infoID = info.WarcHeader().GetId(gowarc.WarcRecordID)
			_ = info.Close()
		}
		if err == nil {
			err = syncDir(w.dir)
		}
		if err != nil {
			_ = f.Close()
			_ = os.Remove(path)
			w.f, w.name, w.size = nil, "", 0
			return fmt.Errorf("warc: create %s: %w", path, err)
		}
		w.log.Debug("warc: new file", "file", name)
		return nil
	}
	return fmt.Errorf("warc: create file in %s: no free name", w.dir)
}

// member writes rec as one gzip member at the end of the current file.
func (w *Writer) member(rec gowarc.WarcRecord) error {
	cw := &countWriter{w: w.f}
	if w.buf == nil {
		w.buf = bufio.NewWriterSize(cw, 64<<10)
		w.gz, _ = gzip.NewWriterLevel(w.buf, gzip.DefaultCompression)
	} else {
		w.buf.Reset(cw)
		w.gz.Reset(w.buf)
	}
	_, _, err := w.marshal.Marshal(w.gz, rec, 0)
	if err == nil {
		err = w.gz.Close()
	}
	if err == nil {
		err = w.buf.Flush()
	}
	w.size += cw.n
	return err
}

// undo cuts the current file back to size start after a failed write, so
// that it ends with a complete record. If that fails the file is left
// (still named .open, for Recover) and the next Write starts a new one.
func (w *Writer) undo(start int64, err error) error {
	terr := w.f.Truncate(start)
	if terr == nil {
		_, terr = w.f.Seek(start, io.SeekStart)
	}
	if terr == nil {
		w.size = start
		return err
	}
	w.log.Error("warc: cannot cut a failed write; leaving the file for Recover",
		"file", w.name+OpenSuffix, "err", terr)
	if serr := w.f.Sync(); serr != nil {
		w.lost = fmt.Errorf("warc: sync %s: %w", w.name+OpenSuffix, serr)
	}
	_ = w.f.Close()
	w.f, w.name, w.size = nil, "", 0
	return err
}

// finish syncs, closes and renames the current file, then syncs the
// directory.
func (w *Writer) finish() error {
	if w.f == nil {
		return nil
	}
	f, name := w.f, w.name
	w.f, w.name, w.size = nil, "", 0
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		w.lost = fmt.Errorf("warc: close %s: %w", name+OpenSuffix, err)
		return w.lost
	}
	return finalize(w.dir, name)
}

// finalize renames NAME.open to NAME and syncs the directory.
func finalize(dir, name string) error {
	if err := os.Rename(filepath.Join(dir, name+OpenSuffix), filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("warc: finish %s: %w", name, err)
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

func warcinfoRecord(name, software string) (gowarc.WarcRecord, error) {
	b := gowarc.NewRecordBuilder(gowarc.Warcinfo, recordOptions()...)
	b.AddWarcHeader(gowarc.WarcRecordID, "<urn:uuid:"+uuid.NewString()+">")
	b.AddWarcHeader(gowarc.WarcDate, formatDate(time.Now()))
	b.AddWarcHeader(gowarc.WarcFilename, name)
	b.AddWarcHeader(gowarc.ContentType, gowarc.ApplicationWarcFields)
	fmt.Fprintf(b, "software: %s\r\n", software)
	fmt.Fprintf(b, "format: WARC File Format 1.1\r\n")
	fmt.Fprintf(b, "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n")
	rec, _, err := b.Build()
	return rec, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
