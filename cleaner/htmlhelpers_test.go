package cleaner

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/sites/replica"
)

// htmlTestProfile reads a built-in profile JSON with encoding/json.
func htmlTestProfile(t testing.TB, name string) *sites.Profile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "sites", "profiles", name+".json"))
	if err != nil {
		t.Fatalf("read profile: %v", err)
	}
	var p sites.Profile
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatalf("decode profile: %v", err)
	}
	return &p
}

const htmlTestURL = "https://laodongthudo.vn/tao-diem-tua-vung-chac-cho-nguoi-lao-dong-121043.html"

// Paragraphs of the test page.
const (
	htmlPara1 = "Thời gian qua, trước diễn biến phức tạp của dịch Covid-19, các cấp Công đoàn ngành y tế Thủ đô đã nỗ lực vượt qua khó khăn, tích cực triển khai các phong trào thi đua nhằm động viên, khích lệ tinh thần hăng say lao động và sáng tạo."
	htmlPara2 = "Ngay từ đầu năm, Công đoàn ngành Y tế Hà Nội đã chủ động phối hợp với Sở Y tế Hà Nội ban hành kế hoạch về việc tổ chức hội nghị người lao động năm 2021."
	htmlLead  = "Công đoàn ngành Y tế Hà Nội đã nỗ lực chăm lo, bảo vệ quyền lợi cho người lao động."
	htmlCapt  = "Đồng chí Trịnh Tố Tâm phát biểu tại hội nghị. (Ảnh: K.Tiến)"
)

// htmlTestPage is a MasterCMS article page shaped like laodongthudo.vn's, with
// every kind of clutter the profile must remove.
const htmlTestPage = `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Tạo điểm tựa vững chắc cho người lao động - Lao động Thủ đô</title>
<meta property="og:title" content="Tạo điểm tựa vững chắc cho người lao động">
<meta name="description" content="Mô tả ngắn trong thẻ meta.">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-03-01T08:00:00+07:00"}</script>
<style>.x{color:red}</style>
</head><body>
<div class="menu"><a href="/">Trang chủ</a></div>
<div class="title_new_nav"><span><a href="/cong-doan"><span>Công đoàn</span></a></span>
<span><a href="/cong-doan/hoat-dong"><span>Hoạt động</span></a></span></div>
<div class="content_detail">
 <p class="detail-subtitle">Công đoàn ngành Y tế Hà Nội:</p>
 <h1 class="detail-title">Tạo điểm tựa vững chắc cho người lao động</h1>
 <div class="tool"><i>Công đoàn 17/07/2025 12:15</i></div>
 <div class="sapo_detail">` + htmlLead + `</div>
 <div class="detail_info">
  <div class="box_related_inline"><a href="/a-1.html">Góc nhìn từ một doanh nghiệp điện tử</a><a href="/b-2.html">Khai mạc Hội nghị Ban Chấp hành</a></div>
  <p>` + htmlLead + `</p>
  <p>` + htmlPara1 + `</p>
  <!-- <p>commented out --></p> -->
  <table class="MASTERCMS_TPL_TABLE" align="center"><tbody>
   <tr><td><img class="__img_mastercms" src="/stores/news_dataimages/2021/032021/01/08/a.jpg" alt="Tạo điểm tựa vững chắc cho người lao động" title="Tạo điểm tựa vững chắc cho người lao động"></td></tr>
   <tr><td>` + htmlCapt + `</td></tr>
  </tbody></table>
  <p>` + htmlPara2 + `</p>
  <p>` + htmlPara2 + `</p>
  <p>&nbsp;</p>
  <p align="right"><strong>K.Tiến</strong></p>
  <div class="fb-like">Thích Chia sẻ</div>
  <div class="print_mail"><a href="#">In bài viết</a></div>
 </div>
 <div class="tags"><a href="/cong-doan.tag">công đoàn</a><a href="/y-te.tag">y tế</a><a href="/cong-doan.tag"> công đoàn </a></div>
</div>
<div class="other"><h3>Có thể bạn quan tâm</h3><h3>Tin khác</h3></div>
<script>var x = "Xem thêm";</script>
</body></html>`

// htmlPageWith returns htmlTestPage with old replaced by new, failing when old is
// not in the page.
func htmlPageWith(t testing.TB, pairs ...string) string {
	t.Helper()
	s := htmlTestPage
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("test page has no %q", pairs[i])
		}
		s = strings.ReplaceAll(s, pairs[i], pairs[i+1])
	}
	return s
}

// replicaAndProfiles builds the replica sites and loads the built-in
// profiles, validated with this package's selector compiler.
func replicaAndProfiles(t testing.TB) (*replica.Replica, *sites.Registry) {
	t.Helper()
	r, err := replica.New()
	if err != nil {
		t.Fatalf("replica.New: %v", err)
	}
	reg, err := sites.Load(&sites.LoadOptions{CheckSelector: ValidSelector})
	if err != nil {
		t.Fatalf("load profiles: %v", err)
	}
	return r, reg
}
