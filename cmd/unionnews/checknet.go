package main

import (
	"context"
	"errors"
	"net"
	"os"
)

// unreachable returns why a site could not be checked when every page
// failed without an answer from it (refused or reset connections, DNS
// failures, timeouts), "" otherwise. Such a site is UNREACHABLE, not
// BROKEN: a network outage says nothing about its layout.
func unreachable(pages []pageCheck) string {
	if len(pages) == 0 {
		return ""
	}
	for _, pc := range pages {
		if pc.fetch == nil || !networkError(pc.fetch) {
			return ""
		}
	}
	return pages[0].fetch.Error()
}

// networkError reports whether err means the server never answered.
func networkError(err error) bool {
	var op *net.OpError
	var dns *net.DNSError
	return errors.As(err, &op) || errors.As(err, &dns) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded)
}
