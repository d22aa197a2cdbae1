package faultserver

import (
	"io"
	"net/http"
	"testing"
	"time"
)

// TestBounded: past MaxRequests the server answers 503, after Lifetime
// it is closed (a drip ends), and every connection is logged with its
// local port.
func TestBounded(t *testing.T) {
	s, err := Start(Options{MaxRequests: 2, Lifetime: 1500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	get := func(path string) int {
		resp, err := http.Get(s.URL + path)
		if err != nil {
			return 0
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if c := get("/robots.txt"); c != 200 {
		t.Fatalf("robots.txt: %d", c)
	}
	if c := get("/a/ok"); c != 200 {
		t.Fatalf("/a/ok: %d", c)
	}
	if c := get("/a/ok"); c != http.StatusServiceUnavailable || s.Refused() != 1 {
		t.Fatalf("third request: %d, refused %d; want 503 past MaxRequests", c, s.Refused())
	}
	start := time.Now()
	get("/a/drip") // refused too, but the connection is logged
	resp, err := http.Get(s.URL + "/a/drip")
	if err == nil {
		io.Copy(io.Discard, resp.Body) // 503 body
		resp.Body.Close()
	}
	time.Sleep(time.Until(start.Add(1600 * time.Millisecond)))
	if _, err := http.Get(s.URL + "/"); err == nil {
		t.Error("server still answering after its lifetime")
	}
	if len(s.Conns()) == 0 {
		t.Fatal("no connection logged")
	}
	for _, c := range s.Conns() {
		if c.Listener != "fault" || c.LocalPort != s.Port {
			t.Errorf("connection %+v", c)
		}
	}
	if v := s.Violations(); len(v) != 0 {
		t.Errorf("violations: %v", v)
	}
}

// TestForeignLogged: a connection to the foreign listener is a violation.
func TestForeignLogged(t *testing.T) {
	s, err := Start(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	resp, err := http.Get(s.ForeignURL + "/x")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if v := s.Violations(); len(v) != 1 {
		t.Fatalf("violations %v, want the foreign connection", v)
	}
}
