package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"time"

	"github.com/unionnews/unionnews/cmd/internal/serve"
	"github.com/unionnews/unionnews/cmd/internal/wire"
)

// tokenEnv names the environment variable holding the API token.
const tokenEnv = "UNIONNEWS_TOKEN"

func runServe(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "serve", "[-data DIR] [-addr 127.0.0.1:8080] [-config FILE] [-sites DIR] [-mirror HOST=URL]...")
	data := fs.String("data", defaultDataDir, "data directory (database, corpus files, serve state)")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address of the API and status page (loopback by default)")
	config := fs.String("config", "", "serve config file (JSON: schedules, refresh policy, token); default: every site hourly")
	sitesDir := fs.String("sites", "", "directory of extra or overriding site profiles (*.json)")
	var mirrors listFlag
	fs.Var(&mirrors, "mirror", "fetch HOST from a mirror, e.g. laodong.vn=http://127.0.0.1:9000 (repeatable); the corpus keeps real URLs")
	delay := fs.Duration("delay", 0, "override every site's per-host delay (0: the profile's)")
	maxArticles := fs.Int("max-articles", 0, "stop each run after fetching N article pages (0: no limit)")
	logger := logFlags(fs)
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	lg := logger(e)
	var cfg serve.Config
	if *config != "" {
		var err error
		if cfg, err = serve.LoadConfig(*config); err != nil {
			return err
		}
	}
	if tok := os.Getenv(tokenEnv); tok != "" {
		cfg.Token = tok
	}
	mm, err := parseMirrors(mirrors)
	if err != nil {
		return err
	}
	env, err := wire.Open(wire.Options{Data: *data, SitesDir: *sitesDir, Version: version, Logger: lg})
	if err != nil {
		return explainInUse(*data, err)
	}
	defer func() {
		if err := env.Close(); err != nil {
			lg.Error("close data directory", "err", err)
		}
	}()
	runner := &serveRunner{env: env, log: lg, mirrors: mm, delay: *delay, maxArticles: *maxArticles}
	srv, err := serve.New(serve.Options{Data: *data, Config: cfg, Runner: runner, Corpus: storeCorpus{env.DB}, Profiles: env.Sites,
		Version: version, Logger: lg})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	fmt.Fprintf(e.stdout, "unionnews serve: status page and API at http://%s/ (data %s); Ctrl-C stops\n", ln.Addr(), *data)
	if ta, ok := ln.Addr().(*net.TCPAddr); ok && !ta.IP.IsLoopback() {
		fmt.Fprintf(e.stderr, "unionnews serve: warning: %s is reachable from other machines over plain HTTP; put a TLS proxy in front (the token is sent with every POST)\n", ln.Addr())
	}
	if cfg.Token == "" {
		fmt.Fprintf(e.stdout, "no token configured: POST /api/* need the token generated in %s/%s (\"token\")\n", *data, serve.AddressFileName)
	}
	start := time.Now()
	err = srv.Serve(ctx, ln)
	fmt.Fprintf(e.stdout, "unionnews serve: stopped after %s\n", time.Since(start).Round(time.Second))
	return err
}
