package sites

// Validator is what a conditional re-crawl keeps of a listing, feed,
// sitemap or robots.txt (crawler/revalidate.go, store/validators.go):
// its HTTP validators and its body, which answers a 304.
type Validator struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	Body         []byte `json:"body,omitempty"`
}
