package warc

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// Exchange is one fetched HTTP request/response pair.
type Exchange struct {
	URL        string      // real target URL (WARC-Target-URI), never a mirror's address
	Method     string      // request method, "" means GET
	ReqHeader  http.Header // request headers as sent
	Status     int
	Proto      string // response protocol, "" means HTTP/1.1
	RespHeader http.Header
	Body       []byte    // the response body as received by the client (after transport decoding)
	FetchedAt  time.Time // WARC-Date
	IP         string    // WARC-IP-Address, optional ("ip:port" is accepted; a value with no IP is left out)
}

// Ref points at the response record of an Exchange.
type Ref struct {
	File     string `json:"file"`      // file name relative to the archive dir (final name, never ".open")
	Offset   int64  `json:"offset"`    // byte offset of the response record (its gzip member) in File
	RecordID string `json:"record_id"` // WARC-Record-ID of the response record, without the angle brackets
}

// String renders the Ref as FILE@OFFSET, for logs and error messages.
func (r Ref) String() string { return fmt.Sprintf("%s@%d", r.File, r.Offset) }

// Options configure a Writer. A nil *Options means all defaults.
type Options struct {
	MaxFileSize int64        // rotate when a file exceeds this; 0 means 1 GiB
	Prefix      string       // file name prefix; "" means "unionnews"
	Logger      *slog.Logger // nil means slog.Default()
	Software    string       // "software" field of each file's warcinfo record; "" means "unionnews"
}

const (
	defaultMaxFileSize = 1 << 30
	defaultPrefix      = "unionnews"
	defaultSoftware    = "unionnews"

	// OpenSuffix marks a file that a Writer is still writing (or was
	// writing when its process died). Recover gives it its final name.
	OpenSuffix = ".open"
)

var (
	// ErrClosed is returned by Write and Sync after Close.
	ErrClosed = errors.New("warc: writer is closed")
	// ErrInvalidExchange is returned by Write for an Exchange that cannot be
	// archived (no absolute http(s) URL, a status outside 100..999).
	ErrInvalidExchange = errors.New("warc: invalid exchange")
	// ErrCorrupt is matched (errors.Is) by every *FormatError: the bytes at
	// the reported place are not a readable WARC record.
	ErrCorrupt = errors.New("warc: corrupt or unreadable record")
	// ErrNotFound is returned by ReadAt when the Ref's file does not exist
	// (under its final name or its ".open" name), or when the record at
	// the Ref's offset is not the one the Ref names.
	ErrNotFound = errors.New("warc: record not found")
)

// FormatError reports unreadable WARC data: which file, at which byte
// offset, and why. errors.Is(err, ErrCorrupt) holds for every FormatError.
type FormatError struct {
	File   string // path as given to Scan, or the archive path for ReadAt
	Offset int64  // byte offset of the record (or of the bytes) that failed
	Err    error
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("warc %s at offset %d: %v", e.File, e.Offset, e.Err)
}

func (e *FormatError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrCorrupt) true for a FormatError.
func (e *FormatError) Is(target error) bool { return target == ErrCorrupt }
