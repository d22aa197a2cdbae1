package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// stopSignals are the signals that stop a run: Ctrl-C and `docker stop`
// / systemd.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// exitInterrupted is the exit status of a run stopped by a signal.
const exitInterrupted = 130

// notifyStop returns a context cancelled by the first stop signal, after
// printing "stopping…" to w: a crawl drops its queue and the politeness
// wait at once, saves its state and returns. A second signal exits at
// once through exit (everything stored so far is committed; the store is
// crash-safe). The returned func stops listening.
func notifyStop(parent context.Context, w io.Writer, exit func(int)) (context.Context, func()) {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, stopSignals...)
	ctx, stop := watchSignals(parent, sigs, w, exit)
	return ctx, func() { signal.Stop(sigs); stop() }
}

// watchSignals is notifyStop over a channel of signals.
func watchSignals(parent context.Context, sigs <-chan os.Signal, w io.Writer, exit func(int)) (context.Context, func()) {
	ctx, cancel := context.WithCancel(parent)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			fmt.Fprintf(w, "unionnews: %v: stopping… (state is saved; press Ctrl-C again to exit at once)\n", s)
			cancel()
		case <-done:
			return
		}
		select {
		case <-sigs:
			fmt.Fprintln(w, "unionnews: exiting now")
			exit(exitInterrupted)
		case <-done:
		}
	}()
	return ctx, func() { close(done); cancel() }
}
