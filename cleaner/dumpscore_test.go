package cleaner

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestScoreShingles(t *testing.T) {
	tests := []struct {
		name      string
		gold, got string
		p, r, f1  float64
	}{
		{"identical", "Công đoàn Y tế Việt Nam tổ chức hội nghị.", "Công đoàn Y tế Việt Nam tổ chức hội nghị.", 1, 1, 1},
		{"both empty", "", " ,. ", 1, 1, 1},
		{"nothing extracted", "một hai ba bốn năm", "", 0, 0, 0},
		{"nothing expected", "", "một hai ba bốn năm", 0, 0, 0},
		{"missing tail", "a b c d e", "a b c d", 1, 0.5, 2.0 / 3},
		{"extra clutter", "a b c d", "a b c d e", 0.5, 1, 2.0 / 3},
		{"short text is one shingle", "Xin chào", "Xin chào", 1, 1, 1},
		{"short text differs", "Xin chào", "Xin chao", 0, 0, 0},
		{"punctuation and spacing ignored", "Hà Nội, ngày 5/12: trời mưa.", "Hà  Nội ngày\n5 12 trời mưa", 1, 1, 1},
		// The benchmark does not lower-case (\w+ tokens as they are).
		{"case kept", "Công Đoàn a b", "công đoàn a b", 0, 0, 0},
		{"multiset counts", "a b c d a b c d", "a b c d", 1, 0.2, 1 / 3.0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r, f1 := ScoreShingles(tt.gold, tt.got)
			if !dumpNear(p, tt.p) || !dumpNear(r, tt.r) || !dumpNear(f1, tt.f1) {
				t.Errorf("ScoreShingles = (%.4f, %.4f, %.4f), want (%.4f, %.4f, %.4f)", p, r, f1, tt.p, tt.r, tt.f1)
			}
		})
	}
}

func dumpNear(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// dumpBenchDir holds the ScrapingHub benchmark data in the repository
// (ground truth and the published outputs of go-trafilatura and others).
var dumpBenchDir = filepath.Join("..", "testdata", "scrapinghub")

// TestScoreShinglesMatchesBenchmark recomputes the benchmark's published
// scores (README.rst: precision and recall are per-page means, F1 is their
// harmonic mean) from its reference outputs.
func TestScoreShinglesMatchesBenchmark(t *testing.T) {
	type bodies map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	var gold bodies
	if err := dumpReadJSON(filepath.Join(dumpBenchDir, "ground-truth.json"), &gold); err != nil {
		t.Fatal(err)
	}
	published := map[string][3]float64{ // precision, recall, F1 from README.rst
		"go_trafilatura": {0.940, 0.980, 0.960},
		"go_readability": {0.900, 0.971, 0.934},
	}
	for name, want := range published {
		var out struct{ Output bodies }
		if err := dumpReadJSON(filepath.Join(dumpBenchDir, "reference-output", name+".json"), &out); err != nil {
			t.Fatal(err)
		}
		var sp, sr float64
		for id, g := range gold {
			p, r, _ := ScoreShingles(g.ArticleBody, out.Output[id].ArticleBody)
			sp, sr = sp+p, sr+r
		}
		p, r := sp/float64(len(gold)), sr/float64(len(gold))
		f1 := 2 * p * r / (p + r)
		for i, got := range []float64{p, r, f1} {
			if math.Abs(got-want[i]) > 0.0005 {
				t.Errorf("%s: metric %d = %.4f, published %.3f", name, i, got, want[i])
			}
		}
	}
}

func dumpReadJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
