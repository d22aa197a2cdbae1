package store

import (
	"testing"
	"time"

	"github.com/unionnews/unionnews/sites"
)

// TestSaveCountsTakeoverAsDuplicate: when a URL that ranks first (here:
// published earlier) arrives with a text another URL already holds, it
// takes the text over; for the run's counts that is a duplicate text,
// not a new one, whatever the fetch order.
func TestSaveCountsTakeoverAsDuplicate(t *testing.T) {
	db, _ := mustOpen(t)
	later := article(url2, text)
	later.Site = "other.vn"
	later.Published = published.Add(time.Hour)
	if _, c, err := db.Save(later); err != nil || c != sites.ChangeCreated {
		t.Fatalf("first copy: %v %v, want created", c, err)
	}
	earlier := article(url1, text)
	_, c, err := db.Save(earlier)
	if err != nil {
		t.Fatal(err)
	}
	if c != sites.ChangeDuplicate {
		t.Errorf("the earlier copy taking the text over counted as %q, want %q", c, sites.ChangeDuplicate)
	}
	st, err := db.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 1 {
		t.Errorf("%d articles stored, want the text once", st.Articles)
	}
}
