package sites

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestArticleJSONHasEveryKeyInStructOrder(t *testing.T) {
	b, err := json.Marshal(Article{URL: "https://laodong.vn/a-1.ldo", Site: "laodong", Title: "T", Text: "x"})
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // {
		t.Fatal(err)
	}
	var keys []string
	vals := map[string]json.RawMessage{}
	for dec.More() {
		k, _ := dec.Token()
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		vals[k.(string)] = v
	}
	var want []string
	rt := reflect.TypeFor[Article]()
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		if name != "-" {
			want = append(want, name)
		}
	}
	if !reflect.DeepEqual(keys, want) || !reflect.DeepEqual(JSONKeys(), want) {
		t.Fatalf("keys = %v\nJSONKeys = %v\nwant %v", keys, JSONKeys(), want)
	}
	for k, v := range map[string]string{"id": `""`, "lead": `""`, "published": "null", "tags": "[]", "images": "[]", "fetched_at": "null"} {
		if string(vals[k]) != v {
			t.Errorf("%s = %s, want %s", k, vals[k], v)
		}
	}
	if bytes.Contains(b, []byte("block")) {
		t.Errorf("BlockHashes encoded: %s", b)
	}
}

func TestArticleJSONMatchesMarshalAndRoundTrips(t *testing.T) {
	pub := time.Date(2026, 3, 1, 1, 2, 3, 0, time.UTC)
	a := Article{
		ID: "0123456789abcdef", URL: "https://nld.com.vn/a?b=1&c=<2>", Site: "nld",
		Title: "Công đoàn \"Hà Nội\" & <b>", Lead: "lead\u2028sep", Text: "Đoạn một.\n\nĐoạn hai\t\\ end",
		Author: "Bad \xff byte", Published: pub, Tags: []string{"a", "b"},
		Images:    []Image{{URL: "https://x/1.jpg", Caption: "c"}, {URL: "https://x/2.jpg"}},
		FetchedAt: time.Date(2026, 3, 2, 0, 0, 0, 123456000, time.Local), ContentHash: "ff",
		BlockHashes: []uint64{1, 2},
	}
	got, err := AppendJSON(nil, &a)
	if err != nil {
		t.Fatal(err)
	}
	std, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, std) {
		t.Fatalf("AppendJSON and json.Marshal differ:\n%s\n%s", got, std)
	}
	if !json.Valid(got) {
		t.Fatalf("invalid JSON %s", got)
	}
	if !bytes.Contains(got, []byte(`"published":"2026-03-01T08:02:03+07:00"`)) {
		t.Errorf("published not in +07:00: %s", got)
	}
	var back Article
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	a.BlockHashes = nil
	a.Author = "Bad \ufffd byte"
	if !back.Published.Equal(a.Published) || !back.FetchedAt.Equal(a.FetchedAt) {
		t.Errorf("times changed: %v %v", back.Published, back.FetchedAt)
	}
	back.Published, back.FetchedAt, a.Published, a.FetchedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(back, a) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, a)
	}
	// Decoding and encoding again gives the same bytes (once invalid
	// UTF-8 was replaced).
	once, _ := json.Marshal(back)
	if err := json.Unmarshal(once, &back); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(back)
	if !bytes.Equal(again, once) {
		t.Errorf("not stable:\n%s\n%s", once, again)
	}
}
