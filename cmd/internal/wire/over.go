package wire

import (
	"log/slog"

	"github.com/unionnews/unionnews/cleaner"
	"github.com/unionnews/unionnews/crawler/pipeline"
	"github.com/unionnews/unionnews/sites"
	"github.com/unionnews/unionnews/store"
)

// Over returns an Env over a store the caller opened and closes (repair's
// database under construction), with the profiles reg, its own cleaner
// and learnt boilerplate, and no archive writer: its pipelines replay
// the archive without copying it. Do not call Close on it.
func Over(o Options, reg *sites.Registry, db *store.DB) *Env {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	e := &Env{Sites: reg, DB: db, opts: o}
	e.bp = pipeline.NewBoilerplate(db, o.Logger)
	e.cleaner = cleaner.New(&cleaner.Options{Boilerplate: e.bp})
	return e
}
