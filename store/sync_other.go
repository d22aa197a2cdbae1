//go:build !linux

package store

import (
	"fmt"
	"os"
)

// syncCorpus makes the files and directories a batch wrote durable: an
// fsync of each (no syncfs outside Linux).
func syncCorpus(_ string, files, dirs []string) error {
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			return fmt.Errorf("sync %s: %w", p, err)
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return fmt.Errorf("sync %s: %w", p, err)
		}
	}
	seen := map[string]bool{}
	for _, d := range dirs {
		if !seen[d] {
			seen[d] = true
			if err := syncDir(d); err != nil {
				return err
			}
		}
	}
	return nil
}
