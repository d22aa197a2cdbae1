package store

import "testing"

func TestVisitedPersists(t *testing.T) {
	dir := t.TempDir()
	db := mustOpenDir(t, dir)
	if ok, err := db.IsVisited(url1); err != nil || ok {
		t.Fatalf("IsVisited before = %v, %v; want false", ok, err)
	}
	if err := db.MarkVisited(url1); err != nil {
		t.Fatal(err)
	}
	db = reopen(t, db, dir)
	defer db.Close()
	for _, u := range []string{url1, "https://www.laodongthudo.vn/cong-doan/bai-1.html#top"} {
		if ok, err := db.IsVisited(u); err != nil || !ok {
			t.Errorf("IsVisited(%s) after reopen = %v, %v; want true", u, ok, err)
		}
	}
	if ok, err := db.IsVisited(url2); err != nil || ok {
		t.Errorf("IsVisited(other) = %v, %v; want false", ok, err)
	}
	st, err := db.Stats()
	if err != nil || st.Visited != 1 {
		t.Errorf("Stats.Visited = %d, %v; want 1", st.Visited, err)
	}
}
