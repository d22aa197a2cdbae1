package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/unionnews/unionnews/cmd/internal/serve"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// storeCorpus is serve's Corpus over the store serve holds open.
type storeCorpus struct{ db *store.DB }

var _ serve.Corpus = storeCorpus{}

// Articles implements serve.Corpus: a page of the store's order.
func (c storeCorpus) Articles(q serve.ArticleQuery) ([]sites.Article, string, error) {
	needle := strings.ToLower(q.Q)
	keep := func(r store.Record) bool {
		t := r.Published
		if t.IsZero() {
			t = r.FetchedAt // undated articles are filtered by when they were fetched
		}
		if !q.Since.IsZero() && t.Before(q.Since) {
			return false
		}
		return needle == "" || strings.Contains(strings.ToLower(r.Title), needle) || strings.Contains(strings.ToLower(r.Text), needle)
	}
	return c.db.Page(q.Site, q.Cursor, q.Limit, keep)
}

// Article implements serve.Corpus.
func (c storeCorpus) Article(id string) (sites.Article, error) {
	a, err := c.db.Get(id)
	if errors.Is(err, store.ErrNotFound) {
		return a, fmt.Errorf("%w: %w", serve.ErrNotFound, err)
	}
	return a, err
}

// Stats implements serve.Corpus.
func (c storeCorpus) Stats() (serve.CorpusStats, error) {
	st, err := c.db.Stats()
	if err != nil {
		return serve.CorpusStats{}, err
	}
	out, err := c.db.OutcomesBySite()
	if err != nil {
		return serve.CorpusStats{}, err
	}
	cs := serve.CorpusStats{Database: c.db.Path(), Corpus: c.db.CorpusDir(), Articles: st.Articles, URLs: st.URLs,
		Visited: st.Visited, Pending: st.Pending, PerSite: st.PerSite, Outcomes: map[string]map[string]int{}}
	for site, m := range out {
		cs.Outcomes[site] = map[string]int{}
		for o, n := range m {
			cs.Outcomes[site][string(o)] = n
		}
	}
	return cs, nil
}

// Export implements serve.Corpus: the same JSON Lines as `export`
// (exportDB over the database serve holds).
func (c storeCorpus) Export(_ context.Context, w io.Writer, q serve.ExportQuery) error {
	if q.Format != "jsonl" {
		return fmt.Errorf("format %q: %w (serve exports jsonl)", q.Format, serve.ErrBadFormat)
	}
	if len(q.Sites) == 0 {
		q.Sites = []string{""}
	}
	for _, site := range q.Sites { // the corpus order is by site: one pass per site keeps it
		if _, err := exportDB(w, c.db, exportFilter{site: site, since: q.Since, until: q.Until}); err != nil {
			return err
		}
	}
	return nil
}
