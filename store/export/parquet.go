package export

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// ParquetArticle is one row of a Parquet export; its tags are the file's
// schema (documented in the package doc and the README). Times are
// UTC-adjusted timestamps: Published in milliseconds (null when
// unknown), FetchedAt in microseconds. Extra holds, as one JSON object,
// the fields of sites.Article that have no column of their own (none
// today), so a field added to the article reaches Parquet files too.
type ParquetArticle struct {
	ID          string         `parquet:"id"`
	URL         string         `parquet:"url"`
	Site        string         `parquet:"site,dict"`
	Title       string         `parquet:"title"`
	Lead        string         `parquet:"lead"`
	Text        string         `parquet:"text"`
	Author      string         `parquet:"author"`
	Published   *time.Time     `parquet:"published,optional,timestamp(millisecond)"`
	Category    string         `parquet:"category,dict"`
	Tags        []string       `parquet:"tags,list"`
	Images      []ParquetImage `parquet:"images,list"`
	Extractor   string         `parquet:"extractor,dict"`
	FetchedAt   *time.Time     `parquet:"fetched_at,optional,timestamp(microsecond)"`
	ContentHash string         `parquet:"content_hash"`
	Extra       string         `parquet:"extra,json"`
}

// ParquetImage is one element of the images list.
type ParquetImage struct {
	URL     string `parquet:"url"`
	Caption string `parquet:"caption"`
}

// parquetColumns are the article's JSON keys that have a column.
var parquetColumns = map[string]bool{
	"id": true, "url": true, "site": true, "title": true, "lead": true, "text": true,
	"author": true, "published": true, "category": true, "tags": true, "images": true,
	"extractor": true, "fetched_at": true, "content_hash": true,
}

// Parquet writer sizing: rows handed to the writer at once, and rows a
// row group (the writer buffers one row group's compressed pages).
const (
	parquetBatch        = 64
	parquetRowsPerGroup = 4096
)

type parquetWriter struct {
	pw    *parquet.GenericWriter[ParquetArticle]
	rows  []ParquetArticle
	extra []string // JSON keys without a column
}

func newParquetWriter(w io.Writer) *parquetWriter {
	var extra []string
	for _, k := range sites.JSONKeys() {
		if !parquetColumns[k] {
			extra = append(extra, k)
		}
	}
	pw := parquet.NewGenericWriter[ParquetArticle](w,
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(parquetRowsPerGroup),
		parquet.CreatedBy("unionnews", "", ""),
	)
	return &parquetWriter{pw: pw, rows: make([]ParquetArticle, 0, parquetBatch), extra: extra}
}

func (p *parquetWriter) write(r *store.RawArticle) error {
	a, err := r.Decode()
	if err != nil {
		return err
	}
	row := ParquetArticle{
		ID: a.ID, URL: a.URL, Site: a.Site, Title: a.Title, Lead: a.Lead, Text: a.Text,
		Author: a.Author, Category: a.Category, Tags: a.Tags, Extractor: a.Extractor,
		ContentHash: a.ContentHash, Extra: "{}",
	}
	if !a.Published.IsZero() {
		t := a.Published.UTC()
		row.Published = &t
	}
	if !a.FetchedAt.IsZero() {
		t := a.FetchedAt.UTC()
		row.FetchedAt = &t
	}
	if row.Tags == nil {
		row.Tags = []string{}
	}
	row.Images = make([]ParquetImage, len(a.Images))
	for i, im := range a.Images {
		row.Images[i] = ParquetImage{URL: im.URL, Caption: im.Caption}
	}
	if len(p.extra) > 0 {
		if row.Extra, err = extraJSON(r, p.extra); err != nil {
			return err
		}
	}
	p.rows = append(p.rows, row)
	if len(p.rows) == cap(p.rows) {
		return p.flush()
	}
	return nil
}

// extraJSON collects the fields without a column into one JSON object,
// in the article's key order.
func extraJSON(r *store.RawArticle, keys []string) (string, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(r.JSON, &m); err != nil {
		return "", fmt.Errorf("decode %s: %w", r.ID, err)
	}
	b := []byte{'{'}
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		kb, _ := json.Marshal(k)
		b = append(append(b, kb...), ':')
		if v, ok := m[k]; ok {
			b = append(b, v...)
		} else {
			b = append(b, "null"...)
		}
	}
	return string(append(b, '}')), nil
}

func (p *parquetWriter) flush() error {
	if len(p.rows) == 0 {
		return nil
	}
	if _, err := p.pw.Write(p.rows); err != nil {
		return err
	}
	clear(p.rows)
	p.rows = p.rows[:0]
	return nil
}

func (p *parquetWriter) close() error {
	if err := p.flush(); err != nil {
		return err
	}
	return p.pw.Close()
}
