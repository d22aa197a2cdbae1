package export

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// WriteTree writes the selected articles as plain text files
// DIR/SITE/YYYY/MM/ID.txt (the month of Published in Asia/Ho_Chi_Minh,
// of FetchedAt for undated articles), each holding the title, a blank
// line and the text, like the corpus's .txt files. DIR is created when
// missing; files of other articles in it are left alone. Each file is
// written to a temporary file and renamed, so no partial or temporary
// file is left behind, even on error.
func WriteTree(ctx context.Context, dir string, src Source, opts *Options) (Result, error) {
	o := options(opts)
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return Result{}, fmt.Errorf("export txt: %s is not a directory", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Result{}, fmt.Errorf("export txt: %w", err)
	}
	var res Result
	made := map[string]bool{}
	n, err := scan(ctx, src, o.Filter, func(r *store.RawArticle) error {
		a, err := r.Decode()
		if err != nil {
			return err
		}
		rel, err := TextPath(a)
		if err != nil {
			return err
		}
		path := filepath.Join(dir, rel)
		if d := filepath.Dir(path); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		body := TextFile(a)
		res.Bytes += int64(len(body))
		return writeFileAtomic(path, body)
	})
	res.Articles = n
	if err != nil {
		return res, fmt.Errorf("export txt: %w", err)
	}
	return res, nil
}

// TextPath is an article's path in a txt export: SITE/YYYY/MM/ID.txt.
func TextPath(a sites.Article) (string, error) {
	if a.Site == "" || strings.ContainsAny(a.Site, `/\`) || !filepath.IsLocal(a.Site) {
		return "", fmt.Errorf("article %s: site %q is not a directory name", a.ID, a.Site)
	}
	if len(a.ID) == 0 || strings.ContainsAny(a.ID, `/\.`) {
		return "", fmt.Errorf("article id %q is not a file name", a.ID)
	}
	t := a.Published
	if t.IsZero() {
		t = a.FetchedAt
	}
	t = t.In(sites.Zone())
	return filepath.Join(a.Site, fmt.Sprintf("%04d", t.Year()), fmt.Sprintf("%02d", int(t.Month())), a.ID+".txt"), nil
}

// TextFile is an article's text file: the title, a blank line, the
// text and a newline.
func TextFile(a sites.Article) []byte {
	return []byte(a.Title + "\n\n" + strings.TrimRight(a.Text, "\n") + "\n")
}

// writeFileAtomic writes path through a temporary file in its directory,
// removed on any error.
func writeFileAtomic(path string, data []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			if rerr := os.Remove(f.Name()); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
				err = errors.Join(err, rerr)
			}
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
