// Package serve runs unionnews unattended: a per-site cron scheduler that
// never runs one site twice at once and catches up a run missed while the
// process was down, a JSON HTTP API (sites, runs, articles, export, crawl
// and refresh on demand behind a bearer token), Prometheus metrics on a
// registry of its own, and a server-rendered status page.
//
// The package declares the small interfaces it consumes (Runner, Corpus);
// package main satisfies them with the crawl pipeline and the store. It
// reads no flags and no environment: everything comes in through Options.
package serve
