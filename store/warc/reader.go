package warc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	gowarc "github.com/nlnwa/gowarc/v3"
)

// readOptions are lenient about what other producers do (WARC 1.0,
// missing fields, unknown record types) but the caller still checks that
// each record is complete and its block digest right (see checkRecord).
func readOptions() []gowarc.WarcRecordOption {
	return []gowarc.WarcRecordOption{
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBufferMaxMemBytes(8 << 20),
	}
}

// Scan calls fn with every HTTP response record of the WARC file at path
// (.warc or .warc.gz, WARC 1.0 or 1.1, from any producer), in file order,
// with a Ref whose File is the base name of path. Other record types are
// skipped. The request record of each response (before it, as most tools
// write, or right after it, as Heritrix does) gives Method and ReqHeader
// when it names the response in WARC-Concurrent-To or the response names
// it. Bodies are decoded as Go's HTTP client would: chunked transfer
// coding and gzip or deflate content coding are removed, with the header
// changed to match.
//
// Scan stops at the first record it cannot read and returns a
// *FormatError naming path and the offset where the unreadable bytes
// start; the records before it have been passed to fn. A sound WARC
// record whose HTTP message cannot be parsed does not stop Scan: it is
// skipped and reported, with the others, in the error Scan returns at the
// end (errors.Is(err, ErrCorrupt) holds for all of these). An error
// returned by fn stops Scan and is returned as is.
func Scan(path string, fn func(Exchange, Ref) error) error {
	return scan(path, records{}, fn)
}

// ScanHeads is Scan without bodies, for a first pass that only picks
// records (reclean's "latest response per URL"): each Exchange has URL,
// IP, FetchedAt, Status, Proto, Method and ReqHeader, but no RespHeader
// and no Body. It passes the records Scan passes, at a third of the CPU:
// the rest of each block is skipped unread, and neither the WARC header
// fields nor the block digest are checked, so a damaged record that
// stops Scan may pass here, and a response whose HTTP header Scan cannot
// parse (but whose status line is sound) is passed too.
func ScanHeads(path string, fn func(Exchange, Ref) error) error {
	return scan(path, heads{}, fn)
}

// reading is what a scan makes of a record: Scan's whole exchange
// (records) or ScanHeads' status and request lines (heads).
type reading interface {
	options() []gowarc.WarcRecordOption
	isHTTP(wr gowarc.WarcRecord) bool
	exchange(wr gowarc.WarcRecord, h *gowarc.WarcFields) (Exchange, error)
	request(wr gowarc.WarcRecord) *request
}

type records struct{}

func (records) options() []gowarc.WarcRecordOption { return readOptions() }
func (records) isHTTP(wr gowarc.WarcRecord) bool   { return isHTTP(wr) }
func (records) request(wr gowarc.WarcRecord) *request {
	return readRequest(wr)
}
func (records) exchange(wr gowarc.WarcRecord, h *gowarc.WarcFields) (Exchange, error) {
	return toExchange(wr, h)
}

func scan(path string, rd reading, fn func(Exchange, Ref) error) (err error) {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("warc: scan: %w", err)
	}
	defer f.Close()
	var off int64
	inFn := false
	defer func() {
		if p := recover(); p != nil {
			if inFn {
				panic(p) // the caller's own panic, not ours to hide
			}
			err = &FormatError{File: path, Offset: off, Err: fmt.Errorf("reader panic: %v", p)}
		}
	}()
	r, err := gowarc.NewWarcFileReaderFromStream(f, 0, rd.options()...)
	if err != nil {
		return &FormatError{File: path, Err: err}
	}
	defer r.Close()

	base := filepath.Base(path)
	var pending *Exchange // a response waiting to see whether its request follows
	var pendingRef Ref
	var pendingReq string // WARC-Concurrent-To of the pending response
	var lastReq *request  // the request record seen just before
	flush := func() error {
		if pending == nil {
			return nil
		}
		ex, ref := *pending, pendingRef
		pending = nil
		inFn = true
		err := fn(ex, ref)
		inFn = false
		return err
	}
	var bad []error // response records whose HTTP message is unreadable
	var end int64   // where the previous record ended
	for {
		rec, nerr := r.Next()
		if nerr == io.EOF {
			break
		}
		off = rec.Offset
		if nerr == nil {
			nerr = checkRecord(rec)
		}
		if nerr != nil {
			_ = rec.Close()
			off = end // the unreadable bytes start where the last record ended
			if err := flush(); err != nil {
				return err
			}
			return errors.Join(append(bad, &FormatError{File: path, Offset: off, Err: nerr})...)
		}
		end = rec.Offset + rec.Size
		wr := rec.WarcRecord
		switch {
		case wr.Type() == gowarc.Request:
			q := rd.request(wr)
			_ = rec.Close()
			if q == nil {
				continue
			}
			if pending != nil && (q.id == pendingReq || q.linksTo(pendingRef.RecordID)) {
				pending.Method, pending.ReqHeader = q.method, q.header
				lastReq = nil
			} else {
				lastReq = q
			}
			if err := flush(); err != nil {
				return err
			}
		case wr.Type() == gowarc.Response && rd.isHTTP(wr):
			if err := flush(); err != nil {
				_ = rec.Close()
				return err
			}
			h := headerFields(f, rec)
			ex, xerr := rd.exchange(wr, h)
			id := h.GetId(gowarc.WarcRecordID)
			concurrent := h.GetAll(gowarc.WarcConcurrentTo)
			_ = rec.Close()
			if xerr != nil {
				// The WARC record is sound, its HTTP message is not: report
				// it at the end and go on with the next record.
				bad = append(bad, &FormatError{File: path, Offset: off, Err: xerr})
				lastReq = nil
				continue
			}
			pendingReq = ""
			if len(concurrent) > 0 {
				pendingReq = strings.Trim(concurrent[0], "<>")
			}
			if lastReq != nil && (lastReq.id == pendingReq || lastReq.linksTo(id)) {
				ex.Method, ex.ReqHeader = lastReq.method, lastReq.header
			}
			lastReq = nil
			pending, pendingRef = &ex, Ref{File: base, Offset: off, RecordID: id}
		default:
			_ = rec.Close()
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	return errors.Join(bad...)
}

// checkRecord turns the validation findings that mean a damaged record
// (wrong length, wrong block digest: a truncated or altered file) into an
// error. Other findings (a missing field, a WARC 1.0 habit) are tolerated.
func checkRecord(rec gowarc.Record) error {
	for _, v := range rec.Validation {
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) {
			return v
		}
		var de *gowarc.DigestError
		if errors.As(v, &de) && strings.HasPrefix(v.Error(), "block") {
			return v
		}
	}
	if rec.WarcRecord == nil {
		return errors.New("no record")
	}
	return nil
}

func isHTTP(wr gowarc.WarcRecord) bool {
	_, ok := wr.Block().(gowarc.HttpResponseBlock)
	return ok
}

// headerFields returns the WARC header of rec. gowarc blanks a field whose
// value fails its check, and WARC 1.0 producers such as wget write
// WARC-Target-URI as <URI>, which fails it; so when one of the fields an
// Exchange needs was blanked, the header is read again, unchecked, from
// the record's offset in f.
func headerFields(f *os.File, rec gowarc.Record) *gowarc.WarcFields {
	h := rec.WarcRecord.WarcHeader()
	blanked := false
	for _, v := range rec.Validation {
		var he *gowarc.HeaderFieldError
		if errors.As(v, &he) {
			switch he.FieldName {
			case gowarc.WarcTargetURI, gowarc.WarcDate, gowarc.WarcIPAddress, gowarc.WarcConcurrentTo, gowarc.WarcRecordID:
				blanked = true
			}
		}
	}
	if !blanked {
		return h
	}
	u := gowarc.NewUnmarshaler(gowarc.WithNoValidation())
	raw, _, _, err := u.Unmarshal(bufio.NewReader(io.NewSectionReader(f, rec.Offset, 1<<62)))
	if err != nil || raw == nil {
		return h
	}
	defer raw.Close()
	return raw.WarcHeader()
}

// toExchange converts an HTTP response record whose WARC header is h.
func toExchange(wr gowarc.WarcRecord, h *gowarc.WarcFields) (Exchange, error) {
	blk := wr.Block().(gowarc.HttpResponseBlock)
	ex := Exchange{
		URL: strings.Trim(h.Get(gowarc.WarcTargetURI), "<>"),
		IP:  h.Get(gowarc.WarcIPAddress),
	}
	// A missing or malformed WARC-Date leaves FetchedAt zero.
	ex.FetchedAt, _ = time.Parse(time.RFC3339Nano, h.Get(gowarc.WarcDate))
	resp, err := http.ReadResponse(headerReader(blk.ProtocolHeaderBytes()), nil)
	if err != nil {
		return Exchange{}, fmt.Errorf("HTTP response header of %s: %w", ex.URL, err)
	}
	ex.Status, ex.Proto, ex.RespHeader = resp.StatusCode, resp.Proto, resp.Header
	pr, err := blk.PayloadBytes()
	if err != nil {
		return Exchange{}, fmt.Errorf("payload of %s: %w", ex.URL, err)
	}
	body, err := readAllSized(pr, blk.Size()-int64(len(blk.ProtocolHeaderBytes())))
	if err != nil {
		return Exchange{}, fmt.Errorf("payload of %s: %w", ex.URL, err)
	}
	ex.Body = body
	decodeBody(&ex, resp.TransferEncoding)
	return ex, nil
}

// headerReader reads an HTTP header held in memory through a buffer of
// its size (not bufio's default 4 KiB).
func headerReader(h []byte) *bufio.Reader {
	return bufio.NewReaderSize(bytes.NewReader(h), len(h)+1)
}

// readAllSized is io.ReadAll into a buffer of the expected size n (the
// block is cached, so its size is known): one allocation, not a doubling
// series of them.
func readAllSized(r io.Reader, n int64) ([]byte, error) {
	if n < 0 || n > 1<<30 {
		return io.ReadAll(r)
	}
	b := bytes.NewBuffer(make([]byte, 0, n+bytes.MinRead))
	_, err := b.ReadFrom(r)
	return b.Bytes(), err
}

// decodeBody removes the transfer and content codings Go's client would
// have removed, and makes the header say so. A body that does not decode
// is left as it is, with its header.
func decodeBody(ex *Exchange, te []string) {
	if len(te) > 0 && strings.EqualFold(te[len(te)-1], "chunked") {
		if b, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(ex.Body))); err == nil {
			ex.Body = b
		}
		ex.RespHeader.Del("Transfer-Encoding")
		ex.RespHeader.Set("Content-Length", strconv.Itoa(len(ex.Body)))
	}
	var zr io.Reader
	switch strings.ToLower(strings.TrimSpace(ex.RespHeader.Get("Content-Encoding"))) {
	case "gzip", "x-gzip":
		if g, err := gzip.NewReader(bytes.NewReader(ex.Body)); err == nil {
			zr = g
		}
	case "deflate":
		zr = flate.NewReader(bytes.NewReader(ex.Body))
	}
	if zr != nil {
		if b, err := io.ReadAll(io.LimitReader(zr, 1<<30)); err == nil {
			ex.Body = b
			ex.RespHeader.Del("Content-Encoding")
			ex.RespHeader.Set("Content-Length", strconv.Itoa(len(ex.Body)))
		}
	}
}

type request struct {
	id     string
	links  []string
	method string
	header http.Header
}

// linksTo reports whether the request names record id in WARC-Concurrent-To.
func (q *request) linksTo(id string) bool {
	for _, l := range q.links {
		if l == id {
			return true
		}
	}
	return false
}

// readRequest parses an HTTP request record; nil when it is not one.
func readRequest(wr gowarc.WarcRecord) *request {
	blk, ok := wr.Block().(gowarc.HttpRequestBlock)
	if !ok {
		return nil
	}
	req, err := http.ReadRequest(headerReader(blk.ProtocolHeaderBytes()))
	if err != nil {
		return nil
	}
	q := &request{id: wr.WarcHeader().GetId(gowarc.WarcRecordID), method: req.Method, header: req.Header}
	for _, c := range wr.WarcHeader().GetAll(gowarc.WarcConcurrentTo) {
		q.links = append(q.links, strings.Trim(c, "<>"))
	}
	return q
}
