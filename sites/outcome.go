package sites

import "time"

// ArchiveRef points at the WARC response record a page was cleaned from:
// the file (relative to DATA/warc), the byte offset of the record and its
// WARC-Record-ID.
type ArchiveRef struct {
	File     string `json:"file"`
	Offset   int64  `json:"offset"`
	RecordID string `json:"record_id"`
}

// Outcome is what became of one fetched article URL. The store keeps the
// last outcome per URL; `stats` counts them per site.
type Outcome string

// The outcomes. Done reports which of them finish a URL.
const (
	// OutcomeStored: the profile rung cleaned it and the store holds it
	// (new, updated or unchanged).
	OutcomeStored Outcome = "stored"
	// OutcomeDuplicate: its text is already stored under another URL.
	OutcomeDuplicate Outcome = "duplicate"
	// OutcomeNotArticle: the cleaner found no article on the page.
	OutcomeNotArticle Outcome = "not-article"
	// OutcomeRejected: the store refused the cleaned article (no title,
	// no text, bad site name).
	OutcomeRejected Outcome = "rejected"
	// OutcomeCleanFailed: the cleaner failed (parse error, page too large).
	OutcomeCleanFailed Outcome = "clean-failed"
	// OutcomeOffProfile: the site's profile matched no body and the
	// generic rung produced the text: the profile may have drifted.
	OutcomeOffProfile Outcome = "off-profile"
	// OutcomeStoreFailed: writing the article failed (disk full, I/O).
	OutcomeStoreFailed Outcome = "store-failed"
	// OutcomeGone: the page answered 404 or 410; a stored text is kept.
	OutcomeGone Outcome = "gone"
	// OutcomeNotModified: a refresh got 304 Not Modified.
	OutcomeNotModified Outcome = "not-modified"
)

// Done reports whether the outcome finishes the URL: a crawl does not
// fetch it again. The others are retried by the next crawl and by
// `reclean`.
func (o Outcome) Done() bool {
	switch o {
	case OutcomeStored, OutcomeDuplicate, OutcomeNotArticle, OutcomeGone, OutcomeNotModified:
		return true
	}
	return false
}

// URLOutcome is the recorded outcome of one article URL.
type URLOutcome struct {
	URL     string      `json:"url"`
	Site    string      `json:"site"`
	Outcome Outcome     `json:"outcome"`
	Detail  string      `json:"detail,omitempty"`
	At      time.Time   `json:"at"`
	Archive *ArchiveRef `json:"archive,omitempty"`
}

// Change says what storing an article changed in the store.
type Change string

// The changes.
const (
	ChangeCreated   Change = "created"   // a new article
	ChangeUpdated   Change = "updated"   // a known URL's text changed
	ChangeUnchanged Change = "unchanged" // same text as stored: nothing written
	ChangeDuplicate Change = "duplicate" // the text is stored under another URL
)
