package sites

import (
	"errors"
	"strings"
	"testing"
)

func TestLoadRejectsUnboundedLimits(t *testing.T) {
	valid := `"hosts":["a.vn"],"start_urls":["https://a.vn/"],"article_url":"\\d+\\.html$",
		"listing":{"item":"h2 a"%s},"article":{"title":"h1","body":".c"}`
	tests := []struct {
		name, listing, extra, field, msg string
	}{
		{"max_pages", `,"max_pages":1000000`, "", "listing.max_pages", "over the limit of 1000"},
		{"parallelism", "", `,"parallelism":500`, "parallelism", "over the limit of 16"},
		{"delay", "", `,"delay":"2h"`, "delay", "over the limit of 1m0s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			body := `{"name":"a.vn",` + strings.Replace(valid, "%s", tt.listing, 1) + tt.extra + `}`
			writeProfile(t, dir, "big.json", body)
			_, err := Load(&LoadOptions{Dir: dir, CheckSelector: fakeCheck})
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Field != tt.field || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("err = %v, want a %s error saying %q", err, tt.field, tt.msg)
			}
		})
	}
	// At the limits the profile loads.
	dir := t.TempDir()
	writeProfile(t, dir, "ok.json", `{"name":"a.vn",`+strings.Replace(valid, "%s", `,"max_pages":1000`, 1)+`,"parallelism":16,"delay":"1m"}`)
	if _, err := Load(&LoadOptions{Dir: dir, CheckSelector: fakeCheck}); err != nil {
		t.Fatalf("profile at the limits: %v", err)
	}
}
