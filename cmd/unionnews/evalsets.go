package main

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/unionnews/unionnews/cleaner"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/sites/replica"
)

// The eval sets.
const (
	setSeeds       = "seeds"
	setSites       = "sites"
	setScrapinghub = "scrapinghub"
	setDumps       = "dumps"
)

// evalSetNames lists the sets in the order they run and are printed.
func evalSetNames() []string {
	return []string{setSeeds, setSites, setReal, setDumps, setScrapinghub}
}

// goldPage is what a perfect cleaner extracts from one page of a set.
type goldPage struct {
	id, text, title, author string
	published               time.Time // zero: the page has no date
}

// setResult is the outcome of one set: per-page scores, the cleaning
// time (the cleaner calls only) and the pages whose cleaning failed.
type setResult struct {
	Name  string      `json:"set"`
	Pages []pageScore `json:"pages,omitempty"`
	// Meta tells whether the set's gold has title, author and date.
	Meta    bool          `json:"-"`
	Errors  int           `json:"errors"`
	Elapsed time.Duration `json:"-"`
}

// add scores one cleaned page; a failed page counts as empty output.
func (r *setResult) add(g goldPage, a cleaner.Article, elapsed time.Duration, err error) {
	r.Elapsed += elapsed
	if err != nil {
		r.Errors++
		a = cleaner.Article{}
	}
	s := scoreText(g.id, g.text, a.Text)
	s.TitleOK = a.Title == g.title
	s.AuthorOK = a.Author == g.author
	s.DateOK = a.Published.Equal(g.published)
	if err != nil {
		s.Err = err.Error()
	}
	r.Pages = append(r.Pages, s)
}

// seedGold is the gold of a dump: cleaner/testdata/dumps/<name>.json.
type seedGold struct {
	Title     string   `json:"title"`
	Author    string   `json:"author"`
	Published string   `json:"published"` // RFC 3339, or empty when the page has no date
	Body      []string `json:"body"`
}

// evalSeeds cleans every text dump that has a gold beside it.
func evalSeeds(ctx context.Context, root string) (setResult, error) {
	return evalDumpDir(ctx, setSeeds, filepath.Join(root, "cleaner", "testdata", "dumps"))
}

// evalDumps cleans the text dumps of the replica and real pages
// (testdata/eval/dumps, made with ../shared/tools/html2dump.js: see
// testdata/eval/README.md).
func evalDumps(ctx context.Context, root string) (setResult, error) {
	return evalDumpDir(ctx, setDumps, filepath.Join(root, "testdata", "eval", "dumps"))
}

// evalDumpDir cleans every dir/*.txt that has a gold (*.json) beside it
// with cleaner.CleanText.
func evalDumpDir(ctx context.Context, name, dir string) (setResult, error) {
	res := setResult{Name: name, Meta: true}
	txts, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return res, err
	}
	for _, txt := range txts {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		g, err := readSeedGold(strings.TrimSuffix(txt, ".txt") + ".json")
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return res, err
		}
		g.id = filepath.Base(txt)
		dump, err := os.ReadFile(txt)
		if err != nil {
			return res, err
		}
		start := time.Now()
		a, err := cleaner.CleanText(string(dump), cleaner.TextOptions{})
		res.add(g, a, time.Since(start), err)
	}
	if len(res.Pages) == 0 {
		return res, fmt.Errorf("%s: no dump with a gold in %s", name, dir)
	}
	return res, nil
}

func readSeedGold(path string) (goldPage, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return goldPage{}, err
	}
	var sg seedGold
	if err := json.Unmarshal(raw, &sg); err != nil {
		return goldPage{}, fmt.Errorf("read %s: %w", path, err)
	}
	g := goldPage{text: strings.Join(sg.Body, "\n"), title: sg.Title, author: sg.Author}
	if sg.Published != "" {
		if g.published, err = time.Parse(time.RFC3339, sg.Published); err != nil {
			return goldPage{}, fmt.Errorf("read %s: published: %w", path, err)
		}
	}
	return g, nil
}

// sitePage is a replica article page and the profile owning its URL
// (nil when no profile owns it).
type sitePage struct {
	page replica.Page
	prof *sites.Profile
}

// loadSitePages lists every replica article page with its profile.
func loadSitePages() ([]sitePage, error) {
	rep, err := replica.New()
	if err != nil {
		return nil, fmt.Errorf("sites: replica: %w", err)
	}
	reg, err := sites.Load(&sites.LoadOptions{CheckSelector: cleaner.ValidSelector})
	if err != nil {
		return nil, fmt.Errorf("sites: load profiles: %w", err)
	}
	var out []sitePage
	for _, pg := range rep.Pages(replica.KindArticle) {
		p, _ := reg.ForURL(pg.URL)
		out = append(out, sitePage{page: pg, prof: p})
	}
	if len(out) == 0 {
		return nil, errors.New("sites: the replica has no article page")
	}
	return out, nil
}

// evalSites cleans every replica article page with its profile and
// scores it against the page's source truth.
func evalSites(ctx context.Context, pages []sitePage) (setResult, error) {
	cl := cleaner.New(nil) // reused, as in a crawl: each profile compiles once
	res := setResult{Name: setSites, Meta: true}
	for _, sp := range pages {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		t := sp.page.Truth
		if t == nil {
			return res, fmt.Errorf("sites: article page %s has no truth", sp.page.URL)
		}
		g := goldPage{id: sp.page.URL, text: t.Text(), title: t.Title, author: t.Author, published: t.Published}
		if sp.prof == nil {
			res.add(g, cleaner.Article{}, 0, fmt.Errorf("no site profile owns %s", sp.page.URL))
			continue
		}
		start := time.Now()
		a, err := cl.Clean(sp.page.Body, sp.page.URL, sp.prof)
		res.add(g, a, time.Since(start), err)
	}
	return res, nil
}

// evalScrapinghub cleans the ScrapingHub benchmark pages in generic mode
// (no profile) and scores them against the benchmark's articleBody.
func evalScrapinghub(ctx context.Context, root string) (setResult, error) {
	cl := cleaner.New(nil)
	res := setResult{Name: setScrapinghub}
	dir := filepath.Join(root, "testdata", "scrapinghub")
	gold, err := readSHFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return res, fmt.Errorf("scrapinghub: %w", err)
	}
	for _, id := range slices.Sorted(maps.Keys(gold)) {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		page, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return res, fmt.Errorf("scrapinghub: %w", err)
		}
		start := time.Now()
		a, err := cl.Clean(page, gold[id].URL, nil)
		res.add(goldPage{id: id, text: gold[id].ArticleBody}, a, time.Since(start), err)
	}
	return res, nil
}

// readGzip reads a gzip-compressed file of at most maxInput bytes.
func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	b, err := io.ReadAll(io.LimitReader(zr, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(b) > maxInput {
		return nil, fmt.Errorf("read %s: larger than %d MiB", path, maxInput>>20)
	}
	return b, nil
}
