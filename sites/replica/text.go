package replica

import (
	"hash/fnv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// slugify turns a Vietnamese headline into the URL slug the site uses:
// diacritics dropped, đ -> d, lower case, words joined by hyphens.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		}
		r = unicode.ToLower(r)
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// tagID gives a tag a stable numeric id for its .tag URL.
func tagID(name string) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(strings.ToLower(name)))
	return h.Sum32()%90000 + 1000
}

// vietWeekday names the day of the week as the date bar shows it.
func vietWeekday(t time.Time) string {
	return [...]string{"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}[t.Weekday()]
}
