package sites

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoadProfile loads arbitrary bytes as a user's profile file beside
// the built-in profiles: Load never panics, a refused file is named in
// the error, and a loaded profile is complete (a name, a host per
// crawlable profile, found by its name and hosts). Seeds: testdata/fuzz.
func FuzzLoadProfile(f *testing.F) {
	f.Add([]byte(`{"name":"x.example","hosts":["x.example"],"start_urls":["https://x.example/"],"article_url":"^https://x\\.example/a/\\d+$","listing":{"item":"a"},"article":{"title":"h1","body":"div.body"}}`))
	f.Add([]byte(`{"name":"laodong.vn","delay":"3s","refresh":{"younger_than":"168h"}}`))
	f.Add([]byte(`{"name":"y.example","extends":"mastercms","hosts":["y.example"],"start_urls":["https://y.example/"]}`))
	f.Add([]byte(`{"name":"z","extends":"z"}`))
	f.Add([]byte(`{"name":"w","listing":{"max_pages":1000000},"delay":"-5s"}`))
	f.Add([]byte(`[1,2`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		const file = "fuzzed.json"
		if err := os.WriteFile(filepath.Join(dir, file), data, 0o644); err != nil {
			t.Fatal(err)
		}
		reg, err := Load(&LoadOptions{Dir: dir})
		if err != nil {
			if !strings.Contains(err.Error(), file) && !strings.Contains(err.Error(), "embedded:") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		for _, p := range reg.All() {
			if p.Name == "" {
				t.Errorf("profile without a name from %s", p.Source)
			}
			if got, ok := reg.Get(p.Name); !ok || got != p {
				t.Errorf("profile %q not found by its name", p.Name)
			}
		}
		for _, p := range reg.Crawlable() {
			if len(p.Hosts) == 0 {
				t.Errorf("crawlable profile %q without hosts", p.Name)
			}
			for _, h := range p.Hosts {
				if got, ok := reg.Lookup(h); !ok || got != p {
					t.Errorf("host %q of %q not found", h, p.Name)
				}
			}
		}
	})
}
