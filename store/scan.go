package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// RawArticle is one stored article as Scan hands it out: its record's
// bytes and what the indexes know about it without decoding them.
type RawArticle struct {
	ID        string
	Site      string
	Published time.Time // zero when the article has no date
	// Seq is the change sequence of the record's latest write, 0 for a
	// record written before sequences existed.
	Seq uint64
	// JSON is the record's canonical JSON (sites.Article.MarshalJSON),
	// without a trailing newline: the stored bytes, or for a record
	// written by an older version or under another sites.JSONSchema, a
	// new encoding. It is only valid during the callback.
	JSON []byte
}

// Decode decodes the record.
func (r *RawArticle) Decode() (Record, error) {
	rec, err := decodeRecord(r.JSON)
	if err != nil {
		return Record{}, fmt.Errorf("decode %s: %w", r.ID, err)
	}
	return rec, nil
}

// ScanOptions selects what Scan reads. A nil *ScanOptions means every
// article in ForEach order.
type ScanOptions struct {
	// Sites, when not empty, restricts the scan to these sites.
	Sites []string
	// Changes scans only the articles changed after AfterSeq, in the
	// order of their latest change, instead of every article in ForEach
	// order.
	Changes  bool
	AfterSeq uint64
	// Copies also hands out the copies of stories (see "Duplicates" in
	// the package documentation): near copies as stored, and after each
	// article its exact copies, built from it (DuplicateOf set). Without
	// it only canonical articles are scanned: one record per story.
	Copies bool

	batch int // records per transaction; 0 means scanBatchRecords (tests)
}

// Scan batch bounds: records and bytes read per read transaction. Scan
// holds at most one batch in memory, so its memory does not grow with
// the corpus, and no read transaction stays open while fn runs (a long
// one would hold up a writer sharing the DB).
const (
	scanBatchRecords = 512
	scanBatchBytes   = 1 << 20
)

// Scan calls fn for the selected articles. Canonical records are handed
// out as stored, without decoding; fn may call other methods of db. An
// error from fn stops the scan and is returned as is.
func (db *DB) Scan(opts *ScanOptions, fn func(*RawArticle) error) error {
	var o ScanOptions
	if opts != nil {
		o = *opts
	}
	if o.batch <= 0 {
		o.batch = scanBatchRecords
	}
	b := newScanBatch(o.batch)
	b.copies = o.Copies
	if o.Changes {
		return db.scanChanges(o, &b, fn)
	}
	if len(o.Sites) == 0 {
		return db.scanOrder(nil, &b, fn)
	}
	sites := slices.Clone(o.Sites)
	slices.Sort(sites)
	for _, s := range slices.Compact(sites) {
		if err := db.scanOrder([]byte(s+"\x00"), &b, fn); err != nil {
			return err
		}
	}
	return nil
}

// scanOrder scans the order index under prefix (all of it when nil).
func (db *DB) scanOrder(prefix []byte, b *scanBatch, fn func(*RawArticle) error) error {
	from := prefix
	for {
		b.reset()
		err := db.view(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketOrder).Cursor()
			for k, _ := c.Seek(from); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				if b.full() {
					from = slices.Clone(k) // the first key not read
					return nil
				}
				if err := b.add(tx, k, 0); err != nil {
					return err
				}
			}
			b.done = true
			return nil
		})
		if err != nil {
			return fmt.Errorf("scan articles: %w", err)
		}
		if err := b.each(fn); err != nil {
			return err
		}
		if b.done {
			return nil
		}
	}
}

// scanChanges scans the changes index after o.AfterSeq.
func (db *DB) scanChanges(o ScanOptions, b *scanBatch, fn func(*RawArticle) error) error {
	var sites map[string]bool
	if len(o.Sites) > 0 {
		sites = make(map[string]bool, len(o.Sites))
		for _, s := range o.Sites {
			sites[s] = true
		}
	}
	next := o.AfterSeq + 1
	for {
		b.reset()
		err := db.view(func(tx *bolt.Tx) error {
			changes := tx.Bucket(bucketChanges)
			if changes == nil {
				b.done = true
				return nil
			}
			c := changes.Cursor()
			for k, v := c.Seek(seqKey(next)); k != nil; k, v = c.Next() {
				if b.full() {
					next = binary.BigEndian.Uint64(k)
					return nil
				}
				site, _, _ := bytes.Cut(v, []byte{0})
				if sites != nil && !sites[string(site)] {
					continue
				}
				if err := b.add(tx, v, binary.BigEndian.Uint64(k)); err != nil {
					return err
				}
			}
			b.done = true
			return nil
		})
		if err != nil {
			return fmt.Errorf("scan changes: %w", err)
		}
		if err := b.each(fn); err != nil {
			return err
		}
		if b.done {
			return nil
		}
	}
}

// scanBatch holds the records read in one transaction, copied out of
// the database's memory into one reused buffer.
type scanBatch struct {
	buf  []byte
	recs []RawArticle
	ends []int
	done bool
	max  int // records per batch
	// copies: hand out copies of stories too (ScanOptions.Copies).
	copies bool
}

// newScanBatch allocates a batch's buffer once: growing it record by
// record would copy every batch several times.
func newScanBatch(max int) scanBatch {
	return scanBatch{max: max, buf: make([]byte, 0, scanBatchBytes+64<<10)}
}

func (b *scanBatch) reset() {
	b.buf, b.recs, b.ends, b.done = b.buf[:0], b.recs[:0], b.ends[:0], false
}

func (b *scanBatch) full() bool {
	return len(b.recs) >= b.max || len(b.buf) >= scanBatchBytes
}

// add reads the record an order key names. seq is the change sequence
// when known (scanning changes), else 0 and looked up. A record deleted
// since its key was written is skipped.
func (b *scanBatch) add(tx *bolt.Tx, key []byte, seq uint64) error {
	site, pub, id, ok := parseOrderKey(key)
	if !ok {
		return fmt.Errorf("malformed index key %q", key)
	}
	v, err := articleJSON(tx, []byte(id))
	if err != nil {
		return fmt.Errorf("record %s: %w", id, err)
	}
	if v == nil {
		return nil
	}
	if m := tx.Bucket(bucketMember); !b.copies && m != nil && m.Get([]byte(id)) != nil {
		return nil // a near copy of a story
	}
	current := false
	if so := tx.Bucket(bucketSeqOf); so != nil {
		var s uint64
		s, current = seqOfValue(so.Get([]byte(id)))
		if seq == 0 {
			seq = s
		}
	}
	if current {
		b.buf = append(b.buf, v...)
	} else {
		// Written before the canonical encoding or under another
		// schema: re-encode.
		r, err := decodeRecord(v)
		if err != nil {
			return fmt.Errorf("decode %s: %w", id, err)
		}
		enc, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("encode %s: %w", id, err)
		}
		b.buf = append(b.buf, enc...)
	}
	b.recs = append(b.recs, RawArticle{ID: id, Site: site, Published: pub, Seq: seq})
	b.ends = append(b.ends, len(b.buf))
	if b.copies {
		return b.addExactCopies(tx, id, v, seq)
	}
	return nil
}

// addExactCopies adds the exact copies of article id (record v).
func (b *scanBatch) addExactCopies(tx *bolt.Tx, id string, v []byte, seq uint64) error {
	as, err := aliasesOf(tx, id)
	if err != nil || len(as) == 0 {
		return err
	}
	r, err := decodeRecord(v)
	if err != nil {
		return fmt.Errorf("decode %s: %w", id, err)
	}
	for _, a := range as {
		c := copyOf(r, a)
		enc, err := json.Marshal(c)
		if err != nil {
			return fmt.Errorf("encode %s: %w", c.ID, err)
		}
		b.buf = append(b.buf, enc...)
		b.recs = append(b.recs, RawArticle{ID: c.ID, Site: c.Site, Published: c.Published, Seq: seq})
		b.ends = append(b.ends, len(b.buf))
	}
	return nil
}

// each hands out the batch's records.
func (b *scanBatch) each(fn func(*RawArticle) error) error {
	start := 0
	for i := range b.recs {
		r := &b.recs[i]
		r.JSON = b.buf[start:b.ends[i]:b.ends[i]]
		start = b.ends[i]
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// parseOrderKey splits an order key (see orderKey).
func parseOrderKey(k []byte) (site string, published time.Time, id string, ok bool) {
	if len(k) < idLen+len(orderTime)+2 {
		return "", time.Time{}, "", false
	}
	id = string(k[len(k)-idLen:])
	ts := k[len(k)-idLen-1-len(orderTime) : len(k)-idLen-1]
	site = string(k[:len(k)-idLen-2-len(orderTime)])
	t, err := time.Parse(orderTime, string(ts))
	if err != nil {
		return "", time.Time{}, "", false
	}
	if !t.IsZero() {
		published = t
	}
	return site, published, id, true
}
