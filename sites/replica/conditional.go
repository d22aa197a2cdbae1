package replica

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
)

// ConditionalHandler is Handler answering like a server with
// validators: every 200 response carries an ETag (a hash of its body) and
// a request whose If-None-Match names it gets 304 Not Modified with no
// body. Handler stays without validators, so the fixtures of tests that
// do not ask for them are unchanged. Re-crawl tests and benchmarks
// (crawler conditional requests) use this one.
func (r *Replica) ConditionalHandler() http.Handler {
	h := r.Handler()
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		res := rec.Result()
		body := rec.Body.Bytes()
		for k, v := range res.Header {
			w.Header()[k] = v
		}
		if res.StatusCode == http.StatusOK {
			sum := sha256.Sum256(body)
			etag := `"` + hex.EncodeToString(sum[:8]) + `"`
			w.Header().Set("ETag", etag)
			if inm := req.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, etag) {
				w.Header().Del("Content-Length")
				w.Header().Del("Content-Type")
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.WriteHeader(res.StatusCode)
		_, _ = w.Write(body)
	})
}
