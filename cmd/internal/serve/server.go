package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/unionnews/unionnews/sites"
)

// Options configures New. Runner, Corpus and Profiles are required.
type Options struct {
	// Data is the data directory: serve keeps serve-state.json and
	// serve.json there.
	Data     string
	Config   Config
	Runner   Runner
	Corpus   Corpus
	Profiles Profiles
	// Version is shown on the status page and /healthz.
	Version string
	// Logger nil means slog.Default().
	Logger *slog.Logger
	// Location of the schedules; nil means Asia/Ho_Chi_Minh.
	Location *time.Location
}

// Log attribute keys.
const (
	logKeySite    = "site"
	logKeyKind    = "kind"
	logKeyTrigger = "trigger"
	logKeyRun     = "run"
	logKeyErr     = "err"
	logKeyAddr    = "addr"
	logKeyState   = "state"
	logKeyStored  = "stored"
	logKeyUpdated = "updated"
	logKeyErrors  = "errors"
	logKeyPage    = "page"
)

// ErrBusy is returned when a run of the site is already in progress.
var ErrBusy = errors.New("a run of this site is in progress")

// ErrUnknownSite is returned for a site with no crawlable profile.
var ErrUnknownSite = errors.New("unknown site")

// Server is one serve process: scheduler, runs, HTTP handler, metrics.
type Server struct {
	o        Options
	log      *slog.Logger
	token    string
	tokenGen bool // the token was generated (written to serve.json)
	metrics  *metrics
	cron     *cron.Cron
	grace    time.Duration
	history  int

	// runCtx is the context of every run; cancelled when the shutdown
	// grace is over.
	runCtx    context.Context
	cancelRun context.CancelFunc
	wg        sync.WaitGroup

	mu      sync.Mutex
	state   state
	busy    map[string]*Run         // site → its run in progress
	runs    []*Run                  // finished runs, oldest first (at most history)
	active  map[int64]*Run          // runs in progress by id
	entries map[string]cron.EntryID // site+"\x00"+kind → cron entry
	lastID  int64
	stopped bool
	// historyLines counts the lines of DATA/serve-runs.jsonl.
	historyLines int
}

// New builds a server; it reads DATA/serve-state.json and checks the
// config, but starts nothing until Serve.
func New(o Options) (*Server, error) {
	if o.Runner == nil || o.Corpus == nil || o.Profiles == nil {
		return nil, errors.New("serve: Runner, Corpus and Profiles are required")
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Location == nil {
		o.Location = sites.Zone()
	}
	if o.Data == "" {
		o.Data = "data"
	}
	if err := os.MkdirAll(o.Data, 0o755); err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	known := func(name string) bool { p, ok := o.Profiles.Get(name); return ok && !p.Abstract }
	if err := o.Config.validate(known); err != nil {
		return nil, err
	}
	st, err := loadState(o.Data)
	if err != nil {
		return nil, err
	}
	s := &Server{
		o: o, log: o.Logger, token: o.Config.Token, metrics: newMetrics(),
		grace: time.Duration(o.Config.ShutdownGrace), history: o.Config.History,
		state: st, busy: map[string]*Run{}, active: map[int64]*Run{}, entries: map[string]cron.EntryID{},
	}
	if s.grace <= 0 {
		s.grace = 3 * time.Second
	}
	if s.history <= 0 {
		s.history = 200
	}
	if s.runs, s.historyLines, err = loadHistory(o.Data, s.history); err != nil {
		return nil, err
	}
	for _, r := range s.runs {
		s.lastID = max(s.lastID, r.ID)
	}
	if s.token == "" {
		b := make([]byte, 24)
		if _, err := rand.Read(b); err != nil {
			return nil, fmt.Errorf("serve: generate token: %w", err)
		}
		s.token, s.tokenGen = hex.EncodeToString(b), true
	}
	s.runCtx, s.cancelRun = context.WithCancel(context.Background())
	s.cron = cron.New(cron.WithLocation(o.Location), cron.WithLogger(cron.DiscardLogger))
	if err := s.schedule(); err != nil {
		return nil, err
	}
	return s, nil
}

// Token is the bearer token the API accepts.
func (s *Server) Token() string { return s.token }

// Serve runs the scheduler and the HTTP server on ln until ctx is done,
// then shuts down: no new runs, HTTP requests drained, in-flight runs
// given Config.ShutdownGrace to finish and then cancelled (the pipeline
// keeps what it stored), state saved. It records its address in
// DATA/serve.json while it runs.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	abs, err := filepath.Abs(s.o.Data)
	if err != nil {
		return err
	}
	addr := Address{URL: "http://" + ln.Addr().String(), PID: os.Getpid(), Data: abs, Started: time.Now()}
	if s.tokenGen {
		addr.Token = s.token
	}
	if err := writeAddress(s.o.Data, addr); err != nil {
		return err
	}
	defer removeAddress(s.o.Data, addr)
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("serving", logKeyAddr, addr.URL)
	s.catchUp(time.Now())
	s.cron.Start()

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	s.shutdown(srv)
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", serveErr)
	}
	return nil
}

// shutdown stops the scheduler and the HTTP server and waits for the
// runs: Config.ShutdownGrace to finish, then cancelled.
func (s *Server) shutdown(srv *http.Server) {
	s.mu.Lock()
	s.stopped = true
	s.mu.Unlock()
	s.cron.Stop()
	hctx, cancel := context.WithTimeout(context.Background(), s.grace)
	defer cancel()
	_ = srv.Shutdown(hctx) // streams still open after the grace are cut
	_ = srv.Close()
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-hctx.Done():
		s.log.Warn("runs still in progress at shutdown: cancelling them; what they stored is kept")
		s.cancelRun()
		<-done
	}
	s.cancelRun()
}

// Start starts a run of site in the background and returns it. It fails
// with ErrBusy when the site has a run in progress (never two runs of
// one site at once) and ErrUnknownSite for a site without a profile.
// urls, for a refresh, are the URLs to re-fetch (all of site).
func (s *Server) Start(site, kind, trigger string, urls []string) (Run, error) {
	return s.StartRun(Run{Site: site, Kind: kind, Trigger: trigger, URLs: urls})
}

// StartRun is Start for a run described by req: Site, Kind, Trigger,
// URLs and OlderThan are used, the rest is filled in.
func (s *Server) StartRun(req Run) (Run, error) {
	site, kind, trigger := req.Site, req.Kind, req.Trigger
	if p, ok := s.o.Profiles.Get(site); !ok || p.Abstract {
		return Run{}, fmt.Errorf("%w %q (see GET /api/sites)", ErrUnknownSite, site)
	}
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return Run{}, errors.New("serve is shutting down")
	}
	if cur, ok := s.busy[site]; ok {
		s.mu.Unlock()
		s.metrics.skipped.WithLabelValues(site, kind).Inc()
		return Run{}, fmt.Errorf("%s %s: %w (run %d, %s since %s)", kind, site, ErrBusy, cur.ID, cur.Kind, cur.Started.Format(time.RFC3339))
	}
	s.lastID++
	r := &Run{ID: s.lastID, Site: site, Kind: kind, Trigger: trigger, URLs: req.URLs, OlderThan: req.OlderThan,
		State: StateRunning, Started: time.Now()}
	s.busy[site] = r
	s.active[r.ID] = r
	s.wg.Add(1)
	s.metrics.inProgress.WithLabelValues(site).Inc() // under the lock, like the Dec in execute
	snap := *r
	s.mu.Unlock()
	s.log.Info("run started", logKeyRun, r.ID, logKeySite, site, logKeyKind, kind, logKeyTrigger, trigger)
	go s.execute(r)
	return snap, nil
}

// execute runs r and records its outcome.
func (s *Server) execute(r *Run) {
	defer s.wg.Done()
	var res Result
	var err error
	func() {
		defer func() {
			if v := recover(); v != nil {
				err = fmt.Errorf("run panicked: %v", v)
			}
		}()
		if r.Kind == KindRefresh {
			req := RefreshRequest{Site: r.Site, URLs: r.URLs, OlderThan: time.Duration(r.OlderThan)}
			if len(r.URLs) == 0 && req.OlderThan == 0 {
				req.OlderThan = time.Duration(s.o.Config.siteConfig(r.Site).Refresh.OlderThan)
			}
			res, err = s.o.Runner.Refresh(s.runCtx, req)
		} else {
			res, err = s.o.Runner.Crawl(s.runCtx, r.Site)
		}
	}()
	end := time.Now()

	s.mu.Lock()
	r.Finished, r.Result = end, res
	switch {
	case err == nil:
		r.State = StateOK
	case errors.Is(err, context.Canceled) || s.runCtx.Err() != nil:
		r.State, r.Error = StateInterrupted, err.Error()
	default:
		r.State, r.Error = StateFailed, err.Error()
	}
	st := s.state[r.Site]
	if r.State != StateInterrupted { // an interrupted run is caught up at the next start
		if r.Kind == KindRefresh {
			st.LastRefresh = r.Started
		} else {
			st.LastCrawl = r.Started
		}
	}
	if r.State == StateOK {
		st.LastSuccess = end
	}
	st.LastState, st.LastError = r.State, r.Error
	if r.Kind == KindCrawl {
		st.Drift = res.Drift
	}
	s.state[r.Site] = st
	saveErr := s.state.save(s.o.Data)
	delete(s.busy, r.Site)
	delete(s.active, r.ID)
	s.runs = append(s.runs, r)
	if len(s.runs) > s.history {
		s.runs = s.runs[len(s.runs)-s.history:]
	}
	done := *r
	histErr := appendHistory(s.o.Data, done)
	if s.historyLines++; histErr == nil && s.historyLines >= 2*s.history {
		if histErr = compactHistory(s.o.Data, s.runs); histErr == nil {
			s.historyLines = len(s.runs)
		}
	}
	s.metrics.observe(done) // under the lock: a finished run is never seen before its metrics
	s.mu.Unlock()

	if saveErr != nil {
		s.log.Error("save serve state", logKeyErr, saveErr)
	}
	if histErr != nil {
		s.log.Error("save run history", logKeyErr, histErr)
	}
	lvl := slog.LevelInfo
	if done.State != StateOK {
		lvl = slog.LevelWarn
	}
	s.log.Log(context.Background(), lvl, "run finished", logKeyRun, done.ID, logKeySite, done.Site, logKeyKind, done.Kind,
		logKeyState, done.State, logKeyStored, res.Stored, logKeyUpdated, res.Updated, logKeyErrors, res.Errors, logKeyErr, done.Error)
}

// Runs returns the runs in progress and the finished ones, newest first;
// site "" means every site; limit ≤ 0 means all kept.
func (s *Server) Runs(site string, limit int) []Run {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Run
	add := func(r *Run) bool {
		if site != "" && r.Site != site {
			return true
		}
		out = append(out, *r)
		return limit <= 0 || len(out) < limit
	}
	active := make([]*Run, 0, len(s.active))
	for _, r := range s.active {
		active = append(active, r)
	}
	sort.Slice(active, func(i, j int) bool { return active[i].ID > active[j].ID })
	for _, r := range active { // in-progress runs first, newest first
		if !add(r) {
			return out
		}
	}
	for i := len(s.runs) - 1; i >= 0; i-- {
		if !add(s.runs[i]) {
			break
		}
	}
	return out
}

// Run returns one run by id.
func (s *Server) Run(id int64) (Run, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.active[id]; ok {
		return *r, true
	}
	for _, r := range s.runs {
		if r.ID == id {
			return *r, true
		}
	}
	return Run{}, false
}
