package sites

import "time"

// Article is the one article type of unionnews: the cleaner produces it,
// the pipeline stores it, export writes it. All strings are NFC-normalised
// UTF-8. The store fills ID and ContentHash; the crawler's fetch time is
// FetchedAt; everything else is the cleaner's.
//
// Its JSON (MarshalJSON, articlejson.go) is the one encoding of the
// database record, the corpus .json file and the export line: every
// field appears, in struct order, whatever omitempty says; a new field
// needs only a snake_case json tag (no embedded structs).
type Article struct {
	// ID is the first 16 hex digits of SHA-256 of the canonical URL
	// (set by the store).
	ID    string `json:"id,omitempty"`
	URL   string `json:"url"`
	Site  string `json:"site"`
	Title string `json:"title"` // kicker joined to the headline
	Lead  string `json:"lead,omitempty"`
	// Text is the lead followed by the body paragraphs, separated by a
	// blank line. It never holds the title, captions or related links.
	Text      string    `json:"text"`
	Author    string    `json:"author,omitempty"`
	Published time.Time `json:"published,omitzero"` // in Asia/Ho_Chi_Minh (+07:00)
	Category  string    `json:"category,omitempty"`
	Tags      []string  `json:"tags,omitempty"`
	Images    []Image   `json:"images,omitempty"`
	// Extractor names the rung of the extraction ladder that produced
	// the text ("profile", "profile+boilerplate", "trafilatura", "text").
	Extractor   string    `json:"extractor,omitempty"`
	FetchedAt   time.Time `json:"fetched_at,omitzero"`
	ContentHash string    `json:"content_hash,omitempty"`
	// Archive points at the WARC response record the text was cleaned
	// from (set by the pipeline).
	Archive *ArchiveRef `json:"archive,omitempty"`
	// ETag and LastModified are the response's validators, sent back by
	// `refresh` as If-None-Match / If-Modified-Since.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// GoneAt is when the page first answered 404/410 to a refresh; the
	// text is kept.
	GoneAt time.Time `json:"gone_at,omitzero"`
	// BlockHashes are the block hashes of every candidate body block, in
	// order, before boilerplate and clutter removal: the pipeline counts
	// them per site to learn the boilerplate set. Not stored.
	BlockHashes []uint64 `json:"-"`
}

// Image is a picture of an article with its caption.
type Image struct {
	URL     string `json:"url"`
	Caption string `json:"caption,omitempty"`
}
