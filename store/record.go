package store

import "time"

// Record is one stored article with its metadata. The store computes ID
// and ContentHash; every other field is the caller's.
type Record struct {
	ID          string    `json:"id"`
	URL         string    `json:"url"`
	Site        string    `json:"site"`
	Title       string    `json:"title"`
	Lead        string    `json:"lead,omitempty"`
	Text        string    `json:"text"`
	Author      string    `json:"author,omitempty"`
	Published   time.Time `json:"published,omitzero"`
	Category    string    `json:"category,omitempty"`
	Tags        []string  `json:"tags,omitempty"`
	Images      []Image   `json:"images,omitempty"`
	Extractor   string    `json:"extractor,omitempty"`
	FetchedAt   time.Time `json:"fetched_at"`
	ContentHash string    `json:"content_hash"`
}

// Image is a picture of an article with its caption.
type Image struct {
	URL     string `json:"url"`
	Caption string `json:"caption,omitempty"`
}
