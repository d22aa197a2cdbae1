package store

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// idLen is the length of an article id in hex characters.
const idLen = 16

// ID returns the stable id of an article URL: the first 16 lowercase hex
// characters of the SHA-256 of its canonical form. Two spellings of one
// URL that differ only in scheme or host case, a leading "www." or a
// fragment get the same id.
func ID(url string) string {
	return idOf(canonicalURL(url))
}

// idOf hashes an already canonical URL.
func idOf(canon string) string {
	sum := sha256.Sum256([]byte(canon))
	return hex.EncodeToString(sum[:])[:idLen]
}

// validID reports whether s looks like an id made by ID.
func validID(s string) bool {
	if len(s) != idLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// canonicalURL lowercases the scheme and host, strips leading "www."
// labels, drops the fragment and keeps path and query as they are. A
// string that does not parse as a URL is only trimmed of spaces. It is
// idempotent: canonicalURL(canonicalURL(u)) == canonicalURL(u).
func canonicalURL(raw string) string {
	s := strings.TrimSpace(raw)
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Host)
	// A host that is only "www." keeps it: emptied, the path's "//"
	// would read as a host the next time.
	for strings.HasPrefix(host, "www.") && len(host) > len("www.") {
		host = host[len("www."):]
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	// A raw query may end in white space the input trim did not reach.
	return strings.TrimSpace(u.String())
}

// ContentHash returns the hex SHA-256 of the normalised text: NFC,
// lowercase, punctuation and symbols removed, runs of white space
// collapsed to one space. Diacritics are kept, so "Hà Nội" and "Ha Noi"
// hash differently, while two copies of an article that differ only in
// quotes, dashes or line breaks hash the same.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(normaliseText(text)))
	return hex.EncodeToString(sum[:])
}

// normaliseText is the text ContentHash hashes.
func normaliseText(text string) string {
	s := strings.ToLower(norm.NFC.String(text))
	s = strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return -1
		}
		return r
	}, s)
	// Removing a mark of punctuation can bring a letter and a combining
	// accent together; compose them again.
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}
