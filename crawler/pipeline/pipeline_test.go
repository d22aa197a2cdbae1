package pipeline

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/sites"
)

var (
	errNotArticle = errors.New("not an article")
	errInvalid    = errors.New("invalid record")
	errDisk       = errors.New("no space left on device")
)

// fakeCleaner cleans "<generic>…" bodies with the generic rung, "<none>"
// as not an article, "<fail>" as a failure, anything else by profile.
type fakeCleaner struct{}

func (fakeCleaner) Clean(page []byte, u string, p *sites.Profile) (sites.Article, error) {
	body := string(page)
	a := sites.Article{URL: u, Site: p.Name, Title: "T " + u, Text: body, Extractor: "profile"}
	switch {
	case body == "<none>":
		return a, fmt.Errorf("clean %s: %w", u, errNotArticle)
	case body == "<fail>":
		return a, fmt.Errorf("clean %s: parse error", u)
	case strings.HasPrefix(body, "<generic>"):
		a.Extractor = "trafilatura"
	}
	return a, nil
}

// memStore is an in-memory Store.
type memStore struct {
	mu       sync.Mutex
	arts     map[string]sites.Article
	outcomes map[string]sites.URLOutcome
	fail     bool
}

func newMemStore() *memStore {
	return &memStore{arts: map[string]sites.Article{}, outcomes: map[string]sites.URLOutcome{}}
}

func (m *memStore) IsVisited(string) (bool, error) { return false, nil }
func (m *memStore) MarkVisited(string) error       { return nil }
func (m *memStore) Save(a sites.Article) (string, sites.Change, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail {
		return "", "", errDisk
	}
	if a.Title == "" {
		return "", "", errInvalid
	}
	old, ok := m.arts[a.URL]
	m.arts[a.URL] = a
	switch {
	case !ok:
		return a.URL, sites.ChangeCreated, nil
	case old.Text == a.Text:
		return a.URL, sites.ChangeUnchanged, nil
	}
	return a.URL, sites.ChangeUpdated, nil
}
func (m *memStore) Plan(a sites.Article) (sites.Change, error) { return sites.ChangeCreated, nil }
func (m *memStore) LookupURL(u string) (sites.Article, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, ok := m.arts[u]
	if !ok {
		return a, errors.New("not found")
	}
	a.ID = "id-" + u
	return a, nil
}
func (m *memStore) ForEach(fn func(sites.Article) error) error {
	for _, a := range m.arts {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}
func (m *memStore) RecordOutcome(o sites.URLOutcome) error {
	m.mu.Lock()
	m.outcomes[o.URL] = o
	m.mu.Unlock()
	return nil
}
func (m *memStore) MarkGone(string, time.Time) error { return nil }
func (m *memStore) Boilerplate(string, int, float64) (map[uint64]bool, int, error) {
	return nil, 0, nil
}

func newTestPipeline(t *testing.T, st Store) *Pipeline {
	t.Helper()
	reg, err := sites.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(Config{Sites: reg, Cleaner: fakeCleaner{}, Store: st, NotArticle: errNotArticle, Invalid: errInvalid})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func page(i int, body string) crawler.Page {
	return crawler.Page{URL: fmt.Sprintf("https://laodongthudo.vn/bai-%d.html", i), Site: "laodongthudo.vn", Status: 200,
		Header: http.Header{"Etag": {`"e"`}}, Body: []byte(body), FetchedAt: time.Now()}
}

func TestOutcomesAndSinkErrors(t *testing.T) {
	st := newMemStore()
	p := newTestPipeline(t, st)
	ctx := context.Background()
	cases := []struct {
		body    string
		want    sites.Outcome
		wantErr error // nil: accepted
	}{
		{"Nội dung bài báo", sites.OutcomeStored, nil},
		{"<none>", sites.OutcomeNotArticle, crawler.ErrSkip},
		{"<fail>", sites.OutcomeCleanFailed, crawler.ErrUnfinished},
		{"<generic> lạc hồ sơ", sites.OutcomeOffProfile, crawler.ErrUnfinished},
	}
	for i, c := range cases {
		err := p.Sink(ctx, page(i, c.body))
		if c.wantErr == nil && err != nil || c.wantErr != nil && !errors.Is(err, c.wantErr) {
			t.Errorf("%q: err %v, want %v", c.body, err, c.wantErr)
		}
		if got := st.outcomes[page(i, "").URL].Outcome; got != c.want {
			t.Errorf("%q: outcome %q, want %q", c.body, got, c.want)
		}
	}
	if a := st.arts[page(0, "").URL]; a.ETag != `"e"` {
		t.Errorf("validator not kept: %+v", a)
	}
	// A profile-rung text is never replaced by the generic rung's.
	if err := p.Sink(ctx, page(0, "<generic> trang đã đổi giao diện")); !errors.Is(err, crawler.ErrUnfinished) {
		t.Errorf("off-profile over a stored article: %v", err)
	}
	if a := st.arts[page(0, "").URL]; a.Text != "Nội dung bài báo" {
		t.Errorf("stored text replaced by %q", a.Text)
	}
	st.fail = true
	if err := p.Sink(ctx, page(9, "Bài mới")); err == nil || isExpected(err) {
		t.Errorf("store failure: %v, want a failure", err)
	}
	rep := p.Report()
	if !errors.Is(rep.Err(), ErrStoreFailed) || rep.Total.StoreFailed != 1 || rep.Total.NowRejected != 1 {
		t.Errorf("report %+v, err %v", rep.Total, rep.Err())
	}
}

func TestDriftAlarm(t *testing.T) {
	for _, c := range []struct {
		off, of int
		alarm   bool
	}{{2, 6, true}, {1, 6, false}, {4, 4, false}, {2, 10, false}, {3, 10, true}} {
		p := newTestPipeline(t, newMemStore())
		for i := 0; i < c.of; i++ {
			body := "Nội dung"
			if i < c.off {
				body = "<generic> lạc"
			}
			p.Sink(context.Background(), page(i, fmt.Sprint(body, i)))
		}
		rep := p.Report()
		if got := len(rep.Drift) > 0; got != c.alarm {
			t.Errorf("%d of %d off profile: alarm %v, want %v", c.off, c.of, got, c.alarm)
			continue
		}
		if c.alarm {
			err := rep.Err()
			if !errors.Is(err, ErrDrift) || !strings.Contains(err.Error(), "laodongthudo.vn") || !strings.Contains(err.Error(), ".detail_info") {
				t.Errorf("drift error %q names no site or selector", err)
			}
		}
	}
}

// TestReplayLatestArticleResponse: only the latest 200 response of an
// article URL is cleaned; with ReplayOptions.Heads the first pass reads
// the heads (no bodies) and the source with bodies is read once.
func TestReplayLatestArticleResponse(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	u := "https://laodongthudo.vn/bai-1.html"
	exs := []crawler.Exchange{
		{URL: u, Status: 200, Body: []byte("Bản cũ"), FetchedAt: t0},
		{URL: "https://laodongthudo.vn/cong-doan/hoat-dong", Status: 200, Body: []byte("listing"), FetchedAt: t0},
		{URL: u, Status: 200, Body: []byte("Bản mới"), FetchedAt: t0.Add(time.Hour)},
		{URL: u, Status: 404, Body: []byte("gone"), FetchedAt: t0.Add(2 * time.Hour)},
		{URL: "https://example.com/bai-2.html", Status: 200, Body: []byte("x"), FetchedAt: t0},
	}
	read := func(bodies bool, n *int) Source {
		return func(fn func(crawler.Exchange, sites.ArchiveRef) error) error {
			*n++
			for i, ex := range exs {
				if !bodies {
					ex.Body = nil
				}
				if err := fn(ex, sites.ArchiveRef{File: "a.warc.gz", Offset: int64(i), RecordID: fmt.Sprint(i)}); err != nil {
					return err
				}
			}
			return nil
		}
	}
	for _, heads := range []bool{false, true} {
		st := newMemStore()
		p := newTestPipeline(t, st)
		var full, light int
		opts := ReplayOptions{}
		if heads {
			opts.Heads = read(false, &light)
		}
		rep, err := p.Replay(context.Background(), read(true, &full), opts)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Total.Pages != 1 || rep.Total.Created != 1 || len(st.arts) != 1 {
			t.Fatalf("heads %v: replay %+v, %d stored", heads, rep.Total, len(st.arts))
		}
		if a := st.arts[u]; a.Text != "Bản mới" || a.Archive == nil || a.Archive.Offset != 2 {
			t.Errorf("heads %v: stored %+v", heads, a)
		}
		if heads && (full != 1 || light != 1) {
			t.Errorf("source read %d times, heads %d times: want 1 and 1", full, light)
		}
	}
}
