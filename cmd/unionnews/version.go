package main

import "runtime/debug"

// buildVersion is the version of this binary: the -ldflags
// "-X main.version=…" stamp when there is one, else the module version
// (`go install …@v1.2.3`), else the VCS revision Go records in every
// build of a checkout (`go build -o unionnews ./cmd/unionnews`), e.g.
// "dev+4574a5e2c1f0" or "dev+4574a5e2c1f0-dirty".
func buildVersion() string {
	if version != "dev" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return version
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return version
	}
	v := "dev+" + rev[:min(len(rev), 12)]
	if dirty {
		v += "-dirty"
	}
	return v
}
