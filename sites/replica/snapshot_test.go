package replica

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
)

// update rewrites the golden files of this package (testdata/snapshot.json).
var update = flag.Bool("update", false, "rewrite golden files")

// snapshotFile holds one sha256 per served page; it pins every byte the
// replica serves, so a refactoring of the builders can prove it changed
// nothing.
const snapshotFile = "testdata/snapshot.json"

// pageDigest is the sha256 of everything a page serves and what the
// quality harness reads from it: URL, Kind, Status, ContentType,
// Location, Body and the JSON of its Truth.
func pageDigest(t *testing.T, p Page) string {
	t.Helper()
	truth, err := json.Marshal(p.Truth)
	if err != nil {
		t.Fatalf("%s: marshal truth: %v", p.URL, err)
	}
	h := sha256.New()
	for _, part := range [][]byte{[]byte(p.URL), []byte(p.Kind), []byte(strconv.Itoa(p.Status)),
		[]byte(p.ContentType), []byte(p.Location), p.Body, truth} {
		// Length-prefix every part so that moving bytes between parts shows.
		h.Write([]byte(strconv.Itoa(len(part)) + ":"))
		h.Write(part)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// snapshot digests every page of the replica, the 404 page of every site
// (keyed "notfound " + canonical host) and the host list.
func snapshot(t *testing.T, r *Replica) map[string]string {
	t.Helper()
	out := make(map[string]string)
	for _, p := range r.Pages("") {
		if _, dup := out[p.URL]; dup {
			t.Fatalf("two pages with URL %s", p.URL)
		}
		out[p.URL] = pageDigest(t, p)
	}
	for host, p := range r.notFound {
		out["notfound "+host] = pageDigest(t, p)
	}
	hosts := r.Hosts()
	sort.Strings(hosts)
	hb, err := json.Marshal(hosts)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(hb)
	out["hosts"] = hex.EncodeToString(sum[:])
	return out
}

// TestSnapshot proves that every served page is byte-identical to the
// checked-in snapshot, with the same Kind, Status, ContentType, Location
// and Truth. Regenerate only for an intended change of the pages:
// go test ./sites/replica/ -run Snapshot -update.
func TestSnapshot(t *testing.T) {
	got := snapshot(t, newReplica(t))
	if *update {
		b, err := json.MarshalIndent(got, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(snapshotFile), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(snapshotFile, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(snapshotFile)
	if err != nil {
		t.Fatalf("read snapshot (generate it with -update): %v", err)
	}
	var want map[string]string
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatalf("parse %s: %v", snapshotFile, err)
	}
	for k, w := range want {
		if g, ok := got[k]; !ok {
			t.Errorf("page %s: gone", k)
		} else if g != w {
			t.Errorf("page %s: changed", k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("page %s: new", k)
		}
	}
}
