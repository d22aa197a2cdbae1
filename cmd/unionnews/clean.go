package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/unionnews/unionnews/cleaner"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// maxInput bounds one input file; larger inputs are refused, not truncated.
const maxInput = 16 << 20

type cleanOptions struct {
	json, text bool
	url, site  string
	outDir     string
	reg        *sites.Registry
	cl         *cleaner.Cleaner
}

func runClean(_ context.Context, e env, args []string) error {
	fs := newFlags(e, "clean", "[-json] [-url URL] [-site NAME] [-text] [-o DIR] FILE|DIR|-...")
	var o cleanOptions
	fs.BoolVar(&o.json, "json", false, "print one JSON object per input (JSON Lines), with the fields of export")
	fs.StringVar(&o.url, "url", "", "the page's real URL (picks the site profile; recorded in the output); without a profile the generic extractor is used")
	fs.StringVar(&o.site, "site", "", "site profile to clean with (default: from -url)")
	fs.BoolVar(&o.text, "text", false, "treat inputs as plain-text dumps (default: auto-detect)")
	fs.StringVar(&o.outDir, "o", "", "write cleaned files (<name>.txt, and <name>.json with -json) into DIR instead of printing")
	sitesDir := fs.String("sites", "", "directory of extra or overriding site profiles (*.json)")
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	reg, err := loadSites(*sitesDir)
	if err != nil {
		return err
	}
	o.reg, o.cl = reg, cleaner.New(nil)
	inputs, err := expandInputs(fs.Args())
	if err != nil {
		return err
	}
	failed := 0
	for _, in := range inputs {
		if err := cleanOne(e, o, in); err != nil {
			failed++
			fmt.Fprintf(e.stderr, "unionnews clean: %s: %v\n", in, err)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d inputs could not be cleaned", failed, len(inputs))
	}
	return nil
}

// expandInputs lists the files to clean: files as given, directories
// expanded to their *.html, *.htm and *.txt files, "-" for stdin.
func expandInputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if a == "-" || (err == nil && !st.IsDir()) {
			out = append(out, a)
			continue
		}
		if err != nil {
			return nil, err
		}
		n := len(out)
		for _, pat := range []string{"*.html", "*.htm", "*.txt"} {
			m, _ := filepath.Glob(filepath.Join(a, pat))
			out = append(out, m...)
		}
		if len(out) == n {
			return nil, fmt.Errorf("%s: no *.html, *.htm or *.txt files to clean", a)
		}
	}
	return out, nil
}

func readInput(e env, name string) ([]byte, time.Time, error) {
	var r io.Reader = e.stdin
	mod := time.Now()
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, mod, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil {
			mod = st.ModTime()
		}
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, mod, err
	}
	if len(b) > maxInput {
		return nil, mod, fmt.Errorf("input larger than %d MiB", maxInput>>20)
	}
	return b, mod, nil
}

func cleanOne(e env, o cleanOptions, name string) error {
	b, mod, err := readInput(e, name)
	if err != nil {
		return err
	}
	art, err := cleanBytes(o, b)
	if err != nil {
		return err
	}
	rec := toRecord(art, mod)
	if rec.URL != "" {
		rec.ID = store.ID(rec.URL)
	}
	rec.ContentHash = store.ContentHash(rec.Text)
	if o.outDir != "" {
		return writeCleaned(o, name, rec)
	}
	if o.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(newExportRecord(rec))
	}
	_, err = fmt.Fprintf(e.stdout, "%s\n\n%s\n", rec.Title, rec.Text)
	return err
}

// cleanBytes picks text-dump or HTML cleaning and the site profile.
func cleanBytes(o cleanOptions, b []byte) (cleaner.Article, error) {
	var prof *sites.Profile
	switch {
	case o.site != "":
		p, ok := o.reg.Get(o.site)
		if !ok {
			return cleaner.Article{}, fmt.Errorf("unknown site %q (see `unionnews sites`)", o.site)
		}
		prof = p
	case o.url != "":
		prof, _ = o.reg.ForURL(o.url)
	}
	site := ""
	if prof != nil {
		site = prof.Name
	}
	if o.text || !cleaner.LooksLikeHTML(b) {
		return cleaner.CleanText(string(b), cleaner.TextOptions{URL: o.url, Site: site})
	}
	// Without a profile (no -url/-site, or a site nobody profiled) the
	// cleaner's generic rung (go-trafilatura) extracts the article.
	return o.cl.Clean(b, o.url, prof)
}

func writeCleaned(o cleanOptions, name string, rec store.Record) error {
	if err := os.MkdirAll(o.outDir, 0o755); err != nil {
		return err
	}
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	if name == "-" {
		base = "stdin"
	}
	txt := fmt.Sprintf("%s\n\n%s\n", rec.Title, rec.Text)
	if err := os.WriteFile(filepath.Join(o.outDir, base+".txt"), []byte(txt), 0o644); err != nil {
		return err
	}
	if !o.json {
		return nil
	}
	b, err := json.MarshalIndent(newExportRecord(rec), "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(o.outDir, base+".json"), append(b, '\n'), 0o644)
}
