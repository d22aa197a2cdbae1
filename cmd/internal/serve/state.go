package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// stateFileName is the file in DATA where serve keeps its last run
// times, so that a run missed while serve was down runs once at start.
const stateFileName = "serve-state.json"

// siteState is what serve remembers of one site across restarts.
type siteState struct {
	// LastCrawl and LastRefresh are the start times of the last
	// finished (not interrupted) runs; the schedules are caught up from
	// them at start.
	LastCrawl   time.Time `json:"last_crawl,omitzero"`
	LastRefresh time.Time `json:"last_refresh,omitzero"`
	// LastSuccess is when the last run that ended ok finished.
	LastSuccess time.Time `json:"last_success,omitzero"`
	// LastState and LastError are the outcome of the last run.
	LastState string `json:"last_state,omitempty"`
	LastError string `json:"last_error,omitempty"`
	Drift     string `json:"drift,omitempty"`
}

// state is the persisted serve state: site name → siteState.
type state map[string]siteState

func (st state) last(site, kind string) time.Time {
	if kind == KindRefresh {
		return st[site].LastRefresh
	}
	return st[site].LastCrawl
}

// loadState reads DATA/serve-state.json; a missing file is an empty state.
func loadState(dir string) (state, error) {
	st := state{}
	b, err := os.ReadFile(filepath.Join(dir, stateFileName))
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read serve state: %w", err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, fmt.Errorf("read serve state %s: %w", filepath.Join(dir, stateFileName), err)
	}
	return st, nil
}

// save writes the state atomically (temp file, fsync, rename).
func (st state) save(dir string) error {
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, stateFileName), append(b, '\n'), 0o644)
}

// writeFileAtomic replaces path with data so that a crash leaves the old
// or the new file, never a torn one.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
