package pipeline

import (
	"log/slog"
	"sync"
)

// BoilerplateRefresh is how many new articles of a site are stored before
// its boilerplate set is re-read from the store during a run.
const BoilerplateRefresh = 25

// Learnt-boilerplate thresholds (store.DefaultBlockMinDocs and
// store.DefaultBlockMinShare: see there why).
const (
	blockMinDocs  = 5
	blockMinShare = 0.2
)

// BoilerplateSource reads a site's learnt boilerplate (store.DB).
type BoilerplateSource interface {
	Boilerplate(site string, minDocs int, minShare float64) (map[uint64]bool, int, error)
}

// Boilerplate is the cleaner's view of the blocks that recur across a
// site's stored articles (CCNet style), learnt from the store: it grows
// with the corpus and is re-read every BoilerplateRefresh new articles.
// It implements cleaner.Boilerplate; give the same value to the Cleaner
// and to Config.Boilerplate.
type Boilerplate struct {
	src   BoilerplateSource
	log   *slog.Logger
	mu    sync.Mutex
	sets  map[string]map[uint64]bool
	stale map[string]int
}

// NewBoilerplate returns a Boilerplate reading src.
func NewBoilerplate(src BoilerplateSource, log *slog.Logger) *Boilerplate {
	if log == nil {
		log = slog.Default()
	}
	return &Boilerplate{src: src, log: log, sets: map[string]map[uint64]bool{}, stale: map[string]int{}}
}

// IsBoilerplate implements cleaner.Boilerplate.
func (b *Boilerplate) IsBoilerplate(site string, h uint64) bool {
	return b.set(site)[h]
}

// set returns the site's boilerplate hashes, re-reading them from the
// store (outside the lock) when missing or stale. A failed read keeps the
// old set and is logged: cleaning goes on without the learnt rung.
func (b *Boilerplate) set(site string) map[uint64]bool {
	b.mu.Lock()
	set, ok := b.sets[site]
	refresh := !ok || b.stale[site] >= BoilerplateRefresh
	if refresh {
		b.stale[site] = 0
	}
	b.mu.Unlock()
	if !refresh {
		return set
	}
	fresh, _, err := b.src.Boilerplate(site, blockMinDocs, blockMinShare)
	if err != nil {
		b.log.Warn("read learnt boilerplate", "site", site, "err", err)
		fresh = set
	}
	b.mu.Lock()
	b.sets[site] = fresh
	b.mu.Unlock()
	return fresh
}

// Added tells b that a new article of site was stored.
func (b *Boilerplate) Added(site string) {
	b.mu.Lock()
	b.stale[site]++
	b.mu.Unlock()
}
