package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// damageDB overwrites every page of dir's database after the third
// with garbage, as a torn disk or a bad copy would; it returns the
// damaged bytes.
func damageDB(t *testing.T, dir string) []byte {
	t.Helper()
	path := filepath.Join(dir, "unionnews.db")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 3 * os.Getpagesize(); i < len(b); i++ {
		b[i] = byte(i*7 + 13)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return b
}

// damageStore damages dir's database (damageDB) and deletes every fifth
// corpus article (its .json and .txt); it returns the damaged bytes.
func damageStore(t *testing.T, dir string) []byte {
	t.Helper()
	b := damageDB(t, dir)
	var files []string
	filepath.WalkDir(filepath.Join(dir, "corpus"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".json") {
			files = append(files, p)
		}
		return err
	})
	sort.Strings(files)
	if len(files) < 10 {
		t.Fatalf("only %d corpus files", len(files))
	}
	for i := 0; i < len(files); i += 5 {
		os.Remove(files[i])
		os.Remove(strings.TrimSuffix(files[i], ".json") + ".txt")
	}
	return b
}

// exportAll returns `export -all` of dir, one JSON line per URL.
func exportAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	out, logs, err := runCLI(t, "export", "-data", dir, "-all")
	if err != nil {
		t.Fatalf("export -all: %v\n%s", err, logs)
	}
	recs := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var r struct {
			URL string `json:"url"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("export line %q: %v", sc.Text(), err)
		}
		recs[r.URL] = sc.Text()
	}
	return recs
}

// sameExport reports the URLs missing, extra or different in got.
func sameExport(t *testing.T, want, got map[string]string, what string) {
	t.Helper()
	for u, w := range want {
		g, ok := got[u]
		switch {
		case !ok:
			t.Errorf("%s: %s missing", what, u)
		case g != w:
			t.Errorf("%s: %s differs:\nwant %s\ngot  %s", what, u, w, g)
		}
	}
	for u := range got {
		if _, ok := want[u]; !ok {
			t.Errorf("%s: %s not there before", what, u)
		}
	}
}

// treeHash hashes every file's path and content under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(rel + "\x00"))
		h.Write(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// copiesIn counts the records of an export -all that are copies.
func copiesIn(recs map[string]string) int {
	n := 0
	for _, l := range recs {
		if strings.Contains(l, `"duplicate_of":`) {
			n++
		}
	}
	return n
}

// A damaged database and missing corpus files: repair (-from auto)
// rebuilds from the corpus files and replays the archive for the rest;
// export -all gives every record back, URL for URL and byte for byte,
// near copies included, and the damaged file is kept. A repair of the
// sound result changes nothing.
func TestRepairFromCorpusAndArchive(t *testing.T) {
	dir := demoData(t)
	before := exportAll(t, dir)
	if copiesIn(before) == 0 {
		t.Fatal("demo stored no near copies: the test would prove nothing")
	}
	damaged := damageStore(t, dir)

	out, logs, err := runCLI(t, "repair", "-data", dir)
	if err != nil {
		t.Fatalf("repair: %v\n%s\n%s", err, out, logs)
	}
	for _, want := range []string{"rebuilt:", "corpus records and the archive", "archive:", "kept:"} {
		if !strings.Contains(out, want) {
			t.Errorf("repair output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "not restored") {
		t.Errorf("repair with an archive left copies unrestored:\n%s", out)
	}
	sameExport(t, before, exportAll(t, dir), "after repair")
	kept, _ := filepath.Glob(filepath.Join(dir, "unionnews.db.damaged-*"))
	if len(kept) != 1 {
		t.Fatalf("kept damaged files: %v", kept)
	}
	if b, _ := os.ReadFile(kept[0]); string(b) != string(damaged) {
		t.Errorf("%s is not the damaged file", kept[0])
	}
	if _, err := os.Stat(filepath.Join(dir, "unionnews.db.rebuild")); err == nil {
		t.Error("the temporary database was left behind")
	}

	// A sound database: repair says so and changes nothing.
	sum := treeHash(t, dir)
	out, _, err = runCLI(t, "repair", "-data", dir)
	if err != nil || !strings.Contains(out, "ok:") {
		t.Errorf("repair of a sound database: %v\n%s", err, out)
	}
	if got := treeHash(t, dir); got != sum {
		t.Error("repair of a sound database changed the data directory")
	}
}

// Without an archive repair falls back to the corpus files and names
// what it could not restore; -from archive refuses.
func TestRepairWithoutArchive(t *testing.T) {
	dir := demoData(t)
	before := exportAll(t, dir)
	if err := os.RemoveAll(filepath.Join(dir, "warc")); err != nil {
		t.Fatal(err)
	}
	damageStore(t, dir)

	_, stderr, code := runCode(t, "repair", "-data", dir, "-from", "archive")
	if code == 0 || !strings.Contains(stderr, "no WARC file") {
		t.Errorf("repair -from archive without an archive: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "unionnews.db")); err != nil {
		t.Fatalf("the damaged database is gone: %v", err)
	}

	out, logs, err := runCLI(t, "repair", "-data", dir)
	if err != nil {
		t.Fatalf("repair: %v\n%s\n%s", err, out, logs)
	}
	for _, want := range []string{"rebuilt:", "corpus only: no WARC file", "lost:", "near-duplicate copies' texts", "articles whose corpus files were missing"} {
		if !strings.Contains(out, want) {
			t.Errorf("repair output lacks %q:\n%s", want, out)
		}
	}
	after := exportAll(t, dir)
	if len(after) >= len(before) {
		t.Fatalf("corpus-only rebuild: %d records, want fewer than %d", len(after), len(before))
	}
	// Every copy the output names as not restored was there before and
	// is missing now.
	for _, l := range strings.Split(out, "\n") {
		u, ok := strings.CutPrefix(l, "  https://")
		if !ok {
			continue
		}
		u = "https://" + u
		if _, was := before[u]; !was {
			t.Errorf("not restored %s, which was not stored before", u)
		}
		if _, is := after[u]; is {
			t.Errorf("not restored %s, which is stored", u)
		}
	}
	if !strings.Contains(out, "not restored:") {
		t.Errorf("repair names no unrestored copy:\n%s", out)
	}
}

// kill -9 at any moment of a repair: unionnews.db is always there (the
// damaged file or the complete new one), the damaged bytes are never
// lost, and a re-run completes with every record back.
func TestRepairKillNine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and crawls")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	if out, code := runBin(t, bin, "demo", "-data", dir); code != 0 {
		t.Fatalf("demo: exit %d\n%s", code, out)
	}
	before := exportAll(t, dir)
	damaged := damageStore(t, dir)
	path := filepath.Join(dir, "unionnews.db")
	kills, midBuild := 0, 0
	// Longer delays are for a loaded machine, where the build starts
	// later; once a repair runs to the end there is nothing left to kill.
	for _, d := range []time.Duration{30, 150, 300, 500, 700, 900, 1300, 2000, 3000} {
		killed := killAfter(t, bin, d*time.Millisecond, "repair", "-data", dir)
		if killed {
			kills++
			if _, err := os.Stat(path + ".rebuild"); err == nil {
				midBuild++
			}
		}
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("after a kill at %v: no database: %v", d*time.Millisecond, err)
		}
		if !damagedKept(t, dir, damaged) {
			t.Fatalf("after a kill at %v the damaged bytes are nowhere", d*time.Millisecond)
		}
		if !killed {
			break
		}
	}
	if midBuild == 0 {
		t.Fatalf("%d repairs killed, none while building: the test proves nothing", kills)
	}
	if out, code := runBin(t, bin, "repair", "-data", dir); code != 0 {
		t.Fatalf("re-run after %d kills: exit %d\n%s", kills, code, out)
	}
	if _, err := os.Stat(path + ".rebuild"); err == nil {
		t.Error("the temporary database was left behind")
	}
	sameExport(t, before, exportAll(t, dir), "after kills and a re-run")
	if !damagedKept(t, dir, damaged) {
		t.Error("the damaged file was not kept")
	}
	t.Logf("%d repairs killed, %d while building the new database", kills, midBuild)
}

// damagedKept reports whether the damaged database's bytes are still in
// unionnews.db or a kept unionnews.db.damaged-* file.
func damagedKept(t *testing.T, dir string, damaged []byte) bool {
	t.Helper()
	kept, _ := filepath.Glob(filepath.Join(dir, "unionnews.db.damaged-*"))
	for _, p := range append(kept, filepath.Join(dir, "unionnews.db")) {
		if b, err := os.ReadFile(p); err == nil && bytes.Equal(b, damaged) {
			return true
		}
	}
	return false
}

// The README documents repair's sources, its temporary file and the
// precedence of the corpus files over the archive.
func TestREADMERepair(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"`repair [-data DIR] [-from auto\\|corpus\\|archive]", "unionnews.db.rebuild", "unionnews.db.damaged-<time>", "keeps its stored text even when the archive has a newer response"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("README lacks %q", want)
		}
	}
}
