package store

import "github.com/unionnews/unionnews/sites"

// Record is one stored article with its metadata: the one article type of
// unionnews (sites.Article). The store computes ID and ContentHash; every
// other field is the caller's.
type Record = sites.Article

// Image is a picture of an article with its caption.
type Image = sites.Image
