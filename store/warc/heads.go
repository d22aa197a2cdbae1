package warc

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// heads is ScanHeads' reading of a record: gowarc parses the WARC header
// and the HTTP header but checks neither (ErrIgnore: no URL parsing of
// WARC-Target-URI, no block caching, no digest), skips the rest of the
// block, and only the HTTP status line is read.
type heads struct{}

func (heads) options() []gowarc.WarcRecordOption {
	return []gowarc.WarcRecordOption{
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBufferMaxMemBytes(8 << 20),
	}
}

func (heads) isHTTP(wr gowarc.WarcRecord) bool      { return isHTTP(wr) }
func (heads) request(wr gowarc.WarcRecord) *request { return readRequest(wr) }

func (heads) exchange(wr gowarc.WarcRecord, h *gowarc.WarcFields) (Exchange, error) {
	ex := Exchange{URL: strings.Trim(h.Get(gowarc.WarcTargetURI), "<>"), IP: h.Get(gowarc.WarcIPAddress)}
	ex.FetchedAt, _ = time.Parse(time.RFC3339Nano, h.Get(gowarc.WarcDate))
	hdr := wr.Block().(gowarc.HttpResponseBlock).ProtocolHeaderBytes()
	line, _, _ := bytes.Cut(hdr, []byte("\n"))
	// "HTTP/1.1 200 OK", read as http.ReadResponse reads it.
	proto, status, _ := strings.Cut(strings.TrimRight(string(line), "\r"), " ")
	code, _, _ := strings.Cut(strings.TrimLeft(status, " "), " ")
	n, err := strconv.Atoi(code)
	if err != nil || len(code) != 3 || n < 0 {
		return Exchange{}, fmt.Errorf("HTTP response header of %s: malformed status line %q", ex.URL, line)
	}
	ex.Status, ex.Proto = n, proto
	return ex, nil
}
