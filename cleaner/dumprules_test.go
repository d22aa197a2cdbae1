package cleaner

import (
	"strings"
	"testing"
)

// Dumps of pages the text mode was not tuned on (html2dump.js over
// replica and real pages): each case is one failure class of issue 8.
const (
	dtTitle = "Công đoàn cơ sở đổi mới cách tiếp cận đoàn viên trẻ"
	dtP1    = "Thay vì những cuộc họp dài, nhiều công đoàn cơ sở đã chuyển sang trò chuyện qua nhóm Zalo, tổ chức sân chơi cuối tuần cho công nhân trẻ."
	dtP2    = "Tại Công ty TNHH Điện tử Quang Minh, hơn 70% trong số 4.200 người lao động dưới 30 tuổi, phần lớn mới rời ghế nhà trường."
	dtP3    = "Sau sáu tháng, số đoàn viên tham gia các hoạt động của Công đoàn tăng gấp ba lần so với cùng kỳ năm trước."
	dtHead  = "LĐLĐ tỉnh Sóc Trăng trao 50 Mái ấm Công đoàn cho đoàn viên khó khăn"
)

func dtClean(t *testing.T, dump string) Article {
	t.Helper()
	a, err := CleanText(dump, TextOptions{})
	if err != nil {
		t.Fatalf("CleanText: %v", err)
	}
	return a
}

func dtWant(t *testing.T, a Article, author string, keep []string, gone ...string) {
	t.Helper()
	if a.Author != author {
		t.Errorf("Author = %q, want %q", a.Author, author)
	}
	for _, k := range keep {
		if !strings.Contains(a.Text, k) {
			t.Errorf("Text lost %.40q…:\n%s", k, a.Text)
		}
	}
	for _, g := range gone {
		if strings.Contains(a.Text, g) {
			t.Errorf("Text keeps %q:\n%s", g, a.Text)
		}
	}
}

// TestDumpRelatedListMidText: a related list mid-text ("Tin liên quan"
// and its items) is skipped and the article goes on after it; an
// intertitle or a caption may come before the prose.
func TestDumpRelatedListMidText(t *testing.T) {
	dump := dtTitle + "\n\n10/02/2026 06:05\n" + dtP1 + "\n\nTin liên quan\n * " + dtHead + "\n * Công đoàn khu công nghiệp mở lớp dạy nghề\n\n" +
		"Nói ngôn ngữ của người trẻ\n\n" + dtP2 + "\n\n" + dtP3 + "\n\nHải Nguyễn\n\nTin cùng chuyên mục\n * " + dtHead + "\n"
	dtWant(t, dtClean(t, dump), "Hải Nguyễn", []string{dtP1, dtP2, dtP3, "Nói ngôn ngữ của người trẻ"}, dtHead, "Tin liên quan")
}

// TestDumpLeadList: related headlines listed right under the lead, with
// no heading, are dropped.
func TestDumpLeadList(t *testing.T) {
	dump := dtTitle + "\n\n10/02/2026 06:05\n" + dtP1 + "\n * " + dtHead + "\n * Đối thoại tại nơi làm việc: Lắng nghe để thấu hiểu\n\n" + dtP2 + "\n\n" + dtP3 + "\n"
	dtWant(t, dtClean(t, dump), "", []string{dtP1, dtP2, dtP3}, dtHead, "Đối thoại tại nơi")
}

// TestDumpToolBarsAndTags: share/print bars with several labels and
// "Tags: …" lines are furniture: the name above them is the author.
func TestDumpToolBarsAndTags(t *testing.T) {
	for _, bar := range []string{"Chia sẻ | In bài viết | Lên top", "In bài viết Gửi bài viết", "Chia sẻ Zalo Lưu",
		"Chia sẻ Theo dõi Báo Lao Động trên Google News", "Tags: hỗ trợ đoàn viên thiên tai", "Từ khóa: Mái ấm Công đoàn"} {
		dump := dtTitle + "\n\n10/02/2026 06:05\nChia sẻ In bài viết\n" + dtP1 + "\n\n" + dtP2 + "\n\n" + dtP3 + "\n\nHải Anh\n\n" + bar + "\n" + dtHead + "\n"
		dtWant(t, dtClean(t, dump), "Hải Anh", []string{dtP1, dtP2, dtP3}, bar, dtHead, "Chia sẻ")
	}
}

// TestDumpHeaderBylines: bylines printed in the header: with the date
// on the same line, with an affiliation, or on the line before the date.
func TestDumpHeaderBylines(t *testing.T) {
	for _, tt := range []struct{ header, author string }{
		{"Hải Nguyễn Thứ Ba, 10/02/2026 06:05 (GMT+7)", "Hải Nguyễn"},
		{"Phúc lợi đoàn viên - 24/01/2026 18:10 |\nThu Trang / Tạp chí Lao động và Công đoàn", "Thu Trang"},
		{"Minh Chiến\n12/12/2025 19:05", "Minh Chiến"},
	} {
		a := dtClean(t, dtTitle+"\n\n"+tt.header+"\n"+dtP1+"\n\n"+dtP2+"\n\n"+dtP3+"\n")
		dtWant(t, a, tt.author, []string{dtP1, dtP2, dtP3}, tt.author)
		if a.Published.IsZero() {
			t.Errorf("%q: no date", tt.header)
		}
	}
}
