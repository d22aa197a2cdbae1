package cleaner

import (
	"strings"
	"testing"
)

// TestRuleTable: every rule has a unique name of the shape profiles use,
// a mode, a description and the function that implements it; the
// switches of a profile map onto the table.
func TestRuleTable(t *testing.T) {
	seen := map[string]bool{}
	for i, r := range Rules() {
		if r.Name == "" || seen[r.Name] || strings.ToLower(r.Name) != r.Name {
			t.Errorf("rule %d: bad or repeated name %q", i, r.Name)
		}
		seen[r.Name] = true
		if r.Doc == "" || r.Where == "" || (r.Modes != "html" && r.Modes != "text" && r.Modes != "html+text") {
			t.Errorf("rule %q: incomplete row %+v", r.Name, r)
		}
		s, err := ruleSetOf(map[string]bool{r.Name: false})
		if err != nil || s.on(ruleID(i)) {
			t.Errorf("rule %q: switching it off: %v", r.Name, err)
		}
	}
	if _, err := ruleSetOf(map[string]bool{"nope": true}); err == nil || !strings.Contains(err.Error(), "related-box") {
		t.Errorf("unknown rule: err = %v, want the list of known names", err)
	}
}

// TestMarkerVocabulary: one vocabulary serves both modes: a related
// marker ends a dump and heads an HTML box; a share label is a UI label
// in HTML and an end marker in dumps; a plain label ends nothing.
func TestMarkerVocabulary(t *testing.T) {
	for _, tt := range []struct {
		line     string
		kind     markerKind
		end, btn bool
	}{
		{"Tin liên quan", markRelated, true, false},
		{"CÓ THỂ BẠN QUAN TÂM:", markRelated, true, false},
		{"Đọc tiếp", markRelated, true, false},
		{"Chia sẻ", markFurniture, true, true},
		{"Zalo", markLabel, false, true},
		{"Tin liên quan đến vụ cháy ở quận 1 hôm qua", 0, false, false},
	} {
		if k := markerOf(tt.line, nil); k != tt.kind {
			t.Errorf("markerOf(%q) = %d, want %d", tt.line, k, tt.kind)
		}
		if trIsEndMarker(tt.line) != tt.end || profIsUILabel(tt.line) != tt.btn {
			t.Errorf("%q: end marker %v, UI label %v; want %v, %v", tt.line, trIsEndMarker(tt.line), profIsUILabel(tt.line), tt.end, tt.btn)
		}
	}
	if markerOf("Chuyện nghề", markerSet([]string{"chuyện nghề:"})) != markRelated {
		t.Error("a profile's extra marker is not matched folded")
	}
}

// TestCutAtHTML: in HTML mode a marker with prose after it is dropped
// alone; the one after the last prose still ends the article.
func TestCutAtHTML(t *testing.T) {
	prose := "Ngày 15/12, Khối thi đua 11 Công đoàn ngành Trung ương tổ chức Hội nghị tổng kết hoạt động công đoàn năm 2025."
	in := []string{prose, "Tin liên quan", "Tin cũ 1", prose + " Tiếp theo.", "Tin khác", "Tin cũ 2"}
	got := trCutAt(in, true)
	if want := []string{prose, "Tin cũ 1", prose + " Tiếp theo."}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("trCutAt(html) = %q, want %q", got, want)
	}
	if got := trCutAt(in, false); len(got) != 1 {
		t.Errorf("trCutAt(text) = %q, want the cut at the first marker", got)
	}
}
