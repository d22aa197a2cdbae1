package sites

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

//go:embed profiles/*.json
var builtin embed.FS

// LoadOptions configures Load. The zero value loads the built-in
// profiles without checking selector syntax.
type LoadOptions struct {
	// Dir, when set, is a directory of extra *.json profiles. A file whose
	// name matches a built-in profile overrides it field by field (objects
	// merge, other values replace); a new name adds a profile; "extends"
	// inherits from another profile the same way.
	Dir string
	// CheckSelector reports whether a CSS selector compiles. The cleaner
	// provides it (cleaner.ValidSelector); nil skips selector checks.
	CheckSelector func(string) error
}

// Load reads the built-in profiles and those of opts.Dir, resolves
// "extends", and validates every profile. The first invalid profile is
// reported as a *ValidationError naming its file and field.
func Load(opts *LoadOptions) (*Registry, error) {
	if opts == nil {
		opts = &LoadOptions{}
	}
	raws := map[string]rawProfile{}
	if err := readProfiles(builtin, "profiles", "embedded:", raws); err != nil {
		return nil, err
	}
	if opts.Dir != "" {
		if _, err := os.Stat(opts.Dir); err != nil {
			return nil, fmt.Errorf("read profiles: %w", err)
		}
		if err := readProfiles(os.DirFS(opts.Dir), ".", opts.Dir+string(filepath.Separator), raws); err != nil {
			return nil, err
		}
	}
	profiles := make([]*Profile, 0, len(raws))
	for _, name := range sortedKeys(raws) {
		p, err := resolve(name, raws, nil)
		if err != nil {
			return nil, err
		}
		profiles = append(profiles, p)
	}
	return newRegistry(profiles, opts.CheckSelector)
}

// rawProfile is one profile as JSON, before "extends" is resolved.
type rawProfile struct {
	source string
	fields map[string]any
}

func readProfiles(fsys fs.FS, dir, prefix string, into map[string]rawProfile) error {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return fmt.Errorf("list profiles: %w", err)
	}
	for _, n := range names {
		source := prefix + path.Base(n)
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return fmt.Errorf("read profile %s: %w", source, err)
		}
		var fields map[string]any
		if err := json.Unmarshal(b, &fields); err != nil {
			return &ValidationError{File: source, Err: fmt.Errorf("invalid JSON: %w", err)}
		}
		name, _ := fields["name"].(string)
		if name == "" {
			return &ValidationError{File: source, Field: "name", Err: errors.New("missing")}
		}
		if old, ok := into[name]; ok {
			if strings.HasPrefix(old.source, prefix) {
				return &ValidationError{File: source, Field: "name",
					Err: fmt.Errorf("profile %q is also defined in %s", name, old.source)}
			}
			// A user file with a built-in's name overrides it field by field.
			fields = merge(old.fields, fields)
		}
		into[name] = rawProfile{source: source, fields: fields}
	}
	return nil
}

// resolve merges a profile over the chain of profiles it extends and
// decodes the result strictly (unknown fields are errors).
func resolve(name string, raws map[string]rawProfile, seen []string) (*Profile, error) {
	raw := raws[name]
	for _, s := range seen {
		if s == name {
			return nil, &ValidationError{File: raw.source, Field: "extends",
				Err: fmt.Errorf("cycle %s", strings.Join(append(seen, name), " -> "))}
		}
	}
	fields := raw.fields
	if base, _ := fields["extends"].(string); base != "" && base != name {
		if _, ok := raws[base]; !ok {
			return nil, &ValidationError{File: raw.source, Field: "extends", Err: fmt.Errorf("unknown profile %q", base)}
		}
		parent, err := resolve(base, raws, append(seen, name))
		if err != nil {
			return nil, err
		}
		fields = merge(parentFields(parent), fields)
	}
	b, err := json.Marshal(fields)
	if err != nil {
		return nil, &ValidationError{File: raw.source, Err: err}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var p Profile
	if err := dec.Decode(&p); err != nil {
		return nil, &ValidationError{File: raw.source, Err: err}
	}
	p.Source = raw.source
	return &p, nil
}

// parentFields turns a resolved profile back into JSON fields, dropping
// what a child never inherits: its name and description describe the
// base, and the base's own hosts and start URLs would make the child
// collide with its parent.
func parentFields(p *Profile) map[string]any {
	b, _ := json.Marshal(p)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	delete(m, "name")
	delete(m, "description")
	delete(m, "extends")
	delete(m, "hosts")
	delete(m, "start_urls")
	delete(m, "test_urls")
	delete(m, "abstract")
	return m
}

// merge overlays b on a: nested objects merge, every other value in b
// replaces a's.
func merge(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		am, aok := out[k].(map[string]any)
		bm, bok := v.(map[string]any)
		if aok && bok {
			out[k] = merge(am, bm)
			continue
		}
		out[k] = v
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
