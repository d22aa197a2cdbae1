package pipeline

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// countingSource counts full reads of a store's boilerplate.
type countingSource struct {
	*store.DB
	full int
}

func (c *countingSource) Boilerplate(site string, minDocs int, minShare float64) (map[uint64]bool, int, error) {
	c.full++
	return c.DB.Boilerplate(site, minDocs, minShare)
}

// TestBoilerplateIncremental: after the first read, a site's set is
// updated from the hashes of the new articles alone, and it is the set a
// full read gives, as blocks rise into and fall out of it.
func TestBoilerplateIncremental(t *testing.T) {
	db, err := store.Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	src := &countingSource{DB: db}
	bp := NewBoilerplate(src, nil)
	const site = "a.vn"
	put := func(i int) {
		// Block 1 is in every article, block 2 in the first 30 only
		// (it falls below a fifth later), block 100+i%7 in every 7th.
		hashes := []uint64{1, uint64(1000 + i), 100 + uint64(i%7)}
		if i < 30 {
			hashes = append(hashes, 2)
		}
		a := sites.Article{URL: fmt.Sprintf("https://a.vn/%d.html", i), Site: site, Title: "T", Text: fmt.Sprintf("văn bản %d", i), BlockHashes: hashes}
		if _, err := db.Put(a); err != nil {
			t.Fatal(err)
		}
		bp.AddedBlocks(site, hashes)
	}
	for i := 0; i < 10; i++ {
		put(i)
	}
	bp.IsBoilerplate(site, 1) // first read: full
	for i := 10; i < 400; i++ {
		put(i)
		if i%BoilerplateRefresh == 0 {
			bp.IsBoilerplate(site, 1)
			want, _, err := db.Boilerplate(site, blockMinDocs, blockMinShare)
			if err != nil {
				t.Fatal(err)
			}
			if got := bp.set(site); !reflect.DeepEqual(got, want) {
				t.Fatalf("after %d articles: incremental set %v, full read %v", i+1, got, want)
			}
		}
	}
	if src.full != 1 {
		t.Errorf("%d full reads of the site's hashes, want 1 (the first)", src.full)
	}
	if bp.IsBoilerplate(site, 2) || !bp.IsBoilerplate(site, 1) {
		t.Error("block 2 should have fallen out of the set and block 1 stayed")
	}
}
