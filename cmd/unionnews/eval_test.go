package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// evalRoot is the repository checkout, seen from this package's directory.
const evalRoot = "../.."

func evalCLI(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), append([]string{"eval"}, args...), strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), err
}

// TestEvalFloors is the CI quality gate: every set must reach the floors
// pinned in testdata/eval/floors.json.
func TestEvalFloors(t *testing.T) {
	for _, set := range evalSetNames() {
		t.Run(set, func(t *testing.T) {
			out, errs, err := evalCLI(t, "-set", set, "-v")
			if err != nil {
				t.Errorf("unionnews eval -set %s: %v\n%s%s", set, err, out, errs)
				return
			}
			t.Logf("\n%s", out)
		})
	}
}

func TestReferenceReproduction(t *testing.T) {
	dir := filepath.Join(evalRoot, "testdata", "scrapinghub")
	gold, err := readSHFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != 181 {
		t.Fatalf("ground truth has %d pages, want 181", len(gold))
	}
	tests := []struct {
		file     string
		f1, p, r float64
	}{
		{"go_trafilatura.json", 0.960, 0.940, 0.980},
		{"go_readability.json", 0.934, 0.900, 0.971},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			pred, err := readSHFile(filepath.Join(dir, "reference-output", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			q := scorePredictions(gold, pred)
			t.Logf("F1 %.4f P %.4f R %.4f", q.F1, q.P, q.R)
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"F1", q.F1, tt.f1}, {"P", q.P, tt.p}, {"R", q.R, tt.r}} {
				if math.Abs(c.got-c.want) > 0.001 {
					t.Errorf("%s = %.4f, published %.3f", c.name, c.got, c.want)
				}
			}
		})
	}
}

func TestAggregate(t *testing.T) {
	const gold = "Công đoàn cơ sở tổ chức hội nghị người lao động năm 2025 tại Hà Nội"
	const half = "Công đoàn cơ sở tổ chức hội nghị"
	full := scoreText("full", gold, gold)       // P 1, R 1
	partial := scoreText("partial", gold, half) // P 1, R < 1
	tests := []struct {
		name    string
		oddPage pageScore // added to two ordinary pages
		inP     bool      // whether it counts in P
		inR     bool      // whether it counts in R
	}{
		{name: "both empty", oddPage: scoreText("e", "", " — ")},
		{name: "empty prediction", oddPage: scoreText("e", gold, ""), inR: true},
		{name: "empty gold", oddPage: scoreText("e", "", gold), inP: true},
		{name: "both texts", oddPage: scoreText("e", gold, gold+" Quảng cáo"), inP: true, inR: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := aggregate([]pageScore{full, partial, tt.oddPage})
			var sp, sr, np, nr float64 = full.P + partial.P, full.R + partial.R, 2, 2
			if tt.inP {
				sp, np = sp+tt.oddPage.P, 3
			}
			if tt.inR {
				sr, nr = sr+tt.oddPage.R, 3
			}
			p, r := sp/np, sr/nr
			want := quality{P: p, R: r, F1: 2 * p * r / (p + r)}
			if math.Abs(got.P-want.P) > 1e-12 || math.Abs(got.R-want.R) > 1e-12 || math.Abs(got.F1-want.F1) > 1e-12 {
				t.Errorf("aggregate = %+v, want %+v (odd page %+v)", got, want, tt.oddPage)
			}
		})
	}
}

func TestAggregateEdgePages(t *testing.T) {
	tests := []struct {
		name      string
		gold, got string
		want      quality
	}{
		// evaluate.py would take the mean of no page; here it is 0.
		{"both empty", "", "", quality{}},
		{"empty prediction", "một hai ba bốn năm", "", quality{}},
		{"empty gold", "", "một hai ba bốn năm", quality{}},
		{"identical", "một hai ba bốn năm", "một hai ba bốn năm", quality{1, 1, 1}},
		// 2 gold shingles, 3 predicted: tp 2, fp 1.
		{"extra word", "một hai ba bốn năm", "một hai ba bốn năm sáu", quality{2.0 / 3, 1, 0.8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := scoreText(tt.name, tt.gold, tt.got)
			got := aggregate([]pageScore{s})
			if math.Abs(got.P-tt.want.P) > 1e-12 || math.Abs(got.R-tt.want.R) > 1e-12 || math.Abs(got.F1-tt.want.F1) > 1e-12 {
				t.Errorf("aggregate = %+v, want %+v (page %+v)", got, tt.want, s)
			}
		})
	}
	if got := aggregate(nil); got != (quality{}) {
		t.Errorf("aggregate(nil) = %+v", got)
	}
}

func TestReadSHFile(t *testing.T) {
	dir := t.TempDir()
	const page = `{"id1": {"articleBody": "Xin chào", "url": "https://a.vn/1"}}`
	files := map[string]string{
		"plain.json":   page,
		"wrapped.json": `{"version": "1.0", "output": ` + page + `}`,
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := readSHFile(path)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if g := m["id1"]; len(m) != 1 || g.ArticleBody != "Xin chào" || g.URL != "https://a.vn/1" {
			t.Errorf("%s: got %+v", name, m)
		}
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`[1, 2]`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readSHFile(bad); err == nil {
		t.Error("a JSON array read as a prediction file")
	}
}

func TestLoadFloors(t *testing.T) {
	tests := []struct {
		name, body string
		wantErr    bool
	}{
		{"pinned", `{"_comment": "x", "seeds": {"f1": 0.97, "page_f1": 0.97, "title": 1}, "scrapinghub": {"f1": 0.955}}`, false},
		{"unknown set", `{"seed": {"f1": 0.97}}`, true},
		{"unknown field", `{"seeds": {"F1_score": 0.97}}`, true},
		{"out of range", `{"sites": {"f1": 98}}`, true},
		{"not an object", `[]`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "floors.json")
			if err := os.WriteFile(path, []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			fl, err := loadFloors(path)
			if (err != nil) != tt.wantErr {
				t.Fatalf("loadFloors error = %v, want error %v", err, tt.wantErr)
			}
			if err == nil && (*fl["seeds"].F1 != 0.97 || *fl["scrapinghub"].F1 != 0.955 || fl["seeds"].Author != nil) {
				t.Errorf("floors = %+v", fl)
			}
		})
	}
}

// TestPinnedFloors keeps the committed floors at the targets of issues 3
// and 8.
func TestPinnedFloors(t *testing.T) {
	fl, err := loadFloors(filepath.Join(evalRoot, "testdata", "eval", "floors.json"))
	if err != nil {
		t.Fatal(err)
	}
	targets := map[string]map[string]float64{
		setSeeds:       {"f1": 1, "page_f1": 1, "title": 1, "author": 1},
		setSites:       {"f1": 0.99, "title": 1, "author": 1},
		setReal:        {"f1": 0.985},
		setDumps:       {"f1": 0.97, "author": 0.95},
		setScrapinghub: {"f1": 0.960},
	}
	for set, want := range targets {
		f := fl[set]
		got := map[string]*float64{"f1": f.F1, "page_f1": f.PageF1, "title": f.Title, "author": f.Author}
		for k, w := range want {
			if got[k] == nil || *got[k] < w {
				t.Errorf("%s %s floor is %v, below the target %v", set, k, got[k], w)
			}
		}
	}
}

func TestCheckFloors(t *testing.T) {
	one := 1.0
	sums := []setSummary{
		{Set: setSeeds, quality: quality{F1: 0.99}, MinPageF1: 0.96, Title: &one, Author: ptr(0.5), Published: &one},
		{Set: setScrapinghub, quality: quality{F1: 0.95}},
	}
	floors := map[string]setFloor{
		setSeeds:       {F1: ptr(0.97), PageF1: ptr(0.97), Title: ptr(1.0), Author: ptr(1.0)},
		setScrapinghub: {F1: ptr(0.955), Title: ptr(0.5)},
		setSites:       {F1: ptr(0.98)}, // not run: not checked
	}
	got := checkFloors(sums, floors)
	want := []string{
		"seeds: worst page F1 0.9600 < floor 0.9700",
		"seeds: author accuracy 0.5000 < floor 1.0000",
		"scrapinghub: F1 0.9500 < floor 0.9550",
		"scrapinghub: title accuracy has a floor but the set's gold has no such field",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("checkFloors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestEvalFloorFails runs the harness on a checkout whose one seed has a
// gold that the dump does not hold: the floor must fail the command.
func TestEvalFloorFails(t *testing.T) {
	root := t.TempDir()
	dumps := filepath.Join(root, "cleaner", "testdata", "dumps")
	if err := os.MkdirAll(dumps, 0o755); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(evalRoot, "cleaner", "testdata", "dumps", "000_3c54bf959fcdca67.txt"))
	if err != nil {
		t.Fatal(err)
	}
	gold := `{"title": "Một tiêu đề khác", "author": "Ai đó", "published": "", "body": ["Một bài báo hoàn toàn khác, không có trong bản dump này."]}`
	files := map[string]string{"x.txt": string(raw), "x.json": gold, "orphan.txt": string(raw)}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dumps, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	floors := filepath.Join(root, "floors.json")
	if err := os.WriteFile(floors, []byte(`{"seeds": {"f1": 0.97, "title": 1}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := evalCLI(t, "-root", root, "-set", "seeds", "-floors", floors, "-json")
	if !errors.Is(err, errFloor) {
		t.Fatalf("err = %v, want errFloor\n%s", err, out)
	}
	var rep evalReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if len(rep.Sets) != 1 || rep.Sets[0].Pages != 1 {
		t.Errorf("want the one seed with gold scored (not the orphan dump): %+v", rep.Sets)
	}
	fails := strings.Join(rep.FloorFailed, "\n")
	for _, want := range []string{"seeds: F1 0.0", "seeds: title accuracy 0.0000 < floor 1.0000"} {
		if !strings.Contains(fails, want) {
			t.Errorf("floor failures lack %q:\n%s", want, fails)
		}
	}
	if _, _, err := evalCLI(t, "-root", root, "-set", "seeds", "-floors", "off"); err != nil {
		t.Errorf("-floors off: %v", err)
	}
}

func TestEvalJSON(t *testing.T) {
	out, _, err := evalCLI(t, "-set", "seeds", "-json", "-v", "-floors", "off")
	if err != nil {
		t.Fatal(err)
	}
	var rep evalReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	golds, _ := filepath.Glob(filepath.Join(evalRoot, "cleaner", "testdata", "dumps", "*.json"))
	if len(rep.Sets) != 1 || rep.Sets[0].Set != setSeeds || rep.Sets[0].Pages != len(golds) || len(rep.Sets[0].PageScores) != len(golds) {
		t.Fatalf("report = %+v, want the %d seeds with gold", rep, len(golds))
	}
	ps := rep.Sets[0].PageScores
	for i := 1; i < len(ps); i++ {
		if ps[i].F1 < ps[i-1].F1 {
			t.Errorf("pages not worst first: %v then %v", ps[i-1].F1, ps[i].F1)
		}
	}
	if rep.Sets[0].Title == nil || rep.Speed != nil {
		t.Errorf("seeds: title accuracy %v, speed %v", rep.Sets[0].Title, rep.Speed)
	}
}

func TestEvalUsage(t *testing.T) {
	for _, args := range [][]string{{"-set", "nope"}, {"extra"}, {"-bogus"}} {
		if _, _, err := evalCLI(t, args...); !errors.Is(err, errUsage) {
			t.Errorf("eval %v: err = %v, want errUsage", args, err)
		}
	}
}
