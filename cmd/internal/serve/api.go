package serve

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// Trailers of GET /api/export: the stream is complete only when the
// status trailer says "ok".
const (
	trailerStatus = "X-Unionnews-Export"
	trailerError  = "X-Unionnews-Error"
)

// sessionCookie holds the status page's login (see pageAuth).
const sessionCookie = "unionnews_session"

// Handler returns the HTTP handler: API, metrics and status page.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	h := func(pattern, name string, fn http.HandlerFunc) {
		mux.Handle(pattern, s.metrics.instrument(name, fn))
	}
	h("GET /healthz", "healthz", s.handleHealth)
	h("GET /api/sites", "sites", s.handleSites)
	h("GET /api/runs", "runs", s.handleRuns)
	h("GET /api/runs/{id}", "run", s.handleRunByID)
	h("POST /api/crawl", "crawl", s.requireToken(s.handleCrawl))
	h("POST /api/refresh", "refresh", s.requireToken(s.handleRefresh))
	h("GET /api/articles", "articles", s.handleArticles)
	h("GET /api/articles/{id}", "article", s.handleArticle)
	h("GET /api/export", "export", s.handleExport)
	h("GET /api/stats", "stats", s.handleStats)
	mux.Handle("GET /metrics", s.metrics.instrument("metrics", s.metrics.handler()))
	s.pageRoutes(h)
	return mux
}

// apiError is the body of every error answer.
type apiError struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, code int, format string, args ...any) {
	writeJSON(w, code, apiError{Error: fmt.Sprintf(format, args...)})
}

// health is the body of /healthz.
type health struct {
	Status  string `json:"status"`
	Data    string `json:"data"`
	Version string `json:"version"`
	Running int    `json:"runs_in_progress"`
}

func (s *Server) handleHealth(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	n := len(s.active)
	s.mu.Unlock()
	abs := s.o.Data
	if a, err := filepath.Abs(abs); err == nil {
		abs = a
	}
	writeJSON(w, http.StatusOK, health{Status: "ok", Data: abs, Version: s.o.Version, Running: n})
}

// authorized reports whether r carries the token: as a bearer token, or
// as the status page's session cookie.
func (s *Server) authorized(r *http.Request) bool {
	if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.token)) == 1
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		return subtle.ConstantTimeCompare([]byte(c.Value), []byte(s.session())) == 1
	}
	return false
}

// session is the session cookie value: an HMAC of the token, so a
// restart with the same token keeps the browser logged in and the cookie
// never holds the token itself.
func (s *Server) session() string {
	m := hmac.New(sha256.New, []byte(s.token))
	m.Write([]byte("unionnews status page session"))
	return hex.EncodeToString(m.Sum(nil))
}

func (s *Server) requireToken(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.authorized(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="unionnews"`)
			writeError(w, http.StatusUnauthorized, "missing or wrong bearer token (Authorization: Bearer $UNIONNEWS_TOKEN)")
			return
		}
		next(w, r)
	}
}

// SiteInfo is one entry of GET /api/sites.
type SiteInfo struct {
	Name        string    `json:"name"`
	Profile     string    `json:"profile"` // where the profile came from ("embedded:…" or a file)
	Description string    `json:"description,omitempty"`
	Hosts       []string  `json:"hosts"`
	Schedule    string    `json:"schedule,omitempty"`
	NextCrawl   time.Time `json:"next_crawl,omitzero"`
	NextRefresh time.Time `json:"next_refresh,omitzero"`
	LastCrawl   time.Time `json:"last_crawl,omitzero"`
	LastSuccess time.Time `json:"last_success,omitzero"`
	LastState   string    `json:"last_state,omitempty"`
	LastError   string    `json:"last_error,omitempty"`
	LastResult  *Result   `json:"last_result,omitempty"`
	Drift       string    `json:"drift"` // "ok" or the drifted selectors
	Running     *Run      `json:"running,omitempty"`
	Articles    int       `json:"articles"`
	// Outcomes counts the last outcome of each article URL of the site.
	Outcomes map[string]int `json:"outcomes,omitempty"`
}

// Sites describes every crawlable site: schedule, last and next run,
// counts, drift state.
func (s *Server) Sites() ([]SiteInfo, error) {
	st, err := s.o.Corpus.Stats()
	if err != nil {
		return nil, err
	}
	var out []SiteInfo
	for _, p := range s.o.Profiles.Crawlable() {
		si := SiteInfo{Name: p.Name, Profile: p.Source, Description: p.Description, Hosts: p.Hosts,
			Articles: st.PerSite[p.Name], Outcomes: st.Outcomes[p.Name]}
		if s.o.Config.scheduled(p.Name) {
			si.Schedule = s.o.Config.siteConfig(p.Name).Schedule
			if si.Schedule == "" {
				si.Schedule = DefaultSchedule
			}
		}
		si.NextCrawl, si.NextRefresh = s.next(p.Name, KindCrawl), s.next(p.Name, KindRefresh)
		s.mu.Lock()
		ps := s.state[p.Name]
		si.LastCrawl, si.LastSuccess, si.LastState, si.LastError = ps.LastCrawl, ps.LastSuccess, ps.LastState, ps.LastError
		si.Drift = "ok"
		if ps.Drift != "" {
			si.Drift = ps.Drift
		}
		if r, ok := s.busy[p.Name]; ok {
			cp := *r
			si.Running = &cp
		}
		for i := len(s.runs) - 1; i >= 0; i-- {
			if s.runs[i].Site == p.Name {
				res := s.runs[i].Result
				si.LastResult = &res
				break
			}
		}
		s.mu.Unlock()
		out = append(out, si)
	}
	return out, nil
}

func (s *Server) handleSites(w http.ResponseWriter, _ *http.Request) {
	list, err := s.Sites()
	if err != nil {
		writeError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"sites": list})
}

func (s *Server) handleRuns(w http.ResponseWriter, r *http.Request) {
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	writeJSON(w, http.StatusOK, map[string]any{"runs": s.Runs(r.URL.Query().Get("site"), limit)})
}

func (s *Server) handleRunByID(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	run, ok := s.Run(id)
	if err != nil || !ok {
		writeError(w, http.StatusNotFound, "no run %q", r.PathValue("id"))
		return
	}
	writeJSON(w, http.StatusOK, run)
}

// runRequest is the body of POST /api/crawl and /api/refresh.
type runRequest struct {
	Site string   `json:"site"`
	URLs []string `json:"urls"`
	// OlderThan ("24h"), for a refresh, re-fetches only articles fetched
	// longer ago.
	OlderThan Duration `json:"older_than"`
}

// readRunRequest reads a JSON body, or a form (site=…&url=…): a body
// starting with "{" is JSON whatever the Content-Type says, since
// `curl -d '{…}'` labels JSON as a form.
func readRunRequest(r *http.Request) (runRequest, error) {
	var req runRequest
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return req, fmt.Errorf("body: %w", err)
	}
	if t := bytes.TrimSpace(body); len(t) > 0 && t[0] != '{' {
		form, err := url.ParseQuery(string(t))
		if err != nil {
			return req, fmt.Errorf("body: %w", err)
		}
		req.Site, req.URLs = form.Get("site"), form["url"]
		if v := form.Get("older_than"); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil {
				return req, fmt.Errorf("older_than=%q: %w", v, err)
			}
			req.OlderThan = Duration(d)
		}
		return req, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return req, fmt.Errorf("body: want {\"site\": NAME} or {\"urls\": [URL, …]}: %w", err)
	}
	return req, nil
}

// handleCrawl starts a crawl of a site, or fetches the given URLs now
// ({"urls": …}: stored ones conditionally, new ones plainly — a refresh
// run of those URLs).
func (s *Server) handleCrawl(w http.ResponseWriter, r *http.Request) {
	s.handleRun(w, r, KindCrawl)
}

// handleRefresh re-fetches a site's stored articles (its policy's
// older_than) or the given URLs with conditional requests.
func (s *Server) handleRefresh(w http.ResponseWriter, r *http.Request) {
	s.handleRun(w, r, KindRefresh)
}

func (s *Server) handleRun(w http.ResponseWriter, r *http.Request, kind string) {
	req, err := readRunRequest(r)
	if err == nil && (req.Site == "") == (len(req.URLs) == 0) {
		err = errors.New(`want {"site": NAME} or {"urls": [URL, …]}, not both`)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	if req.OlderThan != 0 && kind != KindRefresh {
		writeError(w, http.StatusBadRequest, "older_than applies to POST /api/refresh")
		return
	}
	if req.Site != "" {
		run, err := s.StartRun(Run{Site: req.Site, Kind: kind, Trigger: TriggerAPI, OlderThan: req.OlderThan})
		s.answerStart(w, []Run{run}, err)
		return
	}
	bySite, bad := s.groupURLs(req.URLs)
	if len(bad) > 0 {
		writeError(w, http.StatusBadRequest, "refused, not on a profiled host (scheme and port included): %s", strings.Join(bad, ", "))
		return
	}
	names := make([]string, 0, len(bySite))
	for n := range bySite {
		names = append(names, n)
	}
	sort.Strings(names)
	var runs []Run
	for _, n := range names {
		run, err := s.StartRun(Run{Site: n, Kind: KindRefresh, Trigger: TriggerAPI, URLs: bySite[n], OlderThan: req.OlderThan})
		if err != nil {
			s.answerStart(w, runs, err)
			return
		}
		runs = append(runs, run)
	}
	s.answerStart(w, runs, nil)
}

// groupURLs maps each URL to its site; URLs on no profiled host (or with
// another scheme, a non-default port, user info) are returned in bad.
func (s *Server) groupURLs(urls []string) (bySite map[string][]string, bad []string) {
	bySite = map[string][]string{}
	for _, raw := range urls {
		p, ok := s.profileOf(raw)
		if !ok {
			bad = append(bad, strconv.Quote(raw))
			continue
		}
		bySite[p.Name] = append(bySite[p.Name], raw)
	}
	return bySite, bad
}

func (s *Server) profileOf(raw string) (*sites.Profile, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.User != nil || u.Host == "" {
		return nil, false
	}
	switch {
	case u.Scheme == "https" && (u.Port() == "" || u.Port() == "443"):
	case u.Scheme == "http" && (u.Port() == "" || u.Port() == "80"):
	default:
		return nil, false
	}
	p, ok := s.o.Profiles.ForURL(raw)
	if !ok || p.Abstract {
		return nil, false
	}
	return p, true
}

// answerStart writes 202 with the started runs, or the error's status.
func (s *Server) answerStart(w http.ResponseWriter, runs []Run, err error) {
	switch {
	case err == nil:
		writeJSON(w, http.StatusAccepted, map[string]any{"runs": runs})
	case errors.Is(err, ErrBusy):
		writeJSON(w, http.StatusConflict, map[string]any{"error": err.Error(), "runs": runs})
	case errors.Is(err, ErrUnknownSite):
		writeError(w, http.StatusBadRequest, "%v", err)
	default:
		writeError(w, http.StatusServiceUnavailable, "%v", err)
	}
}
