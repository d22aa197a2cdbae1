package cleaner

import (
	"slices"
	"testing"
	"time"
)

func TestTrIsEndMarker(t *testing.T) {
	yes := []string{"Có thể bạn quan tâm", "Nên xem", "Tin khác", "Xem thêm", "Xem thêm:", "TIN CÙNG CHUYÊN MỤC",
		"Tin liên quan", "Đọc thêm", "Chia sẻ", "In bài viết", "Lên top", "Phiên bản di động", "Bài liên quan",
		"Tin mới", "Cùng chuyên mục", "tin khac", "Có liên quan"}
	no := []string{"", "Xem thêm: Công đoàn Nghệ An trao quà", "Tin khác thường về thời tiết miền Bắc",
		"Chia sẻ của đoàn viên về Tết sum vầy.", "K.Tiến"}
	for _, l := range yes {
		if !trIsEndMarker(l) {
			t.Errorf("trIsEndMarker(%q) = false", l)
		}
	}
	for _, l := range no {
		if trIsEndMarker(l) {
			t.Errorf("trIsEndMarker(%q) = true", l)
		}
	}
}

func TestTrCutAtEndMarkers(t *testing.T) {
	prose := "Ngày 15/12, Khối thi đua 11 Công đoàn ngành Trung ương tổ chức Hội nghị tổng kết hoạt động công đoàn."
	in := []string{"Chia sẻ", "Tiêu đề bài", "", prose, "K.Tiến", "", "Có thể bạn quan tâm", "Nên xem", "Tin cũ 1", "Tin khác"}
	want := []string{"Tiêu đề bài", "", prose, "K.Tiến", ""}
	if got := trCutAtEndMarkers(in); !slices.Equal(got, want) {
		t.Errorf("trCutAtEndMarkers = %q, want %q", got, want)
	}
}

func TestTrCaptionLine(t *testing.T) {
	tests := []struct {
		line, caption string
		ok            bool
	}{
		{"Họp mặt kỷ niệm 68 năm Ngày Thầy thuốc Việt Nam. Ảnh: TL", "Họp mặt kỷ niệm 68 năm Ngày Thầy thuốc Việt Nam. Ảnh: TL", true},
		{"Công nhân nhận quà. (Ảnh: HẢI NGUYỄN)", "Công nhân nhận quà. (Ảnh: HẢI NGUYỄN)", true},
		{"Đại biểu dự hội nghị. Ảnh minh họa", "Đại biểu dự hội nghị. Ảnh minh họa", true},
		{"Công đoàn Y tế Việt Nam ký kết quy chế phối hợp hoạt động. |", "Công đoàn Y tế Việt Nam ký kết quy chế phối hợp hoạt động.", true},
		{"Công nhân xếp hàng nhận quà - Ảnh 2.", "Công nhân xếp hàng nhận quà", true},
		{"Ảnh: HẢI NGUYỄN", "", true}, // bare credit: clutter
		{"![]() |", "", true},
		{"Chương trình được giới thiệu qua hình ảnh: những con người thầm lặng.", "", false},
		{"Ngày 15/12, Khối thi đua tổ chức hội nghị tổng kết.", "", false},
	}
	for _, tt := range tests {
		c, ok := trCaptionLine(tt.line)
		if c != tt.caption || ok != tt.ok {
			t.Errorf("trCaptionLine(%q) = (%q, %v), want (%q, %v)", tt.line, c, ok, tt.caption, tt.ok)
		}
	}
}

func TestTrBylineName(t *testing.T) {
	tests := []struct{ line, name string }{
		{"Thực hiện: Kỳ Anh", "Kỳ Anh"},
		{"Tin-ảnh: H.Đào", "H.Đào"},
		{"Tin, ảnh: Quang Hùng", "Quang Hùng"},
		{"Bài và ảnh: Minh Châu.", "Minh Châu"},
		{"Tin: Nhóm PV", "Nhóm PV"},
		{"Thực hiện chủ đề công tác năm 2025, nhiều Công đoàn cơ sở đã ra quân.", ""},
		{"Ảnh: HẢI NGUYỄN", ""},
	}
	for _, tt := range tests {
		name, ok := trBylineName(tt.line)
		if name != tt.name || ok != (tt.name != "") {
			t.Errorf("trBylineName(%q) = (%q, %v), want %q", tt.line, name, ok, tt.name)
		}
	}
}

func TestTrIsTrailingName(t *testing.T) {
	for _, l := range []string{"K.Tiến", "Hoàng Liên Phương", "Nhóm PV", "H.Đào"} {
		if !trIsTrailingName(l) {
			t.Errorf("trIsTrailingName(%q) = false", l)
		}
	}
	for _, l := range []string{"", "Đại biểu phát biểu ý kiến tại Hội nghị", "Toàn cảnh Hội nghị.", "Năm 2025", "Xã hội"} {
		if trIsTrailingName(l) {
			t.Errorf("trIsTrailingName(%q) = true", l)
		}
	}
}

func TestTrIsTitleEcho(t *testing.T) {
	title := "Công đoàn Y tế Việt Nam không ngừng đổi mới, sáng tạo trong hoạt động"
	if !trIsTitleEcho("CÔNG ĐOÀN Y TẾ vIỆT nAM Không ngừng đổi mới, sáng tạo trong hoạt động", title) {
		t.Error("odd-case banner is an echo")
	}
	if !trIsTitleEcho(title+".", title) {
		t.Error("trailing punctuation is ignored")
	}
	if trIsTitleEcho("Công đoàn Y tế Việt Nam", title) || trIsTitleEcho("", "") {
		t.Error("a prefix or empty title is no echo")
	}
}

func TestTrIsRelatedRun(t *testing.T) {
	yes := []string{
		"Góc nhìn từ một doanh nghiệp điện tử Công đoàn phải là lựa chọn đầu tiên và của đa số người lao động Khai mạc Hội nghị Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam lần thứ 7 khóa XII",
		"Thăm, động viên y bác sĩ, nhân viên y tế tuyến đầu phòng, chống dịch bệnh Covid-19 Tiếp thêm sức mạnh cho cán bộ y tế chống dịch Covid-19 Thành lập Công đoàn cơ sở Công ty cổ phần Dược phẩm",
	}
	no := []string{
		"Trong năm qua, các đơn vị trong Khối thi đua Công đoàn ngành Trung ương đã tập trung hướng hoạt động về cơ sở.",
		"Đổi mới, sáng tạo hướng về người lao động",
	}
	for _, l := range yes {
		if !trIsRelatedRun(l) {
			t.Errorf("trIsRelatedRun(%q) = false", l)
		}
	}
	for _, l := range no {
		if trIsRelatedRun(l) {
			t.Errorf("trIsRelatedRun(%q) = true", l)
		}
	}
}

func TestTrDedupeLines(t *testing.T) {
	in := []string{"Lead.", "", "Caption. Ảnh: PV", "caption.  ảnh: pv", "Body.", "", "Lead."}
	want := []string{"Lead.", "", "Caption. Ảnh: PV", "Body.", ""}
	if got := trDedupeLines(in); !slices.Equal(got, want) {
		t.Errorf("trDedupeLines = %q, want %q", got, want)
	}
}

func TestTrIsLeftover(t *testing.T) {
	for _, l := range []string{"-->", "![]() |", "|", "* * *", "![ảnh](https://x.vn/a.jpg)", "—"} {
		if !trIsLeftover(l) {
			t.Errorf("trIsLeftover(%q) = false", l)
		}
	}
	for _, l := range []string{"ssd", "1", "Tin khác", "Xem ảnh |"} {
		if trIsLeftover(l) {
			t.Errorf("trIsLeftover(%q) = true", l)
		}
	}
}

func TestTrIsPlaceholderAlt(t *testing.T) {
	tests := []struct {
		line  string
		count int
		want  bool
	}{
		{"ssd", 9, true},
		{"img 01", 2, true},
		{"ssd", 1, false},
		{"Toàn cảnh Hội nghị .", 2, false},
		{"Các đại biểu tham dự Hội nghị", 2, false},
		{"Tin khác", 3, false},
	}
	for _, tt := range tests {
		if got := trIsPlaceholderAlt(tt.line, tt.count); got != tt.want {
			t.Errorf("trIsPlaceholderAlt(%q, %d) = %v", tt.line, tt.count, got)
		}
	}
}

func TestTrIsPullQuote(t *testing.T) {
	body := []string{
		"Sáng ngày 08/1/2021 tại Hà Nội, Công đoàn Y tế Việt Nam đã tổ chức Hội nghị Tổng kết.",
		"Đồng chí đánh giá cao các hoạt động của công đoàn Y tế các cấp trong thời gian qua. Công đoàn đã chủ động, tích cực sáng tạo, lựa chọn được những vấn đề trọng tâm, kịp thời, thông qua nhiều nội dung quan trọng, mang tính đột phá, hoàn thiện hình thức tổ chức.",
	}
	quote := "Công đoàn Y tế các cấp đã chủ động, tích cực sáng tạo, lựa chọn được những vấn đề trọng tâm, kịp thời, thông qua nhiều nội dung quan trọng, mang tính đột phá."
	if !trIsPullQuote(quote, body) {
		t.Error("quote repeating the body is a pull quote")
	}
	if trIsPullQuote("Cũng tại Hội nghị, Công đoàn Y tế Việt Nam đã công bố các quyết định khen thưởng.", body) {
		t.Error("new sentence is no pull quote")
	}
	if trIsPullQuote(body[1], body) {
		t.Error("the source paragraph itself is no pull quote")
	}
	paras := append(append([]string{}, body...), quote, "Đồng chí Trần Văn Thuật", "- Phó Chủ tịch Tổng Liên đoàn Lao động Việt Nam", "Thực hiện tiếp.")
	want := append(append([]string{}, body...), "Thực hiện tiếp.")
	if got := trDropPullQuotes(paras); !slices.Equal(got, want) {
		t.Errorf("trDropPullQuotes = %q, want %q", got, want)
	}
}

func TestTrHeaderDateLine(t *testing.T) {
	at := func(y, mo, d, h, mi int) time.Time { return time.Date(y, time.Month(mo), d, h, mi, 0, 0, trICT) }
	tests := []struct {
		line             string
		when             time.Time
		category, author string
	}{
		{"09/01/2021 13:29", at(2021, 1, 9, 13, 29), "", ""},
		{"Hội Đoàn thể 17/07/2025 12:15", at(2025, 7, 17, 12, 15), "Hội Đoàn thể", ""},
		{"Kinh tế - Xã hội - 05/08/2020 09:30 Nhóm PV", at(2020, 8, 5, 9, 30), "Kinh tế - Xã hội", "Nhóm PV"},
		{"Anh Khoa LDO | 22/10/2021 15:49", at(2021, 10, 22, 15, 49), "", "Anh Khoa"},
		{"Thứ hai, 12/01/2026 | 08:07", at(2026, 1, 12, 8, 7), "", ""},
		{"09:00 | 10/03/2021", at(2021, 3, 10, 9, 0), "", ""},
	}
	for _, tt := range tests {
		m, ok := trHeaderDateLine(tt.line)
		if !ok || !m.published.Equal(tt.when) || m.category != tt.category || m.author != tt.author {
			t.Errorf("trHeaderDateLine(%q) = (%v, %q, %q, %v), want (%v, %q, %q)",
				tt.line, m.published, m.category, m.author, ok, tt.when, tt.category, tt.author)
		}
		if _, off := m.published.Zone(); ok && off != 7*3600 {
			t.Errorf("%q: offset %d, want +07:00", tt.line, off)
		}
	}
	for _, l := range []string{"31/02/2021 10:00", "Không có ngày", "Ngày 15/12/2020, Khối thi đua tổ chức hội nghị.",
		"Chiều 5/12/2025 tại Nhà hát Hồ Gươm diễn ra Lễ trao giải thưởng VinFuture với chủ đề Cùng vươn mình", "Ngày 15/12, Khối thi đua 11 Công đoàn ngành Trung ương tổ chức Hội nghị tổng kết hoạt động công đoàn của khối năm 2020 và ký thỏa ước."} {
		if _, ok := trHeaderDateLine(l); ok {
			t.Errorf("trHeaderDateLine(%q) ok", l)
		}
	}
}

func TestTrCategoryAuthorLine(t *testing.T) {
	c, a, ok := trCategoryAuthorLine("Hoạt động Công đoàn - Hoàng Liên Phương")
	if !ok || c != "Hoạt động Công đoàn" || a != "Hoàng Liên Phương" {
		t.Errorf("got (%q, %q, %v)", c, a, ok)
	}
	for _, l := range []string{"Hoạt động Công đoàn -", "Kinh tế - Xã hội", "Bà Phạm Thanh Bình – Chủ tịch Công đoàn Y tế Việt Nam phát biểu."} {
		if _, _, ok := trCategoryAuthorLine(l); ok {
			t.Errorf("trCategoryAuthorLine(%q) ok", l)
		}
	}
}

// TestTrIntertitleNotPullQuote: an intertitle whose words the next
// paragraph repeats is kept; it ends no sentence and introduces that
// paragraph, a pull quote repeats text elsewhere.
func TestTrIntertitleNotPullQuote(t *testing.T) {
	inter := "Đơn giản hóa thủ tục đăng ký trực tuyến cho đoàn viên"
	next := "Đơn giản hóa thủ tục đăng ký trực tuyến cho đoàn viên là yêu cầu được nhiều công đoàn cơ sở đề xuất tại hội nghị, nhất là ở các khu công nghiệp đông lao động trẻ."
	in := []string{htmlLead, htmlPara1, inter, next, htmlPara2}
	if got := trDropPullQuotes(in); !slices.Equal(got, in) {
		t.Errorf("trDropPullQuotes dropped the intertitle: %q", got)
	}
}
