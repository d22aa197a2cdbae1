package export

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// fromParquet turns a Parquet row back into an article.
func fromParquet(p ParquetArticle) sites.Article {
	a := sites.Article{
		ID: p.ID, URL: p.URL, Site: p.Site, Title: p.Title, Lead: p.Lead, Text: p.Text,
		Author: p.Author, Category: p.Category, Tags: p.Tags, Extractor: p.Extractor,
		ContentHash: p.ContentHash,
	}
	if p.Published != nil {
		a.Published = *p.Published
	}
	if p.FetchedAt != nil {
		a.FetchedAt = *p.FetchedAt
	}
	for _, im := range p.Images {
		a.Images = append(a.Images, sites.Image{URL: im.URL, Caption: im.Caption})
	}
	return a
}

func TestParquetRoundTrip(t *testing.T) {
	db, _ := newCorpus(t, 30)
	want := stored(t, db)
	path := filepath.Join(t.TempDir(), "a.parquet")
	res, err := ToPath(context.Background(), path, nil, db, &Options{Format: Parquet})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := parquet.ReadFile[ParquetArticle](path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(want) || res.Articles != len(want) {
		t.Fatalf("%d rows (result %d), want %d", len(rows), res.Articles, len(want))
	}
	for i, row := range rows {
		var extra map[string]json.RawMessage
		if err := json.Unmarshal([]byte(row.Extra), &extra); err != nil {
			t.Errorf("row %d extra = %q: %v", i, row.Extra, err)
		}
		for k := range extra {
			if parquetColumns[k] {
				t.Errorf("row %d: column %q repeated in extra", i, k)
			}
		}
		got, _ := json.Marshal(fromParquet(row))
		var a sites.Article
		_ = json.Unmarshal(want[i], &a)
		// Parquet keeps microseconds of fetched_at.
		a.FetchedAt = a.FetchedAt.Truncate(1000)
		w, _ := json.Marshal(a)
		if !bytes.Equal(got, w) {
			t.Errorf("row %d:\n%s\nwant\n%s", i, got, w)
		}
	}
}

// TestParquetSchemaCoversArticle: every article field has a column or
// goes to extra, and the extra keys are exactly those without a column.
func TestParquetSchemaCoversArticle(t *testing.T) {
	cols := map[string]bool{}
	rt := reflect.TypeFor[ParquetArticle]()
	for i := range rt.NumField() {
		name, _, _ := bytes.Cut([]byte(rt.Field(i).Tag.Get("parquet")), []byte(","))
		cols[string(name)] = true
	}
	for k := range parquetColumns {
		if !cols[k] {
			t.Errorf("parquetColumns names %q, which has no column", k)
		}
	}
	pw := newParquetWriter(&bytes.Buffer{})
	for _, k := range sites.JSONKeys() {
		if parquetColumns[k] == containsString(pw.extra, k) {
			t.Errorf("key %q: column %v, in extra %v", k, parquetColumns[k], containsString(pw.extra, k))
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestParquetExtraHoldsFieldsWithoutColumn(t *testing.T) {
	r := &store.RawArticle{ID: "x", JSON: []byte(`{"id":"x","duplicate_of":"abc","versions":[{"n":1}]}`)}
	got, err := extraJSON(r, []string{"duplicate_of", "versions", "archive"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"duplicate_of":"abc","versions":[{"n":1}],"archive":null}`; got != want {
		t.Errorf("extra = %s, want %s", got, want)
	}
}
