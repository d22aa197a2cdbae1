package export

import (
	"bufio"
	"io"

	"github.com/unionnews/unionnews/store"
)

// jsonlWriter writes each record's stored bytes and a newline: the
// store keeps the canonical JSON of the article, so nothing is decoded
// or encoded again.
type jsonlWriter struct{ bw *bufio.Writer }

func newJSONLWriter(w io.Writer) *jsonlWriter {
	return &jsonlWriter{bw: bufio.NewWriterSize(w, 256<<10)}
}

func (j *jsonlWriter) write(r *store.RawArticle) error {
	if _, err := j.bw.Write(r.JSON); err != nil {
		return err
	}
	return j.bw.WriteByte('\n')
}

func (j *jsonlWriter) close() error { return j.bw.Flush() }
