package crawler

import (
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/unionnews/unionnews/sites"
)

func TestProfileOrigins(t *testing.T) {
	p := &sites.Profile{Hosts: []string{"a.vn", "www.a.vn"}, StartURLs: []string{"https://a.vn/x", "http://a.vn:8080/y"}}
	got := profileOrigins(p)
	slices.Sort(got)
	want := []string{"http://a.vn:80", "http://a.vn:8080", "http://www.a.vn:80", "https://a.vn:443", "https://a.vn:443", "https://www.a.vn:443"}
	if !slices.Equal(got, want) {
		t.Errorf("origins %q, want %q", got, want)
	}
}

func TestHostTransportRefusesOtherSchemeOrPort(t *testing.T) {
	called := 0
	next := roundTripFunc(func(r *http.Request) (*http.Response, error) { called++; return okResponse("", nil), nil })
	ht := newHostTransport(next, []string{"https://a.vn:443"}, nil, 100)
	for _, u := range []string{"http://a.vn/", "http://a.vn:8081/x", "https://a.vn:8443/x", "ftp://a.vn/"} {
		req, _ := http.NewRequest("GET", u, nil)
		if _, err := ht.RoundTrip(req); !errors.Is(err, ErrForeignHost) {
			t.Errorf("%s: err = %v, want ErrForeignHost", u, err)
		}
	}
	for _, u := range []string{"https://a.vn/", "https://A.vn:443/x"} {
		req, _ := http.NewRequest("GET", u, nil)
		if _, err := ht.RoundTrip(req); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	if called != 2 {
		t.Errorf("%d requests reached the network, want 2", called)
	}
}

// A 302 from an https page of an allowed host to the same host on
// another scheme and port is refused and counted; the record never keeps
// that URL.
func TestCrawlRedirectToOtherPortRefused(t *testing.T) {
	f := newFixture(t)
	f.listing(start1, "", "/bai-1.html", "/bai-2.html", "http://"+host+":9999/bai-3.html")
	f.handle("/bai-1.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://"+host+":9999/bai-moi-1.html", http.StatusFound)
	})
	f.article("/bai-moi-1.html")
	f.article("/bai-2.html")
	f.article("/bai-3.html")
	var s sink
	st := f.crawlOK(startProfile(t), &s, nil)
	if got, want := s.urls(), []string{real + "/bai-2.html"}; !slices.Equal(got, want) {
		t.Errorf("sink got %q, want %q", got, want)
	}
	if n := f.count("/bai-moi-1.html") + f.count("/bai-3.html"); n != 0 {
		t.Errorf("pages on another port fetched %d times", n)
	}
	if st.Errors != 1 || st.Stored != 1 {
		t.Errorf("stats %+v, want 1 error (the redirect) and 1 stored; the listing link on another port is not followed", st)
	}
}
