package pipeline

import (
	"math/rand"
	"sync"
	"testing"
)

// TestSequencerTurnsEndOutOfOrder: turns that end before their
// predecessors (pages that are no article) do not let a later turn act
// before an earlier one, and every turn gets to act.
func TestSequencerTurnsEndOutOfOrder(t *testing.T) {
	s := newSequencer()
	const n = 200
	rng := rand.New(rand.NewSource(1))
	var mu sync.Mutex
	var acted []int
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		tk := &turn{s: s, n: i}
		early := rng.Intn(3) == 0
		wg.Add(1)
		go func() {
			defer wg.Done()
			if early {
				tk.done() // ends without acting, maybe before earlier turns
				return
			}
			tk.wait()
			mu.Lock()
			acted = append(acted, tk.n)
			mu.Unlock()
			tk.done()
		}()
	}
	wg.Wait()
	for i := 1; i < len(acted); i++ {
		if acted[i] < acted[i-1] {
			t.Fatalf("turn %d acted after turn %d", acted[i-1], acted[i])
		}
	}
}
