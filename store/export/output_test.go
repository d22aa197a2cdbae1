package export

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/unionnews/unionnews/store"
)

// failingSource hands out n articles of src, then fails.
type failingSource struct {
	src Source
	n   int
}

var errBoom = errors.New("boom")

func (f failingSource) Scan(o *store.ScanOptions, fn func(*store.RawArticle) error) error {
	i := 0
	return f.src.Scan(o, func(r *store.RawArticle) error {
		if i == f.n {
			return errBoom
		}
		i++
		return fn(r)
	})
}

func TestFailedExportKeepsTheOldFileAndNoTemp(t *testing.T) {
	db, _ := newCorpus(t, 5)
	dir := t.TempDir()
	for _, name := range []string{"a.jsonl", "a.jsonl.zst", "a.csv", "a.parquet"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		format := map[string]Format{".jsonl": JSONL, ".zst": JSONL, ".csv": CSV, ".parquet": Parquet}[filepath.Ext(name)]
		_, err := ToPath(context.Background(), path, nil, failingSource{db, 3}, &Options{Format: format})
		if !errors.Is(err, errBoom) {
			t.Fatalf("%s: err = %v", name, err)
		}
		if b := mustRead(t, path); string(b) != "old" {
			t.Errorf("%s was changed by a failed export: %q", name, b)
		}
		// A new path stays absent.
		fresh := filepath.Join(dir, "new-"+name)
		if _, err := ToPath(context.Background(), fresh, nil, failingSource{db, 2}, &Options{Format: format}); err == nil {
			t.Fatalf("%s: no error", fresh)
		}
		if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("failed export created %s", fresh)
		}
	}
	tree := filepath.Join(dir, "tree")
	if _, err := ToPath(context.Background(), tree, nil, failingSource{db, 2}, &Options{Format: Text}); !errors.Is(err, errBoom) {
		t.Fatalf("txt: %v", err)
	}
	noTemp(t, dir)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 { // the four old files and the partial tree
		t.Errorf("left in the directory: %v", entries)
	}
}

func TestOutputDirectoryRefused(t *testing.T) {
	db, _ := newCorpus(t, 1)
	dir := t.TempDir()
	if _, err := ToPath(context.Background(), dir, nil, db, nil); !errors.Is(err, ErrIsDir) {
		t.Fatalf("export to a directory: %v", err)
	}
	noTemp(t, filepath.Dir(dir))
}

func TestOutputDevicesAndFIFOsWrittenDirectly(t *testing.T) {
	db, _ := newCorpus(t, 4)
	if fi, err := os.Stat(os.DevNull); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		if _, err := ToPath(context.Background(), os.DevNull, nil, db, nil); err != nil {
			t.Fatalf("export to %s: %v", os.DevNull, err)
		}
		if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("%s replaced: %v", os.DevNull, err)
		}
	}
	fifo := filepath.Join(t.TempDir(), "fifo.jsonl.gz")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan int64, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- -1
			return
		}
		n, _ := io.Copy(io.Discard, f)
		f.Close()
		got <- n
	}()
	res, err := ToPath(context.Background(), fifo, nil, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-got:
		if n != res.Bytes || n == 0 {
			t.Errorf("reader got %d bytes, export wrote %d", n, res.Bytes)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("FIFO reader got nothing")
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("FIFO replaced")
	}
	noTemp(t, filepath.Dir(fifo))
}

func TestCancelledExportLeavesNothing(t *testing.T) {
	db, _ := newCorpus(t, 3)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := filepath.Join(dir, "a.jsonl.gz")
	if _, err := ToPath(ctx, path, nil, db, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled export: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("cancelled export left %v", entries)
	}
}

func TestOutputThroughSymlinkKeepsTheLink(t *testing.T) {
	db, _ := newCorpus(t, 2)
	dir := t.TempDir()
	target := filepath.Join(dir, "real.jsonl")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "latest.jsonl")
	if err := os.Symlink("real.jsonl", link); err != nil {
		t.Skip(err)
	}
	res, err := ToPath(context.Background(), link, nil, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced")
	}
	if b := mustRead(t, target); int64(len(b)) != res.Bytes || res.Bytes < 10 {
		t.Errorf("target holds %d bytes, export wrote %d", len(b), res.Bytes)
	}
	noTemp(t, dir)
}
