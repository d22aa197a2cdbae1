package cleaner

import "github.com/unionnews/unionnews/sites"

// Article is the clean result for one page: the article and only the
// article, with its metadata. It is the one article type of unionnews
// (sites.Article), from the cleaner to the export.
type Article = sites.Article

// Image is a picture of the article with its caption.
type Image = sites.Image
