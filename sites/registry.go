package sites

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// Registry is the validated, immutable set of loaded profiles.
type Registry struct {
	profiles []*Profile // sorted by name
	byName   map[string]*Profile
	byHost   map[string]*Profile
}

func newRegistry(profiles []*Profile, check func(string) error) (*Registry, error) {
	r := &Registry{byName: map[string]*Profile{}, byHost: map[string]*Profile{}}
	// Check built-in profiles first so a clash is reported on the user's file.
	ordered := append([]*Profile(nil), profiles...)
	sort.SliceStable(ordered, func(i, j int) bool {
		return builtinSource(ordered[i]) && !builtinSource(ordered[j])
	})
	for _, p := range ordered {
		if err := Validate(p, check); err != nil {
			return nil, err
		}
		for i, h := range p.Hosts {
			if other, ok := r.byHost[h]; ok {
				return nil, &ValidationError{File: p.Source, Field: fmt.Sprintf("hosts[%d]", i),
					Err: fmt.Errorf("host %q already belongs to profile %q (%s)", h, other.Name, other.Source)}
			}
			r.byHost[h] = p
		}
		r.byName[p.Name] = p
	}
	r.profiles = profiles
	return r, nil
}

func builtinSource(p *Profile) bool { return strings.HasPrefix(p.Source, "embedded:") }

// All returns every profile, sorted by name, abstract ones included.
func (r *Registry) All() []*Profile { return append([]*Profile(nil), r.profiles...) }

// Crawlable returns the profiles that can be crawled (not abstract).
func (r *Registry) Crawlable() []*Profile {
	var out []*Profile
	for _, p := range r.profiles {
		if !p.Abstract {
			out = append(out, p)
		}
	}
	return out
}

// Get returns the profile with the given name.
func (r *Registry) Get(name string) (*Profile, bool) {
	p, ok := r.byName[name]
	return p, ok
}

// Lookup returns the profile owning a host name (port and case ignored).
func (r *Registry) Lookup(host string) (*Profile, bool) {
	p, ok := r.byHost[normalizeHost(host)]
	return p, ok
}

// ForURL returns the profile owning the host of a URL.
func (r *Registry) ForURL(raw string) (*Profile, bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, false
	}
	return r.Lookup(u.Host)
}

// HasHost reports whether host (port and case ignored) belongs to p.
func (p *Profile) HasHost(host string) bool {
	host = normalizeHost(host)
	for _, h := range p.Hosts {
		if h == host {
			return true
		}
	}
	return false
}

func normalizeHost(h string) string {
	h = strings.ToLower(h)
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") {
		h = h[:i]
	}
	return strings.TrimSuffix(h, ".")
}
