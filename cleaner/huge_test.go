package cleaner

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// hugePages are pathological pages of about 8 MiB (MaxInputSize).
func hugePages() map[string]string {
	const size = MaxInputSize - 1024
	para := "<p>Công đoàn chăm lo đời sống người lao động.</p>"
	return map[string]string{
		"deep nesting":    strings.Repeat("<div>", size/5),
		"deep inline":     `<div class="__MASTERCMS_CONTENT">` + strings.Repeat("<b>", size/3-10),
		"giant paragraph": `<div class="__MASTERCMS_CONTENT"><p>` + strings.Repeat("chữ ", size/6) + `</p></div>`,
		"tiny paragraphs": `<div class="__MASTERCMS_CONTENT">` + strings.Repeat("<p>a</p>", size/8-4) + `</div>`,
		"many paragraphs": `<div class="__MASTERCMS_CONTENT">` + strings.Repeat(para, size/len(para)-1) + `</div>`,
		"giant table":     `<div class="__MASTERCMS_CONTENT"><table>` + strings.Repeat("<tr><td>x</td><td>1</td></tr>", size/30-4) + `</table></div>`,
	}
}

// TestCleanHugeBounded cleans pathological 8 MiB pages with a profile
// and without (the generic rung) and asserts only that each finishes,
// within a generous bound, with valid UTF-8.
func TestCleanHugeBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	p := htmlTestProfile(t, "laodongthudo.vn")
	c := New(nil)
	for name, page := range hugePages() {
		for _, prof := range []bool{true, false} {
			start := time.Now()
			pp := p
			if !prof {
				pp = nil
			}
			a, _ := c.Clean([]byte(page), htmlTestURL, pp)
			d := time.Since(start)
			t.Logf("%s (profile %v): %v, %d runes of text", name, prof, d.Round(time.Millisecond), utf8.RuneCountInString(a.Text))
			if !utf8.ValidString(a.Text) {
				t.Errorf("%s: invalid UTF-8", name)
			}
			if d > 2*time.Minute {
				t.Errorf("%s (profile %v) took %v", name, prof, d)
			}
		}
	}
}
