package faultserver

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// Outcomes a crawl of the fault site should give each fault (Fault.Want).
const (
	WantStored    = "stored"     // the article is stored, maybe after retries
	WantNotStored = "not-stored" // fetched but not an article (PDF, image)
	WantHandled   = "handled"    // fetched, no fetch error; stored or not
	WantRobots    = "robots"     // not fetched: robots.txt disallows it
	// A Want of "failed:KIND" means the page fails with that
	// crawler.ErrorKind.
)

// Fault is one article URL of the fault site and the outcome a correct
// crawler gives it.
type Fault struct {
	Name  string // the article path is /a/Name
	Want  string // WantStored, WantNotStored, WantHandled, WantRobots or "failed:KIND"
	Retry string // the retry kind it must cause, "" for none
}

// URL is the fault's real URL (on Host).
func (f Fault) URL() string { return "http://" + Host + "/a/" + f.Name }

// Faults lists the article pages the home listing links to.
var Faults = []Fault{
	{Name: "ok", Want: WantStored},
	{Name: "burst-503", Want: WantStored, Retry: "status-503"},
	{Name: "ratelimit-429", Want: WantStored, Retry: "status-429"},
	{Name: "error-500", Want: "failed:status-500", Retry: "status-500"},
	{Name: "gone", Want: "failed:status-404"},
	{Name: "drip", Want: "failed:timeout", Retry: "timeout"},
	{Name: "reset", Want: "failed:reset", Retry: "reset"},
	{Name: "truncated", Want: "failed:truncated", Retry: "truncated"},
	{Name: "loop-a", Want: "failed:redirect-loop"},
	{Name: "chain", Want: "failed:redirect-loop"},
	{Name: "to-foreign", Want: "failed:foreign-host"},
	{Name: "to-port", Want: "failed:foreign-host"},
	{Name: "to-scheme", Want: "failed:foreign-host"},
	{Name: "to-loopback", Want: "failed:foreign-host"},
	{Name: "to-metadata", Want: "failed:foreign-host"},
	{Name: "to-file", Want: "failed:foreign-host"},
	{Name: "to-userinfo", Want: "failed:foreign-host"},
	{Name: "to-decimal", Want: "failed:foreign-host"},
	{Name: "huge", Want: "failed:too-large"},
	{Name: "gzip-bomb", Want: "failed:too-large"},
	{Name: "cp1258-header", Want: WantStored},
	{Name: "cp1258-meta", Want: WantStored},
	{Name: "cp1258-none", Want: WantHandled},
	{Name: "malformed", Want: WantHandled},
	{Name: "nested", Want: WantHandled},
	{Name: "pdf", Want: WantNotStored},
	{Name: "image", Want: WantNotStored},
	{Name: "private-robots", Want: WantRobots},
}

// Robots is the site's robots.txt.
const Robots = "User-agent: *\nDisallow: /a/private\n"

// Trap pages: each links to the next, forever.
const (
	PagerPath    = "/list"            // ?page=N links to ?page=N+1
	CalendarPath = "/cal/2026/01/01/" // each day links to the next
)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if !s.admit(r) {
		http.Error(w, "request budget of the fault server spent", http.StatusServiceUnavailable)
		return
	}
	s.logf("request %s %s", r.Host, r.URL.RequestURI())
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, Robots)
	case p == "/":
		s.home(w)
	case p == PagerPath:
		n, _ := strconv.Atoi(r.URL.Query().Get("page"))
		s.served("pager")
		listing(w, fmt.Sprintf("Trang %d", n), []string{"/a/ok"}, fmt.Sprintf("%s?page=%d", PagerPath, n+1))
	case strings.HasPrefix(p, "/cal/"):
		s.served("calendar")
		listing(w, "Lịch "+p, []string{"/a/ok"}, nextDay(p))
	case strings.HasPrefix(p, "/a/"):
		s.article(w, r, strings.TrimPrefix(p, "/a/"))
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) home(w http.ResponseWriter) {
	var links []string
	for _, f := range Faults {
		links = append(links, "/a/"+f.Name)
	}
	listing(w, "Tin tức", links, "")
}

// listing writes a listing page: a.item links and an a.next link.
func listing(w http.ResponseWriter, title string, items []string, next string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><html><head><title>%s</title></head><body><h1>%s</h1><ul>\n", title, title)
	for _, it := range items {
		fmt.Fprintf(w, "<li><a class=\"item\" href=\"%s\">%s</a></li>\n", it, it)
	}
	fmt.Fprint(w, "</ul>")
	if next != "" {
		fmt.Fprintf(w, "<a class=\"next\" href=\"%s\">Trang sau</a>", next)
	}
	fmt.Fprint(w, "</body></html>")
}

// nextDay maps /cal/Y/M/D/ to the next day's path (a date that never
// ends: D grows past the month).
func nextDay(p string) string {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	if len(parts) != 4 {
		return CalendarPath
	}
	d, _ := strconv.Atoi(parts[3])
	return fmt.Sprintf("/cal/%s/%s/%02d/", parts[1], parts[2], d+1)
}

// article serves /a/NAME.
func (s *Server) article(w http.ResponseWriter, r *http.Request, name string) {
	s.served(name)
	n := s.hit(name)
	switch name {
	case "ok", "private-robots":
		writeArticle(w, name)
	case "burst-503":
		if n <= 2 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		writeArticle(w, name)
	case "ratelimit-429":
		if n <= 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		writeArticle(w, name)
	case "error-500":
		http.Error(w, "broken", http.StatusInternalServerError)
	case "gone":
		http.NotFound(w, r)
	case "loop-a":
		http.Redirect(w, r, "/a/loop-b", http.StatusFound)
	case "loop-b":
		http.Redirect(w, r, "/a/loop-a", http.StatusFound)
	case "chain":
		k, _ := strconv.Atoi(r.URL.Query().Get("n"))
		http.Redirect(w, r, fmt.Sprintf("/a/chain?n=%d", k+1), http.StatusFound)
	case "cp1258-header", "cp1258-meta", "cp1258-none":
		writeWindows1258(w, name)
	case "malformed":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, malformedHTML(name))
	case "nested":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		writeNested(w, name)
	case "pdf":
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	case "image":
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"))
	default:
		if s.streamFault(w, r, name) {
			return
		}
		if s.redirectFault(w, r, name) {
			return
		}
		http.NotFound(w, r)
	}
}

// redirectFault answers the redirects off the allowlist.
func (s *Server) redirectFault(w http.ResponseWriter, r *http.Request, name string) bool {
	fp := strconv.Itoa(s.ForeignPort)
	to := map[string]string{
		"to-foreign":  "http://localhost:" + fp + "/forbidden/foreign",
		"to-port":     "http://" + Host + ":" + fp + "/forbidden/port",
		"to-scheme":   "https://" + Host + "/forbidden/scheme",
		"to-loopback": "http://127.0.0.1:" + fp + "/forbidden/loopback",
		"to-metadata": "http://169.254.169.254/forbidden/latest/meta-data/",
		"to-file":     "file:///etc/passwd",
		"to-userinfo": "http://" + Host + "@127.0.0.1:" + fp + "/forbidden/userinfo",
		"to-decimal":  "http://2130706433:" + fp + "/forbidden/decimal",
	}[name]
	if to == "" {
		return false
	}
	w.Header().Set("Location", to)
	w.WriteHeader(http.StatusFound)
	return true
}
