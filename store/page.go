package store

import (
	"bytes"
	"encoding/base64"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Page returns up to limit articles in the corpus order (site, then
// Published, then id) that keep accepts (nil keeps all), starting after
// cursor ("" for the first page), and the cursor of the next page (""
// after the last). With site set only that site's articles are read. A
// page is one read transaction, so it is consistent while crawls write;
// cursors stay valid across writes (they name a position, not an index).
func (db *DB) Page(site, cursor string, limit int, keep func(Record) bool) ([]Record, string, error) {
	var after []byte
	if cursor != "" {
		var err error
		if after, err = base64.RawURLEncoding.DecodeString(cursor); err != nil {
			return nil, "", fmt.Errorf("page: bad cursor %q: %w", cursor, ErrInvalid)
		}
	}
	var prefix []byte
	if site != "" {
		prefix = []byte(site + "\x00")
	}
	if limit <= 0 {
		limit = 50
	}
	var out []Record
	next := ""
	err := db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketOrder).Cursor()
		var k []byte
		switch {
		case after != nil:
			k, _ = c.Seek(after)
			if bytes.Equal(k, after) {
				k, _ = c.Next()
			}
		case prefix != nil:
			k, _ = c.Seek(prefix)
		default:
			k, _ = c.First()
		}
		for ; k != nil; k, _ = c.Next() {
			if prefix != nil && !bytes.HasPrefix(k, prefix) {
				break
			}
			if len(k) < idLen {
				continue
			}
			r, ok, err := getRecord(tx, string(k[len(k)-idLen:]))
			if err != nil {
				return err
			}
			if !ok || (keep != nil && !keep(r)) {
				continue
			}
			if len(out) == limit {
				// One more match exists: the page ends at the previous key.
				next = base64.RawURLEncoding.EncodeToString(orderKey(out[len(out)-1]))
				return nil
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("page: %w", err)
	}
	return out, next, nil
}
