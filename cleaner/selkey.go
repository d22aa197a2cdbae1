package cleaner

import (
	"strings"

	"github.com/andybalholm/cascadia"
)

// Selector keys. A profile's selectors are matched against an index of
// the page's elements (htmlQuery) instead of every node of the tree: each
// selector alternative is keyed by an id, a class or a tag name that
// every element it matches must have, read from its subject (rightmost)
// compound, and is tried only on the elements with that key. An
// alternative without a usable key is matched the plain way, by a walk of
// the tree, so keys only ever save work: a key is a necessary condition,
// and the selector itself still decides.

// htmlKey is the key of a selector alternative: an id, class or tag name
// its subject must have. The zero value (kind 0) means none.
type htmlKey struct {
	kind byte // 'i' id, 'c' class, 't' tag, 0 none
	val  string
}

// htmlSelKeys are the keys of a selector alternative: of its subject,
// and of the compound before it when they are joined by a descendant or
// child combinator ("div.tags a": class tags), which some proper ancestor
// of the subject must then have.
type htmlSelKeys struct {
	subject, ancestor htmlKey
}

// htmlSelKey returns the keys of a compiled selector alternative, read
// from its canonical serialisation (cascadia's String: compounds joined
// by " ", " > ", " + " or " ~ " around the combinator, so a descendant
// combinator shows as three spaces). Anything the reader is not sure of
// yields no key.
func htmlSelKey(sel cascadia.Sel) htmlSelKeys {
	s := sel.String()
	// Raw (unquoted, unescaped) text may follow these: give up.
	for _, bad := range []string{":contains", ":matches", "#=", "::"} {
		if strings.Contains(s, bad) {
			return htmlSelKeys{}
		}
	}
	start, ok := htmlSubjectStart(s)
	if !ok {
		return htmlSelKeys{}
	}
	k := htmlSelKeys{subject: htmlCompoundKey(s[start:])}
	if k.subject.kind == 0 || start == 0 {
		return k
	}
	before := strings.TrimRight(s[:start], " ")
	if strings.HasSuffix(before, ">") {
		before = strings.TrimRight(strings.TrimSuffix(before, ">"), " ")
	} else if strings.HasSuffix(before, "+") || strings.HasSuffix(before, "~") {
		return k // a sibling, not an ancestor
	}
	if len(before) == len(s[:start]) || before == "" {
		return k
	}
	if from, ok := htmlSubjectStart(before); ok {
		k.ancestor = htmlCompoundKey(before[from:])
	}
	return k
}

// htmlSubjectStart returns where the last compound of a serialised
// selector starts: after the last space outside brackets, parentheses and
// quotes. ok is false when the text does not balance.
func htmlSubjectStart(s string) (int, bool) {
	start, brackets, parens, quoted := 0, 0, 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case quoted:
			quoted = c != '"'
		case c == '"':
			quoted = brackets > 0 || parens > 0
			if !quoted {
				return 0, false
			}
		case c == '[':
			brackets++
		case c == ']':
			brackets--
		case c == '(':
			parens++
		case c == ')':
			parens--
		case c == ' ' && brackets == 0 && parens == 0:
			start = i + 1
		}
		if brackets < 0 || parens < 0 {
			return 0, false
		}
	}
	return start, brackets == 0 && parens == 0 && !quoted && start < len(s)
}

// htmlCompoundKey reads a serialised compound selector ("div.a#b[x]:y")
// and returns its id, else its first class, else its tag.
func htmlCompoundKey(c string) htmlKey {
	var tag, class, id string
	i := 0
	if i < len(c) && !strings.ContainsRune(".#[:*", rune(c[0])) {
		tag, i = htmlReadName(c, 0)
	} else if i < len(c) && c[0] == '*' {
		i++
	}
	for i < len(c) {
		switch c[i] {
		case '.', '#':
			name, next := htmlReadName(c, i+1)
			if name == "" {
				return htmlKey{}
			}
			if c[i] == '.' && class == "" {
				class = name
			} else if c[i] == '#' && id == "" {
				id = name
			}
			i = next
		case '[', ':':
			next, ok := htmlSkipGroup(c, i)
			if !ok {
				return htmlKey{}
			}
			i = next
		default:
			return htmlKey{}
		}
	}
	switch {
	case id != "":
		return htmlKey{'i', id}
	case class != "":
		return htmlKey{'c', class}
	case tag != "" && !strings.ContainsRune(tag, '\\'):
		return htmlKey{'t', tag}
	}
	return htmlKey{}
}

// htmlReadName reads an escaped identifier of c from i up to the next
// unescaped '.', '#', '[' or ':' and returns it unescaped with the index
// after it.
func htmlReadName(c string, i int) (string, int) {
	var b strings.Builder
	for ; i < len(c); i++ {
		switch c[i] {
		case '\\':
			if i+1 < len(c) {
				i++
				b.WriteByte(c[i])
			}
			continue
		case '.', '#', '[', ':':
			return b.String(), i
		}
		b.WriteByte(c[i])
	}
	return b.String(), i
}

// htmlSkipGroup skips an attribute selector ("[k=\"v\"]") or a
// pseudo-class (":first-child", ":not(.x)") starting at c[i] and returns
// the index after it.
func htmlSkipGroup(c string, i int) (int, bool) {
	if c[i] == ':' {
		i++
		for i < len(c) && (c[i] == '-' || c[i] >= 'a' && c[i] <= 'z' || c[i] >= 'A' && c[i] <= 'Z') {
			i++
		}
		if i >= len(c) || c[i] != '(' {
			return i, true
		}
	}
	depth, quoted := 0, false
	for ; i < len(c); i++ {
		switch ch := c[i]; {
		case ch == '\\':
			i++
		case quoted:
			quoted = ch != '"'
		case ch == '"':
			quoted = true
		case ch == '[' || ch == '(':
			depth++
		case ch == ']' || ch == ')':
			depth--
			if depth == 0 {
				return i + 1, true
			}
		}
	}
	return i, false
}
