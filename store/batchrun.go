package store

import (
	"sync"

	bolt "go.etcd.io/bbolt"
)

// One run of a batch (batch.go): the three steps for the longest prefix
// of the queued articles that do not touch one another.

// stagedWrite is an article of a run after step 1.
type stagedWrite struct {
	req    *writeReq
	res    PutResult
	old    Record // the committed record before the batch
	hadOld bool
	err    error
}

// writeRun writes the longest conflict-free prefix of saves (at least
// one) with the three steps and answers its requests. It returns how
// many it took, whether its commit transaction (which holds queued) ran,
// and the failure of that commit.
func (w *Writer) writeRun(saves, queued []*writeReq) (int, bool, error) {
	var run []*stagedWrite
	err := w.update(func(tx *bolt.Tx) error {
		run = run[:0]
		ids, hashes := map[string]bool{}, map[string]bool{}
		urls := tx.Bucket(bucketURLs)
		for _, s := range saves {
			r := *s.rec
			canon := canonicalURL(r.URL)
			mapped := string(urls.Get([]byte(canon)))
			// A text another URL holds (exact copy, demotion, take-over)
			// or a URL that is another article's copy changes more than
			// its own record: such an article runs alone, as a Put would.
			pre, err := decide(tx, canon, r.ID, r.ContentHash)
			if err != nil {
				return err
			}
			alone := pre.Duplicate || (mapped != "" && mapped != r.ID)
			if len(run) > 0 && (alone || ids[r.ID] || ids[mapped] || hashes[r.ContentHash]) {
				break
			}
			sw := &stagedWrite{req: s}
			if sw.old, sw.hadOld, err = getRecord(tx, r.ID); err != nil {
				return err
			}
			res, _, err := w.stageTx(tx, canon, r)
			if err != nil {
				return err
			}
			sw.res = res
			// Every article of a run, staged or not, claims its ids and
			// texts: a duplicate's stage already changed its holder's
			// copies, and a take-over (Displaced) its former holder.
			ids[r.ID], ids[res.ID] = true, true
			if mapped != "" {
				ids[mapped] = true
			}
			if res.Displaced != "" {
				ids[res.Displaced] = true
			}
			hashes[r.ContentHash] = true
			if sw.hadOld {
				hashes[sw.old.ContentHash] = true
			}
			run = append(run, sw)
			if alone {
				break
			}
		}
		return nil
	})
	if err != nil {
		// Nothing of the run was staged: fail its first article, so the
		// others are retried in the next run.
		saves[0].res <- writeRes{err: err}
		return 1, false, nil
	}
	files, dirs := w.writeFiles(run)
	if err := syncCorpus(w.corpus, files, dirs); err != nil {
		for _, sw := range run {
			if sw.res.demote || sw.res.Created || sw.res.Updated {
				sw.err = err
			}
		}
	}
	err = w.update(func(tx *bolt.Tx) error {
		for _, sw := range run {
			if sw.err != nil {
				continue
			}
			var err error
			switch {
			case sw.res.demote:
				err = tx.Bucket(bucketPending).Delete([]byte(sw.req.rec.ID))
			case sw.res.Created || sw.res.Updated:
				err = w.commitTx(tx, *sw.req.rec)
			}
			if err != nil {
				return err
			}
		}
		return putQueued(tx, queued)
	})
	if err == nil {
		// Cluster changes mark other articles' files dirty (dirty.go):
		// bring them in line now; a crash leaves the marks to the next
		// writable open.
		err = w.syncFiles()
	}
	for _, sw := range run {
		switch {
		case err != nil:
			sw.req.res <- writeRes{err: err}
		case sw.err != nil:
			sw.req.res <- writeRes{err: sw.err}
		default:
			sw.req.res <- writeRes{put: sw.res}
		}
	}
	w.mu.Lock()
	w.batches++
	w.saved += len(run)
	w.mu.Unlock()
	return len(run), true, err
}

// Batches returns how many batches the writer committed and how many
// articles they held (the figure BENCHMARKS.md reports per batch).
func (w *Writer) Batches() (batches, articles int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.batches, w.saved
}

// putQueued writes queued outcomes and visited marks in tx.
func putQueued(tx *bolt.Tx, queued []*writeReq) error {
	for _, q := range queued {
		var err error
		if q.outcome != nil {
			err = tx.Bucket(bucketOutcomes).Put([]byte(q.key), q.outcome)
		} else {
			err = tx.Bucket(bucketVisited).Put([]byte(q.key), q.visited)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// fileWriters is how many goroutines write a batch's files: the writes
// wait on the disk, not the CPU.
const fileWriters = 8

// writeFiles is step 2 for a run without the sync: it writes the files of
// created and updated articles and removes those of demoted and moved
// ones, on fileWriters goroutines, setting each stagedWrite's err. It
// returns the paths written and the directories changed.
func (w *Writer) writeFiles(run []*stagedWrite) (files, dirs []string) {
	work := make(chan *stagedWrite)
	var wg sync.WaitGroup
	for range min(fileWriters, len(run)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for sw := range work {
				sw.err = w.writeStagedFiles(sw)
			}
		}()
	}
	for _, sw := range run {
		work <- sw
	}
	close(work)
	wg.Wait()
	for _, sw := range run {
		r := *sw.req.rec
		switch {
		case sw.res.demote:
			dirs = append(dirs, articleDir(w.corpus, sw.old))
		case sw.res.Created || sw.res.Updated:
			dir := articleDir(w.corpus, r)
			dirs = append(dirs, dir)
			files = append(files, articleFiles(dir, r.ID)...)
			if sw.hadOld && articleDir(w.corpus, sw.old) != dir {
				dirs = append(dirs, articleDir(w.corpus, sw.old))
			}
		}
	}
	return files, dirs
}

// writeStagedFiles writes or removes the files of one staged article.
func (w *Writer) writeStagedFiles(sw *stagedWrite) error {
	switch {
	case sw.res.demote:
		return removeArticleFiles(w.corpus, sw.old)
	case sw.res.Created && !sw.hadOld:
		_, err := writeNewArticleFiles(w.corpus, *sw.req.rec)
		return err
	case sw.res.Created || sw.res.Updated:
		dir, err := writeArticleFilesSync(w.syncFile, w.corpus, *sw.req.rec, false)
		if err == nil && sw.hadOld && articleDir(w.corpus, sw.old) != dir {
			err = removeArticleFiles(w.corpus, sw.old)
		}
		return err
	}
	return nil
}
