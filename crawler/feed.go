package crawler

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"github.com/unionnews/unionnews/sites"
)

// feedLink is one candidate article found in a feed or a sitemap: its
// URL and, when the source gives one, its date (zero when unknown).
type feedLink struct {
	URL  string
	Date time.Time
}

// feedDoc is the union of RSS 2.0, RSS 1.0 (RDF) and Atom 1.0: encoding/xml
// matches a tag without namespace against any namespace, so one struct
// reads all three.
type feedDoc struct {
	XMLName xml.Name
	Channel struct {
		Items []feedItem `xml:"item"`
	} `xml:"channel"`
	Items   []feedItem `xml:"item"`  // RSS 1.0: items are siblings of channel
	Entries []feedItem `xml:"entry"` // Atom
}

// feedItem is an RSS item or an Atom entry.
type feedItem struct {
	Links     []feedItemLink `xml:"link"`
	GUID      feedGUID       `xml:"guid"`
	PubDate   string         `xml:"pubDate"`
	DCDate    string         `xml:"date"` // dc:date
	Published string         `xml:"published"`
	Updated   string         `xml:"updated"`
}

// feedItemLink is an RSS <link>URL</link> or an Atom <link href rel/>.
type feedItemLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Text string `xml:",chardata"`
}

type feedGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Text        string `xml:",chardata"`
}

// parseFeed reads an RSS 2.0, RSS 1.0 or Atom document and returns its
// item links in document order, resolved against base. Items without a
// usable link are left out; an unparsable date is left zero. Malformed XML
// is an error, never a panic.
func parseFeed(body []byte, base string) ([]feedLink, error) {
	var doc feedDoc
	if err := newXMLDecoder(body).Decode(&doc); err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	switch strings.ToLower(doc.XMLName.Local) {
	case "rss", "rdf", "feed":
	default:
		return nil, fmt.Errorf("parse feed: root element <%s> is not rss, rdf:RDF or feed", doc.XMLName.Local)
	}
	items := append(append(doc.Channel.Items, doc.Items...), doc.Entries...)
	out := make([]feedLink, 0, len(items))
	for _, it := range items {
		u := resolveLink(base, it.link())
		if u == "" {
			continue
		}
		out = append(out, feedLink{URL: u, Date: it.date()})
	}
	return out, nil
}

// link is the item's article URL: the RSS <link> text, the Atom
// alternate (or rel-less) link, or a permalink GUID.
func (it feedItem) link() string {
	for _, l := range it.Links {
		if t := strings.TrimSpace(l.Text); t != "" && l.Href == "" {
			return t
		}
	}
	for _, l := range it.Links {
		if l.Href != "" && (l.Rel == "" || l.Rel == "alternate") {
			return strings.TrimSpace(l.Href)
		}
	}
	g := strings.TrimSpace(it.GUID.Text)
	if !strings.EqualFold(it.GUID.IsPermaLink, "false") && (strings.HasPrefix(g, "http://") || strings.HasPrefix(g, "https://")) {
		return g
	}
	return ""
}

// date is the item's publication date: pubDate, dc:date, published, then
// updated.
func (it feedItem) date() time.Time {
	for _, s := range []string{it.PubDate, it.DCDate, it.Published, it.Updated} {
		if t, ok := parseFeedDate(s); ok {
			return t
		}
	}
	return time.Time{}
}

// feedDateLayouts are the date forms seen in feeds and sitemaps: RFC 822
// and its sloppy variants (RSS), ISO 8601 / W3C datetime (Atom, sitemaps),
// and the dd/mm/yyyy forms of Vietnamese CMSs. A time without zone is
// Asia/Ho_Chi_Minh.
var feedDateLayouts = [...]string{
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700", "2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05",
	time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02",
	"02/01/2006 15:04:05", "02/01/2006 15:04", "02/01/2006",
}

// parseFeedDate parses one feed or sitemap date.
func parseFeedDate(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}, false
	}
	zone := sites.Zone()
	for _, l := range feedDateLayouts {
		if t, err := time.ParseInLocation(l, s, zone); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// newXMLDecoder returns a lenient decoder: HTML entities (&nbsp;) and
// unquoted attributes are tolerated, and a declared legacy encoding is
// converted to UTF-8. (HTMLAutoClose is not used: it would close RSS
// <link> elements as if they were HTML's void <link>.)
func newXMLDecoder(body []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		return charset.NewReaderLabel(label, in)
	}
	return d
}
