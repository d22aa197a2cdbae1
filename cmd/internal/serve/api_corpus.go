package serve

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// articleQuery reads site, since, q, cursor and limit.
func articleQuery(v url.Values) (ArticleQuery, error) {
	q := ArticleQuery{Site: v.Get("site"), Q: v.Get("q"), Cursor: v.Get("cursor")}
	if s := v.Get("since"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t, err = time.ParseInLocation("2006-01-02", s, sites.Zone())
		}
		if err != nil {
			return q, fmt.Errorf("since=%q: want YYYY-MM-DD or RFC3339", s)
		}
		q.Since = t
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return q, fmt.Errorf("limit=%q: want a positive number", s)
		}
		q.Limit = n
	}
	q.Limit = min(max(q.Limit, 0), maxPage)
	if q.Limit == 0 {
		q.Limit = defaultPage
	}
	return q, nil
}

// Page sizes of GET /api/articles.
const (
	defaultPage = 50
	maxPage     = 500
)

func (s *Server) handleArticles(w http.ResponseWriter, r *http.Request) {
	q, err := articleQuery(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	arts, next, err := s.o.Corpus.Articles(q)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	if arts == nil {
		arts = []sites.Article{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"articles": arts, "next_cursor": next})
}

func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.o.Corpus.Article(r.PathValue("id"))
	switch {
	case errors.Is(err, ErrNotFound):
		writeError(w, http.StatusNotFound, "%v", err)
	case err != nil:
		writeError(w, http.StatusInternalServerError, "%v", err)
	default:
		writeJSON(w, http.StatusOK, a)
	}
}

func (s *Server) handleStats(w http.ResponseWriter, _ *http.Request) {
	st, err := s.o.Corpus.Stats()
	if err != nil {
		writeError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// handleExport streams the corpus; the trailer says whether it is whole.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q := ExportQuery{Format: v.Get("format"), Sites: v["site"]}
	if q.Format == "" {
		q.Format = "jsonl"
	}
	for _, b := range []struct {
		name string
		t    *time.Time
	}{{"since", &q.Since}, {"until", &q.Until}} {
		if s := v.Get(b.name); s != "" {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				writeError(w, http.StatusBadRequest, "%s=%q: want RFC3339", b.name, s)
				return
			}
			*b.t = t
		}
	}
	w.Header().Set("Trailer", trailerStatus+", "+trailerError)
	w.Header().Set("Content-Type", contentType(q.Format))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	cw := &countingWriter{w: w}
	err := s.o.Corpus.Export(r.Context(), cw, q)
	if err != nil && cw.n == 0 {
		w.Header().Del("Trailer")
		code := http.StatusInternalServerError
		if errors.Is(err, ErrBadFormat) {
			code = http.StatusBadRequest
		}
		writeError(w, code, "%v", err)
		return
	}
	if err != nil {
		w.Header().Set(trailerStatus, "error")
		w.Header().Set(trailerError, err.Error())
		return
	}
	w.Header().Set(trailerStatus, "ok")
}

func contentType(format string) string {
	switch format {
	case "jsonl":
		return "application/x-ndjson; charset=utf-8"
	case "csv":
		return "text/csv; charset=utf-8"
	default:
		return "application/octet-stream"
	}
}

// countingWriter counts bytes written, so an export error before any
// output can still be answered with an error status.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
