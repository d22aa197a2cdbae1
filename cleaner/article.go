package cleaner

import "time"

// Article is the clean result for one page: the article and only the
// article, with its metadata. All strings are NFC-normalised UTF-8.
type Article struct {
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
	Extractor string `json:"extractor,omitempty"`
	// BlockHashes are the BlockHash of every candidate body block, in
	// order, before boilerplate and clutter removal: the pipeline counts
	// them per site (store.DB.AddBlocks) to learn the boilerplate set.
	BlockHashes []uint64 `json:"-"`
}

// Image is a picture of the article with its caption.
type Image struct {
	URL     string `json:"url"`
	Caption string `json:"caption,omitempty"`
}
