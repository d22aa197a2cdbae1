package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Config is the serve configuration file (JSON). The zero Config is
// valid: every crawlable site on the default schedule, no refresh
// schedule, a generated token.
type Config struct {
	// Token is the bearer token of POST /api/crawl and /api/refresh
	// and of the status page's login. "" means cmd's UNIONNEWS_TOKEN, or,
	// failing that, a random token written to DATA/serve.json.
	Token string `json:"token,omitempty"`
	// Default applies to every crawlable site without an entry in Sites
	// (when Sites is empty) and fills the fields a site entry leaves out.
	Default SiteConfig `json:"default"`
	// Sites maps a profile name to its schedule and refresh policy. When
	// it is not empty only these sites are scheduled; the others can
	// still be crawled through the API.
	Sites map[string]SiteConfig `json:"sites,omitempty"`
	// History is how many finished runs GET /api/runs keeps (default 200).
	History int `json:"history,omitempty"`
	// ShutdownGrace is how long in-flight runs may go on after a stop
	// signal before they are cancelled (default 3s).
	ShutdownGrace Duration `json:"shutdown_grace,omitempty"`
}

// SiteConfig is one site's schedule and refresh policy.
type SiteConfig struct {
	// Schedule is a cron expression (5 fields, minute first) or a
	// descriptor (@hourly, @daily, @every 30m). "" means DefaultSchedule:
	// hourly at a minute derived from the site name (jitter, so that the
	// sites do not all start at :00). "off" schedules no crawl.
	Schedule string `json:"schedule,omitempty"`
	// Refresh is the site's refresh policy: when to re-fetch stored
	// articles with conditional requests.
	Refresh RefreshPolicy `json:"refresh"`
}

// RefreshPolicy says when serve refreshes a site's stored articles.
type RefreshPolicy struct {
	// Schedule is a cron expression for a scheduled refresh ("" or "off":
	// none; POST /api/refresh still works).
	Schedule string `json:"schedule,omitempty"`
	// OlderThan re-fetches only articles fetched longer ago than this
	// ("24h"; 0: all the policy selects).
	OlderThan Duration `json:"older_than,omitempty"`
}

// DefaultSchedule stands for "hourly, at the site's own minute".
const DefaultSchedule = "@hourly-jitter"

// Duration is a time.Duration written as "90s" or "1h30m" in JSON.
type Duration time.Duration

// UnmarshalJSON reads "1h30m" or a number of seconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		v, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("duration %q: %w", s, err)
		}
		*d = Duration(v)
		return nil
	}
	var secs float64
	if err := json.Unmarshal(b, &secs); err != nil {
		return fmt.Errorf("duration %s: want \"1h30m\" or seconds", b)
	}
	*d = Duration(secs * float64(time.Second))
	return nil
}

// MarshalJSON writes "1h30m0s".
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// LoadConfig reads a config file; unknown fields are errors, so a typo
// does not silently fall back to a default.
func LoadConfig(path string) (Config, error) {
	var c Config
	b, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("config: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	return c, nil
}

// siteConfig is the effective configuration of one site.
func (c Config) siteConfig(site string) SiteConfig {
	sc, ok := c.Sites[site]
	if !ok {
		return c.Default
	}
	if sc.Schedule == "" {
		sc.Schedule = c.Default.Schedule
	}
	if sc.Refresh.Schedule == "" {
		sc.Refresh.Schedule = c.Default.Refresh.Schedule
	}
	if sc.Refresh.OlderThan == 0 {
		sc.Refresh.OlderThan = c.Default.Refresh.OlderThan
	}
	return sc
}

// scheduled reports whether site gets a crawl schedule.
func (c Config) scheduled(site string) bool {
	if len(c.Sites) == 0 {
		return true
	}
	_, ok := c.Sites[site]
	return ok
}

// errOff marks a schedule switched off.
var errOff = errors.New("off")

// cronParser reads 5-field expressions and descriptors (@every 5s).
func cronParser() cron.Parser {
	return cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
}

// parseSchedule turns a configured schedule into a cron.Schedule; the
// default is hourly at a minute hashed from the site name.
func parseSchedule(site, spec string, def bool) (cron.Schedule, error) {
	spec = strings.TrimSpace(spec)
	switch {
	case spec == "off":
		return nil, errOff
	case spec == "" && !def:
		return nil, errOff
	case spec == "" || spec == DefaultSchedule:
		h := fnv.New32a()
		h.Write([]byte(site))
		spec = fmt.Sprintf("%d * * * *", h.Sum32()%60)
	}
	s, err := cronParser().Parse(spec)
	if err != nil {
		return nil, fmt.Errorf("site %s: schedule %q: %w", site, spec, err)
	}
	return s, nil
}

// validate checks every schedule of the config against the known sites.
func (c Config) validate(known func(string) bool) error {
	var errs []error
	for name := range c.Sites {
		if !known(name) {
			errs = append(errs, fmt.Errorf("config: site %q has no profile (see `unionnews sites`)", name))
		}
	}
	check := func(site string) {
		sc := c.siteConfig(site)
		if _, err := parseSchedule(site, sc.Schedule, true); err != nil && !errors.Is(err, errOff) {
			errs = append(errs, fmt.Errorf("config: %w", err))
		}
		if _, err := parseSchedule(site, sc.Refresh.Schedule, false); err != nil && !errors.Is(err, errOff) {
			errs = append(errs, fmt.Errorf("config: refresh %w", err))
		}
	}
	check("default")
	for name := range c.Sites {
		check(name)
	}
	return errors.Join(errs...)
}
