package main

import (
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/unionnews/unionnews/sites"
)

// checkMirrors refuses -mirror values that would let a crawl reach the
// live site by mistake: a HOST that is not a bare host name
// ("https://laodong.vn", "laodong.vn/", "laodong.vn:443") or that no
// profile has (a typo such as "laodng.vn"): the mirror would never be
// used and the real site fetched live.
func checkMirrors(reg *sites.Registry, mirrors map[string]string) error {
	hosts := make([]string, 0, len(mirrors))
	for h := range mirrors {
		hosts = append(hosts, h)
	}
	slices.Sort(hosts)
	for _, h := range hosts {
		if h == "" || strings.ContainsAny(h, ":/@?#[] \t") {
			return fmt.Errorf("-mirror %s=%s: HOST must be a bare host name such as laodong.vn (no scheme, port or path)", h, mirrors[h])
		}
		if _, ok := reg.Lookup(h); !ok {
			return fmt.Errorf("-mirror %s=%s: no site profile has host %s (see `unionnews sites`)", h, mirrors[h], h)
		}
	}
	return nil
}

// warnUnmirrored logs the selected profiles that -mirror flags leave
// without a mirror: with some mirrors given, a site fetched live is
// likely a slip (a mirror named for another site's host).
func warnUnmirrored(lg *slog.Logger, profiles []*sites.Profile, mirrors map[string]string) {
	if len(mirrors) == 0 {
		return
	}
	for _, p := range profiles {
		mirrored := false
		for _, h := range p.Hosts {
			if _, ok := mirrors[h]; ok {
				mirrored = true
				break
			}
		}
		if !mirrored {
			lg.Warn("site has no -mirror: it is fetched live", "site", p.Name)
		}
	}
}
