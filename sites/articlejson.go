package sites

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// MarshalJSON is the canonical JSON encoding of an article: one object
// with every field of the struct, in the struct's order, under its json
// key (fields tagged "-" are left out). Unknown values are never dropped:
// a zero time is null, a nil slice or map is [] or {}, an empty string
// is "", whatever omitempty/omitzero the tags say — so a consumer sees
// one schema, and a field added to Article appears in every record.
// Times are RFC 3339 in Asia/Ho_Chi_Minh with as many fractional digits
// as they need. The output is compact with HTML escaping, exactly what
// json.Marshal(a) returns, so the store's record, the corpus .json file
// and the export line are the same bytes whoever encodes the article.
func (a Article) MarshalJSON() ([]byte, error) {
	return AppendJSON(make([]byte, 0, 256+len(a.Text)+len(a.Title)+len(a.Lead)), &a)
}

// AppendJSON appends the canonical encoding of a (see
// Article.MarshalJSON) to dst.
func AppendJSON(dst []byte, a *Article) ([]byte, error) {
	v := reflect.ValueOf(a).Elem()
	dst = append(dst, '{')
	for i, f := range articleFields() {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, f.key...)
		var err error
		if dst, err = appendValue(dst, v.Field(f.index)); err != nil {
			return nil, fmt.Errorf("encode %s: %w", f.name, err)
		}
	}
	return append(dst, '}'), nil
}

// JSONKeys returns the keys of the canonical encoding, in order.
func JSONKeys() []string {
	fs := articleFields()
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.name
	}
	return keys
}

// JSONSchema identifies the shape of the canonical encoding: a hash of
// the keys and Go types of the encoded fields. Bytes stored under one
// schema are the canonical encoding only while it stays the same; when a
// field is added, removed or retyped it changes, and the store re-encodes
// the records written before.
func JSONSchema() uint32 { return jsonSchema() }

var jsonSchema = sync.OnceValue(func() uint32 {
	h := fnv.New32a()
	t := reflect.TypeFor[Article]()
	for _, f := range articleFields() {
		fmt.Fprintf(h, "%s %s;", f.name, t.Field(f.index).Type)
	}
	return h.Sum32()
})

// jsonField is one encoded field of Article.
type jsonField struct {
	index int
	name  string
	key   []byte // `"name":`
}

// articleFields lists Article's encoded fields once.
var articleFields = sync.OnceValue(func() []jsonField {
	t := reflect.TypeFor[Article]()
	var fs []jsonField
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		k, _ := json.Marshal(name)
		fs = append(fs, jsonField{index: i, name: name, key: append(k, ':')})
	}
	return fs
})

var (
	timeType      = reflect.TypeFor[time.Time]()
	marshalerType = reflect.TypeFor[json.Marshaler]()
)

// appendValue encodes one field value: times in Vietnam's zone (zero:
// null), nil slices and maps as empty ones, everything else as
// encoding/json does.
func appendValue(dst []byte, v reflect.Value) ([]byte, error) {
	switch {
	case v.Type() == timeType:
		return appendTime(dst, v.Interface().(time.Time)), nil
	case v.Kind() == reflect.Pointer && v.Type().Elem() == timeType:
		if v.IsNil() {
			return append(dst, "null"...), nil
		}
		return appendTime(dst, v.Elem().Interface().(time.Time)), nil
	case v.Kind() == reflect.Slice && v.IsNil() && v.Type().Elem().Kind() != reflect.Uint8:
		return append(dst, "[]"...), nil
	case v.Kind() == reflect.Map && v.IsNil():
		return append(dst, "{}"...), nil
	case v.Kind() == reflect.String && !v.Type().Implements(marshalerType):
		return appendString(dst, v.String()), nil
	}
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return nil, err
	}
	return append(dst, b...), nil
}

// appendTime writes t as an RFC 3339 string in Asia/Ho_Chi_Minh, or null
// when t is zero.
func appendTime(dst []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(dst, "null"...)
	}
	dst = append(dst, '"')
	dst = t.In(Zone()).AppendFormat(dst, time.RFC3339Nano)
	return append(dst, '"')
}

// appendString writes s as a JSON string exactly as json.Marshal does
// (HTML-escaped), without its allocation for plain ASCII/UTF-8 text.
func appendString(dst []byte, s string) []byte {
	if !needsEscape(s) {
		dst = append(dst, '"')
		dst = append(dst, s...)
		return append(dst, '"')
	}
	var buf bytes.Buffer
	_ = json.NewEncoder(&buf).Encode(s) // cannot fail for a string
	return append(dst, bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})...)
}

// needsEscape reports whether json.Marshal would write s as anything
// other than itself between quotes.
func needsEscape(s string) bool {
	if !utf8.ValidString(s) {
		return true // json.Marshal replaces invalid bytes; let it
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return true
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
			return true // U+2028, U+2029
		}
	}
	return false
}
