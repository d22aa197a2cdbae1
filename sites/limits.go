package sites

// MaxPageSize is the one page-size limit of unionnews, in bytes (8 MiB):
// the largest page, HTML or text dump, that the crawler reads and the
// cleaner and `unionnews clean` accept. A larger page is refused with an
// error naming it and this limit, never truncated. Real article pages
// are far below it (the largest of the ScrapingHub benchmark is 1.5 MB).
const MaxPageSize = 8 << 20
