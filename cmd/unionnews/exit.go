package main

import (
	"errors"

	"github.com/unionnews/unionnews/crawler/pipeline"
)

// Exit statuses of runs that started but failed in part, so that a cron
// job can tell them apart (see the README). The highest-priority failure
// wins when there are several.
const (
	exitStoreFailed = 3 // some articles could not be written
	exitNoPages     = 4 // a site answered no page
	exitDrift       = 5 // a profile drifted
	exitPagesFailed = 6 // some pages could not be fetched
)

// runFailureCode maps a run's failures to the exit status; 0 when err
// holds none of them.
func runFailureCode(err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, pipeline.ErrStoreFailed):
		return exitStoreFailed
	case errors.Is(err, pipeline.ErrNoPages):
		return exitNoPages
	case errors.Is(err, pipeline.ErrDrift):
		return exitDrift
	case errors.Is(err, pipeline.ErrPagesFailed):
		return exitPagesFailed
	}
	return 0
}

// joinErrs joins the non-nil errors.
func joinErrs(errs ...error) error { return errors.Join(errs...) }
