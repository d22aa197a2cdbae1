package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
)

// errUsage marks a command-line mistake; the usage text was already printed.
var errUsage = errors.New("usage error")

// env is what every subcommand gets: its arguments and the standard streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

type command struct {
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

func commands() map[string]command {
	return map[string]command{
		"crawl":   {"crawl profiled sites into the corpus", runCrawl},
		"reclean": {"re-clean the archived pages with today's profiles (no network)", runReclean},
		"import":  {"clean the profiled pages of WARC files into the corpus (no network)", runImport},
		"refresh": {"re-fetch stored articles with conditional requests", runRefresh},
		"demo":    {"crawl the bundled offline replicas end to end", runDemo},
		"export":  {"export the corpus: JSON Lines, CSV, Parquet or a txt tree", runExport},
		"dups":    {"list the stories stored from more than one URL", runDups},
		"dedup":   {"rebuild the near-duplicate index and clusters", runDedup},
		"serve":   {"run scheduled crawls, the HTTP API, metrics and the status page", runServe},
		"eval":    {"score the cleaner against the gold sets and check the floors", runEval},
		"clean":   {"clean saved pages or text dumps", runClean},
		"stats":   {"show what the corpus holds", runStats},
		"sites":   {"list the site profiles", runSites},
		"repair":  {"check the database; rebuild a damaged one from the corpus files", runRepair},
		"version": {"print the version", runVersion},
	}
}

// run dispatches to a subcommand.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr}
	cmds := commands()
	if len(args) >= 2 && args[0] == "help" {
		// `help crawl` is `crawl -help`; `help sites check` is `sites check -help`.
		return run(ctx, append(args[1:], "-help"), stdin, stdout, stderr)
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		usage(stdout, cmds)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "unionnews: unknown command %q\n\n", args[0])
		usage(stderr, cmds)
		return errUsage
	}
	return c.run(ctx, e, args[1:])
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "unionnews — a clean, deduplicated corpus of Vietnamese trade-union news")
	fmt.Fprintln(w, "\nUsage: unionnews <command> [flags]; unionnews <command> -help for its flags.")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, cmds[n].summary)
		if n == "sites" {
			fmt.Fprintf(w, "  %-12s %s\n", "sites check", sitesCheckSummary)
		}
	}
	fmt.Fprintln(w, "\nunionnews help <command> shows a command's flags.")
}

// sitesCheckSummary is the one-line description of `sites check`.
const sitesCheckSummary = "fetch each site's test URLs and newest items; fail if extraction broke (a cron alarm)"

// newFlags returns a flag set whose -help prints the synopsis and flags.
func newFlags(e env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: unionnews %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning -help into success and mistakes into errUsage.
func parse(fs *flag.FlagSet, args []string) (help bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, errUsage
	}
	return false, nil
}

// logFlags adds -v and -log-format and returns a constructor for the logger.
func logFlags(fs *flag.FlagSet) func(e env) *slog.Logger {
	verbose := fs.Bool("v", false, "log every page (debug level)")
	format := new(string)
	choiceVar(fs, format, "log-format", "text", []string{"text", "json"}, "`FORMAT` of the log lines: text or json")
	return func(e env) *slog.Logger {
		opts := &slog.HandlerOptions{Level: slog.LevelInfo}
		if *verbose {
			opts.Level = slog.LevelDebug
		}
		if *format == "json" {
			return slog.New(slog.NewJSONHandler(e.stderr, opts))
		}
		return slog.New(slog.NewTextHandler(e.stderr, opts))
	}
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	*l = append(*l, s)
	return nil
}

func runVersion(_ context.Context, e env, args []string) error {
	fs := newFlags(e, "version", "")
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if err := noArgs(fs, e.stderr); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "unionnews", buildVersion())
	return nil
}
