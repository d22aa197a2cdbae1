package export

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unionnews/unionnews/sites"
)

func TestTextTree(t *testing.T) {
	db, dir := newCorpus(t, 12)
	want := stored(t, db)
	out := filepath.Join(t.TempDir(), "tree")
	res, err := ToPath(context.Background(), out, nil, db, &Options{Format: Text})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != len(want) {
		t.Fatalf("%d articles, want %d", res.Articles, len(want))
	}
	n := 0
	_ = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if n != len(want) {
		t.Errorf("%d files in the tree, want %d", n, len(want))
	}
	for _, line := range want {
		var a sites.Article
		if err := json.Unmarshal(line, &a); err != nil {
			t.Fatal(err)
		}
		rel, _ := TextPath(a)
		parts := strings.Split(rel, string(filepath.Separator))
		if len(parts) != 4 || parts[0] != a.Site || parts[3] != a.ID+".txt" {
			t.Errorf("path %s for %s", rel, a.ID)
		}
		got := mustRead(t, filepath.Join(out, rel))
		if string(got) != a.Title+"\n\n"+a.Text+"\n" {
			t.Errorf("%s = %q", rel, got)
		}
		// Same month directory and content as the corpus's own .txt file.
		if c := mustRead(t, filepath.Join(dir, "corpus", rel)); string(c) != string(got) {
			t.Errorf("%s differs from the corpus file", rel)
		}
	}
	noTemp(t, out)
	// A file where the tree should go is refused.
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ToPath(context.Background(), file, nil, db, &Options{Format: Text}); err == nil {
		t.Error("txt export over a regular file accepted")
	}
	if _, err := ToPath(context.Background(), "-", nil, db, &Options{Format: Text}); err == nil {
		t.Error("txt export to standard output accepted")
	}
}
