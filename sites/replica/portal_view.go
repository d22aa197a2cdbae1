package replica

// The congdoan.vn and congdoanytevn.org.vn replicas are union portals
// whose layout is a guess [G]; they share the data of their templates.

// portalListingView is the data of the listing, home and error page
// templates of congdoan.vn and congdoanytevn.org.vn.
type portalListingView struct {
	frame
	Section    section
	SectionURL string
	Items      []teaser
	Pager      []pageLink
	Prev       string
	Next       string
}

// portalArticleView is the data of the article templates of congdoan.vn
// and congdoanytevn.org.vn (and of its e-magazine template).
type portalArticleView struct {
	frame
	articleHead
	Views      int64
	Section    section
	SectionURL string
	Cover      []string // the e-magazine cover title
	Blocks     []blockView
	Tags       []link
	Same       []teaser
}
