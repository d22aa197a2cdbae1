package replica

import (
	"net/http"
	"strconv"
	"strings"
)

// genericNotFound is served for hosts that belong to no replica site.
const genericNotFound = `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>404 Not Found</title></head>
<body><h1>404 Not Found</h1><p>No replica site serves this host.</p></body></html>
`

// Handler serves GET and HEAD /<host>/<path>[?query]; for example
// /laodongthudo.vn/robots.txt or
// /www.laodongthudo.vn/cong-doan/hoat-dong&s_cond=&BRSR=8. An unknown
// page gets the site's HTML error page with status 404; other methods get
// 405.
//
// A site built with a wrap (laodong.vn's D1N cookie wall) is served
// through it: requests for that site's hosts pass the wrapper first.
func (r *Replica) Handler() http.Handler {
	base := http.Handler(http.HandlerFunc(r.serve))
	if len(r.wraps) == 0 {
		return base
	}
	wrapped := make(map[string]http.Handler, len(r.wraps))
	for canon, wrap := range r.wraps {
		wrapped[canon] = wrap(base)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		host, _, _ := strings.Cut(strings.TrimPrefix(req.URL.Path, "/"), "/")
		if h, ok := wrapped[r.canon[strings.ToLower(host)]]; ok {
			h.ServeHTTP(w, req)
			return
		}
		base.ServeHTTP(w, req)
	})
}

// handlerWrapper wraps the replica handler for the hosts of one site.
type handlerWrapper func(http.Handler) http.Handler

func (r *Replica) serve(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	host, path, _ := strings.Cut(strings.TrimPrefix(req.URL.Path, "/"), "/")
	k, known := r.pathKey(host, "/"+path, req.URL.RawQuery)
	p, ok := r.pages[k]
	switch {
	case ok:
	case known:
		p = r.notFound[r.canon[strings.ToLower(host)]]
	default:
		p = Page{Status: http.StatusNotFound, ContentType: "text/html; charset=utf-8", Body: []byte(genericNotFound)}
	}
	h := w.Header()
	h.Set("Content-Type", p.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(p.Body)))
	h.Set("Server", "MasterCMS")
	if p.Location != "" {
		h.Set("Location", p.Location)
	}
	if p.Kind != KindRobots {
		h.Set("Cache-Control", "max-age=60")
	}
	w.WriteHeader(p.Status)
	if req.Method == http.MethodGet {
		_, _ = w.Write(p.Body)
	}
}
