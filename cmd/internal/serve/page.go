package serve

import (
	"crypto/subtle"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/unionnews/unionnews/sites"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageFuncs are the template helpers.
func pageFuncs(loc *time.Location) template.FuncMap {
	return template.FuncMap{
		"when": func(t time.Time) string {
			if t.IsZero() {
				return "—"
			}
			return t.In(loc).Format("2006-01-02 15:04:05")
		},
		"ago": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			d := time.Since(t).Round(time.Second)
			if d < 0 {
				return "in " + (-d).String()
			}
			return d.String() + " ago"
		},
		"dur":   func(r Run) string { return r.Duration().Round(100 * time.Millisecond).String() },
		"paras": func(text string) []string { return strings.Split(text, "\n\n") },
		// head is the argument of the "head" template: the page title and,
		// when > 0, a reload interval in seconds.
		"reload": func(busy bool) int {
			if busy {
				return 2
			}
			return 0
		},
		"head": func(title string, reload int) map[string]any { return map[string]any{"Title": title, "Reload": reload} },
	}
}

// pageRoutes adds the status page, the article browser and reader, and
// the page's login and buttons.
func (s *Server) pageRoutes(h func(pattern, name string, fn http.HandlerFunc)) {
	tmpl := template.Must(template.New("").Funcs(pageFuncs(s.o.Location)).ParseFS(templateFS, "templates/*.html"))
	render := func(w http.ResponseWriter, name string, data any) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("X-Frame-Options", "DENY")
		if err := tmpl.ExecuteTemplate(w, name, data); err != nil {
			s.log.Error("render page", logKeyPage, name, logKeyErr, err)
		}
	}
	h("GET /{$}", "page_status", func(w http.ResponseWriter, r *http.Request) {
		list, err := s.Sites()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		runs := s.Runs("", 30)
		busy := false
		for _, run := range runs {
			busy = busy || run.State == StateRunning
		}
		render(w, "status.html", map[string]any{
			"Sites": list, "Runs": runs, "Busy": busy, "LoggedIn": s.authorized(r),
			"Version": s.o.Version, "Now": time.Now(), "Msg": r.URL.Query().Get("msg"),
		})
	})
	h("GET /articles", "page_articles", func(w http.ResponseWriter, r *http.Request) {
		q, err := articleQuery(r.URL.Query())
		var arts []sites.Article
		next := ""
		if err == nil {
			arts, next, err = s.o.Corpus.Articles(q)
		}
		nextURL := ""
		if next != "" {
			v := r.URL.Query()
			v.Set("cursor", next)
			nextURL = "/articles?" + v.Encode()
		}
		data := map[string]any{"Q": q, "Articles": arts, "Next": nextURL, "Sites": s.o.Profiles.Crawlable(), "Err": err}
		render(w, "articles.html", data)
	})
	h("GET /articles/{id}", "page_article", func(w http.ResponseWriter, r *http.Request) {
		a, err := s.o.Corpus.Article(r.PathValue("id"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		render(w, "article.html", a)
	})
	h("GET /login", "page_login", func(w http.ResponseWriter, r *http.Request) {
		render(w, "login.html", map[string]any{"Next": safeNext(r.URL.Query().Get("next")), "Failed": r.URL.Query().Has("failed")})
	})
	h("POST /login", "page_login", func(w http.ResponseWriter, r *http.Request) {
		next := safeNext(r.PostFormValue("next"))
		if !s.sameOrigin(r) || subtle.ConstantTimeCompare([]byte(r.PostFormValue("token")), []byte(s.token)) != 1 {
			http.Redirect(w, r, "/login?failed=1&next="+url.QueryEscape(next), http.StatusSeeOther)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: s.session(), Path: "/", HttpOnly: true,
			SameSite: http.SameSiteStrictMode, MaxAge: 30 * 24 * 3600})
		http.Redirect(w, r, next, http.StatusSeeOther)
	})
	button := func(kind string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if !s.sameOrigin(r) || !s.authorized(r) {
				http.Redirect(w, r, "/login?next=/", http.StatusSeeOther)
				return
			}
			site := r.PostFormValue("site")
			msg := "started " + kind + " of " + site
			if _, err := s.Start(site, kind, TriggerPage, nil); err != nil {
				msg = err.Error()
			}
			http.Redirect(w, r, "/?msg="+url.QueryEscape(msg)+"#runs", http.StatusSeeOther)
		}
	}
	h("POST /ui/crawl", "page_crawl", button(KindCrawl))
	h("POST /ui/refresh", "page_refresh", button(KindRefresh))
}

// sameOrigin rejects a cross-site form post: when the browser sends an
// Origin header it must be this server's.
func (s *Server) sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" || o == "null" && r.Header.Get("Sec-Fetch-Site") == "same-origin" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

// safeNext keeps a post-login redirect on this server.
func safeNext(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.Contains(p, "\\") {
		return "/"
	}
	return p
}
