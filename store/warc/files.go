package warc

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// fileName is PREFIX-TIMESTAMP-SEQ-PID.warc.gz, TIMESTAMP being the UTC
// time with milliseconds (17 digits, as Heritrix names its files).
func fileName(prefix string, t time.Time, seq, pid int) string {
	t = t.UTC()
	return fmt.Sprintf("%s-%s%03d-%05d-%d.warc.gz", prefix, t.Format("20060102150405"), t.Nanosecond()/1e6, seq, pid)
}

var nameRE = regexp.MustCompile(`-(\d{17})-(\d{5,})-(\d+)\.warc(\.gz)?$`)

// isComplete reports whether name is a finished WARC file.
func isComplete(name string) bool {
	return strings.HasSuffix(name, ".warc.gz") || strings.HasSuffix(name, ".warc")
}

// Files returns the paths (dir joined with each name) of the archive's
// complete files, that is *.warc.gz and *.warc but not *.open, in the
// order they were written: files named by a Writer sort by their
// timestamp and sequence number, any other files after them by name.
// A missing dir holds no files.
func Files(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("warc: list %s: %w", dir, err)
	}
	type file struct{ key, name string }
	var files []file
	for _, e := range ents {
		if !e.Type().IsRegular() || !isComplete(e.Name()) {
			continue
		}
		key := "~" + e.Name() // after every timestamp key
		if m := nameRE.FindStringSubmatch(e.Name()); m != nil {
			key = fmt.Sprintf("%s-%012s-%s", m[1], m[2], e.Name())
		}
		files = append(files, file{key, e.Name()})
	}
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.key, b.key) })
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = filepath.Join(dir, f.name)
	}
	return out, nil
}
