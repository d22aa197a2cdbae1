package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/unionnews/unionnews/cleaner"
	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/crawler/pipeline"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/sites/replica"
	"github.com/unionnews/unionnews/store"
)

// TestPipelineLearnsBoilerplate stores replica articles that all carry
// the same "follow us" paragraph. Once the paragraph has recurred in
// enough stored articles, a later run's cleaner drops it and records the
// boilerplate rung; articles stored before that still have it.
func TestPipelineLearnsBoilerplate(t *testing.T) {
	const follow = "Mời bạn đọc theo dõi Báo Lao động Thủ đô trên mạng xã hội để cập nhật tin tức công đoàn mới nhất mỗi ngày."
	reg, err := loadSites("")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := replica.New()
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var pages []crawler.Page
	for _, p := range rep.SitePages("laodongthudo.vn", replica.KindArticle) {
		if !strings.Contains(p.ContentType, "utf-8") {
			continue // the windows-1258 page: inserting UTF-8 text would corrupt it
		}
		body := bytes.Replace(p.Body, []byte(`<p align="right">`), []byte("<p>"+follow+`</p><p align="right">`), 1)
		if bytes.Equal(body, p.Body) {
			t.Fatalf("%s: no author paragraph to insert before", p.URL)
		}
		pages = append(pages, crawler.Page{URL: p.URL, Site: "laodongthudo.vn", Status: 200, Body: body, FetchedAt: time.Now()})
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	first, second := pages[:8], pages[8:]
	run := func(ps []crawler.Page) {
		p := newTestPipeline(t, reg, db, log) // a new crawl run reads the learnt blocks afresh
		for _, pg := range ps {
			if err := p.Sink(context.Background(), pg); err != nil {
				t.Fatalf("sink %s: %v", pg.URL, err)
			}
		}
	}
	run(first)
	run(second)
	for i, pg := range pages {
		rec, err := db.LookupURL(pg.URL)
		if err != nil {
			t.Fatalf("%s not stored: %v", pg.URL, err)
		}
		has := strings.Contains(rec.Text, "Mời bạn đọc theo dõi")
		learnt := strings.HasSuffix(rec.Extractor, "+boilerplate")
		if i < len(first) && (!has || learnt) {
			t.Errorf("%s (first run): has paragraph %v, extractor %q; want it kept by the profile rung", pg.URL, has, rec.Extractor)
		}
		if i >= len(first) && (has || !learnt) {
			t.Errorf("%s (second run): has paragraph %v, extractor %q; want it removed as boilerplate", pg.URL, has, rec.Extractor)
		}
	}
}

// newTestPipeline wires a pipeline over db as openRun does, without an
// archive.
func newTestPipeline(t *testing.T, reg *sites.Registry, db *store.DB, log *slog.Logger) *pipeline.Pipeline {
	t.Helper()
	bp := pipeline.NewBoilerplate(db, log)
	p, err := pipeline.New(pipeline.Config{Sites: reg, Cleaner: cleaner.New(&cleaner.Options{Boilerplate: bp}), Store: db,
		Boilerplate: bp, NotArticle: cleaner.ErrNotArticle, Invalid: store.ErrInvalid, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExpandMirrors(t *testing.T) {
	reg, err := loadSites("")
	if err != nil {
		t.Fatal(err)
	}
	lao, _ := reg.Get("laodong.vn")
	ldt, _ := reg.Get("laodongthudo.vn")
	in := map[string]string{
		"laodong.vn":        "http://127.0.0.1:8080",
		"amp.laodong.vn":    "http://127.0.0.1:9090/amp",
		"unrelated.example": "http://127.0.0.1:7070",
	}
	got := expandMirrors([]*sites.Profile{lao, ldt}, in)
	want := map[string]string{
		"laodong.vn":        "http://127.0.0.1:8080",
		"www.laodong.vn":    "http://127.0.0.1:8080", // inherited: never fetched live
		"amp.laodong.vn":    "http://127.0.0.1:9090/amp",
		"unrelated.example": "http://127.0.0.1:7070",
	}
	if len(got) != len(want) {
		t.Fatalf("expandMirrors = %v, want %v", got, want)
	}
	for h, b := range want {
		if got[h] != b {
			t.Errorf("%s -> %q, want %q", h, got[h], b)
		}
	}
	if len(in) != 3 {
		t.Error("expandMirrors modified its input")
	}
}
