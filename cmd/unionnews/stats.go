package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

func runStats(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "stats", "[-data DIR] [-wait D]")
	data := fs.String("data", defaultDataDir, "data directory")
	wait := fs.Duration("wait", defaultWait, "while a crawl holds the data directory, wait up to this long for it (serve is read through its API)")
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if err := noArgs(fs, e.stderr); err != nil {
		return err
	}
	if ok, err := statsViaServe(ctx, e, *data); ok {
		return err
	}
	var db *store.DB
	err := waitInUse(ctx, e.stderr, *data, *wait, func() (err error) {
		db, err = store.Open(*data, &store.Options{ReadOnly: true})
		return err
	})
	if errors.Is(err, store.ErrNoDatabase) {
		return fmt.Errorf("%w; is -data %s the right directory?", err, *data)
	}
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := db.Stats()
	if err != nil {
		return err
	}
	printStats(e.stdout, db.Path(), db.CorpusDir(), st)
	out, err := db.OutcomesBySite()
	if err != nil {
		return err
	}
	printOutcomes(e.stdout, out)
	return nil
}

// printStats prints the counts of the store at path.
func printStats(w io.Writer, path, corpus string, st store.Stats) {
	fmt.Fprintf(w, "database:  %s\ncorpus:    %s\n", path, corpus)
	fmt.Fprintf(w, "articles:  %d\nurls:      %d (duplicate URLs point at one stored text)\nvisited:   %d article URLs\n",
		st.Articles, st.URLs, st.Visited)
	if st.Pending > 0 {
		fmt.Fprintf(w, "pending:   %d (repaired at the next writable open)\n", st.Pending)
	}
	names := make([]string, 0, len(st.PerSite))
	for n := range st.PerSite {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-28s %d\n", n, st.PerSite[n])
	}
	printClusterStats(w, st)
}

// printOutcomes lists the recorded outcome of every article URL, per
// site: what was stored, and what a crawl or reclean must retry.
func printOutcomes(w io.Writer, out map[string]map[sites.Outcome]int) {
	if len(out) == 0 {
		return
	}
	fmt.Fprintln(w, "outcomes per site (last outcome of each article URL; off-profile, rejected, clean-failed and store-failed are retried by the next crawl and by `reclean`):")
	names := make([]string, 0, len(out))
	for n := range out {
		names = append(names, n)
	}
	sort.Strings(names)
	order := []sites.Outcome{sites.OutcomeStored, sites.OutcomeDuplicate, sites.OutcomeNotArticle, sites.OutcomeOffProfile,
		sites.OutcomeRejected, sites.OutcomeCleanFailed, sites.OutcomeStoreFailed, sites.OutcomeGone, sites.OutcomeNotModified}
	for _, n := range names {
		var parts []string
		for _, o := range order {
			if c := out[n][o]; c > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", o, c))
			}
		}
		fmt.Fprintf(w, "  %-28s %s\n", n, strings.Join(parts, ", "))
	}
}

func runSites(ctx context.Context, e env, args []string) error {
	if len(args) > 0 && args[0] == "check" {
		return runSitesCheck(ctx, e, args[1:])
	}
	fs := newFlags(e, "sites", "[-sites DIR] | check [flags]")
	dir := fs.String("sites", "", "directory of extra or overriding site profiles (*.json)")
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "unionnews sites: unknown argument %q (did you mean `sites check`?)\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	reg, err := loadSites(*dir)
	if err != nil {
		return err
	}
	for _, p := range reg.All() {
		kind := "site"
		if p.Abstract {
			kind = "template"
		}
		fmt.Fprintf(e.stdout, "%s (%s, from %s)\n", p.Name, kind, p.Source)
		if p.Description != "" {
			fmt.Fprintf(e.stdout, "  %s\n", p.Description)
		}
		if len(p.Hosts) > 0 {
			fmt.Fprintf(e.stdout, "  hosts:   %s\n", strings.Join(p.Hosts, ", "))
		}
		for _, u := range p.StartURLs {
			fmt.Fprintf(e.stdout, "  start:   %s\n", u)
		}
		if len(p.Guessed) > 0 {
			fmt.Fprintf(e.stdout, "  guessed: %s (not verified on the live site)\n", strings.Join(p.Guessed, ", "))
		}
	}
	return nil
}
