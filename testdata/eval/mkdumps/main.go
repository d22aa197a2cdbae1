// Command mkdumps builds the text-dump eval set (testdata/eval/dumps):
// every replica article page and every real article page of
// ../shared/realpages, turned into a generic scraper's text dump with
// ../shared/tools/html2dump.js (npm html-to-text 9) and cut to start at
// the title line, as the seed dumps start; the gold beside each dump is
// the page's source truth (replica) or its gold.json entry (real pages).
// The dumps are committed, so tests do not need node. Regenerate with
// (from the repository root):
//
//	npm install --prefix /tmp/h2d html-to-text@9
//	NODE_PATH=/tmp/h2d/node_modules go run ./testdata/eval/mkdumps
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/unicode/norm"

	"github.com/unionnews/unionnews/sites/replica"
)

type gold struct {
	Source    string   `json:"source"`
	Title     string   `json:"title"`
	Author    string   `json:"author"`
	Published string   `json:"published,omitempty"`
	Body      []string `json:"body"`
}

type realGold struct {
	File, URL, Title, Author, Published, Text string
}

const outDir = "testdata/eval/dumps"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "mkdumps:", err)
		os.Exit(1)
	}
}

func run() error {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "mkdumps")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	rep, err := replica.New()
	if err != nil {
		return err
	}
	n := 0
	for _, pg := range rep.Pages(replica.KindArticle) {
		u, err := url.Parse(pg.URL)
		if err != nil {
			return err
		}
		t := pg.Truth
		name := "replica_" + u.Hostname() + "_" + strings.TrimSuffix(path.Base(u.Path), path.Ext(u.Path))
		pub := ""
		if !t.Published.IsZero() {
			pub = t.Published.Format(time.RFC3339)
		}
		g := gold{Source: pg.URL, Title: t.Title, Author: t.Author, Published: pub, Body: append([]string{t.Lead}, t.Paragraphs...)}
		if err := write(tmp, name, pg.Body, g); err != nil {
			return fmt.Errorf("%s: %w", pg.URL, err)
		}
		n++
	}
	real := filepath.Join("..", "shared", "realpages")
	var golds []realGold
	for _, f := range []string{filepath.Join(real, "gold.json"), filepath.Join("testdata", "eval", "real-gold.json")} {
		raw, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var gs []realGold
		if err := json.Unmarshal(raw, &gs); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		golds = append(golds, gs...)
	}
	for _, rg := range golds {
		if rg.Text == "" {
			continue // not an article
		}
		page, err := os.ReadFile(filepath.Join(real, rg.File))
		if err != nil {
			return err
		}
		name := "real_" + strings.TrimSuffix(strings.ReplaceAll(rg.File, "/", "_"), ".html")
		g := gold{Source: rg.URL, Title: rg.Title, Author: rg.Author, Published: rg.Published, Body: strings.Split(rg.Text, "\n\n")}
		if err := write(tmp, name, page, g); err != nil {
			return fmt.Errorf("%s: %w", rg.File, err)
		}
		n++
	}
	fmt.Printf("mkdumps: %d dumps in %s\n", n, outDir)
	return nil
}

// write dumps page with html2dump.js, cuts it at the title line and
// writes name.txt and name.json.
func write(tmp, name string, page []byte, g gold) error {
	in, out := filepath.Join(tmp, name+".html"), filepath.Join(tmp, name+".txt")
	// html2dump.js reads UTF-8: a page in a legacy charset (windows-1258)
	// is decoded first, as its <meta charset> says.
	r, err := charset.NewReader(bytes.NewReader(page), "text/html")
	if err != nil {
		return err
	}
	if page, err = io.ReadAll(r); err != nil {
		return err
	}
	page = norm.NFC.Bytes(page) // windows-1258 decodes to combining tone marks
	if err := os.WriteFile(in, page, 0o644); err != nil {
		return err
	}
	cmd := exec.Command("node", filepath.Join("..", "shared", "tools", "html2dump.js"), in, out)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("html2dump.js: %w", err)
	}
	dump, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	cut, ok := cutAtTitle(string(dump), g.Title)
	if !ok {
		return fmt.Errorf("title %q not found in the dump", g.Title)
	}
	js, err := json.MarshalIndent(g, "", " ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(outDir, name+".txt"), []byte(cut), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outDir, name+".json"), append(js, '\n'), 0o644)
}

// cutAtTitle drops the lines before the article's first title line: the
// title itself, or a kicker line the title starts with, or the headline
// the title ends with (a title is "kicker headline").
func cutAtTitle(dump, title string) (string, bool) {
	lines := strings.Split(dump, "\n")
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	t := norm(title)
	for i, l := range lines {
		l = norm(l)
		if len(l) < 8 {
			continue
		}
		if l == t || strings.HasSuffix(t, " "+l) && 2*len(l) >= len(t) {
			return strings.Join(lines[i:], "\n"), true
		}
		if rest, ok := strings.CutPrefix(t, l); ok { // a kicker line: the headline follows
			for _, next := range lines[i+1:] {
				if next = norm(next); next != "" {
					if next == strings.TrimSpace(rest) {
						return strings.Join(lines[i:], "\n"), true
					}
					break
				}
			}
		}
	}
	return "", false
}
