package crawler

import (
	"context"
	"fmt"
	"io"
	"syscall"
	"testing"

	"github.com/gocolly/colly/v2"
)

func TestErrorKind(t *testing.T) {
	for _, c := range []struct {
		status int
		err    error
		want   string
	}{
		{0, fmt.Errorf("fetch x: %w", ErrForeignHost), KindForeignHost},
		{0, fmt.Errorf("Not following redirect: %w", colly.ErrForbiddenDomain), KindForeignHost},
		{0, fmt.Errorf("fetch x: %w", ErrTooLarge), KindTooLarge},
		{0, fmt.Errorf("read body: %w", context.DeadlineExceeded), KindTimeout},
		{0, fmt.Errorf("read body: %w", syscall.ECONNRESET), KindReset},
		{0, fmt.Errorf("dial: %w", syscall.ECONNREFUSED), KindRefused},
		{0, fmt.Errorf("read body: %w", io.ErrUnexpectedEOF), KindTruncated},
		{0, &colly.AlreadyVisitedError{}, KindRedirects},
		{302, errStatus("x", 302), KindRedirects},
		{503, errStatus("x", 503), "status-503"},
		{0, fmt.Errorf("%w: x: clean: boom", errSink), KindSink},
		{0, fmt.Errorf("something else"), KindOther},
	} {
		if got := ErrorKind(c.status, c.err); got != c.want {
			t.Errorf("ErrorKind(%d, %v) = %q, want %q", c.status, c.err, got, c.want)
		}
	}
}
