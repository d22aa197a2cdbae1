package pipeline

import (
	"fmt"
	"sync"

	"github.com/unionnews/unionnews/sites"
)

// Parallel replay. Replay (reclean, import) cleans pages on Workers
// goroutines — all cores — and stores them through one writer: the store
// (store.Writer) commits the articles of many workers in one batch. The
// articles are handed to the store in archive order (each worker waits
// for its turn to submit, not for the commit), so which of two URLs with
// one text becomes the duplicate is what a sequential replay decides.

// OrderedSaver is implemented by stores that queue a save and commit it
// later with others (store.Writer): SaveLater queues a and returns the
// func that waits for its outcome. Saves are decided in the order they
// were queued.
type OrderedSaver interface {
	SaveLater(a sites.Article) func() (string, sites.Change, error)
}

// ArchiveSyncer is implemented by stores that sync the archive before
// each commit themselves (store.Writer with a BeforeCommit); the pipeline
// then does not sync before every Save.
type ArchiveSyncer interface {
	SyncsArchive() bool
}

// DefaultReplayWorkers is ReplayOptions.Workers' default: enough
// pages in flight that every core cleans while a batch commits, and
// batches of up to that many articles. At most GOMAXPROCS of them clean
// at once (Pipeline.cleanSlots), so memory holds that many parsed pages.
func DefaultReplayWorkers() int { return 256 }

// clean runs the cleaner, at most cap(p.cleanSlots) at once when set.
func (p *Pipeline) clean(page []byte, pageURL string, prof *sites.Profile) (sites.Article, error) {
	if p.cleanSlots != nil {
		p.cleanSlots <- struct{}{}
		defer func() { <-p.cleanSlots }()
	}
	return p.cfg.Cleaner.Clean(page, pageURL, prof)
}

// sequencer hands out turns in order: turn n may act once turns 0..n-1
// are done. Turns may end in any order (a page that is no article ends
// before the one before it is stored).
type sequencer struct {
	mu    sync.Mutex
	cond  *sync.Cond
	next  int          // every turn below next is done
	ended map[int]bool // turns at or above next that are done
}

func newSequencer() *sequencer {
	s := &sequencer{ended: map[int]bool{}}
	s.cond = sync.NewCond(&s.mu)
	return s
}

// turn is one job's place in a sequencer.
type turn struct {
	s    *sequencer
	n    int
	once sync.Once
}

// wait blocks until every earlier turn is done. A nil turn never waits.
func (t *turn) wait() {
	if t == nil {
		return
	}
	t.s.mu.Lock()
	for t.s.next != t.n {
		t.s.cond.Wait()
	}
	t.s.mu.Unlock()
}

// done ends the turn (again: no effect). A nil turn does nothing.
func (t *turn) done() {
	if t == nil {
		return
	}
	t.once.Do(func() {
		s := t.s
		s.mu.Lock()
		s.ended[t.n] = true
		for s.ended[s.next] {
			delete(s.ended, s.next)
			s.next++
		}
		s.cond.Broadcast()
		s.mu.Unlock()
	})
}

// saveInTurn stores art after every earlier turn submitted its article,
// without waiting for their commits when the store batches.
func (p *Pipeline) saveInTurn(art sites.Article, t *turn) (sites.Change, error) {
	if p.cfg.DryRun {
		t.done()
		return p.cfg.Store.Plan(art)
	}
	if err := p.syncArchive(art); err != nil {
		t.done()
		return "", err
	}
	t.wait()
	if os, ok := p.cfg.Store.(OrderedSaver); ok {
		wait := os.SaveLater(art)
		t.done()
		_, c, err := wait()
		return c, err
	}
	defer t.done()
	_, c, err := p.cfg.Store.Save(art)
	return c, err
}

// syncArchive syncs the archive before an article pointing into it is
// stored, unless the store does it once per batch.
func (p *Pipeline) syncArchive(art sites.Article) error {
	if as, ok := p.cfg.Store.(ArchiveSyncer); ok && as.SyncsArchive() {
		return nil
	}
	if s, ok := p.cfg.Archive.(Syncer); ok && art.Archive != nil {
		if err := s.Sync(); err != nil {
			return fmt.Errorf("sync archive: %w", err)
		}
	}
	return nil
}
