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
	exporter "github.com/unionnews/unionnews/store/export"
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

// Export implements serve.Corpus: the exporter over the database serve
// holds, in any streamed format (txt writes a directory, not a stream).
func (c storeCorpus) Export(ctx context.Context, w io.Writer, q serve.ExportQuery) error {
	f, err := exporter.ParseFormat(q.Format)
	if err == nil && f == exporter.Text {
		err = errors.New("txt writes a directory tree, not a stream: export jsonl (`unionnews export -format txt` does this through serve)")
	}
	if err != nil {
		return fmt.Errorf("%w: %w", serve.ErrBadFormat, err)
	}
	_, err = exporter.Write(ctx, w, c.db, &exporter.Options{Format: f, Filter: exporter.Filter{Sites: q.Sites, Since: q.Since, Until: q.Until}})
	return err
}
