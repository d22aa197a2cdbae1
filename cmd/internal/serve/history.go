package serve

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// historyFileName is the file in DATA where finished runs are appended,
// one JSON object a line, so /api/runs and the status page show them
// after a restart. It is compacted to the last Config.History runs when
// it holds twice as many.
const historyFileName = "serve-runs.jsonl"

// loadHistory reads the last n runs of DATA/serve-runs.jsonl; a torn
// last line (a crash while appending) is skipped.
func loadHistory(dir string, n int) ([]*Run, int, error) {
	b, err := os.ReadFile(filepath.Join(dir, historyFileName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("read run history: %w", err)
	}
	var runs []*Run
	lines := 0
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		lines++
		var r Run
		if json.Unmarshal(sc.Bytes(), &r) != nil || r.ID == 0 {
			continue
		}
		runs = append(runs, &r)
	}
	if len(runs) > n {
		runs = runs[len(runs)-n:]
	}
	return runs, lines, sc.Err()
}

// appendHistory appends one finished run.
func appendHistory(dir string, r Run) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(dir, historyFileName), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("append run history: %w", err)
	}
	_, err = f.Write(append(b, '\n'))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("append run history: %w", err)
	}
	return nil
}

// compactHistory rewrites the history file with runs only.
func compactHistory(dir string, runs []*Run) error {
	var buf bytes.Buffer
	for _, r := range runs {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		buf.Write(append(b, '\n'))
	}
	return writeFileAtomic(filepath.Join(dir, historyFileName), buf.Bytes(), 0o644)
}
