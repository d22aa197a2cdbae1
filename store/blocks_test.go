package store

import (
	"errors"
	"testing"
)

func TestBoilerplateThresholds(t *testing.T) {
	db, _ := mustOpen(t)
	const site, other = "laodongthudo.vn", "nld.com.vn"
	// 10 articles: hash 1 in all of them (a signature block), hash 2 in
	// 2 (a shared quote), hash 3 in 5 (50%), hash 4 repeated within one
	// article only.
	for i := 0; i < 10; i++ {
		hs := []uint64{1, 1, 100 + uint64(i)}
		if i < 2 {
			hs = append(hs, 2)
		}
		if i < 5 {
			hs = append(hs, 3)
		}
		if i == 0 {
			hs = append(hs, 4, 4, 4, 4, 4)
		}
		if err := db.AddBlocks(site, hs); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.AddBlocks(other, []uint64{2, 2}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		minDocs  int
		minShare float64
		want     []uint64
	}{
		{DefaultBlockMinDocs, DefaultBlockMinShare, []uint64{1, 3}},
		{5, 0.6, []uint64{1}},
		{2, 0, []uint64{1, 2, 3}},
		{0, 0, nil}, // every hash: checked by count below
	}
	for _, tc := range tests {
		got, docs, err := db.Boilerplate(site, tc.minDocs, tc.minShare)
		if err != nil || docs != 10 {
			t.Fatalf("Boilerplate = docs %d, %v; want 10", docs, err)
		}
		if tc.want == nil {
			if len(got) != 14 { // 1, 2, 3, 4 and the 10 unique ones
				t.Errorf("minDocs 0: %d hashes, want 14", len(got))
			}
			continue
		}
		if len(got) != len(tc.want) {
			t.Errorf("Boilerplate(%d, %.1f) = %v, want %v", tc.minDocs, tc.minShare, got, tc.want)
		}
		for _, h := range tc.want {
			if !got[h] {
				t.Errorf("Boilerplate(%d, %.1f) lacks %d", tc.minDocs, tc.minShare, h)
			}
		}
	}
	got, docs, err := db.Boilerplate(other, 1, 0)
	if err != nil || docs != 1 || len(got) != 1 || !got[2] {
		t.Errorf("other site = %v, %d, %v; want {2}, 1", got, docs, err)
	}
	got, docs, err = db.Boilerplate("unknown.vn", 1, 0)
	if err != nil || docs != 0 || len(got) != 0 {
		t.Errorf("unknown site = %v, %d, %v; want empty", got, docs, err)
	}
}

func TestBlocksPersistAndReadOnly(t *testing.T) {
	dir := t.TempDir()
	db := mustOpenDir(t, dir)
	for i := 0; i < 5; i++ {
		if err := db.AddBlocks("a.vn", []uint64{42}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.AddBlocks("", []uint64{1}); !errors.Is(err, ErrInvalid) {
		t.Errorf("AddBlocks(\"\") = %v, want ErrInvalid", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(dir, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	got, docs, err := ro.Boilerplate("a.vn", DefaultBlockMinDocs, DefaultBlockMinShare)
	if err != nil || docs != 5 || !got[42] {
		t.Errorf("after reopen = %v, %d, %v; want {42}, 5", got, docs, err)
	}
	if err := ro.AddBlocks("a.vn", []uint64{1}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only AddBlocks = %v, want ErrReadOnly", err)
	}
}
