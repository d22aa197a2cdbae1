package wire

import "runtime/debug"

// ReplayGCPercent is the garbage collector's target (GOGC) that reclean
// and import run with. Replay allocates a parsed tree and a body per page
// (≈ 0.4 MB a page) on a small live heap (the pages in flight), so with
// Go's default of 100 the collector runs every few dozen pages and marks
// ≈ 10 % of the CPU; 200 halves that for ≈ 50 MB more peak memory
// (BENCHMARKS.md, reclean).
const ReplayGCPercent = 200

// TuneReplayGC sets ReplayGCPercent unless gogc, the value of the GOGC
// environment variable, is set (the user's choice wins). It returns the
// func that restores the previous setting.
func TuneReplayGC(gogc string) (restore func()) {
	if gogc != "" {
		return func() {}
	}
	old := debug.SetGCPercent(ReplayGCPercent)
	return func() { debug.SetGCPercent(old) }
}
