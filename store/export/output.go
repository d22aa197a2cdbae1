package export

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Output is where a streamed export goes. A regular file, or a path that
// does not exist yet, is written through a temporary file in the same
// directory that Commit renames over the path, so a reader never sees a
// partial export and a failed one leaves the old file as it was. Devices
// (/dev/null, /dev/stdout), FIFOs and sockets are written directly: a
// rename would replace the device with a regular file. Any error, and
// Abort, remove the temporary file.
type Output struct {
	w    io.Writer
	f    *os.File // nil for a caller's writer
	path string   // the file written (a link's target)
	name string   // the path given, when it differs
	tmp  string   // "" when writing directly
	done bool
}

// Stdout wraps a writer the caller owns (standard output) as an Output;
// Commit does not close it.
func Stdout(w io.Writer) *Output { return &Output{w: w, path: "-"} }

// Create opens path for a streamed export (see Output). It refuses a
// directory. A symbolic link to a regular file is kept: the file it
// points to is replaced. A link into /dev or /proc (/dev/stdout,
// /proc/self/fd/1) is written directly.
func Create(path string) (*Output, error) {
	if li, err := os.Lstat(path); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		abs, _ := filepath.Abs(path)
		real, err := filepath.EvalSymlinks(path)
		if err != nil || underSystemDir(abs) || underSystemDir(real) {
			return openDirect(path)
		}
		o, err := Create(real)
		if o != nil {
			o.name = path
		}
		return o, err
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return createTemp(path)
	case err != nil:
		return nil, fmt.Errorf("output %s: %w", path, err)
	case fi.IsDir():
		return nil, fmt.Errorf("output %s: %w", path, ErrIsDir)
	case fi.Mode().IsRegular():
		return createTemp(path)
	}
	return openDirect(path)
}

// openDirect opens a device, FIFO or socket to write to it as it is.
// Opening a FIFO waits for its reader.
func openDirect(path string) (*Output, error) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("output %s: %w", path, err)
	}
	return &Output{w: f, f: f, path: path}, nil
}

// underSystemDir reports whether path is in /dev or /proc, whose links
// (/dev/stdout, /proc/self/fd/N) stand for open files.
func underSystemDir(path string) bool {
	return strings.HasPrefix(path, "/dev/") || strings.HasPrefix(path, "/proc/")
}

// createTemp starts an atomic write of path.
func createTemp(path string) (*Output, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("output %s: %w", path, err)
	}
	return &Output{w: f, f: f, path: path, tmp: f.Name()}, nil
}

// Write writes to the output.
func (o *Output) Write(p []byte) (int, error) { return o.w.Write(p) }

// Path is the path given to Create, or "-".
func (o *Output) Path() string {
	if o.name != "" {
		return o.name
	}
	return o.path
}

// Commit finishes the output: a temporary file is synced, closed and
// renamed over the path; a direct file is closed. On error nothing is
// left behind.
func (o *Output) Commit() error {
	if o.done {
		return nil
	}
	o.done = true
	if o.f == nil {
		return nil
	}
	if o.tmp == "" {
		if err := o.f.Close(); err != nil {
			return fmt.Errorf("close %s: %w", o.path, err)
		}
		return nil
	}
	err := o.f.Sync()
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(o.tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(o.tmp, o.path)
	}
	if err != nil {
		_ = os.Remove(o.tmp)
		return fmt.Errorf("write %s: %w", o.path, err)
	}
	return nil
}

// Abort gives up the output: a temporary file is removed and the path
// left as it was. It is safe to call after Commit (it does nothing).
func (o *Output) Abort() {
	if o.done {
		return
	}
	o.done = true
	if o.f != nil {
		_ = o.f.Close()
	}
	if o.tmp != "" {
		_ = os.Remove(o.tmp)
	}
}
