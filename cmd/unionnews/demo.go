package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"github.com/unionnews/unionnews/crawler"
	"github.com/unionnews/unionnews/sites/replica"
	exporter "github.com/unionnews/unionnews/store/export"
)

func runDemo(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "demo", "[-data DIR] [-serve ADDR]")
	data := fs.String("data", defaultDataDir, "data directory for the demo corpus (marked as the demo's: crawl refuses it, and the demo refuses a real corpus)")
	serve := fs.String("serve", "", "only serve the replicas at `ADDR` (e.g. 127.0.0.1:8080; a bare :PORT binds loopback) until Ctrl-C, and print the -mirror flags for unionnews crawl")
	var o crawlOptions
	prog := progressFlags(fs)
	logger := logFlags(fs)
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if err := noArgs(fs, e.stderr); err != nil {
		return err
	}
	rep, err := replica.New()
	if err != nil {
		return fmt.Errorf("build replicas: %w", err)
	}
	addr := "127.0.0.1:0"
	if *serve != "" {
		addr = loopbackDefault(*serve)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: rep.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(e.stdout, "serving replicas of %d hosts at %s\n", len(rep.Hosts()), base)
	if *serve != "" {
		fmt.Fprint(e.stdout, "crawl them with:\n  unionnews crawl -data DIR")
		for _, h := range rep.Hosts() {
			fmt.Fprintf(e.stdout, " \\\n    -mirror %s=%s", h, rep.Mirrors(base)[h])
		}
		fmt.Fprintln(e.stdout, "\nCtrl-C stops the server.")
		<-ctx.Done()
		return nil
	}

	reg, err := loadSites("")
	if err != nil {
		return err
	}
	var names listFlag
	for _, p := range reg.Crawlable() {
		for _, h := range rep.Hosts() {
			if p.HasHost(h) {
				names = append(names, p.Name)
				break
			}
		}
	}
	if err := claimDemoDir(*data); err != nil {
		return err
	}
	// The replica is ours and on loopback, so a short delay is polite enough.
	o.data, o.sites, o.delay, o.retries = *data, names, 100*time.Millisecond, crawler.DefaultMaxRetries
	lg := o.withProgress(prog, logger, e)
	start := time.Now()
	sum, err := crawl(ctx, lg, o, rep.Mirrors(base))
	if sum.started {
		sum.print(e.stdout, *data)
	}
	if err != nil {
		return err
	}
	out := filepath.Join(*data, "export.jsonl")
	n, err := exportFile(out, *data, exporter.Filter{})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "exported:              %d records to %s\n", n, out)
	printDemoClusters(e.stdout, *data)
	fmt.Fprintf(e.stdout, "done in %s; try: unionnews export -data %s | head -c 600\n", time.Since(start).Round(time.Millisecond), *data)
	if n == 0 {
		return errors.New("demo stored no articles")
	}
	return nil
}

// loopbackDefault gives an address without a host ("":8080", ":0") the
// loopback host: the replicas are for this machine, not the network.
func loopbackDefault(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || host != "" {
		return addr
	}
	return net.JoinHostPort("127.0.0.1", port)
}

// exportFile writes the corpus at data to path as JSON Lines, atomically
// (a temporary file renamed when complete; none left behind on error).
func exportFile(path, data string, f exporter.Filter) (int, error) {
	db, err := openStore(data, true)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	res, err := exporter.ToPath(context.Background(), path, nil, db, &exporter.Options{Filter: f})
	return res.Articles, err
}
