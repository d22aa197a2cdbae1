package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// PutResult says what Put did. Exactly one of the flags is set.
type PutResult struct {
	// ID is the id the URL now resolves to: the article's own id, or for
	// a duplicate, the id of the article that already holds the text.
	ID string
	// Created: a new article was stored.
	Created bool
	// Duplicate: the text is already stored under another id; only the
	// URL was mapped to that id.
	Duplicate bool
	// Unchanged: the URL is known and its text has not changed; nothing
	// was written.
	Unchanged bool
	// Updated: the URL is known and its text changed; the record and its
	// files were replaced (and moved if their month changed).
	Updated bool
	// Displaced is set with Created when the text was already stored
	// under another URL that ranks after this one (see "Duplicates" in
	// the package documentation): that article's id, now an exact copy.
	Displaced string

	demote bool // Duplicate of a stored article: it is removed (demote.go)
}

// Put stores an article. It sets r.ID to ID(r.URL) and r.ContentHash to
// ContentHash(r.Text), and a zero r.FetchedAt to the current time. The
// URL, site, title and text must not be empty and the site must be a
// plain directory name (ErrInvalid). See PutResult for the outcomes.
//
// When a known URL's text changes to a text that another article already
// holds, the URL becomes a duplicate of that article and its own record
// moves to the versions (see demote.go).
func (db *DB) Put(r Record) (PutResult, error) {
	if db.readOnly {
		return PutResult{}, fmt.Errorf("put %s: %w", r.URL, ErrReadOnly)
	}
	if err := validate(r); err != nil {
		return PutResult{}, fmt.Errorf("put %s: %w", r.URL, err)
	}
	canon := canonicalURL(r.URL)
	r.ID = idOf(canon)
	r.ContentHash = ContentHash(r.Text)
	if r.FetchedAt.IsZero() {
		r.FetchedAt = time.Now().Round(0)
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	// A write that failed earlier (its files could not be written) is
	// finished first: deciding this one while it is pending could store
	// its text a second time.
	if err := db.finishPending(); err != nil {
		return PutResult{}, fmt.Errorf("put %s: an earlier write is unfinished: %w", r.URL, err)
	}
	res, staged, err := db.stage(canon, r)
	if err != nil {
		return PutResult{}, fmt.Errorf("put %s: %w", r.URL, err)
	}
	switch {
	case staged && res.demote:
		old, err := db.pendingRecord(r.ID)
		if err == nil {
			err = db.finishDelete(old)
		}
		if err != nil {
			return PutResult{}, fmt.Errorf("put %s: %w", r.URL, err)
		}
	case staged:
		if err := db.complete(r); err != nil {
			return PutResult{}, fmt.Errorf("put %s: %w", r.URL, err)
		}
	}
	if err := db.syncFiles(); err != nil {
		return PutResult{}, fmt.Errorf("put %s: %w", r.URL, err)
	}
	return res, nil
}

// validate checks the fields Put needs.
func validate(r Record) error {
	switch {
	case r.URL == "":
		return fmt.Errorf("%w: empty url", ErrInvalid)
	case r.Site == "":
		return fmt.Errorf("%w: empty site", ErrInvalid)
	case !validSite(r.Site):
		return fmt.Errorf("%w: site %q is not a directory name", ErrInvalid, r.Site)
	case r.Title == "":
		return fmt.Errorf("%w: empty title", ErrInvalid)
	case r.Text == "":
		return fmt.Errorf("%w: empty text", ErrInvalid)
	}
	return nil
}

// stage is step 1 of Put. It decides the outcome and, when the article
// must be written, records it in the pending bucket (staged is true).
// Unchanged and duplicate outcomes are finished here.
func (db *DB) stage(canon string, r Record) (res PutResult, staged bool, err error) {
	err = db.update(func(tx *bolt.Tx) error {
		var err error
		res, staged, err = db.stageTx(tx, canon, r)
		return err
	})
	return res, staged, err
}

// stageTx is the transaction of stage (the batch writer runs it for
// many records in one transaction: batch.go).
func (db *DB) stageTx(tx *bolt.Tx, canon string, r Record) (PutResult, bool, error) {
	res, err := decide(tx, canon, r.ID, r.ContentHash)
	if err != nil || res.Unchanged {
		return res, false, err
	}
	mapped := string(tx.Bucket(bucketURLs).Get([]byte(canon)))
	if mapped != "" && mapped != r.ID {
		// An exact copy whose text changed leaves the copies of its
		// former text.
		if err := db.dropAlias(tx, mapped, canon); err != nil {
			return res, false, err
		}
	}
	if res.Duplicate {
		owner, ok, err := getRecord(tx, res.ID)
		if err != nil {
			return res, false, err
		}
		switch {
		case !ok:
			res = PutResult{ID: r.ID, Created: mapped != r.ID, Updated: mapped == r.ID}
		case res.demote && before(db.rankRecord(r), db.rankRecord(owner)):
			// The article ranks first: it keeps its record and takes
			// the text over at commit (commitCluster).
			res = PutResult{ID: r.ID, Updated: true}
		case res.demote:
			if err := db.demoteCluster(tx, r, owner); err != nil {
				return res, true, err
			}
			return res, true, demote(tx, r.ID, res.ID)
		default:
			return db.stageCopy(tx, canon, mapped, r, owner)
		}
	}
	return res, true, putPending(tx, r)
}

// decide is the outcome of putting the text with the given hash under
// the URL canon (id = idOf(canon)), read in tx without writing.
func decide(tx *bolt.Tx, canon, id, hash string) (PutResult, error) {
	mapped := string(tx.Bucket(bucketURLs).Get([]byte(canon)))
	if mapped != "" {
		old, ok, err := getRecord(tx, mapped)
		if err != nil {
			return PutResult{}, err
		}
		if ok && old.ContentHash == hash {
			return PutResult{ID: mapped, Unchanged: true}, nil
		}
	}
	owner := string(tx.Bucket(bucketHashes).Get([]byte(hash)))
	if owner != "" && owner != id {
		// mapped == id: the article's new text is another's; it becomes
		// a duplicate of that one (demote.go).
		return PutResult{ID: owner, Duplicate: true, demote: mapped == id}, nil
	}
	exists := tx.Bucket(bucketArticles).Get([]byte(id)) != nil
	return PutResult{ID: id, Created: !exists, Updated: exists}, nil
}

// complete runs steps 2 and 3 of Put for a staged record: it writes the
// article files, removes the files of the previous version when they
// were in another directory, and commits the record.
func (db *DB) complete(r Record) error {
	old, hadOld, err := db.get(r.ID)
	if err != nil {
		return err
	}
	if err := writeArticleFilesWith(db.syncFile, db.corpus, r); err != nil {
		return err
	}
	if hadOld && articleDir(db.corpus, old) != articleDir(db.corpus, r) {
		if err := removeArticleFiles(db.corpus, old); err != nil {
			return err
		}
	}
	return db.commit(r)
}

// commit is step 3 of Put: in one transaction it stores the record and
// its indexes and drops the pending entry.
func (db *DB) commit(r Record) error {
	return db.update(func(tx *bolt.Tx) error { return db.commitTx(tx, r) })
}

// commitTx is the transaction of commit (the batch writer runs it for
// many records in one transaction: batch.go).
func (db *DB) commitTx(tx *bolt.Tx, r Record) error {
	hashes, order := tx.Bucket(bucketHashes), tx.Bucket(bucketOrder)
	old, hadOld, err := getRecord(tx, r.ID)
	if err != nil {
		return err
	}
	if hadOld && isNewVersion(old, r) {
		if err := putVersion(tx, old); err != nil {
			return err
		}
	}
	if !hadOld {
		// The article is new: count its blocks in this transaction, so
		// that the learnt boilerplate never drifts from the articles.
		if err := addBlocks(tx, r.Site, r.BlockHashes); err != nil {
			return err
		}
		if err := putArticleBlocks(tx, r.ID, r.BlockHashes); err != nil {
			return err
		}
	}
	if hadOld {
		if old.ContentHash != r.ContentHash && string(hashes.Get([]byte(old.ContentHash))) == r.ID {
			if err := hashes.Delete([]byte(old.ContentHash)); err != nil {
				return err
			}
		}
		if err := order.Delete(orderKey(old)); err != nil {
			return err
		}
	}
	if err := putArticleStaged(tx, r, stagedBody(tx, r.ID)); err != nil {
		return err
	}
	if err := tx.Bucket(bucketURLs).Put([]byte(canonicalURL(r.URL)), []byte(r.ID)); err != nil {
		return err
	}
	if hashes.Get([]byte(r.ContentHash)) == nil {
		if err := hashes.Put([]byte(r.ContentHash), []byte(r.ID)); err != nil {
			return err
		}
	}
	if err := order.Put(orderKey(r), []byte{}); err != nil {
		return err
	}
	if err := db.commitCluster(tx, r, old, hadOld); err != nil {
		return err
	}
	return tx.Bucket(bucketPending).Delete([]byte(r.ID))
}

// Get returns the article with the given id, or ErrNotFound.
func (db *DB) Get(id string) (Record, error) {
	r, ok, err := db.get(id)
	if err != nil {
		return Record{}, fmt.Errorf("get %s: %w", id, err)
	}
	if !ok {
		return Record{}, fmt.Errorf("get %s: %w", id, ErrNotFound)
	}
	return r, nil
}

// LookupURL returns the article a URL resolves to (for a duplicate, the
// article that holds its text), or ErrNotFound.
func (db *DB) LookupURL(url string) (Record, error) {
	var r Record
	var ok bool
	err := db.view(func(tx *bolt.Tx) error {
		id := tx.Bucket(bucketURLs).Get([]byte(canonicalURL(url)))
		if id == nil {
			return nil
		}
		var err error
		r, ok, err = getRecord(tx, string(id))
		return err
	})
	if err != nil {
		return Record{}, fmt.Errorf("lookup %s: %w", url, err)
	}
	if !ok {
		return Record{}, fmt.Errorf("lookup %s: %w", url, ErrNotFound)
	}
	return r, nil
}

// forEachBatch is how many records ForEach reads per transaction.
const forEachBatch = 256

// ForEach calls fn for every article, ordered by site, then Published
// (zero first), then id. fn runs outside any transaction, so it may call
// other methods of db. An error from fn stops the iteration and is
// returned as is.
func (db *DB) ForEach(fn func(Record) error) error {
	var ids []string
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketOrder).ForEach(func(k, _ []byte) error {
			ids = append(ids, string(k[len(k)-idLen:]))
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("list articles: %w", err)
	}
	for len(ids) > 0 {
		batch := ids[:min(forEachBatch, len(ids))]
		ids = ids[len(batch):]
		recs, err := db.getMany(batch)
		if err != nil {
			return fmt.Errorf("list articles: %w", err)
		}
		for _, r := range recs {
			if err := fn(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// getMany reads the records of ids in one transaction, skipping ids
// deleted since they were listed.
func (db *DB) getMany(ids []string) ([]Record, error) {
	recs := make([]Record, 0, len(ids))
	err := db.view(func(tx *bolt.Tx) error {
		for _, id := range ids {
			r, ok, err := getRecord(tx, id)
			if err != nil {
				return err
			}
			if ok {
				recs = append(recs, r)
			}
		}
		return nil
	})
	return recs, err
}

// get reads one record in its own transaction.
func (db *DB) get(id string) (r Record, ok bool, err error) {
	if !validID(id) {
		return Record{}, false, nil
	}
	err = db.view(func(tx *bolt.Tx) error {
		r, ok, err = getRecord(tx, id)
		return err
	})
	return r, ok, err
}

// getRecord reads and decodes a record; decoding copies it out of the
// transaction's memory.
func getRecord(tx *bolt.Tx, id string) (Record, bool, error) {
	v, err := articleJSON(tx, []byte(id))
	if err != nil {
		return Record{}, false, fmt.Errorf("record %s: %w", id, err)
	}
	if v == nil {
		return Record{}, false, nil
	}
	r, err := decodeRecord(v)
	if err != nil {
		return Record{}, false, fmt.Errorf("decode %s: %w", id, err)
	}
	return r, true, nil
}

// putRecord stores r under its id in bucket b.
func putRecord(b *bolt.Bucket, r Record) error {
	v, err := jsonRecord(r)
	if err != nil {
		return err
	}
	return b.Put([]byte(r.ID), v)
}

func jsonRecord(r Record) ([]byte, error) {
	v, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", r.ID, err)
	}
	return v, nil
}

func decodeRecord(v []byte) (Record, error) {
	var r Record
	err := json.Unmarshal(v, &r)
	if len(r.Duplicates) == 0 {
		r.Duplicates = nil // the canonical JSON writes none as []
	}
	return r, err
}

// orderTime is the fixed-width, sortable form of Published in the order
// index.
const orderTime = "20060102T150405.000000000Z"

// orderKey is the key of a record in the order index:
// site \x00 published (UTC) \x00 id. Site names hold no control
// characters, so a site sorts before any longer site it prefixes.
func orderKey(r Record) []byte {
	return []byte(r.Site + "\x00" + r.Published.UTC().Format(orderTime) + "\x00" + r.ID)
}
