package warc

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	gowarc "github.com/nlnwa/gowarc/v3"
)

// recordOptions are the gowarc options for records this package creates:
// WARC 1.1, sha1 digests (base32, as Heritrix, wget and pywb use), and
// bodies up to 8 MiB buffered in memory rather than in a temporary file.
func recordOptions() []gowarc.WarcRecordOption {
	return []gowarc.WarcRecordOption{
		gowarc.WithVersion(gowarc.V1_1),
		gowarc.WithDefaultDigestAlgorithm("sha1"),
		gowarc.WithAddMissingDigest(true),
		gowarc.WithSpecViolationPolicy(gowarc.ErrFail),
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrFail),
		gowarc.WithBufferMaxMemBytes(8 << 20),
	}
}

var protoRE = regexp.MustCompile(`^HTTP/[0-9]\.[0-9]$`)

// exchangeRecords builds the request and response records of ex, each
// pointing at the other with WARC-Concurrent-To.
func exchangeRecords(ex Exchange) (req, resp gowarc.WarcRecord, err error) {
	u, err := url.Parse(targetURI(ex.URL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, nil, fmt.Errorf("%w: URL %q is not an absolute http(s) URL", ErrInvalidExchange, ex.URL)
	}
	if ex.Status < 100 || ex.Status > 999 {
		return nil, nil, fmt.Errorf("%w: %s: status %d", ErrInvalidExchange, ex.URL, ex.Status)
	}
	method := ex.Method
	if method == "" {
		method = http.MethodGet
	}
	if strings.ContainsAny(method, " \r\n\t") {
		return nil, nil, fmt.Errorf("%w: %s: method %q", ErrInvalidExchange, ex.URL, method)
	}
	proto := ex.Proto
	if proto == "" {
		proto = "HTTP/1.1"
	}
	if !protoRE.MatchString(proto) {
		return nil, nil, fmt.Errorf("%w: %s: protocol %q", ErrInvalidExchange, ex.URL, proto)
	}
	date := ex.FetchedAt
	if date.IsZero() {
		date = time.Now()
	}
	reqID := "urn:uuid:" + uuid.NewString()
	respID := "urn:uuid:" + uuid.NewString()

	// The request: the HTTP/1.1 serialisation of what was sent.
	var rb bytes.Buffer
	reqProto := "HTTP/1.1"
	if proto == "HTTP/1.0" {
		reqProto = proto
	}
	fmt.Fprintf(&rb, "%s %s %s\r\n", method, u.RequestURI(), reqProto)
	rh := cleanHeader(ex.ReqHeader)
	if rh.Get("Host") == "" {
		rh.Set("Host", u.Host)
	}
	if err := rh.Write(&rb); err != nil {
		return nil, nil, fmt.Errorf("%s: request header: %w", ex.URL, err)
	}
	rb.WriteString("\r\n")

	// The response: status line, headers made consistent with the decoded
	// body, the body.
	var sb bytes.Buffer
	text := http.StatusText(ex.Status)
	if text == "" {
		text = "status code " + strconv.Itoa(ex.Status)
	}
	fmt.Fprintf(&sb, "%s %03d %s\r\n", proto, ex.Status, text)
	if err := responseHeader(ex.RespHeader, ex.Body, method).Write(&sb); err != nil {
		return nil, nil, fmt.Errorf("%s: response header: %w", ex.URL, err)
	}
	sb.WriteString("\r\n")

	req, err = buildRecord(gowarc.Request, ex, date, reqID, respID, rb.Bytes(), nil)
	if err != nil {
		return nil, nil, err
	}
	resp, err = buildRecord(gowarc.Response, ex, date, respID, reqID, sb.Bytes(), ex.Body)
	if err != nil {
		_ = req.Close()
		return nil, nil, err
	}
	return req, resp, nil
}

func buildRecord(rt gowarc.RecordType, ex Exchange, date time.Time, id, other string, head, body []byte) (gowarc.WarcRecord, error) {
	b := gowarc.NewRecordBuilder(rt, recordOptions()...)
	b.AddWarcHeader(gowarc.WarcRecordID, "<"+id+">")
	b.AddWarcHeader(gowarc.WarcTargetURI, targetURI(ex.URL))
	b.AddWarcHeader(gowarc.WarcDate, formatDate(date))
	b.AddWarcHeader(gowarc.WarcConcurrentTo, "<"+other+">")
	if ip := ipAddress(ex.IP); ip != "" {
		b.AddWarcHeader(gowarc.WarcIPAddress, ip)
	}
	msgtype := "request"
	if rt == gowarc.Response {
		msgtype = "response"
	}
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype="+msgtype)
	if _, err := b.Write(head); err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("%s: %s record: %w", ex.URL, msgtype, err)
	}
	if _, err := b.Write(body); err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("%s: %s record: %w", ex.URL, msgtype, err)
	}
	rec, _, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("%s: %s record: %w", ex.URL, msgtype, err)
	}
	return rec, nil
}

// formatDate renders a WARC-Date: UTC, RFC 3339, with the fraction of a
// second when there is one (WARC 1.1 allows it).
func formatDate(t time.Time) string {
	return t.UTC().Format(time.RFC3339Nano)
}

// cleanHeader copies h, dropping keys and values a header line cannot carry.
func cleanHeader(h http.Header) http.Header {
	out := make(http.Header, len(h)+1)
	for k, vs := range h {
		if k == "" || strings.ContainsAny(k, " :\r\n\t") {
			continue
		}
		for _, v := range vs {
			out.Add(k, strings.NewReplacer("\r", " ", "\n", " ").Replace(v))
		}
	}
	return out
}

// responseHeader returns the response header to archive with body: Go's
// transport has removed the transfer coding and (when it asked for gzip
// itself) the content coding, so the header must not claim them. A
// Content-Encoding is kept only when body really is in that coding (a
// gzip body checked by decoding it); Transfer-Encoding is dropped; the
// Content-Length is that of body (a HEAD response keeps the server's).
func responseHeader(h http.Header, body []byte, method string) http.Header {
	out := cleanHeader(h)
	out.Del("Transfer-Encoding")
	if ce := out.Get("Content-Encoding"); ce != "" && !encodedAs(ce, body) {
		out.Del("Content-Encoding")
	}
	if method == http.MethodHead && len(body) == 0 && out.Get("Content-Length") != "" {
		return out
	}
	out.Set("Content-Length", strconv.Itoa(len(body)))
	return out
}

// encodedAs reports whether body is really in content coding ce. Only
// gzip is checked (by decoding); any other coding is taken as already
// removed, which is what Go's transport does.
func encodedAs(ce string, body []byte) bool {
	switch strings.ToLower(strings.TrimSpace(ce)) {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return false
		}
		_, err = io.Copy(io.Discard, zr)
		return err == nil
	}
	return false
}

// targetURI is u with the characters a WARC header value or a URI cannot
// carry (spaces, controls) percent-encoded; any other URL is kept as the
// caller gave it, non-ASCII letters included (WARC 1.1 headers are UTF-8).
func targetURI(u string) string {
	if !strings.ContainsFunc(u, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return u
	}
	var b strings.Builder
	for _, c := range []byte(u) {
		if c <= ' ' || c == 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// ipAddress returns the IP address in s ("1.2.3.4", "1.2.3.4:443",
// "[::1]:80", "::1"), or "" when s holds none: WARC-IP-Address is
// optional, so an unusable value is left out rather than failing Write.
func ipAddress(s string) string {
	if host, _, err := net.SplitHostPort(s); err == nil {
		s = host
	}
	ip := net.ParseIP(strings.Trim(s, "[]"))
	if ip == nil {
		return ""
	}
	return ip.String()
}
