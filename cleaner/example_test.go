package cleaner_test

import (
	"fmt"
	"strings"

	"github.com/unionnews/unionnews/cleaner"
	"github.com/unionnews/unionnews/sites"
)

func ExampleClean() {
	p := &sites.Profile{
		Name: "example.vn",
		Article: sites.Selectors{
			Title:      "h1",
			Lead:       ".sapo, meta[name=description]",
			Body:       ".content",
			Date:       ".date",
			DateFormat: "02/01/2006 15:04",
			Author:     ".content p.author",
			Strip:      []string{".related"},
		},
	}
	page := `<html><head><meta name="description" content="Tóm tắt."></head><body>
<h1>Tiêu đề bài viết</h1><span class="date">Cập nhật 17/07/2025 12:15</span>
<div class="content">
<p>` + strings.Repeat("Nội dung đoạn một. ", 8) + `</p>
<div class="related"><a href="/x.html">Tin liên quan</a></div>
<p>` + strings.Repeat("Nội dung đoạn hai. ", 8) + `</p>
<p class="author">Ngọc Hà</p>
</div></body></html>`
	a, err := cleaner.Clean([]byte(page), "https://example.vn/bai-viet-1.html", p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Title)
	fmt.Println(a.Lead)
	fmt.Println(a.Author, a.Published, a.Extractor)
	fmt.Println(strings.Count(a.Text, "\n\n")+1, "paragraphs")
	// Output:
	// Tiêu đề bài viết
	// Tóm tắt.
	// Ngọc Hà 2025-07-17 12:15:00 +0700 ICT profile
	// 3 paragraphs
}
