package cleaner

import (
	"fmt"
	"sync"
	"testing"

	"github.com/unionnews/unionnews/sites"
)

// TestCleanerConcurrent backs the doc's "a Cleaner is safe for concurrent
// use": goroutines share one fresh Cleaner (so they also race to fill its
// profile cache) and must each get what a Cleaner of their own gets, on
// the profile rung of every site and on the generic rung. Run it with
// -race. The zero Cleaner is exercised too.
func TestCleanerConcurrent(t *testing.T) {
	r, reg := replicaAndProfiles(t)
	type job struct {
		page, url string
		p         *sites.Profile
	}
	jobs := []job{{htmlTestPage, htmlTestURL, nil}} // the generic rung
	seen := map[string]bool{}
	for _, pg := range r.Pages("article") {
		p, ok := reg.ForURL(pg.URL)
		if !ok || seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		jobs = append(jobs, job{string(pg.Body), pg.URL, p})
	}
	summary := func(a Article, err error) string {
		return fmt.Sprintf("%v|%s|%s|%s|%s|%v|%d", err, a.Extractor, a.Title, a.Author, a.Published, a.Text, len(a.BlockHashes))
	}
	want := make([]string, len(jobs))
	for i, j := range jobs {
		want[i] = summary(New(nil).Clean([]byte(j.page), j.url, j.p))
		if j.p != nil && want[i][:5] != "<nil>" {
			t.Fatalf("%s: %s", j.url, want[i])
		}
	}
	for _, c := range []*Cleaner{New(nil), {}} {
		var wg sync.WaitGroup
		for range 4 {
			for i, j := range jobs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if got := summary(c.Clean([]byte(j.page), j.url, j.p)); got != want[i] {
						t.Errorf("%s: concurrent Clean differs:\n got %.300s\nwant %.300s", j.url, got, want[i])
					}
				}()
			}
		}
		wg.Wait()
	}
}
