package sites

import (
	"testing"
	"time"
)

func TestDateLayoutFind(t *testing.T) {
	ict := Zone()
	tests := []struct {
		layout, text string
		want         time.Time
		ok           bool
	}{
		{"02/01/2006 15:04", "Hội Đoàn thể 17/07/2025 12:15", time.Date(2025, 7, 17, 12, 15, 0, 0, ict), true},
		{"02/01/2006 15:04", "9/1/2021  13:29 sáng", time.Date(2021, 1, 9, 13, 29, 0, 0, ict), true},
		{"02/01/2006 | 15:04", "Thứ hai, 12/01/2026 | 08:07", time.Date(2026, 1, 12, 8, 7, 0, 0, ict), true},
		{"15:04 | 02/01/2006", "09:00 | 10/03/2021", time.Date(2021, 3, 10, 9, 0, 0, 0, ict), true},
		{"2006-01-02T15:04:05Z07:00", "x 2021-10-22T15:49:00+07:00 y", time.Date(2021, 10, 22, 15, 49, 0, 0, ict), true},
		{"02/01/2006 15:04", "31/02/2021 10:00", time.Time{}, false}, // no such day
		{"02/01/2006 15:04", "không có ngày", time.Time{}, false},
	}
	for _, tt := range tests {
		d, err := CompileDateLayout(tt.layout)
		if err != nil {
			t.Fatalf("CompileDateLayout(%q): %v", tt.layout, err)
		}
		got, ok := d.Find(tt.text)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("%q in %q = %v, %v; want %v, %v", tt.layout, tt.text, got, ok, tt.want, tt.ok)
		}
		if ok {
			if _, off := got.Zone(); off != 7*3600 {
				t.Errorf("%q: zone offset %d, want +07:00", tt.text, off)
			}
		}
	}
}

func FuzzDateLayout(f *testing.F) {
	f.Add("02/01/2006 15:04", "Hội Đoàn thể 17/07/2025 12:15")
	f.Add("15:04 | 02/01/2006", "09:00 | 10/03/2021")
	f.Fuzz(func(t *testing.T, layout, text string) {
		d, err := CompileDateLayout(layout)
		if err != nil {
			return
		}
		d.Find(text) // must not panic
	})
}
