package crawler

import "sync"

// memVisited is the in-memory VisitedSet used when Config.Visited is nil:
// it remembers article URLs for the lifetime of one Crawler.
type memVisited struct {
	mu   sync.Mutex
	urls map[string]bool
}

func newMemVisited() *memVisited { return &memVisited{urls: make(map[string]bool)} }

// IsVisited implements VisitedSet.
func (m *memVisited) IsVisited(url string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.urls[url], nil
}

// MarkVisited implements VisitedSet.
func (m *memVisited) MarkVisited(url string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.urls[url] = true
	return nil
}
