// Command unionnews builds and keeps fresh a clean, deduplicated corpus of
// Vietnamese trade-union news: it crawls profiled sites, cleans each
// article, stores it in bbolt and as flat files, and exports it.
//
// Run `unionnews help` for the subcommands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/unionnews/unionnews/store"
	_ "time/tzdata" // zone names in page dates (go-dateparser, under go-trafilatura) load without system zoneinfo
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// buildVersion falls back to the build's module or VCS version.
var version = "dev"

func main() {
	// A closed stdout (`unionnews export | head`) makes writes fail with
	// EPIPE instead of killing the process with SIGPIPE; exitCode ends
	// such a run quietly.
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop := notifyStop(context.Background(), os.Stderr, os.Exit)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode prints err and maps it to the process exit status: 2 for
// usage errors, 130 for an interrupted run, 0 for a reader that went
// away (EPIPE: `… | head`), 3-5 for a run that failed in part (exit.go),
// 1 otherwise.
func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, syscall.EPIPE):
		return 0
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "unionnews: interrupted; state saved, run the same command again to resume")
		return exitInterrupted
	case runFailureCode(err) != 0:
		fmt.Fprintln(stderr, "unionnews:", err)
		return runFailureCode(err)
	case errors.Is(err, store.ErrCorrupt):
		fmt.Fprintln(stderr, "unionnews:", err)
		fmt.Fprintln(stderr, "unionnews: the database is damaged; `unionnews repair` (with the same -data) rebuilds it from the corpus files and keeps the damaged file")
		return 1
	default:
		fmt.Fprintln(stderr, "unionnews:", err)
		return 1
	}
}
