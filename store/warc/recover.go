package warc

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/klauspost/compress/gzip"
)

// Report says what Recover did.
type Report struct {
	Files   []string // final names of the ".open" files recovered (truncated where needed, renamed)
	Cut     int64    // bytes of partial records cut off, over all files
	Removed []string // ".open" files removed because they held no complete record
	Skipped []string // ".open" files left alone: not gzip WARC files (no Writer makes them)
}

// Recover finishes the ".warc.gz.open" files a crashed Writer left in dir:
// each is cut after its last complete gzip member (so it ends with a
// complete record) and renamed to its final name, which is the name in
// every Ref into it, so those Refs stay valid. A file with no complete
// member is removed. Records already complete are never changed.
//
// Recover must not run while a Writer (in any process) writes to dir;
// call it at start-up, before OpenWriter, while holding the lock on the
// data directory (the store's database). Running it again does nothing.
func Recover(dir string) (Report, error) {
	var rep Report
	ents, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return rep, nil
	}
	if err != nil {
		return rep, fmt.Errorf("warc: recover %s: %w", dir, err)
	}
	for _, e := range ents {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, OpenSuffix) {
			continue
		}
		final := strings.TrimSuffix(name, OpenSuffix)
		if !strings.HasSuffix(final, ".warc.gz") {
			rep.Skipped = append(rep.Skipped, name)
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, final)); err == nil {
			return rep, fmt.Errorf("warc: recover %s: %s exists too; leaving both", name, final)
		}
		cut, empty, err := cutPartial(filepath.Join(dir, name))
		if err != nil {
			return rep, err
		}
		rep.Cut += cut
		if empty {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return rep, fmt.Errorf("warc: recover: %w", err)
			}
			rep.Removed = append(rep.Removed, name)
			continue
		}
		if err := finalize(dir, final); err != nil {
			return rep, fmt.Errorf("warc: recover: %w", err)
		}
		rep.Files = append(rep.Files, final)
	}
	if len(rep.Removed) > 0 {
		if err := syncDir(dir); err != nil {
			return rep, fmt.Errorf("warc: recover: %w", err)
		}
	}
	slices.Sort(rep.Files)
	return rep, nil
}

// cutPartial truncates the file at path after its last complete gzip
// member and syncs it. It returns the bytes cut and whether no complete
// member was left.
func cutPartial(path string) (cut int64, empty bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return 0, false, fmt.Errorf("warc: recover: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, false, fmt.Errorf("warc: recover: %w", err)
	}
	good, err := completeMembers(f)
	if err != nil {
		return 0, false, fmt.Errorf("warc: recover %s: %w", path, err)
	}
	if good < st.Size() {
		if err := f.Truncate(good); err != nil {
			return 0, false, fmt.Errorf("warc: recover: %w", err)
		}
	}
	if err := f.Sync(); err != nil {
		return 0, false, fmt.Errorf("warc: recover: %w", err)
	}
	return st.Size() - good, good == 0, nil
}

// completeMembers returns the length of the longest prefix of r made of
// complete, intact gzip members (the CRC and length of each checked).
// Only read errors of r itself are returned as errors.
func completeMembers(r io.Reader) (int64, error) {
	cr := &countReader{r: r}
	br := bufio.NewReaderSize(cr, 64<<10)
	pos := func() int64 { return cr.n - int64(br.Buffered()) }
	var zr *gzip.Reader
	var good int64
	for {
		if _, err := br.Peek(1); err != nil {
			if err == io.EOF {
				return good, nil
			}
			return good, err
		}
		var err error
		if zr == nil {
			zr, err = gzip.NewReader(br)
		} else {
			err = zr.Reset(br)
		}
		if err != nil {
			return good, cr.err
		}
		zr.Multistream(false)
		if _, err := io.Copy(io.Discard, zr); err != nil {
			return good, cr.err
		}
		good = pos()
	}
}

type countReader struct {
	r   io.Reader
	n   int64
	err error // a read error other than EOF
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if err != nil && err != io.EOF {
		c.err = err
	}
	return n, err
}
