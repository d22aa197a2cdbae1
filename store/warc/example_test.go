package warc_test

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/unionnews/unionnews/store/warc"
)

// The pipeline's use: recover after a crash, archive each fetch, Sync
// before committing the Refs, read a response back by its Ref.
func Example() {
	data, _ := os.MkdirTemp("", "unionnews")
	defer os.RemoveAll(data)
	dir := filepath.Join(data, "warc")

	if _, err := warc.Recover(dir); err != nil { // at start-up, before any Writer
		log.Fatal(err)
	}
	w, err := warc.OpenWriter(dir, nil)
	if err != nil {
		log.Fatal(err)
	}
	ref, err := w.Write(warc.Exchange{
		URL:        "https://laodong.vn/cong-doan/bai-viet-123.ldo",
		ReqHeader:  http.Header{"User-Agent": {"unionnews/1"}},
		Status:     200,
		RespHeader: http.Header{"Content-Type": {"text/html; charset=utf-8"}},
		Body:       []byte("<h1>Công đoàn</h1>"),
		FetchedAt:  time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC),
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := w.Sync(); err != nil { // now the Ref may be committed
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}

	ex, err := warc.ReadAt(dir, ref)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ex.Method, ex.URL, ex.Status, string(ex.Body), ex.RespHeader.Get("Content-Length"))
	// Output: GET https://laodong.vn/cong-doan/bai-viet-123.ldo 200 <h1>Công đoàn</h1> 21
}
