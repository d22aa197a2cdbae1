package generic

import (
	"sync"
	"testing"
	"time"

	dps "github.com/markusmobius/go-dateparser"
)

// TestForkedDateParser checks the go-dateparser fork in ./third_party (tables
// built on first use instead of in package init): the first calls, made
// from many goroutines at once, load the tables once and parse as upstream
// does — Vietnamese, English and a time-zone name, whose table is lazy too.
func TestForkedDateParser(t *testing.T) {
	hcm := time.FixedZone("ICT", 7*3600)
	cases := []struct {
		in   string
		cfg  *dps.Configuration
		want time.Time
	}{
		{"5 tháng 12 năm 2025", &dps.Configuration{Languages: []string{"vi"}, DefaultTimezone: hcm},
			time.Date(2025, 12, 5, 0, 0, 0, 0, hcm)},
		{"Friday, 5 December 2025 08:30", &dps.Configuration{Languages: []string{"en"}, DefaultTimezone: hcm},
			time.Date(2025, 12, 5, 8, 30, 0, 0, hcm)},
		{"5 December 2025 08:30 UTC", &dps.Configuration{Languages: []string{"en"}},
			time.Date(2025, 12, 5, 8, 30, 0, 0, time.UTC)},
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(cases))
	for range 8 {
		for _, c := range cases {
			wg.Go(func() {
				d, err := dps.Parse(c.cfg, c.in)
				if err != nil {
					errs <- c.in + ": " + err.Error()
					return
				}
				if !d.Time.Equal(c.want) {
					errs <- c.in + ": got " + d.Time.String() + ", want " + c.want.String()
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
