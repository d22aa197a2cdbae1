package store

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// syncCorpus makes the files and directories a batch wrote durable with
// one syncfs(2) of the corpus' file system (batch.go): one call instead
// of an fsync per file and directory.
func syncCorpus(corpus string, files, dirs []string) error {
	if len(files)+len(dirs) == 0 {
		return nil
	}
	d, err := os.Open(corpus)
	if err != nil {
		return fmt.Errorf("sync %s: %w", corpus, err)
	}
	defer d.Close()
	if err := unix.Syncfs(int(d.Fd())); err != nil {
		return fmt.Errorf("syncfs %s: %w", corpus, err)
	}
	return nil
}
