package serve

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
)

func TestPostNeedsToken(t *testing.T) {
	r := newFakeRunner()
	s := startServer(t, off(), r, &fakeCorpus{}, "")
	for _, tc := range []struct {
		path, token string
		want        int
	}{
		{"/api/crawl", "", http.StatusUnauthorized},
		{"/api/crawl", "wrong", http.StatusUnauthorized},
		{"/api/refresh", "", http.StatusUnauthorized},
		{"/api/crawl", testToken, http.StatusAccepted},
	} {
		code, body := s.do(t, "POST", tc.path, tc.token, `{"site":"laodong.vn"}`)
		if code != tc.want {
			t.Errorf("POST %s token %q: %d %s, want %d", tc.path, tc.token, code, body, tc.want)
		}
	}
	waitFor(t, 5*time.Second, "the authorised crawl", func() bool { return r.count("crawl laodong.vn") == 1 })
	if n := len(r.calls); n != 1 {
		t.Errorf("runner called %d times, want 1 (only the authorised request): %v", n, r.calls)
	}
	// Reads need no token.
	if code, _ := s.do(t, "GET", "/api/sites", "", ""); code != http.StatusOK {
		t.Errorf("GET /api/sites: %d", code)
	}
}

func TestRefreshRefusesForeignURLs(t *testing.T) {
	r := newFakeRunner()
	s := startServer(t, off(), r, &fakeCorpus{}, "")
	for _, u := range []string{
		"https://example.com/a.html",          // no profile
		"http://laodong.vn:8080/a-123.ldo",    // profiled host, other port
		"ftp://laodong.vn/a-123.ldo",          // other scheme
		"https://user@laodong.vn/a-123.ldo",   // user info
		"https://laodong.vn.evil.test/a.html", // suffix trick
	} {
		body := `{"urls":["https://laodong.vn/ok-1.ldo",` + strings.TrimSpace(mustJSON(u)) + `]}`
		code, resp := s.do(t, "POST", "/api/refresh", testToken, body)
		if code != http.StatusBadRequest || !strings.Contains(resp, "refused") {
			t.Errorf("refresh %s: %d %s, want 400 refused", u, code, resp)
		}
	}
	if n := r.refreshN.Load(); n != 0 {
		t.Fatalf("runner refreshed %d times for refused requests", n)
	}
	code, resp := s.do(t, "POST", "/api/refresh", testToken,
		`{"urls":["https://laodong.vn/a-1.ldo","https://nld.com.vn/b-2.htm","https://www.laodong.vn/c-3.ldo"]}`)
	if code != http.StatusAccepted {
		t.Fatalf("refresh of profiled URLs: %d %s", code, resp)
	}
	var got struct{ Runs []Run }
	if err := json.Unmarshal([]byte(resp), &got); err != nil || len(got.Runs) != 2 {
		t.Fatalf("want one run per site (2), got %s (%v)", resp, err)
	}
	waitFor(t, 5*time.Second, "both refreshes", func() bool { return r.refreshN.Load() == 2 })
	if r.count("refresh laodong.vn https://laodong.vn/a-1.ldo https://www.laodong.vn/c-3.ldo") != 1 {
		t.Errorf("laodong.vn URLs not refreshed together: %v", r.calls)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestArticlesPaged(t *testing.T) {
	c := &fakeCorpus{}
	for i := range 7 {
		c.arts = append(c.arts, sites.Article{ID: string(rune('a' + i)), Site: "laodong.vn", Title: "Bài " + string(rune('a'+i)), Text: "x"})
	}
	s := startServer(t, off(), newFakeRunner(), c, "")
	var ids []string
	cursor, pages := "", 0
	for {
		code, body := s.do(t, "GET", "/api/articles?site=laodong.vn&limit=3&cursor="+cursor, "", "")
		if code != http.StatusOK {
			t.Fatalf("page %d: %d %s", pages, code, body)
		}
		var p struct {
			Articles   []sites.Article
			NextCursor string `json:"next_cursor"`
		}
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			t.Fatal(err)
		}
		for _, a := range p.Articles {
			ids = append(ids, a.ID)
		}
		pages++
		if p.NextCursor == "" {
			break
		}
		cursor = p.NextCursor
	}
	if strings.Join(ids, "") != "abcdefg" || pages != 3 {
		t.Errorf("paged ids %v in %d pages, want abcdefg in 3", ids, pages)
	}
	if code, _ := s.do(t, "GET", "/api/articles?limit=x", "", ""); code != http.StatusBadRequest {
		t.Errorf("bad limit: %d, want 400", code)
	}
	if code, _ := s.do(t, "GET", "/api/articles/nope", "", ""); code != http.StatusNotFound {
		t.Errorf("missing article: %d, want 404", code)
	}
	code, body := s.do(t, "GET", "/api/export?format=jsonl&site=laodong.vn", "", "")
	if code != http.StatusOK || strings.Count(body, "\n") != 7 {
		t.Errorf("export: %d, %d lines", code, strings.Count(body, "\n"))
	}
	if code, _ := s.do(t, "GET", "/api/export?format=xml", "", ""); code != http.StatusBadRequest {
		t.Errorf("export format=xml: %d, want 400", code)
	}
}

func TestMetrics(t *testing.T) {
	r := newFakeRunner()
	s := startServer(t, off(), r, &fakeCorpus{}, "")
	if code, body := s.do(t, "POST", "/api/crawl", testToken, `{"site":"nld.com.vn"}`); code != http.StatusAccepted {
		t.Fatalf("crawl: %d %s", code, body)
	}
	waitFor(t, 5*time.Second, "the run to finish", func() bool {
		runs := s.srv.Runs("nld.com.vn", 1)
		return len(runs) == 1 && runs[0].State == StateOK
	})
	_, body := s.do(t, "GET", "/metrics", "", "")
	for _, want := range []string{
		`unionnews_articles_total{outcome="stored",site="nld.com.vn"} 3`,
		`unionnews_articles_total{outcome="updated",site="nld.com.vn"} 1`,
		`unionnews_articles_total{outcome="duplicate",site="nld.com.vn"} 1`,
		`unionnews_articles_total{outcome="rejected",site="nld.com.vn"} 2`,
		`unionnews_requests_total{site="nld.com.vn",status="200"} 5`,
		`unionnews_errors_total{kind="timeout",site="nld.com.vn"} 1`,
		`unionnews_runs_total{kind="crawl",site="nld.com.vn",state="ok"} 1`,
		`unionnews_run_duration_seconds_count{kind="crawl",site="nld.com.vn"} 1`,
		`unionnews_last_success_timestamp_seconds{kind="crawl",site="nld.com.vn"} `,
		`unionnews_http_requests_total{code="202",handler="crawl"} 1`,
		`go_goroutines `,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	// A registry per server: a second server starts from zero.
	s2 := startServer(t, off(), newFakeRunner(), &fakeCorpus{}, "")
	if _, body := s2.do(t, "GET", "/metrics", "", ""); strings.Contains(body, `site="nld.com.vn"`) {
		t.Error("second server's metrics show the first server's runs: shared registry")
	}
}

func TestHealthAndAddressFile(t *testing.T) {
	s := startServer(t, off(), newFakeRunner(), &fakeCorpus{arts: []sites.Article{{ID: "a", Site: "nld.com.vn", Title: "t", Text: "x"}}}, "")
	c, err := Discover(t.Context(), s.data)
	if err != nil {
		t.Fatalf("Discover: %v", err)
	}
	if c.Addr.URL != s.url {
		t.Errorf("serve.json url %q, want %q", c.Addr.URL, s.url)
	}
	st, err := c.Stats(t.Context())
	if err != nil || st.Articles != 1 {
		t.Errorf("client stats: %+v %v", st, err)
	}
	var b strings.Builder
	if err := c.Export(t.Context(), &b, ExportQuery{Format: "jsonl"}); err != nil || strings.Count(b.String(), "\n") != 1 {
		t.Errorf("client export: %q %v", b.String(), err)
	}
	s.stop(t)
	if _, err := Discover(t.Context(), s.data); err != ErrNoServer {
		t.Errorf("after stop Discover = %v, want ErrNoServer", err)
	}
}

// TestRunRequestBodies: JSON (whatever curl labels it) and forms are read;
// anything else is a 400 naming the expected body.
func TestRunRequestBodies(t *testing.T) {
	r := newFakeRunner()
	s := startServer(t, off(), r, &fakeCorpus{}, "")
	for body, want := range map[string]int{
		`{"site":"nld.com.vn"}`:                            http.StatusAccepted,
		`{"urls":["https://congdoan.vn/tin-tuc/a-1.tld"]}`: http.StatusAccepted, // fetched now (a refresh run of the URL)
		`{"urls":["https://example.com/a"]}`:               http.StatusBadRequest,
		`site=laodong.vn`:                                  http.StatusAccepted,
		`{"site":"nope.example"}`:                          http.StatusBadRequest,
		`{"sites":["laodong.vn"]}`:                         http.StatusBadRequest,
		`{"site":`:                                         http.StatusBadRequest,
		``:                                                 http.StatusBadRequest,
	} {
		if code, resp := s.do(t, "POST", "/api/crawl", testToken, body); code != want {
			t.Errorf("POST /api/crawl %q: %d %s, want %d", body, code, resp, want)
		}
	}
	waitFor(t, 5*time.Second, "two crawls and a URL fetch", func() bool {
		return r.count("crawl") == 2 && r.count("refresh congdoan.vn https://congdoan.vn/tin-tuc/a-1.tld") == 1
	})
}

// TestRefreshOlderThan: older_than from the request, else the site's
// refresh policy; a crawl takes none.
func TestRefreshOlderThan(t *testing.T) {
	r := newFakeRunner()
	cfg := off()
	cfg.Sites = map[string]SiteConfig{"laodong.vn": {Schedule: "off", Refresh: RefreshPolicy{OlderThan: Duration(48 * time.Hour)}}}
	s := startServer(t, cfg, r, &fakeCorpus{}, "")
	if code, body := s.do(t, "POST", "/api/refresh", testToken, `{"site":"laodong.vn"}`); code != http.StatusAccepted {
		t.Fatalf("refresh: %d %s", code, body)
	}
	waitFor(t, 5*time.Second, "the policy's older_than", func() bool { return r.count("refresh laodong.vn  older=48h0m0s") == 1 })
	waitFor(t, 5*time.Second, "the site to be free", func() bool { return s.srv.Runs("laodong.vn", 1)[0].State == StateOK })
	if code, body := s.do(t, "POST", "/api/refresh", testToken, `{"site":"laodong.vn","older_than":"24h"}`); code != http.StatusAccepted {
		t.Fatalf("refresh older_than: %d %s", code, body)
	}
	waitFor(t, 5*time.Second, "the request's older_than", func() bool { return r.count("refresh laodong.vn  older=24h0m0s") == 1 })
	if code, _ := s.do(t, "POST", "/api/crawl", testToken, `{"site":"nld.com.vn","older_than":"24h"}`); code != http.StatusBadRequest {
		t.Errorf("crawl with older_than: %d, want 400", code)
	}
}
