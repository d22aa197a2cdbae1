package export

import (
	"context"
	"encoding/json"
	"io"
	"runtime"
	"testing"

	"github.com/unionnews/unionnews/store"
)

// synthSource hands out n copies of one canonical record, as the store
// would, without a database.
type synthSource struct {
	n    int
	line []byte
}

func (s synthSource) Scan(_ *store.ScanOptions, fn func(*store.RawArticle) error) error {
	r := &store.RawArticle{ID: "0123456789abcdef", Site: "laodong.vn", JSON: s.line}
	for i := range s.n {
		r.Seq = uint64(i + 1)
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// allocated returns the bytes allocated by one export of n articles.
func allocated(t *testing.T, format Format, n int, line []byte) uint64 {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if _, err := Write(context.Background(), io.Discard, synthSource{n, line}, &Options{Format: format}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestJSONLAllocatesNothingPerArticle: the JSON Lines writer copies the
// stored bytes through; what it allocates does not grow with the
// number of articles (the store's Scan reads in bounded batches).
func TestJSONLAllocatesNothingPerArticle(t *testing.T) {
	line, err := json.Marshal(benchArticle(1))
	if err != nil {
		t.Fatal(err)
	}
	small := allocated(t, JSONL, 100, line)
	large := allocated(t, JSONL, 20000, line)
	if large > small+64<<10 {
		t.Errorf("JSON Lines export allocated %d bytes for 100 articles, %d for 20000", small, large)
	}
}
