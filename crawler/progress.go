package crawler

// Progress returns what the run in progress (or the last run) has done so
// far; safe to call from any goroutine while Run works, for progress
// displays.
func (c *Crawler) Progress() Stats {
	r := c.current.Load()
	if r == nil {
		return Stats{}
	}
	return r.snapshot()
}
