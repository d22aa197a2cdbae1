package replica

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	r := newReplica(t)
	srv := httptest.NewServer(r.Handler())
	defer srv.Close()
	tests := []struct {
		name, method, path string
		status             int
		ctype, contains    string
	}{
		{"robots", "GET", "/laodongthudo.vn/robots.txt", 200, "text/plain; charset=utf-8", "Disallow: /apicenter@/"},
		{"home", "GET", "/laodongthudo.vn/", 200, "text/html; charset=utf-8", `class="main_menu"`},
		{"home without slash", "GET", "/laodongthudo.vn", 200, "text/html; charset=utf-8", `class="main_menu"`},
		{"listing", "GET", "/laodongthudo.vn/cong-doan/hoat-dong", 200, "text/html; charset=utf-8", `class="col_category"`},
		{"mastercms page 2 on www", "GET", "/www.laodongthudo.vn/cong-doan/hoat-dong&s_cond=&BRSR=8", 200, "text/html; charset=utf-8", `<span class="current">2</span>`},
		{"article", "GET", "/laodongthudo.vn/doi-moi-sang-tao-huong-ve-nguoi-lao-dong-116638.html", 200, "text/html; charset=utf-8", `class="detail_info`},
		{"windows-1258 article", "GET", "/laodongthudo.vn/trao-nha-mai-am-cong-doan-cho-nu-cong-nhan-co-hoan-canh-kho-khan-202230.html", 200, "text/html; charset=windows-1258", `<meta charset="windows-1258">`},
		{"missing article", "GET", "/laodongthudo.vn/cong-doan-phuong-hoang-mai-ra-mat-to-tu-van-phap-luat-tai-co-so-201120.html", 404, "text/html; charset=utf-8", "404"},
		{"unknown path", "GET", "/laodongthudo.vn/khong-co-trang-nay-123456.html", 404, "text/html; charset=utf-8", "Quay về trang chủ"},
		{"query is part of the key", "GET", "/laodongthudo.vn/cong-doan/hoat-dong?page=2", 404, "text/html; charset=utf-8", "404"},
		{"unknown host", "GET", "/example.com/", 404, "text/html; charset=utf-8", "No replica site"},
		{"root", "GET", "/", 404, "text/html; charset=utf-8", "No replica site"},
		{"head", "HEAD", "/laodongthudo.vn/robots.txt", 200, "text/plain; charset=utf-8", ""},
		{"post", "POST", "/laodongthudo.vn/robots.txt", 405, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, srv.URL+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			res, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, err := io.ReadAll(res.Body)
			if err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != tc.status {
				t.Errorf("status %d, want %d", res.StatusCode, tc.status)
			}
			if tc.ctype != "" && res.Header.Get("Content-Type") != tc.ctype {
				t.Errorf("Content-Type %q, want %q", res.Header.Get("Content-Type"), tc.ctype)
			}
			text := pageText(t, Page{ContentType: res.Header.Get("Content-Type"), Body: body})
			if !strings.Contains(text, tc.contains) {
				t.Errorf("body lacks %q", tc.contains)
			}
			if tc.method == "HEAD" && len(body) != 0 {
				t.Errorf("HEAD returned %d body bytes", len(body))
			}
		})
	}
}

// TestHandlerMirrors fetches every page of every site through the mirror
// of each of the site's hosts, the way the crawler does: mirror base +
// real path and query. Requests carry laodong.vn's D1N cookie, so its
// cookie wall lets them through (the wall has its own tests).
func TestHandlerMirrors(t *testing.T) {
	r := newReplica(t)
	srv := httptest.NewServer(r.Handler())
	defer srv.Close()
	mirrors := r.Mirrors(srv.URL)
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for host, mirror := range mirrors {
		for _, p := range r.SitePages(host, "") {
			u, err := url.Parse(p.URL)
			if err != nil {
				t.Fatal(err)
			}
			rest := u.RequestURI()
			req, _ := http.NewRequest(http.MethodGet, mirror+rest, nil)
			req.AddCookie(&http.Cookie{Name: "D1N", Value: LaodongD1N})
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != p.Status || string(body) != string(p.Body) {
				t.Errorf("%s via %s: status %d, %d bytes; want %d, %d bytes",
					p.URL, host, res.StatusCode, len(body), p.Status, len(p.Body))
			}
		}
	}
}
