package neardup

import (
	"math/rand/v2"
	"testing"
)

// doc is a generated text with the id of the story it tells.
type doc struct {
	story int
	sig   Signature
}

// TestQuality measures recall over syndicated copies of real-looking
// articles and precision over a pool that adds distinct reports written
// from one template (two provinces' "Tết Sum vầy" stories share most
// sentences). The candidate pairs are those the LSH bands find, confirmed
// by the estimated Jaccard, exactly as the store does.
func TestQuality(t *testing.T) {
	p := Default
	rng := rand.New(rand.NewPCG(1, 2))
	bases := baseStories(t)
	if len(bases) < 40 {
		t.Fatalf("only %d base stories", len(bases))
	}
	vocab, extra := vocabulary(bases), paragraphs(bases)

	var docs []doc
	add := func(story int, s story) { docs = append(docs, doc{story, p.Sign(s.text())}) }
	// Real-looking stories: each with copies until ≥ 1,000 pairs.
	copies := (1000 + len(bases) - 1) / len(bases)
	pairs := 0
	var origs [][2]Signature
	var trueJ []float64
	for i, b := range bases {
		add(i, b)
		orig := docs[len(docs)-1].sig
		for range copies {
			c := syndicate(rng, b, vocab, extra)
			add(i, c)
			pairs++
			trueJ = append(trueJ, jaccard(Shingles(b.text()), Shingles(c.text())))
			origs = append(origs, [2]Signature{orig, docs[len(docs)-1].sig})
		}
	}
	// Templated reports: 200 distinct stories, each with one copy.
	own := sentences(bases)
	for n := range 200 {
		s := templated(rng, n, own)
		add(len(bases)+n, s)
		add(len(bases)+n, syndicate(rng, s, vocab, extra))
	}

	// Every pair the index would report, over the whole pool.
	buckets := map[[2]uint64][]int{}
	for i, d := range docs {
		for b, k := range p.BandKeys(d.sig) {
			key := [2]uint64{uint64(b), k}
			buckets[key] = append(buckets[key], i)
		}
	}
	reported := map[[2]int]bool{}
	for _, ids := range buckets {
		for x := range ids {
			for y := x + 1; y < len(ids); y++ {
				reported[[2]int{ids[x], ids[y]}] = true
			}
		}
	}
	// Sweep the threshold over the same pool; Default.Threshold is checked.
	t.Logf("params: %d bands × %d rows = %d hashes, knee %.2f; %d base stories, %d documents",
		p.Bands, p.Rows, p.Hashes(), p.Knee(), len(bases), len(docs))
	t.Logf("true Jaccard of the syndicated pairs: %s", quantiles(trueJ))
	t.Logf("| threshold | recall (copies found) | precision (reported pairs of one story) | false pairs among templated reports |")
	t.Logf("|---|---|---|---|")
	var recall, precision float64
	for _, th := range []float64{0.20, 0.25, 0.27, 0.28, 0.30, 0.35, 0.40, 0.50} {
		q := p
		q.Threshold = th
		r, pr, fp, tfp := q.score(docs, reported, origs, len(bases))
		mark := ""
		if th == p.Threshold {
			recall, precision, mark = r, pr, " ← Default"
		}
		t.Logf("| %.2f%s | %.4f | %.4f (%d false) | %d of %d |", th, mark, r, pr, fp, tfp, 200*199/2*4)
	}
	if pairs < 1000 {
		t.Errorf("only %d pairs", pairs)
	}
	if recall < 0.95 {
		t.Errorf("recall %.4f < 0.95", recall)
	}
	if precision < 0.99 {
		t.Errorf("precision %.4f < 0.99", precision)
	}
}

// candidates reports whether two signatures share a band.
func (p Params) candidates(a, b Signature) bool {
	ka, kb := p.BandKeys(a), p.BandKeys(b)
	for i := range ka {
		if ka[i] == kb[i] {
			return true
		}
	}
	return false
}

// jaccard is the exact Jaccard similarity of two shingle sets.
func jaccard(a, b []uint64) float64 {
	sa := map[uint64]bool{}
	for _, x := range a {
		sa[x] = true
	}
	sb := map[uint64]bool{}
	inter := 0
	for _, x := range b {
		if !sb[x] {
			sb[x] = true
			if sa[x] {
				inter++
			}
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

// score measures recall over the syndicated pairs and precision over the
// reported pairs at p's threshold.
func (p Params) score(docs []doc, reported map[[2]int]bool, origs [][2]Signature, nBases int) (recall, precision float64, fp, tmplFP int) {
	found := 0
	for _, o := range origs {
		if p.candidates(o[0], o[1]) && p.Similar(o[0], o[1]) {
			found++
		}
	}
	tp := 0
	for pr := range reported {
		a, b := docs[pr[0]], docs[pr[1]]
		if !p.Similar(a.sig, b.sig) {
			continue
		}
		switch {
		case a.story == b.story:
			tp++
		case a.story >= nBases && b.story >= nBases:
			fp++
			tmplFP++
		default:
			fp++
		}
	}
	return float64(found) / float64(len(origs)), float64(tp) / float64(tp+fp), fp, tmplFP
}
