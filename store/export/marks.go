package export

import "fmt"

// Marks is what an incremental export (-since-last NAME) needs from the
// store: *store.DB satisfies it.
type Marks interface {
	Sequence() (uint64, error)
	ExportMark(name string) (seq uint64, ok bool, err error)
	SetExportMark(name string, seq uint64) error
}

// SinceLast turns f into "what changed since the last completed export
// called name" (everything when there was none) and returns save, which
// records this export as completed: call it only after the output is
// committed. The mark is the change sequence read before the export, so
// a change made while the export runs is exported again next time
// rather than missed (at least once).
func SinceLast(m Marks, name string, f *Filter) (save func() error, err error) {
	seq, err := m.Sequence()
	if err != nil {
		return nil, err
	}
	last, ok, err := m.ExportMark(name)
	if err != nil {
		return nil, err
	}
	if ok {
		if last > seq {
			return nil, fmt.Errorf("export %q: its mark %d is ahead of the database (%d): was the database replaced? remove the mark or use another name", name, last, seq)
		}
		f.Changes, f.AfterSeq = true, last
	}
	return func() error { return m.SetExportMark(name, seq) }, nil
}
