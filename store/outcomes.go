package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/unionnews/unionnews/sites"
)

// Outcomes. The pipeline records what became of every article URL it
// cleaned (sites.Outcome) in the outcomes bucket, keyed by canonical URL;
// the last outcome wins. `stats` counts them per site.

// RecordOutcome stores the outcome of one URL, replacing an earlier one.
func (db *DB) RecordOutcome(o sites.URLOutcome) error {
	if db.readOnly {
		return fmt.Errorf("record outcome %s: %w", o.URL, ErrReadOnly)
	}
	v, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("record outcome %s: %w", o.URL, err)
	}
	err = db.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketOutcomes).Put([]byte(canonicalURL(o.URL)), v)
	})
	if err != nil {
		return fmt.Errorf("record outcome %s: %w", o.URL, err)
	}
	return nil
}

// Outcome returns the recorded outcome of url, or ErrNotFound.
func (db *DB) Outcome(url string) (sites.URLOutcome, error) {
	var o sites.URLOutcome
	found := false
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOutcomes)
		if b == nil {
			return nil
		}
		v := b.Get([]byte(canonicalURL(url)))
		if v == nil {
			return nil
		}
		found = true
		return json.Unmarshal(v, &o)
	})
	if err != nil {
		return o, fmt.Errorf("outcome %s: %w", url, err)
	}
	if !found {
		return o, fmt.Errorf("outcome %s: %w", url, ErrNotFound)
	}
	return o, nil
}

// OutcomesBySite counts the recorded outcomes per site.
func (db *DB) OutcomesBySite() (map[string]map[sites.Outcome]int, error) {
	out := map[string]map[sites.Outcome]int{}
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOutcomes)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var o sites.URLOutcome
			if err := json.Unmarshal(v, &o); err != nil {
				return fmt.Errorf("decode outcome %s: %w", k, err)
			}
			if out[o.Site] == nil {
				out[o.Site] = map[sites.Outcome]int{}
			}
			out[o.Site][o.Outcome]++
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("outcomes: %w", err)
	}
	return out, nil
}

// Save stores an article as Put does and says what changed, in the
// vocabulary the pipeline (crawler/pipeline) uses; it is how *DB
// satisfies pipeline.Store.
func (db *DB) Save(a sites.Article) (string, sites.Change, error) {
	res, err := db.Put(a)
	if err != nil {
		return "", "", err
	}
	return res.ID, res.change(), nil
}

func (res PutResult) change() sites.Change {
	switch {
	case res.Created && res.Displaced != "":
		// The text was stored under a URL that ranks after this one: this
		// URL took it over and the other became its copy. The text is
		// not new.
		return sites.ChangeDuplicate
	case res.Created:
		return sites.ChangeCreated
	case res.Updated:
		return sites.ChangeUpdated
	case res.Duplicate:
		return sites.ChangeDuplicate
	}
	return sites.ChangeUnchanged
}

// Plan says what Save would do with a, without writing anything (for
// dry runs). Validation errors are returned as Put returns them.
func (db *DB) Plan(a sites.Article) (sites.Change, error) {
	if err := validate(a); err != nil {
		return "", fmt.Errorf("put %s: %w", a.URL, err)
	}
	canon := canonicalURL(a.URL)
	var res PutResult
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		res, err = decide(tx, canon, idOf(canon), ContentHash(a.Text))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("plan %s: %w", a.URL, err)
	}
	return res.change(), nil
}
