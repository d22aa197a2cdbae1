package crawler

import (
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/unionnews/unionnews/sites/replica"
)

// BenchmarkBareColly is the peer of cmd/internal/wire's
// BenchmarkCrawlPipeline (BENCHMARKS.md): a bare colly loop that fetches
// every page of the loopback replica (articles, listings, home pages,
// robots.txt) with the same parallelism and no politeness, doing nothing
// with the bodies. Its articles/s counts the article pages fetched.
func BenchmarkBareColly(b *testing.B) {
	rep, err := replica.New()
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(rep.Handler())
	defer srv.Close()
	mirrors := rep.Mirrors(srv.URL)
	var urls []string
	articles := 0
	for _, p := range rep.Pages("") {
		if p.Kind == replica.KindNotFound || p.Kind == replica.KindRedirect {
			continue
		}
		u, err := url.Parse(p.URL)
		if err != nil {
			b.Fatal(err)
		}
		urls = append(urls, mirrors[u.Hostname()]+u.RequestURI())
		if p.Kind == replica.KindArticle {
			articles++
		}
	}
	var ru0 syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	var el time.Duration
	var fetched atomic.Int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		c := colly.NewCollector(colly.Async(true), colly.AllowURLRevisit())
		if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: 8}); err != nil {
			b.Fatal(err)
		}
		c.OnResponse(func(r *colly.Response) { fetched.Add(1) })
		for _, u := range urls {
			if err := c.Visit(u); err != nil {
				b.Fatal(err)
			}
		}
		c.Wait()
		el += time.Since(start)
	}
	b.StopTimer()
	if int(fetched.Load()) < b.N*len(urls)*9/10 {
		b.Fatalf("fetched %d of %d pages", fetched.Load(), b.N*len(urls))
	}
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
	b.ReportMetric(float64(b.N*articles)/el.Seconds(), "articles/s")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N*articles), "cpu-ms/article")
}
