package sites

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// ValidationError reports an invalid profile: the file it came from, the
// dotted JSON field ("article.body") and what is wrong.
type ValidationError struct {
	File  string
	Field string
	Err   error
}

func (e *ValidationError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("profile %s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("profile %s: %s: %v", e.File, e.Field, e.Err)
}

func (e *ValidationError) Unwrap() error { return e.Err }

// validator collects the first error of one profile.
type validator struct {
	p     *Profile
	check func(string) error
	err   error
}

func (v *validator) fail(field string, format string, args ...any) {
	if v.err == nil {
		v.err = &ValidationError{File: v.p.Source, Field: field, Err: fmt.Errorf(format, args...)}
	}
}

// Validate checks one profile on its own: names, hosts, URLs, patterns
// and (when check is non-nil) selector syntax. Cross-profile rules such as
// unique hosts are checked by Load.
func Validate(p *Profile, check func(string) error) error {
	v := &validator{p: p, check: check}
	if strings.ContainsAny(p.Name, `/\ `) || strings.Contains(p.Name, "..") {
		v.fail("name", "%q must not contain spaces, slashes or \"..\"", p.Name)
	}
	if !p.Abstract {
		v.hosts()
		v.urls()
	}
	re := v.pattern()
	v.selectors()
	if p.Listing.MaxPages < 0 {
		v.fail("listing.max_pages", "must be >= 0, got %d", p.Listing.MaxPages)
	}
	if p.Delay < 0 {
		v.fail("delay", "must be >= 0")
	}
	if p.Parallelism < 0 {
		v.fail("parallelism", "must be >= 0, got %d", p.Parallelism)
	}
	if p.Refresh != nil && p.Refresh.YoungerThan <= 0 {
		v.fail("refresh.younger_than", "must be a positive duration such as \"168h\"")
	}
	v.limits()
	for i, u := range p.TestURLs {
		if re != nil && !re.MatchString(u) {
			v.fail(fmt.Sprintf("test_urls[%d]", i), "%q does not match article_url", u)
		}
	}
	for i, g := range p.Guessed {
		if !knownField(g) {
			v.fail(fmt.Sprintf("guessed[%d]", i), "unknown field %q", g)
		}
	}
	return v.err
}

func (v *validator) hosts() {
	if len(v.p.Hosts) == 0 {
		v.fail("hosts", "at least one host is required")
	}
	for i, h := range v.p.Hosts {
		if h == "" || h != strings.ToLower(h) || strings.ContainsAny(h, ":/ ") {
			v.fail(fmt.Sprintf("hosts[%d]", i), "%q must be a lowercase host name without scheme or port", h)
		}
	}
}

func (v *validator) urls() {
	if len(v.p.StartURLs)+len(v.p.Feeds)+len(v.p.Sitemaps) == 0 {
		v.fail("start_urls", "at least one start URL, feed or sitemap is required")
	}
	check := func(field string, list []string) {
		for i, s := range list {
			u, err := url.Parse(s)
			switch {
			case err != nil:
				v.fail(fmt.Sprintf("%s[%d]", field, i), "%v", err)
			case u.Scheme != "http" && u.Scheme != "https":
				v.fail(fmt.Sprintf("%s[%d]", field, i), "%q must be an absolute http(s) URL", s)
			case !v.p.HasHost(u.Hostname()):
				v.fail(fmt.Sprintf("%s[%d]", field, i), "host of %q is not in hosts", s)
			}
		}
	}
	check("start_urls", v.p.StartURLs)
	check("test_urls", v.p.TestURLs)
	check("feeds", v.p.Feeds)
	check("sitemaps", v.p.Sitemaps)
}

func (v *validator) pattern() *regexp.Regexp {
	if v.p.ArticleURL == "" {
		v.fail("article_url", "a pattern is required")
		return nil
	}
	re, err := regexp.Compile(v.p.ArticleURL)
	if err != nil {
		v.fail("article_url", "%v", err)
		return nil
	}
	return re
}

func (v *validator) selectors() {
	a := v.p.Article
	required := map[string]string{"listing.item": v.p.Listing.Item, "article.title": a.Title, "article.body": a.Body}
	for _, f := range sortedKeys(required) {
		if required[f] == "" {
			v.fail(f, "a selector is required")
		}
	}
	if a.Date != "" && a.DateFormat == "" {
		v.fail("article.date_format", "required when article.date is set")
	}
	for _, f := range []namedSelector{{"article.date_format", a.DateFormat}, {"listing.date_format", v.p.Listing.DateFormat}} {
		if f.value == "" {
			continue
		}
		if _, err := CompileDateLayout(f.value); err != nil {
			v.fail(f.name, "%v", err)
		}
	}
	if v.p.Listing.Date != "" && v.p.Listing.DateFormat == "" {
		v.fail("listing.date_format", "required when listing.date is set")
	}
	if c := v.p.Challenge; c != "" && !knownChallenges[c] {
		v.fail("challenge", "unknown hook %q (known: %s)", c, ChallengeD1N)
	}
	v.cleanRules()
	if v.check == nil {
		return
	}
	for _, f := range v.p.selectorFields() {
		if f.value == "" {
			continue
		}
		if err := v.check(f.value); err != nil {
			v.fail(f.name, "invalid selector %q: %v", f.value, err)
		}
	}
}

// ruleNameRe is the shape of a cleaner rule name ("related-box"); which
// names exist is the cleaner's to say (it reports an unknown one).
var ruleNameRe = regexp.MustCompile(`^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$`)

// cleanRules checks article.markers and the names of article.rules.
func (v *validator) cleanRules() {
	for i, m := range v.p.Article.Markers {
		if strings.TrimSpace(m) == "" {
			v.fail(fmt.Sprintf("article.markers[%d]", i), "empty marker")
		}
	}
	for _, name := range sortedKeys(v.p.Article.Rules) {
		if !ruleNameRe.MatchString(name) {
			v.fail("article.rules", "invalid rule name %q (lower-case words joined by -)", name)
		}
	}
}

type namedSelector struct{ name, value string }

// selectorFields lists every selector of the profile with its field name.
func (p *Profile) selectorFields() []namedSelector {
	a := p.Article
	out := []namedSelector{
		{"listing.item", p.Listing.Item}, {"listing.next", p.Listing.Next}, {"listing.date", p.Listing.Date},
		{"article.title", a.Title}, {"article.kicker", a.Kicker}, {"article.lead", a.Lead},
		{"article.body", a.Body}, {"article.date", a.Date}, {"article.author", a.Author},
		{"article.category", a.Category}, {"article.tags", a.Tags}, {"article.caption", a.Caption},
	}
	for i, s := range a.Strip {
		out = append(out, namedSelector{fmt.Sprintf("article.strip[%d]", i), s})
	}
	return out
}

// knownFields are the dotted names a profile's "guessed" list may use.
var knownFields = map[string]bool{
	"hosts": true, "start_urls": true, "article_url": true, "delay": true, "parallelism": true, "refresh": true,
	"test_urls": true, "listing.item": true, "listing.next": true, "listing.max_pages": true,
	"listing.date": true, "listing.date_format": true, "feeds": true, "sitemaps": true, "challenge": true,
	"article.title": true, "article.kicker": true, "article.lead": true, "article.body": true,
	"article.date": true, "article.date_attr": true, "article.date_format": true,
	"article.author": true, "article.category": true, "article.tags": true,
	"article.caption": true, "article.strip": true, "article.markers": true, "article.rules": true,
}

func knownField(name string) bool { return knownFields[name] }

// knownChallenges are the anti-bot hooks the crawler implements in Go.
var knownChallenges = map[string]bool{ChallengeD1N: true}
