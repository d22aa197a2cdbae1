package store

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// powerCut is the panic value of a simulated power cut.
type powerCut struct{}

// syncPoint names what one fsync made durable: "txt", "json" (the
// temporary file of <id>.txt or <id>.json, before its rename) or "dir".
func syncPoint(f *os.File) string {
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return "dir"
	}
	name := filepath.Base(f.Name())
	switch {
	case strings.Contains(name, ".txt.") && strings.HasSuffix(name, ".tmp"):
		return "txt"
	case strings.Contains(name, ".json.") && strings.HasSuffix(name, ".tmp"):
		return "json"
	}
	return name
}

// TestPowerLossAtEachSync cuts the power at each fsync of one article
// write (a new article, then a new version of it): the file being synced
// loses what was written to it (it never reached the disk) and nothing
// after the cut runs. Reopening repairs the write: the article is stored
// with files equal to its record, no temporary file is left, and the
// derived counts equal a recount. First it checks the order of the sync
// points themselves: each file is synced before its rename, the
// directory after both renames (a removed fsync fails here).
func TestPowerLossAtEachSync(t *testing.T) {
	first := article("https://laodongthudo.vn/cat-dien-1.html", "Công đoàn cơ sở tổ chức hội nghị người lao động năm 2026.")
	second := first
	second.Text = "Công đoàn cơ sở tổ chức hội nghị người lao động năm 2026, bản đã sửa."

	var points []string
	db, err := Open(t.TempDir(), &Options{SyncFile: func(f *os.File) error {
		points = append(points, syncPoint(f))
		return f.Sync()
	}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Put(first); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if got := strings.Join(points, " "); got != "txt json dir" {
		t.Fatalf("sync points of one write: %q, want \"txt json dir\"", got)
	}

	for _, update := range []bool{false, true} {
		for cut := 1; cut <= len(points); cut++ {
			dir := t.TempDir()
			want := first
			if update {
				want = second
				db := mustOpenDir(t, dir)
				if _, err := db.Put(first); err != nil {
					t.Fatal(err)
				}
				db.Close()
			}
			n := 0
			db, err := Open(dir, &Options{SyncFile: func(f *os.File) error {
				if n++; n == cut {
					if st, err := f.Stat(); err == nil && !st.IsDir() {
						f.Truncate(0) // the unsynced data is lost
					}
					panic(powerCut{})
				}
				return f.Sync()
			}})
			if err != nil {
				t.Fatal(err)
			}
			func() {
				defer func() {
					if v := recover(); v != nil && v != (powerCut{}) {
						panic(v)
					}
				}()
				db.Put(want)
				t.Errorf("update %v, cut at sync %d: the write finished", update, cut)
			}()
			db.Close()
			checkRepaired(t, dir, want, update, cut)
		}
	}
}

// checkRepaired reopens dir after a power cut and checks the article
// want was written whole.
func checkRepaired(t *testing.T, dir string, want Record, update bool, cut int) {
	t.Helper()
	db := mustOpenDir(t, dir)
	defer db.Close()
	got, err := db.LookupURL(want.URL)
	if err != nil || got.Text != want.Text {
		t.Errorf("update %v, cut at sync %d: after repair the article is %q (%v), want %q", update, cut, got.Text, err, want.Text)
		return
	}
	d := articleDir(db.CorpusDir(), got)
	if b, err := os.ReadFile(filepath.Join(d, got.ID+".txt")); err != nil || !bytes.Equal(b, textFile(got)) {
		t.Errorf("update %v, cut at sync %d: .txt differs from the record (%v)", update, cut, err)
	}
	js, _ := jsonFile(got)
	if b, err := os.ReadFile(filepath.Join(d, got.ID+".json")); err != nil || !bytes.Equal(b, js) {
		t.Errorf("update %v, cut at sync %d: .json differs from the record (%v)", update, cut, err)
	}
	filepath.WalkDir(db.CorpusDir(), func(p string, e fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".tmp") {
			t.Errorf("update %v, cut at sync %d: temporary file left: %s", update, cut, p)
		}
		return err
	})
	if st, err := db.Stats(); err != nil || st.Pending != 0 {
		t.Errorf("update %v, cut at sync %d: %d writes pending after repair (%v)", update, cut, st.Pending, err)
	}
	if err := db.CheckDerived(); err != nil {
		t.Errorf("update %v, cut at sync %d: %v", update, cut, err)
	}
}
