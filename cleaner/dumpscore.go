package cleaner

import (
	"strings"
	"unicode"
)

// ScoreShingles compares an extracted text with its gold text using the
// metric of the ScrapingHub article-extraction benchmark
// (github.com/scrapinghub/article-extraction-benchmark, evaluate.py):
// both texts are split into word tokens (maximal runs of letters, digits
// and "_", like Python's \w+; case is kept, as in the benchmark), every
// window of 4 consecutive tokens is a shingle (a text shorter than 4
// tokens is one shingle), and the shingles are compared as multisets:
// true positives are the shared counts, false positives the surplus in
// got, false negatives the surplus in gold. Precision is tp/(tp+fp),
// recall tp/(tp+fn), f1 their harmonic mean. Two texts without tokens
// score 1; a text without tokens against one with tokens scores 0.
func ScoreShingles(gold, got string) (precision, recall, f1 float64) {
	g, p := dumpShingleCounts(gold), dumpShingleCounts(got)
	var tp, fp, fn float64
	for k, gc := range g {
		pc := p[k]
		tp += float64(min(gc, pc))
		fn += float64(max(0, gc-pc))
	}
	for k, pc := range p {
		fp += float64(max(0, pc-g[k]))
	}
	precision = dumpRatio(tp, fp, fn, fp)
	recall = dumpRatio(tp, fp, fn, fn)
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1
}

// dumpRatio is the benchmark's precision_score/recall_score: tp/(tp+miss),
// 1 when nothing is wrong at all, 0 when there is nothing right.
func dumpRatio(tp, fp, fn, miss float64) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0:
		return 0
	}
	return tp / (tp + miss)
}

// dumpShingleCounts counts the 4-token shingles of s.
func dumpShingleCounts(s string) map[string]int {
	toks := dumpWordTokens(s)
	out := make(map[string]int, len(toks))
	if len(toks) == 0 {
		return out
	}
	const n = 4
	for i := 0; i < max(1, len(toks)-n+1); i++ {
		out[strings.Join(toks[i:min(i+n, len(toks))], "\x00")]++
	}
	return out
}

// dumpWordTokens splits s into maximal runs of letters, digits and "_".
func dumpWordTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}
