package sites

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// fakeCheck stands in for cleaner.ValidSelector: it rejects unbalanced
// brackets, the commonest selector typo. The real compiler is exercised
// by the cmd tests, which load every built-in profile with it.
func fakeCheck(s string) error {
	if strings.Count(s, "[") != strings.Count(s, "]") {
		return errors.New("unbalanced brackets")
	}
	return nil
}

func writeProfile(t *testing.T, dir, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadBuiltin(t *testing.T) {
	r, err := Load(&LoadOptions{CheckSelector: fakeCheck})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	p, ok := r.Get("laodongthudo.vn")
	if !ok {
		t.Fatal("laodongthudo.vn profile missing")
	}
	if p.Source != "embedded:laodongthudo.vn.json" {
		t.Errorf("Source = %q", p.Source)
	}
	if time.Duration(p.Delay) != time.Second || p.Parallelism != 2 {
		t.Errorf("politeness = %v/%d, want 1s/2", time.Duration(p.Delay), p.Parallelism)
	}
	for _, host := range []string{"laodongthudo.vn", "WWW.laodongthudo.vn:443"} {
		if got, ok := r.Lookup(host); !ok || got != p {
			t.Errorf("Lookup(%q) = %v, %v", host, got, ok)
		}
	}
	if got, ok := r.ForURL("https://laodongthudo.vn/x-1.html"); !ok || got != p {
		t.Errorf("ForURL failed")
	}
	if _, ok := r.Lookup("example.com"); ok {
		t.Error("Lookup(example.com) found a profile")
	}
}

func TestLoadOverrideAndExtend(t *testing.T) {
	dir := t.TempDir()
	// Override one selector of the built-in profile, keep the rest.
	writeProfile(t, dir, "laodongthudo.vn.json", `{"name":"laodongthudo.vn","article":{"body":".new_body"}}`)
	// A new site that inherits selectors from the built-in one.
	writeProfile(t, dir, "sub.json", `{"name":"sub.laodongthudo.vn","extends":"laodongthudo.vn",
		"hosts":["sub.laodongthudo.vn"],"start_urls":["https://sub.laodongthudo.vn/cong-doan"]}`)
	r, err := Load(&LoadOptions{Dir: dir, CheckSelector: fakeCheck})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	base, _ := r.Get("laodongthudo.vn")
	if base.Article.Body != ".new_body" {
		t.Errorf("override: body = %q", base.Article.Body)
	}
	if base.Article.Title == "" || len(base.Hosts) != 2 {
		t.Errorf("override lost built-in fields: %+v", base)
	}
	sub, ok := r.Get("sub.laodongthudo.vn")
	if !ok {
		t.Fatal("extended profile missing")
	}
	if sub.Article.Body != ".new_body" || sub.Listing.Item != base.Listing.Item {
		t.Errorf("extends did not inherit: %+v", sub.Article)
	}
	if len(sub.Hosts) != 1 || len(sub.TestURLs) != 0 {
		t.Errorf("extends inherited hosts or test URLs: %v %v", sub.Hosts, sub.TestURLs)
	}
	if !strings.HasSuffix(sub.Source, "sub.json") {
		t.Errorf("Source = %q", sub.Source)
	}
}

func TestLoadAbstractBase(t *testing.T) {
	dir := t.TempDir()
	writeProfile(t, dir, "cms.json", `{"name":"cms","abstract":true,"description":"a CMS family","article_url":"-(\\d+)\\.html$",
		"listing":{"item":"h2 a"},"article":{"title":"h1","body":".content"}}`)
	writeProfile(t, dir, "site.json", `{"name":"site.example.vn","extends":"cms",
		"hosts":["site.example.vn"],"start_urls":["https://site.example.vn/"]}`)
	r, err := Load(&LoadOptions{Dir: dir, CheckSelector: fakeCheck})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	site, _ := r.Get("site.example.vn")
	if site.Abstract || site.Article.Body != ".content" {
		t.Errorf("site = %+v", site)
	}
	if site.Description != "" {
		t.Errorf("site inherited the template's description %q", site.Description)
	}
	for _, p := range r.Crawlable() {
		if p.Name == "cms" {
			t.Error("abstract profile is crawlable")
		}
	}
}

func TestLoadInvalid(t *testing.T) {
	valid := `"hosts":["a.vn"],"start_urls":["https://a.vn/"],"article_url":"\\d+\\.html$",
		"listing":{"item":"h2 a"},"article":{"title":"h1","body":".c"}`
	tests := []struct {
		name, body, field, msg string
	}{
		{"bad JSON", `{"name":`, "", "invalid JSON"},
		{"no name", `{"hosts":["a.vn"]}`, "name", "missing"},
		{"unknown field", `{"name":"a.vn",` + valid + `,"bdoy":"x"}`, "", "unknown field"},
		{"bad selector", `{"name":"a.vn",` + strings.Replace(valid, `"body":".c"`, `"body":"div["`, 1) + `}`, "article.body", "invalid selector"},
		{"bad pattern", `{"name":"a.vn",` + strings.Replace(valid, `\\d+\\.html$`, `(`, 1) + `}`, "article_url", "missing closing"},
		{"no body", `{"name":"a.vn",` + strings.Replace(valid, `"body":".c"`, `"body":""`, 1) + `}`, "article.body", "required"},
		{"foreign start", `{"name":"a.vn",` + strings.Replace(valid, `https://a.vn/`, `https://b.vn/`, 1) + `}`, "start_urls[0]", "not in hosts"},
		{"relative start", `{"name":"a.vn",` + strings.Replace(valid, `https://a.vn/`, `/x`, 1) + `}`, "start_urls[0]", "absolute"},
		{"host with port", `{"name":"a.vn",` + strings.Replace(valid, `["a.vn"]`, `["a.vn:80"]`, 1) + `}`, "hosts[0]", "lowercase host"},
		{"duplicate host", `{"name":"b.vn",` + strings.Replace(strings.Replace(valid, `["a.vn"]`, `["laodongthudo.vn"]`, 1), `https://a.vn/`, `https://laodongthudo.vn/`, 1) + `}`, "hosts[0]", "already belongs"},
		{"bad delay", `{"name":"a.vn",` + valid + `,"delay":"soon"}`, "", "invalid duration"},
		{"unknown extends", `{"name":"a.vn","extends":"nope",` + valid + `}`, "extends", "unknown profile"},
		{"guessed typo", `{"name":"a.vn",` + valid + `,"guessed":["article.bdy"]}`, "guessed[0]", "unknown field"},
		{"date format without elements", `{"name":"a.vn",` + strings.Replace(valid, `"body":".c"`, `"body":".c","date":".d","date_format":"dd/mm/yyyy"`, 1) + `}`, "article.date_format", "no Go time layout elements"},
		{"date without format", `{"name":"a.vn",` + strings.Replace(valid, `"body":".c"`, `"body":".c","date":".d"`, 1) + `}`, "article.date_format", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeProfile(t, dir, "broken.json", tt.body)
			_, err := Load(&LoadOptions{Dir: dir, CheckSelector: fakeCheck})
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want *ValidationError", err)
			}
			if !strings.HasSuffix(ve.File, "broken.json") || ve.Field != tt.field {
				t.Errorf("file/field = %q/%q, want broken.json/%q (err %v)", ve.File, ve.Field, tt.field, err)
			}
			if !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), "broken.json") {
				t.Errorf("error %q does not mention %q and the file", err, tt.msg)
			}
		})
	}
}

func TestLoadMissingDir(t *testing.T) {
	if _, err := Load(&LoadOptions{Dir: filepath.Join(t.TempDir(), "nope")}); err == nil {
		t.Fatal("Load of a missing dir succeeded")
	}
}

func TestExtendsCycle(t *testing.T) {
	dir := t.TempDir()
	writeProfile(t, dir, "a.json", `{"name":"a","abstract":true,"extends":"b"}`)
	writeProfile(t, dir, "b.json", `{"name":"b","abstract":true,"extends":"a"}`)
	_, err := Load(&LoadOptions{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Fatalf("err = %v, want cycle", err)
	}
}

func TestLoadDuplicateNameInOneDir(t *testing.T) {
	dir := t.TempDir()
	writeProfile(t, dir, "a.json", `{"name":"laodongthudo.vn","delay":"2s"}`)
	writeProfile(t, dir, "b.json", `{"name":"laodongthudo.vn","delay":"3s"}`)
	_, err := Load(&LoadOptions{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "also defined in") {
		t.Fatalf("err = %v, want a duplicate-name error", err)
	}
}

// TestKnownFieldsMatchJSON keeps the dotted names accepted in "guessed"
// in step with the Profile's JSON tags.
func TestKnownFieldsMatchJSON(t *testing.T) {
	want := map[string]bool{}
	var walk func(prefix string, typ reflect.Type)
	walk = func(prefix string, typ reflect.Type) {
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if tag == "" || tag == "-" {
				continue
			}
			if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeOf(Duration(0)) {
				walk(prefix+tag+".", f.Type)
				continue
			}
			want[prefix+tag] = true
		}
	}
	walk("", reflect.TypeOf(Profile{}))
	for _, meta := range []string{"name", "extends", "abstract", "description", "guessed"} {
		delete(want, meta) // facts about the profile itself, not about the site
	}
	for f := range want {
		if !knownFields[f] {
			t.Errorf("profile field %q cannot be marked guessed", f)
		}
	}
	for f := range knownFields {
		if !want[f] {
			t.Errorf("knownFields has %q, which is not a profile field", f)
		}
	}
}
