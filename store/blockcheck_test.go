package store

import (
	"errors"
	"strings"
	"testing"
)

// TestCheckDerivedRecounts: CheckDerived agrees with what Put counted and
// catches a count that drifted from the articles.
func TestCheckDerivedRecounts(t *testing.T) {
	db, _ := mustOpen(t)
	for i, text := range []string{"Một đoạn văn bản thứ nhất về công đoàn cơ sở.", "Một đoạn văn bản thứ hai về người lao động."} {
		r := article("https://laodong.vn/a-"+string(rune('1'+i))+".ldo", text)
		r.BlockHashes = []uint64{7, 8, uint64(100 + i)}
		if _, err := db.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.CheckDerived(); err != nil {
		t.Fatalf("fresh store: %v", err)
	}
	site := article("https://laodong.vn/x.ldo", "x").Site
	if err := db.AddBlocks(site, []uint64{7}); err != nil { // counts with no article behind them
		t.Fatal(err)
	}
	err := db.CheckDerived()
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "block counts cover 3 articles, the store holds 2") {
		t.Fatalf("drifted counts: %v", err)
	}
}
