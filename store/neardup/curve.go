package neardup

import "math"

// Probability is the chance that two texts of Jaccard similarity s share
// at least one band: 1 - (1 - s^r)^b.
func (p Params) Probability(s float64) float64 {
	return 1 - math.Pow(1-math.Pow(s, float64(p.Rows)), float64(p.Bands))
}

// Knee is the similarity where the S-curve is steepest, about
// (1/b)^(1/r).
func (p Params) Knee() float64 {
	return math.Pow(1/float64(p.Bands), 1/float64(p.Rows))
}
