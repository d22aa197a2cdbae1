package serve

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// TestPagesAndButtonLogin: the pages render, and the status page's
// buttons start runs only after a login with the token (a same-origin
// session cookie); a cross-site post is refused.
func TestPagesAndButtonLogin(t *testing.T) {
	r := newFakeRunner()
	c := &fakeCorpus{arts: []sites.Article{{ID: "0123456789abcdef", URL: "https://nld.com.vn/a-1.htm", Site: "nld.com.vn",
		Title: "Công đoàn hỗ trợ", Text: "Đoạn một.\n\nĐoạn hai."}}}
	s := startServer(t, off(), r, c, "")
	jar, _ := cookiejar.New(nil)
	cl := &http.Client{Jar: jar}
	get := func(path string) string {
		t.Helper()
		resp, err := cl.Get(s.url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %s", path, resp.Status)
		}
		return string(b)
	}
	for path, want := range map[string]string{
		"/":                          `id="refresh-nld.com.vn"`,
		"/articles?q=hỗ+trợ":         `href="/articles/0123456789abcdef"`,
		"/articles/0123456789abcdef": `<p>Đoạn hai.</p>`,
		"/login":                     `name="token"`,
	} {
		if body := get(path); !strings.Contains(body, want) {
			t.Errorf("GET %s lacks %s", path, want)
		}
	}
	if body := get("/articles/0123456789abcdef"); !strings.Contains(body, `href="https://nld.com.vn/a-1.htm"`) {
		t.Error("reader view lacks the source URL")
	}
	press := func() string {
		t.Helper()
		resp, err := cl.PostForm(s.url+"/ui/crawl", url.Values{"site": {"nld.com.vn"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Request.URL.Path
	}
	if p := press(); p != "/login" || r.count("crawl") != 0 {
		t.Fatalf("button without login: landed on %s, %d runs", p, r.count("crawl"))
	}
	resp, err := cl.PostForm(s.url+"/login", url.Values{"token": {"wrong"}, "next": {"/"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.URL.Query().Get("failed") == "" {
		t.Error("wrong token accepted")
	}
	if resp, err = cl.PostForm(s.url+"/login", url.Values{"token": {testToken}, "next": {"//evil.test/"}}); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.URL.Host != strings.TrimPrefix(s.url, "http://") || resp.Request.URL.Path != "/" {
		t.Errorf("login redirected to %s", resp.Request.URL)
	}
	if p := press(); p != "/" {
		t.Errorf("button after login landed on %s", p)
	}
	waitFor(t, 5*time.Second, "the button's run", func() bool { return r.count("crawl nld.com.vn") == 1 })
	if runs := s.srv.Runs("nld.com.vn", 1); len(runs) != 1 || runs[0].Trigger != TriggerPage {
		t.Errorf("runs %+v", runs)
	}
	// The same cookie from another origin is refused.
	req, _ := http.NewRequest("POST", s.url+"/ui/crawl", strings.NewReader("site=laodong.vn"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.test")
	if resp, err = cl.Do(req); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	time.Sleep(100 * time.Millisecond)
	if r.count("crawl laodong.vn") != 0 {
		t.Error("cross-origin post started a run")
	}
}
