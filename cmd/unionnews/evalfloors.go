package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
)

// setFloor holds the least scores a set must reach; a nil field is not
// checked. Accuracies are fractions of the set's pages.
type setFloor struct {
	F1        *float64 `json:"f1"`
	PageF1    *float64 `json:"page_f1"` // every page's F1
	Title     *float64 `json:"title"`
	Author    *float64 `json:"author"`
	Published *float64 `json:"published"`
}

// loadFloors reads a floors file: an object set name -> setFloor. Keys
// starting with "_" are comments. Unknown sets or fields are errors, so
// that a misspelt floor cannot pass silently.
func loadFloors(path string) (map[string]setFloor, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("floors: %w", err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		return nil, fmt.Errorf("floors %s: %w", path, err)
	}
	out := map[string]setFloor{}
	for name, v := range top {
		if strings.HasPrefix(name, "_") {
			continue
		}
		if !slices.Contains(evalSetNames(), name) {
			return nil, fmt.Errorf("floors %s: unknown set %q", path, name)
		}
		dec := json.NewDecoder(bytes.NewReader(v))
		dec.DisallowUnknownFields()
		var f setFloor
		if err := dec.Decode(&f); err != nil {
			return nil, fmt.Errorf("floors %s: %s: %w", path, name, err)
		}
		for _, x := range []*float64{f.F1, f.PageF1, f.Title, f.Author, f.Published} {
			if x != nil && (*x < 0 || *x > 1) {
				return nil, fmt.Errorf("floors %s: %s: %v is not in [0, 1]", path, name, *x)
			}
		}
		out[name] = f
	}
	return out, nil
}

// checkFloors lists the floors the summaries do not reach.
func checkFloors(sums []setSummary, floors map[string]setFloor) []string {
	var fails []string
	for _, s := range sums {
		f, ok := floors[s.Set]
		if !ok {
			continue
		}
		checks := []struct {
			name  string
			floor *float64
			got   *float64
		}{
			{"F1", f.F1, &s.F1},
			{"worst page F1", f.PageF1, &s.MinPageF1},
			{"title accuracy", f.Title, s.Title},
			{"author accuracy", f.Author, s.Author},
			{"published accuracy", f.Published, s.Published},
		}
		for _, c := range checks {
			switch {
			case c.floor == nil:
			case c.got == nil:
				fails = append(fails, fmt.Sprintf("%s: %s has a floor but the set's gold has no such field", s.Set, c.name))
			case *c.got < *c.floor:
				fails = append(fails, fmt.Sprintf("%s: %s %.4f < floor %.4f", s.Set, c.name, *c.got, *c.floor))
			}
		}
	}
	return fails
}
