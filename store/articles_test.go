package store

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

const (
	url1 = "https://laodongthudo.vn/cong-doan/bai-1.html"
	url2 = "https://www.other.vn/copy-of-bai-1"
	text = "Sáng 1/4, Liên đoàn Lao động Thành phố tổ chức chương trình.\n\nĐoàn viên được tặng 500 suất quà."
)

func TestPutGetRoundTrip(t *testing.T) {
	db, dir := mustOpen(t)
	in := article(url1, text)
	res, err := db.Put(in)
	if err != nil {
		t.Fatal(err)
	}
	id := ID(url1)
	if want := (PutResult{ID: id, Created: true}); res != want {
		t.Fatalf("Put = %+v, want %+v", res, want)
	}
	got, err := db.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	want := in
	want.ID, want.ContentHash = id, ContentHash(text)
	assertSameRecord(t, got, want)

	// Published 2026-03-31 20:30 UTC is April in Hanoi.
	base := filepath.Join(dir, "corpus", "laodongthudo.vn", "2026", "04", id)
	assertFile(t, base+".txt", in.Title+"\n\n"+text+"\n")
	js, err := os.ReadFile(base + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var fromFile Record
	if err := json.Unmarshal(js, &fromFile); err != nil {
		t.Fatal(err)
	}
	assertSameRecord(t, fromFile, want)
	// The .json file is the record's canonical JSON line: the bytes an
	// export writes for it.
	if line, _ := json.Marshal(got); string(js) != string(line)+"\n" {
		t.Errorf(".json file is not the canonical line:\n%s\nwant\n%s", js, line)
	}
	byURL, err := db.LookupURL("HTTPS://www.LAODONGTHUDO.vn/cong-doan/bai-1.html#comments")
	if err != nil {
		t.Fatalf("LookupURL of a variant spelling: %v", err)
	}
	if byURL.ID != id {
		t.Errorf("LookupURL id = %s, want %s", byURL.ID, id)
	}
}

func TestPutFetchedAtMonthWhenUnpublished(t *testing.T) {
	db, dir := mustOpen(t)
	r := article(url1, text)
	r.Published = time.Time{}
	r.FetchedAt = time.Date(2026, 5, 31, 17, 0, 0, 0, time.UTC) // 1 June 00:00 in Hanoi
	if _, err := db.Put(r); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "corpus", "laodongthudo.vn", "2026", "06", ID(url1)+".txt")
	if _, err := os.Stat(p); err != nil {
		t.Error(err)
	}
}

func TestPutSameTextTwoURLs(t *testing.T) {
	db, _ := mustOpen(t)
	if _, err := db.Put(article(url1, text)); err != nil {
		t.Fatal(err)
	}
	// The copy differs in case, punctuation and white space only.
	copyText := "SÁNG 1/4 Liên đoàn Lao động Thành phố tổ chức chương trình   Đoàn viên được tặng 500 suất quà!"
	copyRec := article(url2, copyText)
	copyRec.Site = "other.vn"
	res, err := db.Put(copyRec)
	if err != nil {
		t.Fatal(err)
	}
	if want := (PutResult{ID: ID(url1), Duplicate: true}); res != want {
		t.Fatalf("Put copy = %+v, want %+v", res, want)
	}
	for _, u := range []string{url1, url2} {
		r, err := db.LookupURL(u)
		if err != nil {
			t.Fatalf("LookupURL(%s): %v", u, err)
		}
		if r.ID != ID(url1) || r.URL != url1 {
			t.Errorf("LookupURL(%s) = %s %s, want the first article", u, r.ID, r.URL)
		}
	}
	if _, err := db.Get(ID(url2)); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(id of copy) err = %v, want ErrNotFound", err)
	}
	st, err := db.Stats()
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{Articles: 1, URLs: 2, PerSite: map[string]int{"laodongthudo.vn": 1}}
	if !reflect.DeepEqual(st, want) {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}
	// Putting the copy again is a no-op that still resolves to the first.
	res, err = db.Put(copyRec)
	if err != nil {
		t.Fatal(err)
	}
	if want := (PutResult{ID: ID(url1), Unchanged: true}); res != want {
		t.Errorf("Put copy again = %+v, want %+v", res, want)
	}
}

func TestPutUnchanged(t *testing.T) {
	db, _ := mustOpen(t)
	if _, err := db.Put(article(url1, text)); err != nil {
		t.Fatal(err)
	}
	res, err := db.Put(article("HTTPS://LAODONGTHUDO.vn/cong-doan/bai-1.html#x", text+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := (PutResult{ID: ID(url1), Unchanged: true}); res != want {
		t.Errorf("Put = %+v, want %+v", res, want)
	}
}

func TestPutUpdate(t *testing.T) {
	db, dir := mustOpen(t)
	id := ID(url1)
	if _, err := db.Put(article(url1, text)); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(dir, "corpus", "laodongthudo.vn")
	april := filepath.Join(site, "2026", "04", id)

	// New text, same month: files replaced in place.
	r := article(url1, text+" Cập nhật.")
	res, err := db.Put(r)
	if err != nil {
		t.Fatal(err)
	}
	if want := (PutResult{ID: id, Updated: true}); res != want {
		t.Fatalf("Put = %+v, want %+v", res, want)
	}
	assertFile(t, april+".txt", r.Title+"\n\n"+r.Text+"\n")

	// New text and a new date: the files move to May.
	r.Text += " Lần hai."
	r.Published = time.Date(2026, 5, 3, 9, 0, 0, 0, ict)
	if res, err = db.Put(r); err != nil || !res.Updated {
		t.Fatalf("Put = %+v, %v; want Updated", res, err)
	}
	for _, ext := range []string{".txt", ".json"} {
		if _, err := os.Stat(april + ext); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("old %s still there (err %v)", ext, err)
		}
	}
	assertFile(t, filepath.Join(site, "2026", "05", id)+".txt", r.Title+"\n\n"+r.Text+"\n")
	got, err := db.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if got.ContentHash != ContentHash(r.Text) || !got.Published.Equal(r.Published) {
		t.Errorf("record not updated: %+v", got)
	}
	// The old text is free again: storing it under a new URL creates an article.
	res, err = db.Put(article(url2, text))
	if err != nil {
		t.Fatal(err)
	}
	if want := (PutResult{ID: ID(url2), Created: true}); res != want {
		t.Errorf("Put old text elsewhere = %+v, want %+v", res, want)
	}
}

func TestPutInvalid(t *testing.T) {
	db, _ := mustOpen(t)
	tests := []struct {
		name   string
		modify func(*Record)
	}{
		{"empty url", func(r *Record) { r.URL = "" }},
		{"empty site", func(r *Record) { r.Site = "" }},
		{"empty title", func(r *Record) { r.Title = "" }},
		{"empty text", func(r *Record) { r.Text = "" }},
		{"site with slash", func(r *Record) { r.Site = "a/b" }},
		{"site with backslash", func(r *Record) { r.Site = `a\b` }},
		{"site dot dot", func(r *Record) { r.Site = ".." }},
		{"site with dot dot", func(r *Record) { r.Site = "..evil" }},
		{"site dot", func(r *Record) { r.Site = "." }},
		{"site with newline", func(r *Record) { r.Site = "a\nb" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := article(url1, text)
			tt.modify(&r)
			if _, err := db.Put(r); !errors.Is(err, ErrInvalid) {
				t.Errorf("Put err = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestGetNotFound(t *testing.T) {
	db, _ := mustOpen(t)
	for _, id := range []string{ID(url1), "", "../../etc/passwd", "ZZZZZZZZZZZZZZZZ"} {
		if _, err := db.Get(id); !errors.Is(err, ErrNotFound) {
			t.Errorf("Get(%q) err = %v, want ErrNotFound", id, err)
		}
	}
	if _, err := db.LookupURL(url1); !errors.Is(err, ErrNotFound) {
		t.Errorf("LookupURL err = %v, want ErrNotFound", err)
	}
}

func TestForEachOrder(t *testing.T) {
	db, _ := mustOpen(t)
	day := func(d int) time.Time { return time.Date(2026, 4, d, 8, 0, 0, 0, ict) }
	puts := []struct {
		site string
		url  string
		pub  time.Time
	}{
		{"b.vn", "https://b.vn/1", day(1)},
		{"a.vn", "https://a.vn/late", day(9)},
		{"a.vn-x", "https://a-x.vn/1", day(1)},
		{"a.vn", "https://a.vn/undated", time.Time{}},
		{"a.vn", "https://a.vn/early", day(2)},
		{"a.vn", "https://a.vn/early-too", day(2)},
	}
	for i, p := range puts {
		r := article(p.url, "bài số "+string(rune('a'+i)))
		r.Site, r.Published = p.site, p.pub
		if _, err := db.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	early := []string{"https://a.vn/early", "https://a.vn/early-too"}
	if ID(early[0]) > ID(early[1]) {
		early[0], early[1] = early[1], early[0]
	}
	want := []string{"https://a.vn/undated", early[0], early[1], "https://a.vn/late", "https://a-x.vn/1", "https://b.vn/1"}
	var got []string
	err := db.ForEach(func(r Record) error {
		got = append(got, r.URL)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ForEach order:\n got %q\nwant %q", got, want)
	}
	stop := errors.New("stop")
	n := 0
	err = db.ForEach(func(Record) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("ForEach with failing fn: err %v after %d calls, want stop after 1", err, n)
	}
}

func assertFile(t *testing.T, path, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Error(err)
		return
	}
	if string(b) != want {
		t.Errorf("%s:\n got %q\nwant %q", path, b, want)
	}
}

// assertSameRecord compares records, times by instant.
func assertSameRecord(t *testing.T, got, want Record) {
	t.Helper()
	if !got.Published.Equal(want.Published) || !got.FetchedAt.Equal(want.FetchedAt) {
		t.Errorf("times = %v %v, want %v %v", got.Published, got.FetchedAt, want.Published, want.FetchedAt)
	}
	got.Published, got.FetchedAt = want.Published, want.FetchedAt
	if !reflect.DeepEqual(got, want) {
		t.Errorf("record:\n got %+v\nwant %+v", got, want)
	}
}
