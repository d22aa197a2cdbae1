package replica

import "time"

// siteData is <dir>/site.json of a replica site: everything but the
// articles. One schema serves every site; a site leaves empty what it
// does not use.
type siteData struct {
	Name     string     `json:"name"`
	Hosts    []string   `json:"hosts"` // the first is canonical
	BaseURL  string     `json:"base_url"`
	Media    string     `json:"media,omitempty"` // media CDN base (nld.com.vn)
	Today    string     `json:"today"`           // dd/MM/yyyy of the header's date bar
	Robots   string     `json:"robots"`
	Sections []section  `json:"sections"`
	Menu     []menuItem `json:"menu"`
	// Listings lists the ids shown on each page of a section listing.
	Listings []listing `json:"listings,omitempty"`
	// Stubs are headlines that are not served articles: a video page
	// (Kind "nonarticle" or "video") or a missing article ("missing").
	Stubs []stub `json:"stubs,omitempty"`
	// Extras are teasers of sections the replica does not serve.
	Extras []stub `json:"extras,omitempty"`
	// Missing are listed articles that are gone (served as 404).
	Missing  []*article `json:"missing,omitempty"`
	MostRead []int64    `json:"most_read,omitempty"`

	// PageSize is the number of items of a listing page (MasterCMS
	// offset pagination).
	PageSize int `json:"page_size,omitempty"`
	// The former host of a moved site (laodongcongdoan.vn).
	OldHosts   []string `json:"old_hosts,omitempty"`
	OldBaseURL string   `json:"old_base_url,omitempty"`
	OldRobots  string   `json:"old_robots,omitempty"`
}

// section is a listing section (category) of a site.
type section struct {
	Key        string `json:"key"`
	Name       string `json:"name"`
	Path       string `json:"path,omitempty"`
	Parent     string `json:"parent,omitempty"`
	ParentPath string `json:"parent_path,omitempty"`
	Layout     string `json:"layout,omitempty"` // nld.com.vn: "old" or "new"
	Feed       string `json:"feed,omitempty"`   // path of the section's RSS feed
	CatID      int    `json:"cat_id,omitempty"`
}

// menuItem is an entry of a site's top menu.
type menuItem struct {
	Name string     `json:"name"`
	Path string     `json:"path"`
	Subs []menuItem `json:"subs,omitempty"`
}

// listing lists the ids shown on each page of a section listing.
type listing struct {
	Section string    `json:"section"`
	Pages   [][]int64 `json:"pages"`
}

// stub is a headline that is not a served article.
type stub struct {
	ID      int64  `json:"id"`
	Kind    string `json:"kind,omitempty"`
	Section string `json:"section,omitempty"`
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Lead    string `json:"lead,omitempty"`
	Date    string `json:"date"`
	Image   string `json:"image,omitempty"`
}

// article is one file of <dir>/articles/: the common article model of
// every replica site. The fields after Body are the few a single site
// needs.
type article struct {
	ID      int64    `json:"id"`
	Section string   `json:"section"`
	Slug    string   `json:"slug,omitempty"`
	Kicker  string   `json:"kicker,omitempty"`
	Title   string   `json:"title"`
	Lead    string   `json:"lead"`
	Date    string   `json:"date"` // in the site's date layout
	Author  string   `json:"author"`
	Tags    []string `json:"tags,omitempty"`
	Body    []block  `json:"body"`

	ImgUser   string   `json:"img_user,omitempty"`  // MasterCMS uploader directory of the images
	RepostOf  int64    `json:"repost_of,omitempty"` // laodongthudo.vn: the original of a re-post
	Charset   string   `json:"charset,omitempty"`   // laodongthudo.vn: a legacy charset
	Ext       string   `json:"ext,omitempty"`       // laodong.vn: "ldo" (default) or "bld"
	Layout    string   `json:"layout,omitempty"`    // laodong.vn "2019"; nld.com.vn "old" or "new"
	Byline    string   `json:"byline,omitempty"`    // nld.com.vn: label of a byline at the end of the body
	Role      string   `json:"role,omitempty"`      // laodongdoanthe.vn: shown after the author link
	OldLink   bool     `json:"old_link,omitempty"`  // laodongdoanthe.vn: the listing links the old host
	Emagazine bool     `json:"emagazine,omitempty"` // congdoanytevn.org.vn: an e-magazine
	Cover     []string `json:"cover,omitempty"`     // congdoanytevn.org.vn: e-magazine cover title

	when    time.Time // publication time
	imgWhen time.Time // upload time of the images (the original's, for a re-post)
}

// block is one block of an article body; exactly one of its kinds is
// set: a paragraph (P), a sub-heading (H), an image (Img + Caption), a
// bulleted (UL) or numbered (OL) list, a data table, a quotation
// (Quote), an e-magazine pull quote, the inline related-news box
// (Related: the site picks the links) or a related box of given articles
// (RelatedIDs).
type block struct {
	P          string     `json:"p,omitempty"`
	H          string     `json:"h,omitempty"`
	Img        string     `json:"img,omitempty"`
	Caption    string     `json:"caption,omitempty"`
	UL         []string   `json:"ul,omitempty"`
	OL         []string   `json:"ol,omitempty"`
	Table      *table     `json:"table,omitempty"`
	Quote      string     `json:"quote,omitempty"`
	PullQuote  *pullQuote `json:"pull_quote,omitempty"`
	Related    bool       `json:"related,omitempty"`
	RelatedIDs []int64    `json:"related_ids,omitempty"`
}

// table is a small data table inside an article body.
type table struct {
	Caption string     `json:"caption,omitempty"`
	Head    []string   `json:"head"`
	Rows    [][]string `json:"rows"`
}

// pullQuote is an e-magazine pull quote: a body sentence repeated in
// large type with its speaker and the speaker's position. It is not
// part of the article text.
type pullQuote struct {
	Text string `json:"text"`
	Who  string `json:"who"`
	Role string `json:"role"`
}

// thumb is the listing thumbnail of the article: the URL image gives
// its first image, or placeholder when it has none.
func (a *article) thumb(image func(file string) string, placeholder string) string {
	for _, bl := range a.Body {
		if bl.Img != "" {
			return image(bl.Img)
		}
	}
	return placeholder
}

// fullTitle is the kicker and the headline, as listings show them.
func (a *article) fullTitle() string {
	if a.Kicker != "" {
		return a.Kicker + " " + a.Title
	}
	return a.Title
}
