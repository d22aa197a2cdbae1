package cleaner

import (
	"bytes"
	"slices"
	"testing"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

func TestHTMLSelKey(t *testing.T) {
	for _, tt := range []struct {
		sel       string
		want, anc htmlKey
	}{
		{"div", htmlKey{'t', "div"}, htmlKey{}},
		{"h1.detail-title", htmlKey{'c', "detail-title"}, htmlKey{}},
		{".content_detail .sapo_detail", htmlKey{'c', "sapo_detail"}, htmlKey{'c', "content_detail"}},
		{`meta[property="og:title"]`, htmlKey{'t', "meta"}, htmlKey{}},
		{".title_new_nav > span > a > span", htmlKey{'t', "span"}, htmlKey{'t', "a"}},
		{"table.MASTERCMS_TPL_TABLE tr + tr td", htmlKey{'t', "td"}, htmlKey{'t', "tr"}},
		{".main-cate:has(.cat-name)", htmlKey{'c', "main-cate"}, htmlKey{}},
		{"#user-comment", htmlKey{'i', "user-comment"}, htmlKey{}},
		{"div#a.b", htmlKey{'i', "a"}, htmlKey{}},
		{`.detail-content > p[style*="text-align: right"] > b`, htmlKey{'t', "b"}, htmlKey{'t', "p"}},
		{".VCSortableInPreviewMode[type=RelatedNewsBox]", htmlKey{'c', "VCSortableInPreviewMode"}, htmlKey{}},
		{`.tags a[href$=".tag"]`, htmlKey{'t', "a"}, htmlKey{'c', "tags"}},
		{".a\\.b", htmlKey{'c', "a.b"}, htmlKey{}},
		{"p:not(.x)", htmlKey{'t', "p"}, htmlKey{}},
		{":not(.x)", htmlKey{}, htmlKey{}},
		{"*", htmlKey{}, htmlKey{}},
		{".detail-time [data-role=publishdate]", htmlKey{}, htmlKey{}},
		{`div :contains("a b")`, htmlKey{}, htmlKey{}},
		{"li:nth-child(2n+1)", htmlKey{'t', "li"}, htmlKey{}},
		{"a ~ .x:first-child", htmlKey{'c', "x"}, htmlKey{}}, {"a:not(.b) + .x", htmlKey{'c', "x"}, htmlKey{}},
		{`div[title="a > b"] span`, htmlKey{'t', "span"}, htmlKey{'t', "div"}}, {"* > .x", htmlKey{'c', "x"}, htmlKey{}},
	} {
		g, err := cascadia.ParseGroup(tt.sel)
		if err != nil || len(g) != 1 {
			t.Fatalf("%q: %v", tt.sel, err)
		}
		if got := htmlSelKey(g[0]); got != (htmlSelKeys{tt.want, tt.anc}) {
			t.Errorf("htmlSelKey(%q) = %+v, want %+v %+v", tt.sel, got, tt.want, tt.anc)
		}
	}
}

// TestHTMLQueryMatchesCascadia checks the index against cascadia on every
// replica page with every profile: the same matches in the same order,
// before and after the strip.
func TestHTMLQueryMatchesCascadia(t *testing.T) {
	r, reg := replicaAndProfiles(t)
	c := New(nil)
	pages := [][]byte{[]byte(htmlTestPage)}
	for _, pg := range r.Pages("") {
		pages = append(pages, pg.Body)
	}
	for _, p := range reg.All() {
		cp, err := c.compiled(p)
		if err != nil {
			t.Fatal(err)
		}
		sels := []profSelector{cp.title, cp.kicker, cp.lead, cp.body, cp.date, cp.author, cp.category, cp.tags, cp.caption, cp.fixed.ldJSON}
		sels = append(sels, cp.fixed.published...)
		for _, page := range pages {
			a, _ := htmlParse(htmlDecode(page))
			b, _ := htmlParse(htmlDecode(page))
			q := newHTMLQuery(a, cp.keys)
			htmlRemoveComments(b)
			check := func(stage string) {
				for _, s := range append(sels, cp.strip) {
					if got, want := htmlRender(q.all(s, a)), htmlRender(cascadia.QueryAll(b, s.alts)); !slices.Equal(got, want) {
						t.Fatalf("%s %s %q: index %d matches, cascadia %d", p.Name, stage, s.src, len(got), len(want))
					}
					for i := range s.alts {
						if got, want := htmlRender(q.alt(s, i, a)), htmlRender(cascadia.QueryAll(b, s.alts[i])); !slices.Equal(got, want) {
							t.Fatalf("%s %s %q alt %d: index %d matches, cascadia %d", p.Name, stage, s.src, i, len(got), len(want))
						}
					}
				}
			}
			check("before strip")
			profStrip(q, cp)
			for _, n := range cascadia.QueryAll(b, cp.strip.alts) {
				n.Parent.RemoveChild(n)
			}
			check("after strip")
			bodies, plain := cp.body.outerMatches(q), cp.body.outerMatches(&htmlQuery{root: b})
			if len(bodies) != len(plain) {
				t.Fatalf("%s: index finds %d bodies, cascadia %d", p.Name, len(bodies), len(plain))
			}
			for i, body := range plain {
				for _, s := range sels {
					if got, want := htmlRender(q.all(s, bodies[i])), htmlRender(cascadia.QueryAll(body, s.alts)); !slices.Equal(got, want) {
						t.Fatalf("%s in body %d %q: index %d matches, cascadia %d", p.Name, i, s.src, len(got), len(want))
					}
				}
			}
		}
	}
}

func htmlRender(nodes []*html.Node) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		var b bytes.Buffer
		_ = html.Render(&b, n)
		out[i] = b.String()
	}
	return out
}
