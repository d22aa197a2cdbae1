package neardup

import (
	"fmt"
	"slices"
)

// quantiles formats the minimum, 5th percentile, median and maximum.
func quantiles(v []float64) string {
	s := slices.Clone(v)
	slices.Sort(s)
	q := func(f float64) float64 { return s[int(f*float64(len(s)-1))] }
	return fmt.Sprintf("min %.2f p5 %.2f p50 %.2f max %.2f", s[0], q(0.05), q(0.5), s[len(s)-1])
}
