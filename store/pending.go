package store

import (
	"encoding/binary"
	"encoding/json"

	bolt "go.etcd.io/bbolt"
)

// Pending entries (step 1 of Put, see the package documentation). A
// staged record is written once: its JSON goes into the bodies bucket
// (bodies.go) and the pending entry names it; the commit points the
// articles bucket at that same body instead of encoding and writing the
// record a second time.
//
//	pending  id -> {"body": body key, "blocks": [...]}    a staged write
//	pending  id -> {"record": {...}, "delete": true}       a demotion
//
// Entries staged by older versions hold the record itself, {"record":
// {...}, "blocks": [...]}, or are a bare record JSON; both still decode.

// pendingEntry is a staged write: the record and, for a new article, the
// block hashes commit counts with it, or a demotion (Delete).
type pendingEntry struct {
	Record Record
	Blocks []uint64
	// Delete marks a demotion (demote.go): the record's files are to be
	// removed.
	Delete bool
	// body is the key of the staged record's body (nil: none).
	body []byte
}

// pendingWire is a pending entry as stored. The record is a named field,
// not embedded, so that an Article with its own MarshalJSON cannot
// swallow the other fields.
type pendingWire struct {
	Record json.RawMessage `json:"record,omitempty"`
	Body   uint64          `json:"body,omitempty"`
	Blocks []uint64        `json:"blocks,omitempty"`
	Delete bool            `json:"delete,omitempty"`
}

// putPending stages r: its JSON as a new body and a pending entry that
// names it. A body an earlier entry of the same id staged is deleted.
func putPending(tx *bolt.Tx, r Record) error {
	pending := tx.Bucket(bucketPending)
	if err := deleteBody(tx, stagedRef(tx, r.ID)); err != nil {
		return err
	}
	js, err := jsonRecord(r)
	if err != nil {
		return err
	}
	key, err := putBody(tx, js)
	if err != nil {
		return err
	}
	v, err := json.Marshal(pendingWire{Body: binary.BigEndian.Uint64(key), Blocks: r.BlockHashes})
	if err != nil {
		return marshalPendingErr(r.ID, err)
	}
	return pending.Put([]byte(r.ID), v)
}

// marshalDelete encodes the pending entry of a demotion of old.
func marshalDelete(old Record) ([]byte, error) {
	js, err := jsonRecord(old)
	if err != nil {
		return nil, err
	}
	v, err := json.Marshal(pendingWire{Record: js, Delete: true})
	if err != nil {
		return nil, marshalPendingErr(old.ID, err)
	}
	return v, nil
}

// stagedBody returns the body key the pending entry of id names, or nil.
func stagedBody(tx *bolt.Tx, id string) []byte {
	if ref := stagedRef(tx, id); ref != nil {
		return ref[1:]
	}
	return nil
}

// stagedRef returns the pending entry's body as an articles-bucket
// reference (deleteBody takes it), or nil.
func stagedRef(tx *bolt.Tx, id string) []byte {
	v := tx.Bucket(bucketPending).Get([]byte(id))
	if v == nil {
		return nil
	}
	var w pendingWire
	if json.Unmarshal(v, &w) != nil || w.Body == 0 {
		return nil
	}
	return append([]byte{0}, seqKey(w.Body)...)
}

// decodePending decodes a pending entry, reading its body in tx.
func decodePending(tx *bolt.Tx, v []byte) (pendingEntry, error) {
	var w pendingWire
	if err := json.Unmarshal(v, &w); err != nil {
		return pendingEntry{}, err
	}
	e := pendingEntry{Blocks: w.Blocks, Delete: w.Delete}
	js := []byte(w.Record)
	switch {
	case w.Body != 0:
		e.body = seqKey(w.Body)
		var err error
		if js, err = recordBytes(tx, append([]byte{0}, e.body...)); err != nil {
			return e, err
		}
	case len(js) == 0: // a bare record, as staged by older versions
		js = v
	}
	r, err := decodeRecord(js)
	if err != nil {
		return e, err
	}
	e.Record = r
	if w.Blocks != nil || w.Body != 0 || len(w.Record) > 0 {
		e.Record.BlockHashes = w.Blocks
	}
	return e, nil
}
