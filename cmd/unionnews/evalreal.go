package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/unionnews/unionnews/cleaner"
	"github.com/unionnews/unionnews/sites"
)

// setReal is the set of real saved pages of real sites.
const setReal = "real"

// realGold is one page of the real set: the gold of
// ../shared/realpages/gold.json (conventions in its PROVENANCE.md), and
// testdata/eval/real-gold.json for the pages that file has no gold for
// (the MasterCMS article, and the laodong.vn homepage, which is not an
// article: Clean must say so with cleaner.ErrNotArticle).
type realGold struct {
	File       string `json:"file"` // under ../shared/realpages
	URL        string `json:"url"`
	Title      string `json:"title"`
	Author     string `json:"author"`
	Published  string `json:"published"` // RFC 3339 or ""
	Text       string `json:"text"`
	NotArticle bool   `json:"not_article,omitempty"`
}

// realPagesDir is where the real pages live, beside the checkout.
func realPagesDir(root string) string { return filepath.Join(root, "..", "shared", "realpages") }

// loadRealGold reads both gold files.
func loadRealGold(root string) ([]realGold, error) {
	var all []realGold
	for _, path := range []string{
		filepath.Join(realPagesDir(root), "gold.json"),
		filepath.Join(root, "testdata", "eval", "real-gold.json"),
	} {
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("real: %w", err)
		}
		var gs []realGold
		if err := json.Unmarshal(raw, &gs); err != nil {
			return nil, fmt.Errorf("real: read %s: %w", path, err)
		}
		all = append(all, gs...)
	}
	return all, nil
}

// evalReal cleans every real page with the profile owning its URL (the
// built-in ones, plus testdata/eval/real/*.json: a 4-line "extends:
// mastercms" profile for the MasterCMS site), or generically when none
// does, and scores it against its gold.
func evalReal(ctx context.Context, root string) (setResult, error) {
	res := setResult{Name: setReal, Meta: true}
	golds, err := loadRealGold(root)
	if err != nil {
		return res, err
	}
	reg, err := sites.Load(&sites.LoadOptions{Dir: filepath.Join(root, "testdata", "eval", "real"), CheckSelector: cleaner.ValidSelector})
	if err != nil {
		return res, fmt.Errorf("real: load profiles: %w", err)
	}
	cl := cleaner.New(nil)
	for _, rg := range golds {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		page, err := os.ReadFile(filepath.Join(realPagesDir(root), rg.File))
		if err != nil {
			return res, fmt.Errorf("real: %w", err)
		}
		g := goldPage{id: rg.File, text: rg.Text, title: rg.Title, author: rg.Author}
		if rg.Published != "" {
			if g.published, err = time.Parse(time.RFC3339, rg.Published); err != nil {
				return res, fmt.Errorf("real: %s: published: %w", rg.File, err)
			}
		}
		p, _ := reg.ForURL(rg.URL) // nil: the generic rung
		start := time.Now()
		a, err := cl.Clean(page, rg.URL, p)
		elapsed := time.Since(start)
		if rg.NotArticle {
			// Right when Clean says "not an article"; an article made of
			// it scores precision 0 against the empty gold.
			if errors.Is(err, cleaner.ErrNotArticle) {
				err, a = nil, cleaner.Article{}
			} else if err == nil {
				a.Title, a.Author, a.Published = g.title, g.author, g.published
			}
		}
		res.add(g, a, elapsed, err)
	}
	return res, nil
}
