package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

var testSites = []string{"laodong.vn", "nld.com.vn", "laodongthudo.vn"}

// testArticle is the i-th generated article: three sites, some undated,
// some with HTML-ish characters, tags and images.
func testArticle(i int) sites.Article {
	a := sites.Article{
		URL:       fmt.Sprintf("https://%s/tin/bai-%d.html", testSites[i%3], i),
		Site:      testSites[i%3],
		Title:     fmt.Sprintf("Công đoàn chăm lo đoàn viên số %d", i),
		Text:      fmt.Sprintf("Đoạn một của bài %d: người lao động & <doanh nghiệp>.\n\nĐoạn hai, \"trích dẫn\" và tiếp.", i),
		Published: time.Date(2026, time.Month(1+i%12), 1+i%27, i%24, 0, 0, 0, sites.Zone()),
		FetchedAt: time.Date(2026, 12, 1, 10, 0, 0, 123456789, time.UTC),
		Extractor: "profile",
	}
	if i%4 == 0 {
		a.Lead = "Sa pô " + fmt.Sprint(i)
		a.Author = "Minh Anh"
		a.Category = "Công đoàn"
		a.Tags = []string{"công đoàn", fmt.Sprint("tag", i)}
		a.Images = []sites.Image{{URL: fmt.Sprintf("https://%s/a%d.jpg", a.Site, i), Caption: "Ảnh"}, {URL: "https://x/b.jpg"}}
	}
	if i%5 == 0 {
		a.Published = time.Time{}
	}
	return a
}

// newCorpus stores n generated articles in a fresh store.
func newCorpus(t testing.TB, n int) (*store.DB, string) {
	t.Helper()
	dir := t.TempDir()
	db, err := store.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for i := range n {
		if _, err := db.Put(testArticle(i)); err != nil {
			t.Fatal(err)
		}
	}
	return db, dir
}

// stored returns the canonical lines of the stored articles, in export
// order, read with ForEach (decode) and json.Marshal (encode).
func stored(t testing.TB, db *store.DB) [][]byte {
	t.Helper()
	var lines [][]byte
	err := db.ForEach(func(r store.Record) error {
		b, err := json.Marshal(r)
		lines = append(lines, b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// corpusJSON reads the corpus .json file of an article.
func corpusJSON(t *testing.T, dir string, line []byte) []byte {
	t.Helper()
	var a sites.Article
	if err := json.Unmarshal(line, &a); err != nil {
		t.Fatal(err)
	}
	rel, err := TextPath(a)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "corpus", rel[:len(rel)-len(".txt")]+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// splitLines splits JSON Lines, checking the final newline.
func splitLines(t *testing.T, b []byte) [][]byte {
	t.Helper()
	if len(b) > 0 && b[len(b)-1] != '\n' {
		t.Fatalf("output does not end in a newline")
	}
	if len(b) == 0 {
		return nil
	}
	return bytes.Split(b[:len(b)-1], []byte{'\n'})
}

// noTemp fails when a temporary file is left under dir.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && filepath.Ext(p) == ".tmp" {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}
