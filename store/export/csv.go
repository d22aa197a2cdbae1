package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// csvWriter writes RFC 4180 CSV: a header row of the canonical JSON keys
// (sites.JSONKeys, so a field added to the article is a new column), then
// one row an article. A string is written as is, null as an empty cell,
// and lists and objects (tags, images) as their JSON text.
type csvWriter struct {
	bw     *bufio.Writer
	cw     *csv.Writer
	keys   []string
	row    []string
	header bool
}

func newCSVWriter(w io.Writer) *csvWriter {
	bw := bufio.NewWriterSize(w, 256<<10)
	keys := sites.JSONKeys()
	return &csvWriter{bw: bw, cw: csv.NewWriter(bw), keys: keys, row: make([]string, len(keys))}
}

func (c *csvWriter) write(r *store.RawArticle) error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(r.JSON, &m); err != nil {
		return fmt.Errorf("decode %s: %w", r.ID, err)
	}
	for i, k := range c.keys {
		v := m[k]
		switch {
		case len(v) == 0 || string(v) == "null":
			c.row[i] = ""
		case v[0] == '"' && bytes.IndexByte(v, '\\') < 0:
			c.row[i] = string(v[1 : len(v)-1]) // no escapes: the bytes are the string
		case v[0] == '"':
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return fmt.Errorf("decode %s.%s: %w", r.ID, k, err)
			}
			c.row[i] = s
		default:
			c.row[i] = string(v)
		}
	}
	return c.cw.Write(c.row)
}

// writeHeader writes the header row once, also for an empty export.
func (c *csvWriter) writeHeader() error {
	if c.header {
		return nil
	}
	c.header = true
	return c.cw.Write(c.keys)
}

func (c *csvWriter) close() error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}
