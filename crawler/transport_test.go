package crawler

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// roundTripFunc records what the wrapped transport sends.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func okResponse(body string, header http.Header) *http.Response {
	if header == nil {
		header = http.Header{}
	}
	return &http.Response{StatusCode: 200, Header: header, Body: io.NopCloser(strings.NewReader(body)), ContentLength: -1}
}

func mustMirrors(t *testing.T, m map[string]string) []mirror {
	t.Helper()
	ms, err := parseMirrors(m)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func TestHostTransportMirrorRewrite(t *testing.T) {
	tests := []struct {
		base, in, want string
	}{
		{"http://127.0.0.1:8080", "https://a.vn/x/y-1.html?p=2", "http://127.0.0.1:8080/x/y-1.html?p=2"},
		{"http://127.0.0.1:8080/", "https://a.vn/", "http://127.0.0.1:8080/"},
		{"http://127.0.0.1:8080/a.vn", "https://a.vn/x.html#frag", "http://127.0.0.1:8080/a.vn/x.html"},
		{"http://127.0.0.1:8080/a.vn/", "https://a.vn/robots.txt", "http://127.0.0.1:8080/a.vn/robots.txt"},
		{"http://127.0.0.1:8080/m/a.vn", "https://a.vn/t%E1%BB%AB%2Fkhoa?q=%C4%91", "http://127.0.0.1:8080/m/a.vn/t%E1%BB%AB%2Fkhoa?q=%C4%91"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var sent string
			next := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				sent = r.URL.String()
				return okResponse("", nil), nil
			})
			ht := newHostTransport(next, []string{"https://a.vn:443"}, mustMirrors(t, map[string]string{"a.vn": tt.base}), 100)
			req, _ := http.NewRequest("GET", tt.in, nil)
			resp, err := ht.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			if sent != tt.want {
				t.Errorf("sent %s, want %s", sent, tt.want)
			}
			if resp.Request != req {
				t.Errorf("resp.Request is %v, want the original request", resp.Request.URL)
			}
		})
	}
}

func TestHostTransportLocation(t *testing.T) {
	mirrors := map[string]string{"a.vn": "http://127.0.0.1:8080/a.vn", "b.vn": "http://127.0.0.1:8080/b.vn", "c.vn": "http://127.0.0.1:9090"}
	tests := []struct{ loc, want string }{
		{"http://127.0.0.1:8080/a.vn/new-2.html?x=1", "https://a.vn/new-2.html?x=1"},
		{"http://127.0.0.1:8080/b.vn/", "https://b.vn/"},
		{"http://127.0.0.1:8080/b.vn", "https://b.vn/"},
		{"/a.vn/moved.html", "https://a.vn/moved.html"},
		{"http://127.0.0.1:9090/z.html", "https://c.vn/z.html"},
		{"http://127.0.0.1:8080/a.vnx/z.html", "http://127.0.0.1:8080/a.vnx/z.html"},
		{"http://127.0.0.1:7070/evil", "http://127.0.0.1:7070/evil"},
		{"https://evil.example/", "https://evil.example/"},
		{"/plain/relative.html", "/plain/relative.html"},
		{"relative.html", "relative.html"},
	}
	for _, tt := range tests {
		t.Run(tt.loc, func(t *testing.T) {
			next := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				resp := okResponse("", http.Header{"Location": {tt.loc}})
				resp.StatusCode = http.StatusFound
				return resp, nil
			})
			ht := newHostTransport(next, []string{"https://a.vn:443", "https://b.vn:443", "https://c.vn:443"}, mustMirrors(t, mirrors), 100)
			req, _ := http.NewRequest("GET", "https://a.vn/old-1.html", nil)
			resp, err := ht.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			if got := resp.Header.Get("Location"); got != tt.want {
				t.Errorf("Location %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHostTransportRefusesForeignHost(t *testing.T) {
	called := false
	next := roundTripFunc(func(r *http.Request) (*http.Response, error) { called = true; return okResponse("", nil), nil })
	ht := newHostTransport(next, []string{"https://a.vn:443"}, mustMirrors(t, map[string]string{"evil.vn": "http://127.0.0.1:1"}), 100)
	for _, u := range []string{"https://evil.vn/", "https://www.a.vn/", "http://127.0.0.1:1/a.vn/x"} {
		req, _ := http.NewRequest("GET", u, nil)
		if _, err := ht.RoundTrip(req); !errors.Is(err, ErrForeignHost) {
			t.Errorf("%s: err = %v, want ErrForeignHost", u, err)
		}
	}
	if called {
		t.Error("a foreign request reached the network")
	}
	// Through an http.Client, a redirect to a foreign host fails the same way.
	next = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Host != "a.vn" {
			called = true
		}
		resp := okResponse("", http.Header{"Location": {"https://evil.vn/x"}})
		resp.StatusCode = http.StatusMovedPermanently
		return resp, nil
	})
	client := &http.Client{Transport: newHostTransport(next, []string{"https://a.vn:443"}, nil, 100)}
	if _, err := client.Get("https://a.vn/"); !errors.Is(err, ErrForeignHost) || called {
		t.Errorf("redirect: err = %v, foreign called %v; want ErrForeignHost and no request", err, called)
	}
}

func TestHostTransportBodyLimit(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		length  int64
		wantErr bool
	}{
		{"exact, unknown length", strings.Repeat("x", 10), -1, false},
		{"over, unknown length", strings.Repeat("x", 11), -1, true},
		{"over by content-length", strings.Repeat("x", 11), 11, true},
		{"small", "abc", 3, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				resp := okResponse(tt.body, nil)
				resp.ContentLength = tt.length
				return resp, nil
			})
			ht := newHostTransport(next, []string{"https://a.vn:443"}, nil, 10)
			req, _ := http.NewRequest("GET", "https://a.vn/", nil)
			resp, err := ht.RoundTrip(req)
			var body []byte
			if err == nil {
				body, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			if tt.wantErr {
				if !errors.Is(err, ErrTooLarge) {
					t.Errorf("err = %v, want ErrTooLarge", err)
				}
				return
			}
			if err != nil || string(body) != tt.body {
				t.Errorf("body %q, err %v; want %q", body, err, tt.body)
			}
		})
	}
}

func TestParseMirrors(t *testing.T) {
	ms := mustMirrors(t, map[string]string{"a.vn": "http://h:1", "b.vn": "http://h:1/b.vn/"})
	if ms[0].host != "b.vn" || ms[0].base.String() != "http://h:1/b.vn" {
		t.Errorf("mirrors %v: want the longest base first, trailing slash trimmed", ms)
	}
	for _, bad := range []string{"h:1", "ftp://h/", "http:///x", "http://h/?q=1", "http://h/#f", "http://[::1"} {
		if _, err := parseMirrors(map[string]string{"a.vn": bad}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	u, _ := url.Parse("https://a.vn/x")
	if got := ms[1].rewrite(u).String(); got != "http://h:1/x" {
		t.Errorf("rewrite = %s", got)
	}
}
