package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"
)

// Flag values that refuse out-of-range input at parse time, so that
// `-delay -5s` or `-max-articles -3` is a usage error naming the flag
// instead of a silently odd run.

// boundedInt is an int flag with a minimum.
type boundedInt struct {
	p   *int
	min int
}

func (b boundedInt) String() string {
	if b.p == nil {
		return "0"
	}
	return strconv.Itoa(*b.p)
}

func (b boundedInt) Set(s string) error {
	v, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("%q is not a whole number", s)
	}
	if v < b.min {
		return fmt.Errorf("%d is below the minimum %d", v, b.min)
	}
	*b.p = v
	return nil
}

// intVar defines an int flag whose value must be >= min.
func intVar(fs *flag.FlagSet, p *int, name string, value, min int, usage string) {
	*p = value
	fs.Var(boundedInt{p: p, min: min}, name, usage)
}

// boundedDuration is a duration flag with a minimum.
type boundedDuration struct {
	p   *time.Duration
	min time.Duration
}

func (b boundedDuration) String() string {
	if b.p == nil {
		return "0s"
	}
	return b.p.String()
}

func (b boundedDuration) Set(s string) error {
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("%q is not a duration like 500ms or 2h", s)
	}
	if v < b.min {
		return fmt.Errorf("%s is below the minimum %s", v, b.min)
	}
	*b.p = v
	return nil
}

// durationVar defines a duration flag whose value must be >= min.
func durationVar(fs *flag.FlagSet, p *time.Duration, name string, value, min time.Duration, usage string) {
	*p = value
	fs.Var(boundedDuration{p: p, min: min}, name, usage)
}

// choiceVar defines a string flag that accepts only the given values.
func choiceVar(fs *flag.FlagSet, p *string, name, value string, choices []string, usage string) {
	*p = value
	fs.Func(name, fmt.Sprintf("%s (default %q)", usage, value), func(s string) error {
		for _, c := range choices {
			if s == c {
				*p = s
				return nil
			}
		}
		return fmt.Errorf("%q is not one of %q", s, choices)
	})
}

// noArgs fails with a usage error naming the first stray argument.
func noArgs(fs *flag.FlagSet, w io.Writer) error {
	if fs.NArg() == 0 {
		return nil
	}
	fmt.Fprintf(w, "unionnews %s: unexpected argument %q (flags go before arguments; see -help)\n", fs.Name(), fs.Arg(0))
	fs.Usage()
	return errUsage
}
