package store

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// checkClusters asserts the cluster invariants: every copy names an
// existing canonical that lists it; every canonical lists exactly its
// cluster's other holders and their exact copies; the canonical ranks
// first; every URL resolves to an article.
func checkClusters(t *testing.T, db *DB) {
	t.Helper()
	recs := map[string]Record{}
	if err := db.ForEach(func(r Record) error { recs[r.ID] = r; return nil }); err != nil {
		t.Fatal(err)
	}
	for id, r := range recs {
		if r.DuplicateOf != "" {
			c, ok := recs[ID(r.DuplicateOf)]
			if !ok || c.DuplicateOf != "" {
				t.Fatalf("%s: duplicate_of %s is not a canonical article", r.URL, r.DuplicateOf)
			}
			if !slices.ContainsFunc(c.Duplicates, func(d Duplicate) bool { return d.URL == r.URL }) {
				t.Fatalf("%s: not listed by its canonical %s", r.URL, c.URL)
			}
			if before(db.rankRecord(r), db.rankRecord(c)) {
				t.Fatalf("copy %s ranks before its canonical %s", r.URL, c.URL)
			}
			continue
		}
		for _, d := range r.Duplicates {
			// Exact copies follow their article's updates (demote.go), so
			// only stored copies are held to the rule here.
			if _, stored := recs[ID(d.URL)]; stored && before(db.rankOf(d.URL, d.Site, d.Published), db.rankRecord(r)) {
				t.Fatalf("copy %s ranks before its canonical %s", d.URL, r.URL)
			}
			got, err := db.LookupURL(d.URL)
			if err != nil {
				t.Fatalf("copy %s of %s: %v", d.URL, r.URL, err)
			}
			if got.ID != id && got.DuplicateOf != r.URL {
				t.Fatalf("copy %s of %s resolves to %s (duplicate_of %q)", d.URL, r.URL, got.URL, got.DuplicateOf)
			}
		}
	}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMember).ForEach(func(k, v []byte) error {
			if r := recs[string(k)]; r.DuplicateOf != recs[string(v)].URL {
				t.Fatalf("member %s -> %s but duplicate_of %q", k, v, r.DuplicateOf)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Random sequences of new articles, exact and near copies, and pages
// whose text changes keep the store and its clusters consistent.
func TestClustersRandomOperations(t *testing.T) {
	texts := []string{story, nearCopy(story), nearCopy(story) + " Thêm một câu.", other, other + " Cập nhật lúc chiều.", text}
	sites := []string{"laodong.vn", "congdoan.vn", "nld.com.vn"}
	for seed := range uint64(6) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 99))
			db := openWithPriority(t, t.TempDir())
			defer db.Close()
			for step := range 40 {
				u := rng.IntN(10)
				r := rec(fmt.Sprintf("https://%s/bai-%d.html", sites[u%3], u), sites[u%3],
					texts[rng.IntN(len(texts))], day.Add(time.Duration(rng.IntN(4))*time.Hour))
				if _, err := db.Put(r); err != nil {
					t.Fatalf("step %d: %v", step, err)
				}
				checkClusters(t, db)
			}
			checkConsistent(t, db)
		})
	}
}

// Random worlds stored in two random orders end in the same state.
func TestClustersOrderIndependentRandom(t *testing.T) {
	texts := []string{story, nearCopy(story), nearCopy(story) + " Thêm một câu.", other, other + " Cập nhật lúc chiều.", text}
	sites := []string{"laodong.vn", "congdoan.vn", "nld.com.vn"}
	for seed := range uint64(5) {
		rng := rand.New(rand.NewPCG(seed, 7))
		var w []Record
		var urls []string
		for u := range 9 {
			r := rec(fmt.Sprintf("https://%s/bai-%d.html", sites[u%3], u), sites[u%3],
				texts[rng.IntN(len(texts))], day.Add(time.Duration(rng.IntN(3))*time.Hour))
			w = append(w, r)
			urls = append(urls, r.URL)
		}
		var states []string
		for range 2 {
			rng.Shuffle(len(w), func(i, j int) { w[i], w[j] = w[j], w[i] })
			db := openWithPriority(t, t.TempDir())
			for _, r := range w {
				if _, err := db.Put(r); err != nil {
					t.Fatal(err)
				}
			}
			states = append(states, state(t, db, urls))
			db.Close()
		}
		if states[0] != states[1] {
			t.Errorf("seed %d: two orders, two states:\n%s\n%s", seed, states[0], states[1])
		}
	}
}
