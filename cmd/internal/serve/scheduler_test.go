package serve

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestScheduleRunsAndNeverOverlaps(t *testing.T) {
	r := newFakeRunner()
	r.hold = 2500 * time.Millisecond // longer than the interval
	cfg := Config{Sites: map[string]SiteConfig{"laodong.vn": {Schedule: "@every 1s"}, "nld.com.vn": {Schedule: "@every 1s"}}}
	s := startServer(t, cfg, r, &fakeCorpus{}, "")
	waitFor(t, 5*time.Second, "the first scheduled runs", func() bool {
		return r.count("crawl laodong.vn") >= 1 && r.count("crawl nld.com.vn") >= 1
	})
	// While a run of laodong.vn is in progress, neither the API nor the
	// schedule starts another.
	code, body := s.do(t, "POST", "/api/crawl", testToken, `{"site":"laodong.vn"}`)
	if code != http.StatusConflict || !strings.Contains(body, "in progress") {
		t.Errorf("crawl during a run: %d %s, want 409", code, body)
	}
	if _, err := s.srv.Start("laodong.vn", KindRefresh, TriggerAPI, nil); !errors.Is(err, ErrBusy) {
		t.Errorf("refresh during a crawl of the site: %v, want ErrBusy", err)
	}
	waitFor(t, 10*time.Second, "a second scheduled run", func() bool { return r.count("crawl laodong.vn") >= 2 })
	r.mu.Lock()
	for site, n := range r.maxPer {
		if n != 1 {
			t.Errorf("%s had %d runs at once", site, n)
		}
	}
	r.mu.Unlock()
	_, metrics := s.do(t, "GET", "/metrics", "", "")
	if !strings.Contains(metrics, `unionnews_runs_skipped_total{kind="crawl",site="laodong.vn"}`) {
		t.Error("skipped scheduled runs not counted")
	}
	// Sites not listed in the config are not scheduled.
	if r.count("crawl congdoan.vn") != 0 {
		t.Error("unlisted site was scheduled")
	}
	var got struct{ Sites []SiteInfo }
	_, body = s.do(t, "GET", "/api/sites", "", "")
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	for _, si := range got.Sites {
		if si.Name == "laodong.vn" && (si.NextCrawl.IsZero() || si.Schedule != "@every 1s") {
			t.Errorf("laodong.vn: next %v schedule %q", si.NextCrawl, si.Schedule)
		}
		if si.Name == "congdoan.vn" && !si.NextCrawl.IsZero() {
			t.Errorf("congdoan.vn unscheduled but next %v", si.NextCrawl)
		}
	}
}

func TestMissedRunRunsOnceAtStart(t *testing.T) {
	data := t.TempDir()
	now := time.Now()
	st := state{
		"laodong.vn":  {LastCrawl: now.Add(-3 * time.Hour)},    // hourly: two slots missed → one run
		"nld.com.vn":  {LastCrawl: now.Add(-10 * time.Minute)}, // next slot still ahead
		"congdoan.vn": {LastRefresh: now.Add(-2 * time.Hour)},  // refresh hourly: missed
	}
	if err := st.save(data); err != nil {
		t.Fatal(err)
	}
	r := newFakeRunner()
	cfg := Config{Sites: map[string]SiteConfig{
		"laodong.vn":      {Schedule: "@every 1h"},
		"nld.com.vn":      {Schedule: "@every 1h"},
		"congdoan.vn":     {Schedule: "off", Refresh: RefreshPolicy{Schedule: "@every 1h"}},
		"laodongthudo.vn": {Schedule: "@every 1h"}, // never ran: nothing missed
	}}
	s := startServer(t, cfg, r, &fakeCorpus{}, data)
	waitFor(t, 5*time.Second, "the missed runs", func() bool {
		return r.count("crawl laodong.vn") == 1 && r.count("refresh congdoan.vn") == 1
	})
	time.Sleep(300 * time.Millisecond)
	if n := r.count("crawl laodong.vn"); n != 1 {
		t.Errorf("missed laodong.vn crawl ran %d times, want once", n)
	}
	for _, c := range []string{"crawl nld.com.vn", "crawl laodongthudo.vn", "crawl congdoan.vn"} {
		if r.count(c) != 0 {
			t.Errorf("%s ran at start, nothing was missed", c)
		}
	}
	runs := s.srv.Runs("laodong.vn", 0)
	if len(runs) != 1 || runs[0].Trigger != TriggerMissed {
		t.Errorf("runs %+v, want one with trigger %q", runs, TriggerMissed)
	}
	waitFor(t, 5*time.Second, "state saved", func() bool {
		got, err := loadState(data)
		return err == nil && got["laodong.vn"].LastCrawl.After(now.Add(-time.Minute))
	})
}

func TestShutdownCancelsRunsWithinGrace(t *testing.T) {
	data := t.TempDir()
	r := newFakeRunner()
	r.release = make(chan struct{}) // never released: runs until cancelled
	cfg := off()
	cfg.ShutdownGrace = Duration(500 * time.Millisecond)
	s := startServer(t, cfg, r, &fakeCorpus{}, data)
	if code, body := s.do(t, "POST", "/api/crawl", testToken, `{"site":"laodong.vn"}`); code != http.StatusAccepted {
		t.Fatalf("crawl: %d %s", code, body)
	}
	waitFor(t, 5*time.Second, "the run to start", func() bool { return r.count("crawl laodong.vn") == 1 })
	if _, err := os.Stat(filepath.Join(data, AddressFileName)); err != nil {
		t.Fatalf("no %s while serving: %v", AddressFileName, err)
	}
	start := time.Now()
	s.stop(t)
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("shutdown took %s with a 500ms grace", d)
	}
	runs := s.srv.Runs("laodong.vn", 0)
	if len(runs) != 1 || runs[0].State != StateInterrupted {
		t.Fatalf("runs after shutdown: %+v, want one interrupted", runs)
	}
	got, err := loadState(data)
	if err != nil {
		t.Fatal(err)
	}
	if ps := got["laodong.vn"]; ps.LastState != StateInterrupted || !ps.LastCrawl.IsZero() {
		t.Errorf("state %+v: want interrupted and no last crawl (so it is caught up at start)", ps)
	}
	if _, err := os.Stat(filepath.Join(data, AddressFileName)); !os.IsNotExist(err) {
		t.Errorf("%s left behind after shutdown: %v", AddressFileName, err)
	}
	if _, err := s.srv.Start("laodong.vn", KindCrawl, TriggerAPI, nil); err == nil {
		t.Error("Start after shutdown succeeded")
	}
}

func TestConfigErrors(t *testing.T) {
	reg := registry(t)
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{Sites: map[string]SiteConfig{"nope.vn": {}}}, `"nope.vn" has no profile`},
		{Config{Sites: map[string]SiteConfig{"laodong.vn": {Schedule: "every hour"}}}, `schedule "every hour"`},
		{Config{Default: SiteConfig{Refresh: RefreshPolicy{Schedule: "61 * * * *"}}}, `refresh site default`},
	} {
		_, err := New(Options{Data: t.TempDir(), Config: tc.cfg, Runner: newFakeRunner(), Corpus: &fakeCorpus{}, Profiles: reg})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("config %+v: err %v, want %q", tc.cfg, err, tc.want)
		}
	}
	path := filepath.Join(t.TempDir(), "serve.json")
	os.WriteFile(path, []byte(`{"sites":{"laodong.vn":{"schedul":"@hourly"}}}`), 0o644)
	if _, err := LoadConfig(path); err == nil || !strings.Contains(err.Error(), "schedul") {
		t.Errorf("unknown field: %v", err)
	}
}

func TestDefaultScheduleIsHourlyWithJitter(t *testing.T) {
	minutes := map[int]bool{}
	for _, site := range []string{"laodong.vn", "nld.com.vn", "congdoan.vn", "laodongthudo.vn"} {
		s, err := parseSchedule(site, "", true)
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		n1 := s.Next(t0)
		n2 := s.Next(n1)
		if n2.Sub(n1) != time.Hour {
			t.Errorf("%s: default runs %s apart, want hourly", site, n2.Sub(n1))
		}
		minutes[n1.Minute()] = true
	}
	if len(minutes) < 2 {
		t.Errorf("every site starts at the same minute %v: no jitter", minutes)
	}
}

func TestRunHistorySurvivesRestart(t *testing.T) {
	data := t.TempDir()
	cfg := off()
	cfg.History = 3
	s := startServer(t, cfg, newFakeRunner(), &fakeCorpus{}, data)
	for i := range 7 {
		if _, err := s.srv.Start("nld.com.vn", KindCrawl, TriggerAPI, nil); err != nil {
			t.Fatal(err)
		}
		waitFor(t, 5*time.Second, "the run", func() bool { return len(s.srv.Runs("", 0)) == min(i+1, 3) && s.srv.Runs("", 1)[0].State == StateOK })
	}
	s.stop(t)
	b, _ := os.ReadFile(filepath.Join(data, historyFileName))
	if n := strings.Count(string(b), "\n"); n > 2*3 {
		t.Errorf("history file has %d lines, want it compacted to at most %d", n, 2*3)
	}
	s2 := startServer(t, cfg, newFakeRunner(), &fakeCorpus{}, data)
	runs := s2.srv.Runs("", 0)
	if len(runs) != 3 || runs[0].ID != 7 || runs[2].ID != 5 {
		t.Fatalf("runs after restart: %+v, want ids 7, 6, 5", runs)
	}
	run, err := s2.srv.Start("nld.com.vn", KindCrawl, TriggerAPI, nil)
	if err != nil || run.ID != 8 {
		t.Errorf("first run after restart: id %d (%v), want 8", run.ID, err)
	}
}
