package pipeline

import (
	"log/slog"
	"sync"
)

// BoilerplateRefresh is how many new articles of a site are stored before
// its boilerplate set is brought up to date during a run.
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

// BlockCounter is implemented by sources that count given hashes only
// (store.DB.BlockCounts); Boilerplate then updates a site's set
// incrementally instead of re-reading every hash of the site.
type BlockCounter interface {
	BlockCounts(site string, hashes []uint64) (map[uint64]uint64, uint64, error)
}

// Boilerplate is the cleaner's view of the blocks that recur across a
// site's stored articles (CCNet style), learnt from the store: it grows
// with the corpus and is brought up to date every BoilerplateRefresh new
// articles. It implements cleaner.Boilerplate; give the same value to
// the Cleaner and to Config.Boilerplate.
//
// The first read of a site reads all its hashes. Later updates, when the
// source is a BlockCounter and every new article's hashes were given to
// AddedBlocks, re-count only the hashes of the current set and of the
// articles added since: no other hash can have crossed the thresholds,
// since counts grow only with new articles and the share threshold grows
// with the article count. When the site's article count is lower than
// expected (a demotion took counts back), the next update is a full read.
type Boilerplate struct {
	src   BoilerplateSource
	log   *slog.Logger
	mu    sync.Mutex
	sites map[string]*siteBlocks
}

// siteBlocks is what Boilerplate knows of one site.
type siteBlocks struct {
	set     map[uint64]bool
	loaded  bool
	stale   int             // new articles since the last update
	added   map[uint64]bool // their hashes (nil: unknown, full read)
	docs    uint64          // the site's counted articles at the last update
	partial bool            // an article was added without its hashes
}

// NewBoilerplate returns a Boilerplate reading src.
func NewBoilerplate(src BoilerplateSource, log *slog.Logger) *Boilerplate {
	if log == nil {
		log = slog.Default()
	}
	return &Boilerplate{src: src, log: log, sites: map[string]*siteBlocks{}}
}

// IsBoilerplate implements cleaner.Boilerplate.
func (b *Boilerplate) IsBoilerplate(site string, h uint64) bool {
	return b.set(site)[h]
}

func (b *Boilerplate) site(site string) *siteBlocks {
	s := b.sites[site]
	if s == nil {
		s = &siteBlocks{}
		b.sites[site] = s
	}
	return s
}

// set returns the site's boilerplate hashes, bringing them up to date
// (outside the lock) when missing or stale. A failed read keeps the old
// set and is logged: cleaning goes on without the learnt rung.
func (b *Boilerplate) set(site string) map[uint64]bool {
	b.mu.Lock()
	s := b.site(site)
	if s.loaded && s.stale < BoilerplateRefresh {
		set := s.set
		b.mu.Unlock()
		return set
	}
	old, loaded, added, partial, docs, stale := s.set, s.loaded, s.added, s.partial, s.docs, s.stale
	s.stale, s.added, s.partial, s.loaded = 0, nil, false, true
	b.mu.Unlock()

	fresh, n, ok := b.update(site, old, loaded && !partial, added, docs+uint64(stale))
	if !ok {
		fresh, n = old, docs
	}
	b.mu.Lock()
	s.set, s.docs = fresh, n
	b.mu.Unlock()
	return fresh
}

// update computes the site's set, incrementally when it can (see
// Boilerplate). ok is false after a failed read.
func (b *Boilerplate) update(site string, old map[uint64]bool, incremental bool, added map[uint64]bool, wantDocs uint64) (map[uint64]bool, uint64, bool) {
	if bc, can := b.src.(BlockCounter); can && incremental {
		hashes := make([]uint64, 0, len(old)+len(added))
		for h := range old {
			hashes = append(hashes, h)
		}
		for h := range added {
			if !old[h] {
				hashes = append(hashes, h)
			}
		}
		counts, docs, err := bc.BlockCounts(site, hashes)
		if err == nil && docs >= wantDocs {
			fresh := map[uint64]bool{}
			for h, n := range counts {
				if n >= blockMinDocs && float64(n) >= blockMinShare*float64(docs) {
					fresh[h] = true
				}
			}
			return fresh, docs, true
		}
		if err != nil {
			b.log.Warn("read learnt boilerplate", "site", site, "err", err)
			return nil, 0, false
		}
	}
	fresh, docs, err := b.src.Boilerplate(site, blockMinDocs, blockMinShare)
	if err != nil {
		b.log.Warn("read learnt boilerplate", "site", site, "err", err)
		return nil, 0, false
	}
	return fresh, uint64(docs), true
}

// Added tells b that a new article of site was stored, without its block
// hashes: the next update of the site is a full read.
func (b *Boilerplate) Added(site string) {
	b.mu.Lock()
	s := b.site(site)
	s.stale++
	s.partial = true
	b.mu.Unlock()
}

// AddedBlocks tells b that a new article of site with these block hashes
// was stored.
func (b *Boilerplate) AddedBlocks(site string, hashes []uint64) {
	b.mu.Lock()
	s := b.site(site)
	s.stale++
	if s.added == nil {
		s.added = map[uint64]bool{}
	}
	for _, h := range hashes {
		s.added[h] = true
	}
	b.mu.Unlock()
}
