package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOpenCreatesLayout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "data")
	db := mustOpenDir(t, dir)
	defer db.Close()
	if want := filepath.Join(dir, "unionnews.db"); db.Path() != want {
		t.Errorf("Path = %s, want %s", db.Path(), want)
	}
	if fi, err := os.Stat(db.CorpusDir()); err != nil || !fi.IsDir() {
		t.Errorf("corpus dir: %v", err)
	}
}

func TestOpenDefaultDir(t *testing.T) {
	t.Chdir(t.TempDir())
	db, err := Open("", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Path() != filepath.Join("data", "unionnews.db") {
		t.Errorf("Path = %s", db.Path())
	}
}

// TestOpenInUse relies on flock locks belonging to the open file, so a
// second Open in the same process conflicts with the first on Linux.
func TestOpenInUse(t *testing.T) {
	dir := t.TempDir()
	db := mustOpenDir(t, dir)
	defer db.Close()

	tests := []struct {
		name string
		opts *Options
	}{
		{"writer", &Options{Timeout: 100 * time.Millisecond}},
		{"reader", &Options{Timeout: 100 * time.Millisecond, ReadOnly: true}},
		{"default timeout", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			db2, err := Open(dir, tt.opts)
			if err == nil {
				db2.Close()
				t.Fatal("second Open succeeded")
			}
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("Open took %v", took)
			}
			if !errors.Is(err, ErrInUse) {
				t.Fatalf("err = %v, want ErrInUse", err)
			}
			want := "open " + db.Path() + ": database in use (another unionnews process has it open)"
			if err.Error() != want {
				t.Errorf("err = %q, want %q", err, want)
			}
		})
	}
}

func TestOpenReadOnly(t *testing.T) {
	dir := t.TempDir()
	db := mustOpenDir(t, dir)
	if _, err := db.Put(article(url1, text)); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	opts := &Options{ReadOnly: true, Timeout: 100 * time.Millisecond}
	r1, err := Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := Open(dir, opts) // readers share the lock
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	defer r2.Close()
	if _, err := r2.Get(ID(url1)); err != nil {
		t.Errorf("Get: %v", err)
	}
	if _, err := r1.Put(article(url2, "khác")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Put err = %v, want ErrReadOnly", err)
	}
	if err := r1.MarkVisited(url2); !errors.Is(err, ErrReadOnly) {
		t.Errorf("MarkVisited err = %v, want ErrReadOnly", err)
	}
	if _, err := Open(dir, &Options{Timeout: 100 * time.Millisecond}); !errors.Is(err, ErrInUse) {
		t.Errorf("writer while readers: err = %v, want ErrInUse", err)
	}
}

func TestOpenReadOnlyMissing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "none")
	_, err := Open(dir, &Options{ReadOnly: true})
	if err == nil || !strings.Contains(err.Error(), "unionnews.db") {
		t.Errorf("err = %v, want an error naming the file", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("read-only Open created %s", dir)
	}
}

func TestRepairFiles(t *testing.T) {
	db, dir := mustOpen(t)
	if _, err := db.Put(article(url1, text)); err != nil {
		t.Fatal(err)
	}
	txt := filepath.Join(dir, "corpus", "laodongthudo.vn", "2026", "04", ID(url1)+".txt")
	if err := os.Remove(txt); err != nil {
		t.Fatal(err)
	}
	n, err := db.RepairFiles()
	if err != nil || n != 1 {
		t.Fatalf("RepairFiles = %d, %v; want 1", n, err)
	}
	if n, err = db.RepairFiles(); err != nil || n != 0 {
		t.Errorf("second RepairFiles = %d, %v; want 0", n, err)
	}
}
