package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium returns the path of a Chromium binary: the test skips
// locally without one, and fails under CI=true (.ci/run installs it).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found; CI must install it (.ci/run: apt-get install -y chromium)")
	}
	t.Skip("chromium not installed (Debian: apt-get install -y chromium); the status page browser test needs it")
	return ""
}

// TestStatusPageInBrowser drives the status page in headless Chromium:
// serve on an @every schedule against the replicas, log in, press a
// site's "Refresh now", see its run appear and finish, browse and search
// the articles, open the reader view, and check a screenshot is not
// blank.
func TestStatusPageInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	exe := chromium(t)
	const token = "browser-test-token"
	s := startServe(t, `{"token": "`+token+`", "sites": {"laodongthudo.vn": {"schedule": "@every 5s"}}}`, "-max-articles", "5")

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	ctx, cancelT := context.WithTimeout(ctx, 150*time.Second)
	defer cancelT()

	// Log in: the page's buttons need the token (a same-origin session cookie).
	err := chromedp.Do(ctx,
		chromedp.Navigate(s.url+"/login?next=/"),
		chromedp.WaitVisible(chromedp.ID("token")),
		chromedp.SendKeys(chromedp.ID("token"), token),
		chromedp.Submit(chromedp.ID("login")),
		chromedp.WaitVisible(chromedp.ID("sites")),
	)
	if err != nil {
		t.Fatalf("log in: %v", err)
	}
	if loggedOut, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.innerText.includes("log in")`)); err != nil || loggedOut {
		t.Fatalf("still logged out after login (%v)", err)
	}
	// Press "Refresh now" for nld.com.vn (not scheduled: only the button starts it).
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[id="refresh-nld.com.vn"]`)),
		chromedp.WaitVisible(chromedp.ID("msg")),
	)
	if err != nil {
		t.Fatalf("press refresh: %v", err)
	}
	if msg, _ := chromedp.Run(ctx, chromedp.Text(chromedp.ID("msg"))); !strings.Contains(msg, "started crawl of nld.com.vn") {
		t.Errorf("after the button: message %q", msg)
	}
	// The run appears, and finishes ok; the scheduled site stores articles unattended.
	deadline := time.Now().Add(90 * time.Second)
	for {
		if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(chromedp.ID("runs-table"))); err != nil {
			t.Fatalf("reload status page: %v", err)
		}
		okRuns, err1 := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('tr.run[data-site="nld.com.vn"][data-state="ok"]').length`))
		sched, err2 := chromedp.Run(ctx, chromedp.Evaluate[int](`parseInt(document.querySelector('tr[data-site="laodongthudo.vn"] td:nth-child(5)').textContent)`))
		if err1 != nil || err2 != nil {
			t.Fatalf("read status page: %v %v", err1, err2)
		}
		if okRuns > 0 && sched > 0 {
			break
		}
		if time.Now().After(deadline) {
			text, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
			t.Fatalf("no finished nld.com.vn run (%d) or no scheduled laodongthudo.vn articles (%d) after 90s; page:\n%s\nlog:\n%s",
				okRuns, sched, text, s.logs)
		}
		time.Sleep(time.Second)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	checkNotBlank(t, shot, "status page")
	keepScreenshot(t, "status.png", shot)

	// The article browser: search for the first title, open the reader.
	err = chromedp.Do(ctx, chromedp.Navigate(s.url+"/articles?site=nld.com.vn"), chromedp.WaitVisible(chromedp.ID("articles")))
	if err != nil {
		t.Fatalf("article list: %v", err)
	}
	title, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#articles tbody tr td:nth-child(3) a`)))
	if err != nil || title == "" {
		t.Fatalf("article list: first title %q, %v", title, err)
	}
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#search input[name="q"]`), title),
		chromedp.Submit(chromedp.ID("search")),
		chromedp.WaitVisible(chromedp.ID("articles")),
	)
	hits, err2 := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#articles tbody tr a').length`))
	if err != nil || err2 != nil || hits < 1 {
		t.Fatalf("search for %q: %d hits, %v %v", title, hits, err, err2)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#articles tbody tr td:nth-child(3) a`)),
		chromedp.WaitVisible(chromedp.ID("reader")),
	)
	if err != nil {
		t.Fatalf("reader view: %v", err)
	}
	readerTitle, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#reader h2")))
	href, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("#source a"), "href"))
	if readerTitle != title || !strings.HasPrefix(href.Value, "https://nld.com.vn/") {
		t.Errorf("reader: title %q (want %q), source %q", readerTitle, title, href.Value)
	}
	shot, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	checkNotBlank(t, shot, "reader view")
	keepScreenshot(t, "reader.png", shot)
}

// keepScreenshot writes a screenshot into $UNIONNEWS_SCREENSHOTS, when
// set, for a human to look at.
func keepScreenshot(t *testing.T, name string, png []byte) {
	if dir := os.Getenv("UNIONNEWS_SCREENSHOTS"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			t.Log(err)
		}
	}
}

// checkNotBlank fails unless the PNG has a real picture: several colours
// and a good share of pixels unlike the background.
func checkNotBlank(t *testing.T, pngData []byte, what string) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		t.Fatalf("%s screenshot: %v", what, err)
	}
	b := img.Bounds()
	if b.Dx() < 200 || b.Dy() < 200 {
		t.Fatalf("%s screenshot is %dx%d", what, b.Dx(), b.Dy())
	}
	bg := img.At(b.Min.X, b.Min.Y)
	colours := map[[4]uint32]bool{}
	differ, total := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			c := img.At(x, y)
			r, g, bl, a := c.RGBA()
			colours[[4]uint32{r >> 8, g >> 8, bl >> 8, a >> 8}] = true
			if !sameColour(c, bg) {
				differ++
			}
			total++
		}
	}
	if len(colours) < 8 || differ*100 < total*2 {
		t.Errorf("%s screenshot looks blank: %d colours, %d of %d pixels differ from the background", what, len(colours), differ, total)
	}
}

func sameColour(a, b interface{ RGBA() (r, g, b, a uint32) }) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}
