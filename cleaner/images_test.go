package cleaner

import (
	"strings"
	"testing"
)

func TestCleanImages(t *testing.T) {
	body := func(s string) string {
		return htmlPageWith(t, `<p>`+htmlPara2+`</p>
  <p>`+htmlPara2+`</p>`, `<p>`+htmlPara2+`</p>`+s)
	}
	tests := []struct {
		name string
		page string
		want []Image
	}{
		{"figure with figcaption and lazy src", body(`<figure><img src="/images/blank.gif" data-src="//cdn.example.vn/b.jpg" alt="Tạo điểm tựa vững chắc cho người lao động"><figcaption> Hội nghị&nbsp;tổng kết. </figcaption></figure>`),
			[]Image{{URL: htmlImageA, Caption: htmlCapt}, {URL: "https://cdn.example.vn/b.jpg", Caption: "Hội nghị tổng kết."}}},
		{"figcaption before the image", body(`<figure><figcaption>Chú thích trước.</figcaption><img src="c.jpg"></figure>`),
			[]Image{{URL: htmlImageA, Caption: htmlCapt}, {URL: "https://laodongthudo.vn/c.jpg", Caption: "Chú thích trước."}}},
		{"two images in one MasterCMS table", body(`<table class="MASTERCMS_TPL_TABLE"><tr><td><img src="/d.jpg"></td></tr><tr><td>Ảnh D.</td></tr><tr><td><img src="/e.jpg"></td></tr><tr><td>Ảnh E.</td></tr></table>`),
			[]Image{{URL: htmlImageA, Caption: htmlCapt}, {URL: "https://laodongthudo.vn/d.jpg", Caption: "Ảnh D."}, {URL: "https://laodongthudo.vn/e.jpg", Caption: "Ảnh E."}}},
		{"duplicate and data: images dropped", body(`<p><img src="/stores/news_dataimages/2021/032021/01/08/a.jpg"><img src="data:image/png;base64,AAAA"></p>`),
			[]Image{{URL: htmlImageA, Caption: htmlCapt}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Clean([]byte(tt.page), htmlTestURL, htmlTestProfile(t, "laodongthudo.vn"))
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			if len(a.Images) != len(tt.want) {
				t.Fatalf("Images = %+v, want %+v", a.Images, tt.want)
			}
			for i := range tt.want {
				if a.Images[i] != tt.want[i] {
					t.Errorf("Images[%d] = %+v, want %+v", i, a.Images[i], tt.want[i])
				}
				if c := tt.want[i].Caption; c != "" && strings.Contains(a.Text, c) {
					t.Errorf("caption %q left in Text", c)
				}
			}
		})
	}
}

const htmlImageA = "https://laodongthudo.vn/stores/news_dataimages/2021/032021/01/08/a.jpg"

func TestCleanBlocks(t *testing.T) {
	tests := []struct {
		name, html string
		want       []string // paragraphs after the lead and htmlPara1
	}{
		{"list items", `<ul><li>Thứ nhất, <b>chăm lo</b> đời sống.</li><li><p>Thứ hai.</p><p>Tiếp theo.</p></li></ul>`,
			[]string{"- Thứ nhất, chăm lo đời sống.", "- Thứ hai.", "Tiếp theo."}},
		{"data table", `<table><caption>Bảng 1. Quà Tết</caption><tr><th>Đơn vị</th><th>Số quà</th></tr><tr><td>Bệnh viện A</td><td>150</td></tr></table>`,
			[]string{"Bảng 1. Quà Tết", "Đơn vị | Số quà", "Bệnh viện A | 150"}},
		{"layout table read as blocks", `<table><tr><td><p>Đoạn một.</p><p>Đoạn hai.</p></td></tr></table>`,
			[]string{"Đoạn một.", "Đoạn hai."}},
		{"br splits, headings and quotes", `<h2>Tiêu đề phụ</h2><blockquote>Trích dẫn<br>dòng hai</blockquote><div>Chữ trong div <span>và</span> <em>span</em>.</div>`,
			[]string{"Tiêu đề phụ", "Trích dẫn", "dòng hai", "Chữ trong div và span."}},
		{"debris and labels", `<p>***</p><p>--&gt;</p><p>Chia sẻ</p><p>Bản in</p>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := htmlPageWith(t, `<p>`+htmlPara2+`</p>
  <p>`+htmlPara2+`</p>`, tt.html)
			a, err := Clean([]byte(page), htmlTestURL, htmlTestProfile(t, "laodongthudo.vn"))
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			want := strings.Join(append([]string{htmlLead, htmlPara1}, tt.want...), "\n\n")
			if a.Text != want {
				t.Errorf("Text =\n%s\nwant\n%s", a.Text, want)
			}
		})
	}
}
