package cleaner

import (
	"slices"
	"strings"
	"testing"
)

// Blocks of a profile page that the pull-quote rules must keep: a
// sub-heading that repeats part of the lead with a list under it, and
// data-table rows, one of them repeating a body paragraph, one right
// after a real pull quote (where attribution lines are dropped).
const (
	quoteHeading = "Nỗ lực chăm lo, bảo vệ quyền lợi cho người lao động"
	quoteItem1   = "Khám sức khỏe định kỳ cho 2.000 đoàn viên"
	quoteItem2   = "Tặng 500 suất quà cho công nhân khó khăn"
	quoteItem3   = "Tổ chức 12 buổi tư vấn pháp luật tại cơ sở"
	// quoteRow repeats most of htmlPara2, cell by cell.
	quoteRowA = "Công đoàn ngành Y tế Hà Nội"
	quoteRowB = "phối hợp với Sở Y tế Hà Nội ban hành kế hoạch"
	quoteRow2 = "Quận Ba Đình | 1.200 đoàn viên"
	// quotePull repeats htmlPara1: a real pull quote, dropped.
	quotePull = "Các cấp Công đoàn ngành y tế Thủ đô đã nỗ lực vượt qua khó khăn, tích cực triển khai các phong trào thi đua."
)

func TestCleanKeepsListsTablesHeadings(t *testing.T) {
	p := htmlTestProfile(t, "laodongthudo.vn")
	body := `<p>` + htmlPara1 + `</p>` +
		`<h2>` + quoteHeading + `</h2><ul><li>` + quoteItem1 + `</li><li>` + quoteItem2 + `</li><li>` + quoteItem3 + `</li></ul>` +
		`<blockquote>` + quotePull + `</blockquote>` +
		`<table><tr><td>Quận Ba Đình</td><td>1.200 đoàn viên</td></tr></table>`
	page := htmlPageWith(t,
		`<p>`+htmlLead+`</p>`+"\n  <p>"+htmlPara1+`</p>`, body,
		`<p>`+htmlPara2+`</p>`+"\n  <p>"+htmlPara2+`</p>`,
		`<p>`+htmlPara2+`</p><table><tr><td>`+quoteRowA+`</td><td>`+quoteRowB+`</td></tr></table>`)
	a, err := Clean([]byte(page), htmlTestURL, p)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{htmlLead, htmlPara1, quoteHeading,
		"- " + quoteItem1, "- " + quoteItem2, "- " + quoteItem3,
		quoteRow2, htmlPara2, quoteRowA + " | " + quoteRowB}, "\n\n")
	if a.Text != want {
		t.Errorf("Text:\n%s\nwant:\n%s", a.Text, want)
	}
}

func TestCleanTextKeepsListsTablesHeadings(t *testing.T) {
	dump := strings.Join([]string{
		"Tạo điểm tựa vững chắc cho người lao động", "",
		"Công đoàn 17/07/2025 12:15", "",
		htmlLead, "",
		htmlPara1, "",
		quoteHeading, "",
		"- " + quoteItem1, "- " + quoteItem2, "- " + quoteItem3, "",
		quotePull, "",
		"Đồng chí Trần Văn Thuật", "",
		"- Phó Chủ tịch Tổng Liên đoàn Lao động Việt Nam", "",
		quoteRow2, "",
		htmlPara2, "",
		quoteRowA + " | " + quoteRowB, "",
		"K.Tiến", "",
		"Có thể bạn quan tâm",
	}, "\n")
	a, err := CleanText(dump, TextOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{htmlLead, htmlPara1, quoteHeading,
		"- " + quoteItem1, "- " + quoteItem2, "- " + quoteItem3,
		quoteRow2, htmlPara2, quoteRowA + " | " + quoteRowB}, "\n\n")
	if a.Text != want {
		t.Errorf("Text:\n%s\nwant:\n%s", a.Text, want)
	}
	if a.Author != "K.Tiến" {
		t.Errorf("Author %q, want K.Tiến", a.Author)
	}
}

func TestTrDropPullQuotesShapes(t *testing.T) {
	lead := htmlLead
	for _, tt := range []struct {
		name        string
		paras, want []string
	}{
		{"heading repeating the lead, list under it",
			[]string{lead, quoteHeading, "- " + quoteItem1, "- " + quoteItem2, "- " + quoteItem3, htmlPara1},
			[]string{lead, quoteHeading, "- " + quoteItem1, "- " + quoteItem2, "- " + quoteItem3, htmlPara1}},
		{"sentence repeating the lead is still a pull quote",
			[]string{lead, htmlPara1, "Công đoàn ngành Y tế Hà Nội đã nỗ lực chăm lo, bảo vệ quyền lợi.", "Đồng chí Trần Văn Thuật"},
			[]string{lead, htmlPara1}},
		{"table row repeating a paragraph",
			[]string{lead, htmlPara2, quoteRowA + " | " + quoteRowB},
			[]string{lead, htmlPara2, quoteRowA + " | " + quoteRowB}},
		{"list item repeating a paragraph",
			[]string{lead, htmlPara2, "- " + quoteRowA + " " + quoteRowB, "- " + quoteItem1},
			[]string{lead, htmlPara2, "- " + quoteRowA + " " + quoteRowB, "- " + quoteItem1}},
		{"list and table rows after a pull quote",
			[]string{lead, htmlPara1, quotePull, "- " + quoteItem1, "- " + quoteItem2, quoteRow2},
			[]string{lead, htmlPara1, "- " + quoteItem1, "- " + quoteItem2, quoteRow2}},
		{"table row after a pull quote",
			[]string{lead, htmlPara1, quotePull, quoteRow2, htmlPara2},
			[]string{lead, htmlPara1, quoteRow2, htmlPara2}},
		{"attribution name and dash-led title after a pull quote",
			[]string{lead, htmlPara1, quotePull, "Đồng chí Trần Văn Thuật", "- Phó Chủ tịch Tổng Liên đoàn Lao động Việt Nam", htmlPara2},
			[]string{lead, htmlPara1, htmlPara2}},
	} {
		if got := trDropPullQuotes(tt.paras); !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}
