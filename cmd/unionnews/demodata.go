package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// defaultDataDir is the data directory of every command, demo included,
// so that `unionnews demo` followed by `unionnews stats` or `export`
// shows the demo corpus.
const defaultDataDir = "data"

// demoMarker is the file that marks a data directory as holding the
// demo's corpus: replica pages under real URLs, which must never mix
// with a real crawl's corpus.
const demoMarker = "DEMO-CORPUS"

// claimDemoDir marks dir as the demo's, refusing a directory that holds
// a real corpus.
func claimDemoDir(dir string) error {
	marker := filepath.Join(dir, demoMarker)
	if _, err := os.Stat(marker); err == nil {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "unionnews.db")); err == nil {
		return fmt.Errorf("demo: %s holds a real corpus; the demo would mix replica pages into it: use -data DIR with another directory", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	note := "This directory holds the corpus of `unionnews demo`: pages of the bundled offline replicas.\n" +
		"`unionnews crawl` refuses it; crawl into another -data directory, or delete this one first.\n"
	if err := os.WriteFile(marker, []byte(note), 0o644); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}

// refuseDemoDir fails when dir holds the demo's corpus.
func refuseDemoDir(dir string) error {
	_, err := os.Stat(filepath.Join(dir, demoMarker))
	switch {
	case err == nil:
		return fmt.Errorf("%s holds the demo's corpus (replica pages, see %s): crawl into another -data directory, or delete it first",
			dir, filepath.Join(dir, demoMarker))
	case errors.Is(err, fs.ErrNotExist):
		return nil
	default:
		return err
	}
}
