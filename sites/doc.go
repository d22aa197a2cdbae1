// Package sites holds the declarative site profiles of unionnews: which
// hosts belong to a news site, where its listings start, which URLs are
// articles and which CSS selectors hold each field. Built-in profiles are
// JSON files embedded from profiles/; a user adds or overrides profiles
// from a directory (-sites DIR) without writing Go code.
//
// The package depends on the standard library only. Selector syntax is
// checked by a function the caller passes in (the cleaner's compiler), so
// the HTML library stays confined to the cleaner.
package sites
