// Package faultserver is a test helper: a hostile web site on loopback
// that serves every fault a crawler meets in the wild (5xx bursts, 429
// with Retry-After, a never-ending drip, connection resets, truncated
// bodies, redirect loops, redirects off the allowlist, pagination and
// calendar traps, a 50 MB page, a gzip bomb, windows-1258 pages, broken
// HTML, PDF and image content, robots.txt Disallow), and a second
// "foreign" listener that a well-behaved crawler never contacts.
//
// Both listeners log every connection with its local port, so a test can
// prove that nothing outside the allowlist was reached. The server is
// bounded: it answers at most Options.MaxRequests requests (then 503) and
// shuts down after Options.Lifetime, so a runaway crawler cannot hang a
// test. It is meant to be the -mirror of the host Host; see Profile.
package faultserver

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Host is the real host name the fault site pretends to be; a crawl maps
// it to Server.URL with -mirror.
const Host = "faults.example"

// Options bound a Server. Zero values mean the defaults.
type Options struct {
	MaxRequests int           // default 2000
	Lifetime    time.Duration // default 3 minutes
	// Logf, when set, receives a line for every connection and request.
	Logf func(format string, args ...any)
}

// Conn is one accepted connection.
type Conn struct {
	Listener  string // "fault" or "foreign"
	LocalPort int
	Remote    string
	At        time.Time
}

// Request is one request the fault listener answered.
type Request struct {
	LocalPort int
	Host      string
	Path      string // path and query
}

// Server is the running fault site and its foreign listener.
type Server struct {
	// URL is the fault site's base, "http://127.0.0.1:PORT".
	URL string
	// ForeignURL is the foreign listener's base; no request may reach it.
	ForeignURL string
	// Port and ForeignPort are the listeners' ports.
	Port, ForeignPort int

	opts    Options
	srv     *http.Server
	foreign *http.Server
	done    chan struct{} // closed by Close: ends drips
	timer   *time.Timer
	once    sync.Once

	bombOnce  sync.Once
	bombBytes []byte

	mu       sync.Mutex
	conns    []Conn
	requests []Request
	hits     map[string]int // path -> requests so far (bursts)
	over     int            // requests refused past MaxRequests
	faults   map[string]int // fault kind -> times served
}

// Start starts both listeners on 127.0.0.1.
func Start(opts Options) (*Server, error) {
	if opts.MaxRequests <= 0 {
		opts.MaxRequests = 2000
	}
	if opts.Lifetime <= 0 {
		opts.Lifetime = 3 * time.Minute
	}
	s := &Server{opts: opts, done: make(chan struct{}), hits: map[string]int{}, faults: map[string]int{}}
	fl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("faultserver: %w", err)
	}
	gl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fl.Close()
		return nil, fmt.Errorf("faultserver: %w", err)
	}
	s.Port, s.ForeignPort = fl.Addr().(*net.TCPAddr).Port, gl.Addr().(*net.TCPAddr).Port
	s.URL = "http://" + fl.Addr().String()
	s.ForeignURL = "http://" + gl.Addr().String()
	s.srv = &http.Server{Handler: http.HandlerFunc(s.serve), ConnState: s.connState("fault"), ReadHeaderTimeout: 10 * time.Second}
	s.foreign = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.logf("foreign request %s %s", r.Host, r.URL)
		fmt.Fprintln(w, "foreign host: a crawler must never get here")
	}), ConnState: s.connState("foreign"), ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(fl)
	go s.foreign.Serve(gl)
	s.timer = time.AfterFunc(opts.Lifetime, func() { s.Close() })
	return s, nil
}

// Close stops both listeners and every open connection (drips end).
func (s *Server) Close() {
	s.once.Do(func() {
		s.timer.Stop()
		close(s.done)
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		s.srv.Shutdown(ctx)
		s.foreign.Shutdown(ctx)
		s.srv.Close()
		s.foreign.Close()
	})
}

func (s *Server) connState(name string) func(net.Conn, http.ConnState) {
	return func(c net.Conn, st http.ConnState) {
		if st != http.StateNew {
			return
		}
		port := c.LocalAddr().(*net.TCPAddr).Port
		s.mu.Lock()
		s.conns = append(s.conns, Conn{Listener: name, LocalPort: port, Remote: c.RemoteAddr().String(), At: time.Now()})
		s.mu.Unlock()
		s.logf("%s connection: local port %d from %s", name, port, c.RemoteAddr())
	}
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Logf != nil {
		s.opts.Logf(format, args...)
	}
}

// Conns returns the connection log of both listeners.
func (s *Server) Conns() []Conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Conn(nil), s.conns...)
}

// Requests returns the requests the fault listener answered.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Served returns how many times each fault kind was served.
func (s *Server) Served() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.faults))
	for k, v := range s.faults {
		out[k] = v
	}
	return out
}

// Refused returns the requests answered 503 past Options.MaxRequests.
func (s *Server) Refused() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.over
}

// Violations lists what a well-behaved crawler never causes: connections
// to the foreign listener, and requests for the /forbidden/ paths that
// only redirects off the allowlist point at (a crawler that followed a
// refused redirect through the mirror would ask for one).
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, c := range s.conns {
		if c.Listener != "fault" || c.LocalPort != s.Port {
			out = append(out, fmt.Sprintf("%s connection on local port %d from %s", c.Listener, c.LocalPort, c.Remote))
		}
	}
	for _, r := range s.requests {
		if strings.HasPrefix(r.Path, "/forbidden/") {
			out = append(out, fmt.Sprintf("request for %s (Host %s) on port %d", r.Path, r.Host, r.LocalPort))
		}
	}
	return out
}

// hit counts a request for key and returns its number (1 = first).
func (s *Server) hit(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits[key]++
	return s.hits[key]
}

func (s *Server) served(kind string) {
	s.mu.Lock()
	s.faults[kind]++
	s.mu.Unlock()
}

// admit logs the request and reports whether it is within MaxRequests.
func (s *Server) admit(r *http.Request) bool {
	port := 0
	if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if _, p, err := net.SplitHostPort(a.String()); err == nil {
			port, _ = strconv.Atoi(p)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{LocalPort: port, Host: r.Host, Path: r.URL.RequestURI()})
	if len(s.requests) > s.opts.MaxRequests {
		s.over++
		return false
	}
	return true
}
