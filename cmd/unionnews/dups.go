package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

func runDups(_ context.Context, e env, args []string) error {
	fs := newFlags(e, "dups", "[-data DIR] [-site NAME] [-min-size N]")
	data := fs.String("data", defaultDataDir, "data directory")
	site := fs.String("site", "", "only stories with a copy on this site")
	minSize := fs.Int("min-size", 2, "only stories stored from at least N URLs")
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 || *minSize < 1 {
		if fs.NArg() > 0 {
			fmt.Fprintf(e.stderr, "unionnews dups: unexpected argument %q\n", fs.Arg(0))
		} else {
			fmt.Fprintf(e.stderr, "unionnews dups: -min-size must be at least 1, got %d\n", *minSize)
		}
		fs.Usage()
		return errUsage
	}
	db, err := store.Open(*data, &store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	if *site != "" {
		st, err := db.Stats()
		if err != nil {
			return err
		}
		if _, ok := st.PerSite[*site]; !ok && !pairSite(st, *site) {
			return fmt.Errorf("-site %q: no article of that site is stored (see `unionnews stats`)", *site)
		}
	}
	n, copies := 0, 0
	err = db.ForEachCluster(*site, *minSize, func(r store.Record) error {
		n++
		copies += len(r.Duplicates)
		printCluster(e.stdout, r)
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d stories stored from more than one URL, %d copies\n", n, copies)
	return nil
}

// pairSite reports whether a site occurs only as the site of copies.
func pairSite(st store.Stats, site string) bool {
	for p := range st.SitePairs {
		if p.Copy == site {
			return true
		}
	}
	return false
}

// printCluster writes one story: its title, the canonical article and
// each copy, one line each, for a person to read.
func printCluster(w io.Writer, r store.Record) {
	fmt.Fprintf(w, "%s\n", r.Title)
	fmt.Fprintf(w, "  canonical  %-16s  %-26s  %s\n", dateOf(r.Published), r.Site, r.URL)
	for _, d := range r.Duplicates {
		how := fmt.Sprintf("similar %.2f", d.Similarity)
		if d.Exact {
			how = "same text"
		}
		fmt.Fprintf(w, "  copy       %-16s  %-26s  %s  (%s)\n", dateOf(d.Published), d.Site, d.URL, how)
	}
	fmt.Fprintln(w)
}

func dateOf(t time.Time) string {
	if t.IsZero() {
		return "undated"
	}
	return t.In(sites.Zone()).Format("2006-01-02 15:04")
}

// printClusterStats writes the clusters part of `stats`.
func printClusterStats(w io.Writer, st store.Stats) {
	fmt.Fprintf(w, "clusters:  %d stories stored from more than one URL, %d copies (see `unionnews dups`)\n", st.Clusters, st.Copies)
	pairs := make([]store.SitePair, 0, len(st.SitePairs))
	for p := range st.SitePairs {
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].Canonical != pairs[j].Canonical {
			return pairs[i].Canonical < pairs[j].Canonical
		}
		return pairs[i].Copy < pairs[j].Copy
	})
	for _, p := range pairs {
		fmt.Fprintf(w, "  %-26s <- %-26s %d copies\n", p.Canonical, p.Copy, st.SitePairs[p])
	}
}

// printDemoClusters tells the demo's user how many stories were stored
// from more than one URL and how to see them.
func printDemoClusters(w io.Writer, data string) {
	db, err := store.Open(data, &store.Options{ReadOnly: true})
	if err != nil {
		return
	}
	defer db.Close()
	if st, err := db.Stats(); err == nil {
		fmt.Fprintf(w, "stories with copies:   %d (%d copies listed under their canonical article; see: unionnews dups -data %s)\n", st.Clusters, st.Copies, data)
	}
}
