package main

import (
	"context"
	"time"

	"github.com/unionnews/unionnews/cleaner"
	"github.com/unionnews/unionnews/sites"
)

// speedMinDuration is how long each side of the speed comparison cleans
// the site fixtures, round after round, so that a handful of fast pages
// still gives a stable rate.
const speedMinDuration = 300 * time.Millisecond

// speedResult compares the profile rung with the generic path (Clean with
// a nil profile, go-trafilatura) on the same replica article pages.
type speedResult struct {
	Pages int `json:"pages"`
	// ProfilePPS and GenericPPS are pages cleaned per second.
	ProfilePPS float64 `json:"profile_pages_per_sec"`
	GenericPPS float64 `json:"generic_pages_per_sec"`
	// Ratio is ProfilePPS / GenericPPS, 0 when the generic path failed on
	// every page (its rate would then time error returns, not cleaning).
	Ratio float64 `json:"ratio"`
	// GenericErrors counts the pages the generic path failed on.
	GenericErrors int `json:"generic_errors"`
}

// measureSpeed times the profile rung and the generic path on pages.
func measureSpeed(ctx context.Context, pages []sitePage) (speedResult, error) {
	var res speedResult
	var profiled []sitePage
	for _, sp := range pages {
		if sp.prof != nil {
			profiled = append(profiled, sp)
		}
	}
	res.Pages = len(profiled)
	if len(profiled) == 0 {
		return res, nil
	}
	pps, _, err := cleanRate(ctx, profiled, func(sp sitePage) *sites.Profile { return sp.prof })
	if err != nil {
		return res, err
	}
	res.ProfilePPS = pps
	pps, res.GenericErrors, err = cleanRate(ctx, profiled, func(sitePage) *sites.Profile { return nil })
	if err != nil {
		return res, err
	}
	res.GenericPPS = pps
	if res.GenericErrors < len(profiled) && pps > 0 {
		res.Ratio = res.ProfilePPS / pps
	}
	return res, nil
}

// cleanRate cleans pages round after round for at least speedMinDuration
// (or three times that in wall time, when failures return at once) and
// returns the pages per second and the failures of one round.
func cleanRate(ctx context.Context, pages []sitePage, prof func(sitePage) *sites.Profile) (float64, int, error) {
	var n, failed int
	var spent time.Duration
	cl := cleaner.New(nil) // one Cleaner, as the crawl pipeline uses: profiles compile once
	wall := time.Now()
	more := func() bool { return spent < speedMinDuration && time.Since(wall) < 3*speedMinDuration }
	for round := 0; round == 0 || more(); round++ {
		for _, sp := range pages {
			if err := ctx.Err(); err != nil {
				return 0, 0, err
			}
			start := time.Now()
			_, err := cl.Clean(sp.page.Body, sp.page.URL, prof(sp))
			spent += time.Since(start)
			n++
			if err != nil && round == 0 {
				failed++
			}
		}
	}
	return float64(n) / max(spent.Seconds(), 1e-9), failed, nil
}
