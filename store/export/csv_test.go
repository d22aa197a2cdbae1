package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/unionnews/unionnews/sites"
)

func TestCSVRoundTrip(t *testing.T) {
	db, _ := newCorpus(t, 13)
	want := stored(t, db)
	var buf bytes.Buffer
	if _, err := Write(context.Background(), &buf, db, &Options{Format: CSV}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], sites.JSONKeys()) {
		t.Fatalf("header %v, want %v", rows[0], sites.JSONKeys())
	}
	if len(rows) != len(want)+1 {
		t.Fatalf("%d rows, want %d", len(rows)-1, len(want))
	}
	for i, line := range want {
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatal(err)
		}
		for j, k := range rows[0] {
			cell := rows[i+1][j]
			var wantCell string
			switch v := m[k].(type) {
			case nil:
			case string:
				wantCell = v
			default:
				b, _ := json.Marshal(v)
				// The cell holds the JSON text as stored; compare values.
				var got any
				if err := json.Unmarshal([]byte(cell), &got); err != nil {
					t.Errorf("row %d %s: %q is not JSON", i, k, cell)
					continue
				}
				g, _ := json.Marshal(got)
				cell, wantCell = string(g), string(b)
			}
			if cell != wantCell {
				t.Errorf("row %d %s = %q, want %q", i, k, cell, wantCell)
			}
		}
	}
	// An empty export still has its header.
	buf.Reset()
	if _, err := Write(context.Background(), &buf, db, &Options{Format: CSV, Filter: Filter{Sites: []string{"none"}}}); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != strings.Join(sites.JSONKeys(), ",")+"\n" {
		t.Errorf("empty CSV = %q", got)
	}
}
