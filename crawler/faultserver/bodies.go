package faultserver

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Sizes of the oversized answers.
const (
	HugeSize = 50 << 20  // the 50 MB page
	BombSize = 256 << 20 // what the gzip bomb inflates to
)

// Title and Paragraphs are the text of the article named name; a test
// compares the stored text with them (the windows-1258 pages must keep
// every Vietnamese letter).
func Title(name string) string {
	return "Công đoàn cơ sở chăm lo đời sống người lao động (" + name + ")"
}

// Paragraphs of the article named name.
func Paragraphs(name string) []string {
	return []string{
		"Bài kiểm tra " + name + ": Liên đoàn Lao động thành phố đã tổ chức hội nghị đối thoại với hơn một nghìn đoàn viên công đoàn tại các khu công nghiệp.",
		"Tại hội nghị " + name + ", người lao động phản ánh nhiều ý kiến về tiền lương, thưởng Tết, nhà ở và điều kiện làm việc trong những tháng cuối năm.",
		"Đại diện doanh nghiệp cam kết giải quyết dứt điểm các kiến nghị chính đáng, bảo đảm quyền lợi hợp pháp của công nhân theo quy định của pháp luật.",
		"Chủ tịch công đoàn cơ sở cho biết sẽ tiếp tục giám sát việc thực hiện thỏa ước lao động tập thể và báo cáo kết quả trong kỳ họp tới (" + name + ").",
	}
}

func articleHTML(name, metaCharset string) string {
	var b strings.Builder
	b.WriteString("<!doctype html><html><head>")
	if metaCharset != "" {
		fmt.Fprintf(&b, "<meta charset=%q>", metaCharset)
	}
	fmt.Fprintf(&b, "<title>%s</title></head><body><div class=\"article\"><h1 class=\"title\">%s</h1>", Title(name), Title(name))
	b.WriteString("<time class=\"published\">2026-01-15 08:30</time><div class=\"body\">")
	for _, p := range Paragraphs(name) {
		fmt.Fprintf(&b, "<p>%s</p>", p)
	}
	b.WriteString("</div></div></body></html>")
	return b.String()
}

func writeArticle(w http.ResponseWriter, name string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, articleHTML(name, ""))
}

// writeWindows1258 serves the article in windows-1258 with the charset
// in the header (cp1258-header), in a meta tag (cp1258-meta) or nowhere.
func writeWindows1258(w http.ResponseWriter, name string) {
	meta, ct := "", "text/html"
	switch name {
	case "cp1258-header":
		ct += "; charset=windows-1258"
	case "cp1258-meta":
		meta = "windows-1258"
	}
	body, err := encode1258(articleHTML(name, meta))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Write(body)
}

// encode1258 writes NFC text in windows-1258 the way Windows does: a
// toned letter the code page lacks is its base letter plus a combining
// tone mark.
func encode1258(s string) ([]byte, error) {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		if _, ok := charmap.Windows1258.EncodeRune(r); ok {
			b.WriteRune(r)
			continue
		}
		var base, tone []rune
		for _, d := range norm.NFD.String(string(r)) {
			if strings.ContainsRune("\u0300\u0301\u0303\u0309\u0323", d) { // the five tone marks
				tone = append(tone, d)
			} else {
				base = append(base, d)
			}
		}
		b.WriteString(norm.NFC.String(string(base)) + string(tone))
	}
	return charmap.Windows1258.NewEncoder().Bytes([]byte(b.String()))
}

// malformedHTML is the article with unclosed, stray and misnested tags.
func malformedHTML(name string) string {
	h := articleHTML(name, "")
	h = strings.Replace(h, "</p>", "<p><b><i>", 2)
	h = strings.Replace(h, "<div class=\"body\">", "</span></td><div class=\"body\"><table><tr>", 1)
	return h + "</div></div></html><p>trailing <a href='"
}

// writeNested serves the article inside 20,000 nested elements.
func writeNested(w http.ResponseWriter, name string) {
	const depth = 20000
	var b bytes.Buffer
	b.WriteString("<!doctype html><html><body>")
	for i := 0; i < depth; i++ {
		b.WriteString("<div><span>")
	}
	h := articleHTML(name, "")
	b.WriteString(h[strings.Index(h, "<div class=\"article\">"):strings.Index(h, "</body>")])
	for i := 0; i < depth; i++ {
		b.WriteString("</span></div>")
	}
	b.WriteString("</body></html>")
	w.Write(b.Bytes())
}

// streamFault serves the faults of the connection and the body size.
func (s *Server) streamFault(w http.ResponseWriter, r *http.Request, name string) bool {
	switch name {
	case "drip":
		s.drip(w)
	case "reset", "truncated":
		s.cut(w, name == "reset")
	case "huge":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		chunk := bytes.Repeat([]byte("<p>Công đoàn cơ sở</p>\n"), 2048)
		for n := 0; n < HugeSize; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return true
			}
		}
	case "gzip-bomb":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(s.bomb())
	default:
		return false
	}
	return true
}

// drip sends the headers and then one byte every 50 ms until the client
// goes away or the server closes.
func (s *Server) drip(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	f, _ := w.(http.Flusher)
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
			if _, err := w.Write([]byte(" ")); err != nil {
				return
			}
			if f != nil {
				f.Flush()
			}
		}
	}
}

// cut promises a 100,000-byte body, sends 1,000 bytes and closes the
// connection: with a reset (RST) or cleanly (a truncated body).
func (s *Server) cut(w http.ResponseWriter, reset bool) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "no hijacker", http.StatusInternalServerError)
		return
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 100000\r\n\r\n")
	buf.Write(bytes.Repeat([]byte("<p>Công đoàn</p>"), 1000/len("<p>Công đoàn</p>")))
	buf.Flush()
	if tc, ok := conn.(*net.TCPConn); ok && reset {
		time.Sleep(20 * time.Millisecond) // let the bytes go out before the RST
		tc.SetLinger(0)
	}
}

// bomb returns a gzip stream of BombSize zero bytes (~250 KB), made once.
func (s *Server) bomb() []byte {
	s.bombOnce.Do(func() {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		zero := make([]byte, 1<<20)
		for i := 0; i < BombSize>>20; i++ {
			zw.Write(zero)
		}
		zw.Close()
		s.bombBytes = b.Bytes()
	})
	return s.bombBytes
}
