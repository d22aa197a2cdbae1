package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unionnews/unionnews/sites"
)

// Batched writes. Put costs two transactions and five fsyncs per article
// (see the package documentation). A Writer stores many articles with
// the same three crash-safe steps, once per batch instead of once per
// article:
//
//  1. Options.BeforeCommit (the archive's Sync: the records the articles
//     point at are durable before anything refers to them), then one
//     transaction decides and stages every article of the batch
//     (stageTx: pending entries, demotions, duplicate URLs);
//  2. the article files of the batch are written (a new article's in
//     place, filesnew.go; others through a temporary file and rename; no
//     fsync each) and old files removed, then the corpus' file system is
//     synced once (syncfs on Linux; elsewhere every file
//     and directory is fsynced);
//  3. one transaction commits every record (commitTx), drops the pending
//     entries of demotions and writes the outcomes and visited marks
//     queued since the last batch.
//
// So a batch costs one archive fsync, two bbolt commits and one syncfs
// whatever its size, and a kill -9 at any point leaves what Put leaves:
// pending entries Open completes. The writer never waits for a batch to
// fill: it takes every request queued when it is free (group commit), so
// a lone caller is served at once and concurrent callers (parallel
// reclean, a crawl's collectors) share commits.
//
// Articles of one batch that touch the same id, URL mapping or content
// hash would decide against one another's uncommitted state; the writer
// cuts the batch before such an article, so every outcome is the one
// sequential Puts would give.

// WriterOptions configure NewWriter. A nil *WriterOptions means defaults.
type WriterOptions struct {
	// MaxBatch bounds the articles of one batch. Zero means 512.
	MaxBatch int
	// BeforeCommit, when set, runs before the first transaction of a
	// batch that stores articles (the archive's Sync). An error fails the
	// batch's articles.
	BeforeCommit func() error
}

// defaultMaxBatch is WriterOptions.MaxBatch's default.
const defaultMaxBatch = 512

// Writer stores articles, outcomes and visited marks in batches. It is a
// *DB whose Save, Put, RecordOutcome and MarkVisited go through the
// batches; every other method reads or writes the DB directly. Its
// methods are safe for concurrent use. Close flushes it.
type Writer struct {
	*DB
	opts WriterOptions
	reqs chan *writeReq
	done chan struct{}

	// sendMu guards closed and the closing of reqs; senders hold it
	// shared while they block on a full queue, and the writer goroutine
	// never takes it, so a full queue cannot deadlock.
	sendMu sync.RWMutex
	closed bool

	mu      sync.Mutex
	batches int   // runs written (each: two commits and one file-system sync)
	saved   int   // articles decided in them
	err     error // first failure of a queued outcome or mark, reported once
}

// writeReq is one queued request: an article (res is waited for), an
// outcome or visited mark (queued; its failure is reported later), or a
// flush barrier (res only).
type writeReq struct {
	rec     *Record
	outcome []byte // outcome JSON, keyed by canon
	visited []byte // visited value, keyed by ID(url)
	key     string
	res     chan writeRes
}

type writeRes struct {
	put PutResult
	err error
}

// ErrWriterClosed is returned by a Writer's writes after Close.
var ErrWriterClosed = errors.New("store writer closed")

// NewWriter returns a batch writer over db. Close it before db.
func (db *DB) NewWriter(opts *WriterOptions) *Writer {
	var o WriterOptions
	if opts != nil {
		o = *opts
	}
	if o.MaxBatch <= 0 {
		o.MaxBatch = defaultMaxBatch
	}
	w := &Writer{DB: db, opts: o, reqs: make(chan *writeReq, 4*o.MaxBatch), done: make(chan struct{})}
	go w.loop()
	return w
}

// send queues req, or fails when the writer is closed.
func (w *Writer) send(req *writeReq) error {
	w.sendMu.RLock()
	defer w.sendMu.RUnlock()
	if w.closed {
		return ErrWriterClosed
	}
	w.reqs <- req
	return nil
}

// takeErr returns and clears the failure of a queued write.
func (w *Writer) takeErr() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	err := w.err
	w.err = nil
	return err
}

// Put stores r as DB.Put does, in the next batch, and waits for the
// batch to commit.
func (w *Writer) Put(r Record) (PutResult, error) {
	return w.submit(r)()
}

// submit queues r and returns the func that waits for its outcome.
func (w *Writer) submit(r Record) func() (PutResult, error) {
	fail := func(err error) func() (PutResult, error) {
		return func() (PutResult, error) { return PutResult{}, fmt.Errorf("put %s: %w", r.URL, err) }
	}
	if w.readOnly {
		return fail(ErrReadOnly)
	}
	if err := validate(r); err != nil {
		return fail(err)
	}
	// The fields Put computes, here in the caller's goroutine: hashing
	// the text (NFC and all) is the writer's largest CPU cost otherwise.
	r.ID = idOf(canonicalURL(r.URL))
	r.ContentHash = ContentHash(r.Text)
	if r.FetchedAt.IsZero() {
		r.FetchedAt = time.Now().Round(0)
	}
	req := &writeReq{rec: &r, res: make(chan writeRes, 1)}
	if err := w.send(req); err != nil {
		return fail(err)
	}
	return func() (PutResult, error) {
		res := <-req.res
		if res.err != nil {
			return PutResult{}, fmt.Errorf("put %s: %w", r.URL, res.err)
		}
		return res.put, nil
	}
}

// Save is DB.Save through the batches.
func (w *Writer) Save(a sites.Article) (string, sites.Change, error) {
	return w.SaveLater(a)()
}

// SaveLater queues a for the next batch and returns the func that waits
// for its outcome (pipeline.OrderedSaver): articles are decided in the
// order they were queued.
func (w *Writer) SaveLater(a sites.Article) func() (string, sites.Change, error) {
	wait := w.submit(a)
	return func() (string, sites.Change, error) {
		res, err := wait()
		if err != nil {
			return "", "", err
		}
		return res.ID, res.change(), nil
	}
}

// SyncsArchive reports whether the writer runs a BeforeCommit (the
// archive's Sync) before every batch (pipeline.ArchiveSyncer).
func (w *Writer) SyncsArchive() bool { return w.opts.BeforeCommit != nil }

// RecordOutcome queues the outcome for the next batch. A failure to
// store it is returned by a later RecordOutcome, MarkVisited, Flush or
// Close.
func (w *Writer) RecordOutcome(o sites.URLOutcome) error {
	if w.readOnly {
		return fmt.Errorf("record outcome %s: %w", o.URL, ErrReadOnly)
	}
	v, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("record outcome %s: %w", o.URL, err)
	}
	if err := w.send(&writeReq{outcome: v, key: canonicalURL(o.URL)}); err != nil {
		return fmt.Errorf("record outcome %s: %w", o.URL, err)
	}
	return w.takeErr()
}

// MarkVisited queues the visited mark for the next batch; failures are
// reported as RecordOutcome's.
func (w *Writer) MarkVisited(url string) error {
	if w.readOnly {
		return fmt.Errorf("mark visited %s: %w", url, ErrReadOnly)
	}
	now := []byte(time.Now().UTC().Format(time.RFC3339Nano))
	if err := w.send(&writeReq{visited: now, key: ID(url)}); err != nil {
		return fmt.Errorf("mark visited %s: %w", url, err)
	}
	return w.takeErr()
}

// Flush waits until everything queued before it is committed and
// returns the failure of a queued write, if any.
func (w *Writer) Flush() error {
	req := &writeReq{res: make(chan writeRes, 1)}
	if err := w.send(req); err != nil {
		return err
	}
	<-req.res
	return w.takeErr()
}

// Close flushes the writer and stops it. It does not close the DB.
func (w *Writer) Close() error {
	err := w.Flush()
	if errors.Is(err, ErrWriterClosed) {
		return nil
	}
	w.sendMu.Lock()
	if !w.closed {
		w.closed = true
		close(w.reqs)
	}
	w.sendMu.Unlock()
	<-w.done
	// The band keys of the articles written stay queued in the database
	// (neardup_queue.go) until this flush writes them to their bucket.
	return errors.Join(err, w.takeErr(), w.FlushBands())
}

// loop is the writer goroutine: it takes the first request, then every
// request already queued (up to MaxBatch articles), and writes them.
func (w *Writer) loop() {
	defer close(w.done)
	for first := range w.reqs {
		batch := []*writeReq{first}
		n := 0
		if first.rec != nil {
			n = 1
		}
	drain:
		for n < w.opts.MaxBatch {
			select {
			case r, ok := <-w.reqs:
				if !ok {
					break drain
				}
				batch = append(batch, r)
				if r.rec != nil {
					n++
				}
			default:
				break drain
			}
		}
		w.write(batch)
	}
}

// write stores one batch and answers its requests.
func (w *Writer) write(batch []*writeReq) {
	var saves, queued, barriers []*writeReq
	for _, r := range batch {
		switch {
		case r.rec != nil:
			saves = append(saves, r)
		case r.outcome != nil || r.visited != nil:
			queued = append(queued, r)
		default:
			barriers = append(barriers, r)
		}
	}
	w.DB.mu.Lock()
	err := w.writeSaves(saves, queued)
	w.DB.mu.Unlock()
	if err != nil {
		w.mu.Lock()
		if w.err == nil {
			w.err = err
		}
		w.mu.Unlock()
	}
	for _, r := range barriers {
		r.res <- writeRes{}
	}
}

// writeSaves writes the articles in conflict-free runs; the queued
// outcomes and marks go into the first commit. It answers every save and
// returns the failure of the queued writes.
func (w *Writer) writeSaves(saves, queued []*writeReq) error {
	if len(saves) > 0 {
		// As Put: a write an earlier failure left pending is finished
		// first, so its text is never stored a second time.
		if err := w.finishPending(); err != nil {
			err = fmt.Errorf("an earlier write is unfinished: %w", err)
			for _, s := range saves {
				s.res <- writeRes{err: err}
			}
			saves = nil
		}
	}
	if len(saves) > 0 && w.opts.BeforeCommit != nil {
		if err := w.opts.BeforeCommit(); err != nil {
			err = fmt.Errorf("before commit: %w", err)
			for _, s := range saves {
				s.res <- writeRes{err: err}
			}
			saves = nil
		}
	}
	if len(saves) == 0 {
		if len(queued) == 0 {
			return nil
		}
		return w.update(func(tx *bolt.Tx) error { return putQueued(tx, queued) })
	}
	var qerr error
	for len(saves) > 0 {
		n, committed, err := w.writeRun(saves, queued)
		if committed || err != nil {
			qerr, queued = err, nil
		}
		saves = saves[n:]
	}
	if len(queued) > 0 {
		return w.update(func(tx *bolt.Tx) error { return putQueued(tx, queued) })
	}
	return qerr
}
