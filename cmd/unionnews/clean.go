package main

import (
	"context"
	"encoding/json"
	"errors"
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

// maxInput bounds one input file: the one page-size limit of crawl and
// clean. Larger inputs are refused with the file and the limit named,
// never truncated.
const maxInput = sites.MaxPageSize

type cleanOptions struct {
	json, text bool
	url, site  string
	outDir     string
	reg        *sites.Registry
	cl         *cleaner.Cleaner
	// many is set when there are several inputs: printed articles are
	// separated by a "==> FILE <==" header.
	many bool
	// written holds the output base names used in this run (-o), so that
	// two inputs with one base name never overwrite each other.
	written map[string]bool
}

func runClean(_ context.Context, e env, args []string) error {
	fs := newFlags(e, "clean", "[-json] [-url URL] [-site NAME] [-text] [-o DIR] FILE|DIR|-...\n\n"+
		"Cleans saved HTML pages and text dumps. A DIR is read non-recursively: its *.html, *.htm and *.txt\n"+
		"files, in name order; \"-\" reads standard input. Inputs over "+fmt.Sprint(maxInput>>20)+" MiB and binary files are refused.\n"+
		"Without -url or -site, the page's canonical / og:url link picks the site profile.")
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
	o.many, o.written = len(inputs) > 1, map[string]bool{}
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
		return nil, mod, fmt.Errorf("larger than the page-size limit of %d MiB (%d bytes): %w", maxInput>>20, maxInput, cleaner.ErrTooLarge)
	}
	if err := cleaner.CheckText(b); err != nil {
		return nil, mod, err
	}
	return b, mod, nil
}

func cleanOne(e env, o cleanOptions, name string) error {
	b, mod, err := readInput(e, name)
	if err != nil {
		return err
	}
	art, err := cleanBytes(o, b)
	if errors.Is(err, cleaner.ErrNotArticle) || errors.Is(err, cleaner.ErrNoText) {
		return fmt.Errorf("not an article (a home, listing or media page?): %w", err)
	}
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
	if o.many {
		if _, err := fmt.Fprintf(e.stdout, "==> %s <==\n", name); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(e.stdout, "%s\n\n%s\n", rec.Title, rec.Text)
	if err == nil && o.many {
		_, err = fmt.Fprintln(e.stdout)
	}
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
	if o.url == "" && !o.text && cleaner.LooksLikeHTML(b) {
		// The page's own canonical / og:url picks the profile and is
		// recorded as its URL.
		if u := cleaner.PageURL(b); u != "" {
			o.url = u
			if prof == nil {
				prof, _ = o.reg.ForURL(u)
			}
		}
	}
	site := ""
	if prof != nil {
		site = prof.Name
	}
	if o.text || !cleaner.LooksLikeHTML(b) {
		return cleaner.CleanTextBytes(b, cleaner.TextOptions{URL: o.url, Site: site})
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
	// Two inputs with one base name (a/x.html, b/x.html, x.txt) get
	// x, x-2, x-3: no output overwrites another of the same run.
	for n, b := 2, base; o.written[base]; n++ {
		base = fmt.Sprintf("%s-%d", b, n)
	}
	o.written[base] = true
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
