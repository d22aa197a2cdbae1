package store_test

import (
	"fmt"
	"log"
	"os"
	"time"

	"github.com/unionnews/unionnews/store"
)

func ExampleOpen() {
	dir, err := os.MkdirTemp("", "unionnews-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	db, err := store.Open(dir, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	a := store.Record{
		URL:       "https://laodongthudo.vn/cong-doan/bai-1.html",
		Site:      "laodongthudo.vn",
		Title:     "Công đoàn chăm lo Tết",
		Text:      "Đoàn viên được tặng 500 suất quà.",
		Published: time.Date(2026, 1, 20, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)),
	}
	res, err := db.Put(a)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created:", res.Created)

	// The same text under another URL, published an hour later, is not
	// stored twice: the earliest copy holds it.
	a.URL = "https://www.example.vn/copy"
	a.Published = a.Published.Add(time.Hour)
	res, err = db.Put(a)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("duplicate:", res.Duplicate)

	st, err := db.Stats()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("articles:", st.Articles, "urls:", st.URLs)
	// Output:
	// created: true
	// duplicate: true
	// articles: 1 urls: 2
}
