package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestPageCursorWalksTheOrderOnce(t *testing.T) {
	db, err := Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	day := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	put := func(site string, i int) {
		t.Helper()
		_, err := db.Put(Record{URL: fmt.Sprintf("https://%s/bai-%d.htm", site, i), Site: site,
			Title: fmt.Sprintf("Bài %d", i), Text: fmt.Sprintf("Nội dung số %d của %s.", i, site), Published: day.Add(time.Duration(i) * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range 7 {
		put("nld.com.vn", i)
		put("laodong.vn", i)
	}
	var titles []string
	cursor, pages := "", 0
	for {
		recs, next, err := db.Page("nld.com.vn", cursor, 3, nil)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, r := range recs {
			if r.Site != "nld.com.vn" {
				t.Errorf("page of nld.com.vn holds %s", r.Site)
			}
			titles = append(titles, r.Title)
		}
		if pages == 1 {
			put("nld.com.vn", 9) // a write between pages lands at its place in the order, once
		}
		if next == "" {
			break
		}
		cursor = next
	}
	want := "Bài 0,Bài 1,Bài 2,Bài 3,Bài 4,Bài 5,Bài 6,Bài 9"
	if got := strings.Join(titles, ","); got != want || pages != 3 {
		t.Errorf("pages %d: %s\nwant 3: %s", pages, got, want)
	}
	// A filter and the whole corpus.
	recs, next, err := db.Page("", "", 100, func(r Record) bool { return strings.HasSuffix(r.Title, " 3") })
	if err != nil || len(recs) != 2 || next != "" {
		t.Errorf("filtered page: %d records, next %q, %v", len(recs), next, err)
	}
	if _, _, err := db.Page("", "!!", 3, nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad cursor: %v, want ErrInvalid", err)
	}
}
