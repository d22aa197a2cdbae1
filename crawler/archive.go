package crawler

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"github.com/unionnews/unionnews/sites"
)

// Exchange is one HTTP request and the response as the client received
// it (body before any charset conversion), for the archive. URL is the
// real URL, also when the page came from a mirror.
type Exchange struct {
	URL        string
	Method     string
	ReqHeader  http.Header
	Status     int
	Proto      string
	RespHeader http.Header
	Body       []byte
	FetchedAt  time.Time
	IP         string
}

// Archiver keeps every response the crawler receives: articles,
// listings, feeds, sitemaps, robots.txt, error pages. cmd adapts the
// WARC writer (store/warc) to it. Archive must be safe for concurrent
// use.
type Archiver interface {
	Archive(ex Exchange) (sites.ArchiveRef, error)
}

// ErrArchive wraps a failure to archive a response; the page counts as
// failed and is not marked visited.
var ErrArchive = errors.New("archive response")

// archiveRefHeader carries the archive reference of a response from the
// transport to the run's callbacks. It is removed before a Page is built.
const archiveRefHeader = "X-Unionnews-Archive-Ref"

// archiveTransport archives every response of next (fully buffered by
// retryTransport below it) and tags it with the record's reference.
type archiveTransport struct {
	next http.RoundTripper
	arch Archiver
}

// RoundTrip implements http.RoundTripper.
func (t *archiveTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read body: %w", req.URL, err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	ex := Exchange{
		URL: req.URL.String(), Method: req.Method, ReqHeader: req.Header.Clone(),
		Status: resp.StatusCode, Proto: resp.Proto, RespHeader: resp.Header.Clone(),
		Body: body, FetchedAt: time.Now().UTC().Round(0),
	}
	if ex.ReqHeader.Get("User-Agent") == "" && req.UserAgent() != "" {
		ex.ReqHeader.Set("User-Agent", req.UserAgent())
	}
	ref, err := t.arch.Archive(ex)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w: %w", req.URL, ErrArchive, err)
	}
	if b, err := json.Marshal(archiveTag{Ref: ref, At: ex.FetchedAt}); err == nil {
		resp.Header.Set(archiveRefHeader, string(b))
	}
	return resp, nil
}

// archiveTag is what archiveRefHeader carries: the record's reference and
// the fetch time written into it (WARC-Date), so that the Page has the
// same FetchedAt as its record and a later reclean of the record is seen
// as the same fetch.
type archiveTag struct {
	Ref sites.ArchiveRef `json:"ref"`
	At  time.Time        `json:"at"`
}

// popArchiveRef removes the archive reference from h and returns it with
// the archived fetch time; nil when the response was not archived.
func popArchiveRef(h http.Header) (*sites.ArchiveRef, time.Time) {
	v := h.Get(archiveRefHeader)
	if v == "" {
		return nil, time.Time{}
	}
	h.Del(archiveRefHeader)
	var tag archiveTag
	if json.Unmarshal([]byte(v), &tag) != nil {
		return nil, time.Time{}
	}
	return &tag.Ref, tag.At
}

// DecodeBody converts a response body to UTF-8 the way the crawler does
// before it hands a Page to the sink: when contentType names a charset
// other than UTF-8 the body is converted, otherwise it is returned as is
// (the cleaner decodes charsets declared in <meta>). Replays of archived
// responses (reclean, import) use it to see what a crawl saw.
func DecodeBody(body []byte, contentType string) ([]byte, error) {
	ct := strings.ToLower(contentType)
	if len(body) == 0 || !strings.Contains(ct, "charset") || strings.Contains(ct, "utf-8") || strings.Contains(ct, "utf8") {
		return body, nil
	}
	for _, media := range []string{"image/", "video/", "audio/", "font/"} {
		if strings.Contains(ct, media) {
			return body, nil
		}
	}
	r, err := charset.NewReader(bytes.NewReader(body), contentType)
	if err != nil {
		return nil, fmt.Errorf("decode %s body: %w", contentType, err)
	}
	return io.ReadAll(r)
}
