package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"unicode"

	"github.com/unionnews/unionnews/cleaner"
)

// pageScore is the score of one page of an eval set.
type pageScore struct {
	ID string `json:"id"`
	// P, R and F1 are cleaner.ScoreShingles(gold, got).
	P  float64 `json:"precision"`
	R  float64 `json:"recall"`
	F1 float64 `json:"f1"`
	// GoldEmpty and GotEmpty record texts without a word token: they
	// decide which means the page takes part in (see aggregate).
	GoldEmpty bool `json:"gold_empty,omitempty"`
	GotEmpty  bool `json:"got_empty,omitempty"`
	// TitleOK, AuthorOK and DateOK are exact matches with the gold; they
	// are read only in sets whose gold has the field.
	TitleOK  bool   `json:"title_ok"`
	AuthorOK bool   `json:"author_ok"`
	DateOK   bool   `json:"published_ok"`
	Err      string `json:"error,omitempty"`
}

// scoreText scores an extracted text against its gold text.
func scoreText(id, gold, got string) pageScore {
	p, r, f1 := cleaner.ScoreShingles(gold, got)
	return pageScore{ID: id, P: p, R: r, F1: f1, GoldEmpty: !hasWord(gold), GotEmpty: !hasWord(got)}
}

// hasWord reports whether s holds a word token of the metric (a letter,
// digit or "_", as cleaner.ScoreShingles tokenises), that is whether it
// yields at least one shingle.
func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' {
			return true
		}
	}
	return false
}

// quality is the aggregate text score of a set.
type quality struct {
	P  float64 `json:"precision"`
	R  float64 `json:"recall"`
	F1 float64 `json:"f1"`
}

// aggregate combines per-page scores the way the ScrapingHub benchmark's
// evaluate.py does: P is the mean precision over the pages with
// tp+fp > 0, R the mean recall over the pages with tp+fn > 0, and F1 their
// harmonic mean (0 when both are 0; a mean over no page is 0).
//
// tp+fp > 0 exactly when the prediction has a shingle, and tp+fn > 0
// exactly when the gold has one, so a page with an empty prediction counts
// in R only (recall 0), a page with an empty gold counts in P only
// (precision 0), and a page where both are empty counts in neither, although
// ScoreShingles scores it 1 on both.
func aggregate(pages []pageScore) quality {
	var sp, sr float64
	var np, nr int
	for _, s := range pages {
		if !s.GotEmpty {
			sp += s.P
			np++
		}
		if !s.GoldEmpty {
			sr += s.R
			nr++
		}
	}
	var q quality
	if np > 0 {
		q.P = sp / float64(np)
	}
	if nr > 0 {
		q.R = sr / float64(nr)
	}
	if q.P+q.R > 0 {
		q.F1 = 2 * q.P * q.R / (q.P + q.R)
	}
	return q
}

// shGold is one page of the ScrapingHub ground truth (and of a
// prediction file).
type shGold struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

// readSHFile reads a ScrapingHub ground-truth or prediction file: a JSON
// object id -> {articleBody, url}, possibly wrapped as
// {"version": ..., "output": {...}}.
func readSHFile(path string) (map[string]shGold, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var wrapped struct {
		Output map[string]shGold `json:"output"`
	}
	if err := json.Unmarshal(raw, &wrapped); err == nil && wrapped.Output != nil {
		return wrapped.Output, nil
	}
	var m map[string]shGold
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("read %s: %w", path, errors.New("no pages"))
	}
	return m, nil
}

// scorePredictions scores a prediction file against the ground truth as
// evaluate.py does: every ground-truth page counts, a missing prediction
// is an empty text.
func scorePredictions(gold, pred map[string]shGold) quality {
	pages := make([]pageScore, 0, len(gold))
	for _, id := range slices.Sorted(maps.Keys(gold)) {
		pages = append(pages, scoreText(id, gold[id].ArticleBody, pred[id].ArticleBody))
	}
	return aggregate(pages)
}
