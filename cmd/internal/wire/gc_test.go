package wire

import (
	"runtime/debug"
	"testing"
)

func TestTuneReplayGC(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	restore := TuneReplayGC("")
	if got := debug.SetGCPercent(ReplayGCPercent); got != ReplayGCPercent {
		t.Errorf("GC percent %d during replay, want %d", got, ReplayGCPercent)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent %d after replay, want 100 back", got)
	}
	TuneReplayGC("50")()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC set by the user: GC percent changed to %d", got)
	}
}
