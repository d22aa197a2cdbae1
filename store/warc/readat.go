package warc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// ReadAt reads the response record ref points at in the archive dir,
// under the Ref's file name or, when that does not exist, the file's
// ".open" name (a file still being written, or left by a crash and not
// yet recovered). The request record just before it, when it is the
// response's request, gives Method and ReqHeader (best effort: they stay
// empty otherwise). A Ref that names no file, or whose offset does not
// hold a response record with the Ref's RecordID, gives an error
// matching ErrNotFound; unreadable bytes give a *FormatError.
func ReadAt(dir string, ref Ref) (ex Exchange, err error) {
	if ref.File == "" || ref.File != filepath.Base(ref.File) || ref.File == "." || ref.File == ".." || ref.Offset < 0 {
		return Exchange{}, fmt.Errorf("%w: bad ref %s", ErrNotFound, ref)
	}
	path := filepath.Join(dir, ref.File)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		f, err = os.Open(path + OpenSuffix)
		if errors.Is(err, os.ErrNotExist) {
			// Renamed between the two opens (rotation, Close, Recover)?
			f, err = os.Open(path)
		} else {
			path += OpenSuffix
		}
	}
	if errors.Is(err, os.ErrNotExist) {
		return Exchange{}, fmt.Errorf("%w: %s: no such file in %s", ErrNotFound, ref, dir)
	}
	if err != nil {
		return Exchange{}, fmt.Errorf("warc: read %s: %w", ref, err)
	}
	defer f.Close()
	defer func() {
		if p := recover(); p != nil {
			err = &FormatError{File: path, Offset: ref.Offset, Err: fmt.Errorf("reader panic: %v", p)}
		}
	}()
	if _, err := f.Seek(ref.Offset, io.SeekStart); err != nil {
		return Exchange{}, fmt.Errorf("warc: read %s: %w", ref, err)
	}
	// Read one record starting exactly at the offset.
	u := gowarc.NewUnmarshaler(readOptions()...)
	br := bufio.NewReader(f)
	b, _ := br.Peek(2)
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		if !bytes.HasPrefix(b, []byte("WA")) {
			return Exchange{}, &FormatError{File: path, Offset: ref.Offset, Err: errors.New("no WARC record starts here")}
		}
	}
	wr, _, validation, err := u.Unmarshal(br)
	if err == nil {
		err = checkRecord(gowarc.Record{WarcRecord: wr, Validation: validation})
	}
	if wr != nil {
		defer wr.Close()
	}
	if err != nil {
		return Exchange{}, &FormatError{File: path, Offset: ref.Offset, Err: err}
	}
	id := wr.WarcHeader().GetId(gowarc.WarcRecordID)
	if ref.RecordID != "" && id != strings.Trim(ref.RecordID, "<>") {
		return Exchange{}, fmt.Errorf("%w: %s holds record %s, not %s", ErrNotFound, ref, id, ref.RecordID)
	}
	if wr.Type() != gowarc.Response || !isHTTP(wr) {
		return Exchange{}, fmt.Errorf("%w: %s is a %s record, not an HTTP response", ErrNotFound, ref, wr.Type())
	}
	ex, err = toExchange(wr, headerFields(f, gowarc.Record{WarcRecord: wr, Offset: ref.Offset, Validation: validation}))
	if err != nil {
		return Exchange{}, &FormatError{File: path, Offset: ref.Offset, Err: err}
	}
	reqID := strings.Trim(wr.WarcHeader().Get(gowarc.WarcConcurrentTo), "<>")
	if q := requestBefore(f, ref.Offset, reqID, id); q != nil {
		ex.Method, ex.ReqHeader = q.method, q.header
	}
	return ex, nil
}

// requestWindow bounds how far before a response ReadAt looks for its
// request record.
const requestWindow = 64 << 10

// requestBefore finds the request record that ends where the response at
// off starts: it tries each gzip member header in the bytes before off,
// nearest first, and accepts a request record that fills exactly the
// bytes up to off and is linked to the response. Best effort: nil when
// there is none.
func requestBefore(f *os.File, off int64, reqID, respID string) *request {
	n := min(off, requestWindow)
	if n < 20 {
		return nil
	}
	win := make([]byte, n)
	if _, err := f.ReadAt(win, off-n); err != nil {
		return nil
	}
	tries := 0
	for i := len(win) - 20; i >= 0 && tries < 64; i-- {
		if win[i] != 0x1f || win[i+1] != 0x8b || win[i+2] != 8 {
			continue
		}
		tries++
		if q := requestAt(win[i:], reqID, respID); q != nil {
			return q
		}
	}
	return nil
}

func requestAt(b []byte, reqID, respID string) (q *request) {
	defer func() {
		if recover() != nil {
			q = nil
		}
	}()
	r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(b), 0, readOptions()...)
	if err != nil {
		return nil
	}
	defer r.Close()
	rec, err := r.Next()
	if err != nil || rec.Offset != 0 || rec.Size != int64(len(b)) || checkRecord(rec) != nil {
		_ = rec.Close()
		return nil
	}
	defer rec.Close()
	if rec.WarcRecord.Type() != gowarc.Request {
		return nil
	}
	q = readRequest(rec.WarcRecord)
	if q == nil || (q.id != reqID && !q.linksTo(respID)) {
		return nil
	}
	return q
}
