package neardup

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// story is a base text as paragraphs (the lead first).
type story [][]string // paragraphs of words

func (s story) text() string {
	ps := make([]string, len(s))
	for i, p := range s {
		ps[i] = strings.Join(p, " ")
	}
	return strings.Join(ps, "\n\n")
}

func toStory(paras []string) story {
	var s story
	for _, p := range paras {
		if w := strings.Fields(p); len(w) > 0 {
			s = append(s, w)
		}
	}
	return s
}

// baseStories reads real-looking article texts: the replica's articles
// (in the repository) and, when ../shared is present, the gold texts of
// the seed dumps and the saved real pages.
func baseStories(t testing.TB) []story {
	t.Helper()
	var out []story
	files, err := filepath.Glob(filepath.Join("..", "..", "sites", "replica", "*", "articles", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no replica articles: %v", err)
	}
	for _, f := range files {
		var a struct {
			Lead string `json:"lead"`
			Body []struct {
				P string `json:"p"`
			} `json:"body"`
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &a); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		paras := []string{a.Lead}
		for _, p := range a.Body {
			paras = append(paras, p.P)
		}
		if s := toStory(paras); wordCount(s) >= 60 {
			out = append(out, s)
		}
	}
	shared := filepath.Join("..", "..", "..", "shared")
	gold, _ := filepath.Glob(filepath.Join(shared, "seeds", "expected", "*.json"))
	for _, f := range gold {
		var g struct {
			Body []string `json:"body"`
		}
		if b, err := os.ReadFile(f); err == nil && json.Unmarshal(b, &g) == nil {
			out = append(out, toStory(g.Body))
		}
	}
	var pages []struct {
		Text string `json:"text"`
	}
	if b, err := os.ReadFile(filepath.Join(shared, "realpages", "gold.json")); err == nil && json.Unmarshal(b, &pages) == nil {
		for _, p := range pages {
			out = append(out, toStory(strings.Split(p.Text, "\n")))
		}
	}
	return distinct(out)
}

// distinct drops a story whose shingles overlap an earlier one's
// (Jaccard ≥ 0.1): the replica plants syndicated copies and lookalike
// reports (sites/replica/dedup.go), and a base must be its own story.
func distinct(ss []story) []story {
	var out []story
	var sh [][]uint64
	for _, s := range ss {
		x := Shingles(s.text())
		if !slices.ContainsFunc(sh, func(y []uint64) bool { return jaccard(x, y) >= 0.1 }) {
			out = append(out, s)
			sh = append(sh, x)
		}
	}
	return out
}

func wordCount(s story) int {
	n := 0
	for _, p := range s {
		n += len(p)
	}
	return n
}

// syndicate makes the copy another site runs: a lead of another length,
// one paragraph more or less, a photo caption added, and 5% of the words
// edited (replaced, dropped or a word inserted).
func syndicate(rng *rand.Rand, s story, vocab []string, extra []string) story {
	c := make(story, 0, len(s)+2)
	for _, p := range s {
		c = append(c, append([]string(nil), p...))
	}
	// Lead: keep its first half to three quarters, or lengthen it.
	if len(c[0]) > 8 {
		if rng.IntN(2) == 0 {
			c[0] = c[0][:len(c[0])*(2+rng.IntN(2))/4]
		} else {
			c[0] = append(c[0], strings.Fields("theo ghi nhận của phóng viên tại cơ sở")...)
		}
	}
	// ±1 paragraph.
	if rng.IntN(2) == 0 && len(c) > 3 {
		i := 1 + rng.IntN(len(c)-1)
		c = append(c[:i], c[i+1:]...)
	} else {
		i := 1 + rng.IntN(len(c))
		c = append(c[:i], append(story{strings.Fields(extra[rng.IntN(len(extra))])}, c[i:]...)...)
	}
	// A caption.
	cap := strings.Fields("Lãnh đạo Công đoàn trao quà cho đoàn viên, người lao động. Ảnh: " + vocab[rng.IntN(len(vocab))])
	i := 1 + rng.IntN(len(c))
	c = append(c[:i], append(story{cap}, c[i:]...)...)
	// 5% of the words edited.
	for pi, p := range c {
		var q []string
		for _, w := range p {
			if rng.Float64() >= 0.05 {
				q = append(q, w)
				continue
			}
			switch rng.IntN(3) {
			case 0: // replaced
				q = append(q, vocab[rng.IntN(len(vocab))])
			case 1: // dropped
			default: // a word inserted
				q = append(q, w, vocab[rng.IntN(len(vocab))])
			}
		}
		c[pi] = q
	}
	return c
}

// templated writes the n-th distinct report of a family: the same
// template sentences with another province, leader, figures and dates,
// and three paragraphs of its own (a report tells its own
// events between the template sentences).
func templated(rng *rand.Rand, n int, own []string) story {
	p := provinces[n%len(provinces)]
	name := leaders[rng.IntN(len(leaders))]
	f := func(format string, args ...any) []string { return strings.Fields(fmt.Sprintf(format, args...)) }
	s := story{
		f("Ngày %d/1, Liên đoàn Lao động tỉnh %s tổ chức chương trình “Tết Sum vầy – Xuân gắn kết” năm 2026 cho đoàn viên, người lao động có hoàn cảnh khó khăn tại %d khu công nghiệp.", 5+rng.IntN(20), p, 2+rng.IntN(9)),
		f("Tại chương trình, LĐLĐ tỉnh %s đã trao %d suất quà, mỗi suất trị giá %d.000 đồng gồm tiền mặt và nhu yếu phẩm, tổng kinh phí hơn %d tỷ đồng.", p, 100*(3+rng.IntN(40)), 500+100*rng.IntN(10), 1+rng.IntN(9)),
		f("Phát biểu tại chương trình, đồng chí %s, Chủ tịch LĐLĐ tỉnh %s ghi nhận những đóng góp của công nhân lao động trong năm qua và mong muốn các doanh nghiệp tiếp tục quan tâm chăm lo đời sống cho người lao động.", name, p),
		f("Dịp này, Công đoàn tỉnh %s còn tổ chức %d gian hàng “0 đồng”, hỗ trợ %d vé xe, vé tàu cho công nhân về quê đón Tết và thăm hỏi %d đoàn viên đang điều trị bệnh hiểm nghèo.", p, 5+rng.IntN(30), 50*(1+rng.IntN(20)), 10+rng.IntN(90)),
		pick(rng, own, 3),
		pick(rng, own, 3),
		pick(rng, own, 3),
		f("Được biết, năm 2026 các cấp công đoàn tỉnh %s dự kiến dành hơn %d tỷ đồng chăm lo Tết cho khoảng %d.000 đoàn viên, người lao động.", p, 10+rng.IntN(90), 10+rng.IntN(200)),
	}
	return s
}

var provinces = []string{"Hà Nam", "Nam Định", "Thái Bình", "Ninh Bình", "Hải Dương", "Hưng Yên", "Bắc Ninh", "Bắc Giang",
	"Phú Thọ", "Vĩnh Phúc", "Thái Nguyên", "Tuyên Quang", "Lào Cai", "Yên Bái", "Sơn La", "Hòa Bình", "Thanh Hóa",
	"Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa",
	"Ninh Thuận", "Bình Thuận", "Gia Lai", "Kon Tum", "Đắk Lắk", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Bình Dương",
	"Đồng Nai", "Long An", "Tiền Giang", "Bến Tre", "Vĩnh Long", "Trà Vinh", "Đồng Tháp", "An Giang", "Kiên Giang",
	"Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau", "Quảng Ninh", "Lạng Sơn"}

var leaders = []string{"Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Minh Tuấn", "Phạm Thu Hà", "Hoàng Văn Nam", "Vũ Thị Lan",
	"Đặng Quốc Bảo", "Bùi Thanh Sơn", "Đỗ Thị Hương", "Ngô Đức Thắng"}

// vocabulary returns the distinct words of the stories.
func vocabulary(ss []story) []string {
	seen := map[string]bool{}
	var v []string
	for _, s := range ss {
		for _, p := range s {
			for _, w := range p {
				if !seen[w] {
					seen[w] = true
					v = append(v, w)
				}
			}
		}
	}
	return v
}

// paragraphs returns every paragraph of the stories of at least 15 words.
func paragraphs(ss []story) []string {
	var out []string
	for _, s := range ss {
		for _, p := range s[1:] {
			if len(p) >= 15 {
				out = append(out, strings.Join(p, " "))
			}
		}
	}
	return out
}

// sentences returns every sentence of the stories' paragraphs.
func sentences(ss []story) []string {
	var out []string
	for _, s := range ss {
		for _, p := range s {
			var cur []string
			for _, w := range p {
				cur = append(cur, w)
				if strings.HasSuffix(w, ".") && len(cur) >= 6 {
					out = append(out, strings.Join(cur, " "))
					cur = nil
				}
			}
		}
	}
	return out
}

// pick joins k sentences drawn at random into one paragraph.
func pick(rng *rand.Rand, sents []string, k int) []string {
	var p []string
	for range k {
		p = append(p, strings.Fields(sents[rng.IntN(len(sents))])...)
	}
	return p
}
