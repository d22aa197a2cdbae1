package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/unionnews/unionnews/sites/replica"
)

// checkArgs serves h on loopback and returns `sites check` arguments
// mirroring every replica host to it and selecting every profile that
// has a replica.
func checkArgs(t *testing.T, rep *replica.Replica, h http.Handler) []string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	args := []string{"sites", "check", "-delay", "1ms"}
	for host, base := range rep.Mirrors(srv.URL) {
		args = append(args, "-mirror", host+"="+base)
	}
	reg, err := loadSites("")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range reg.Crawlable() {
		for _, host := range rep.Hosts() {
			if p.HasHost(host) {
				args = append(args, "-site", p.Name)
				n++
				break
			}
		}
	}
	if n == 0 {
		t.Fatal("no profile has a replica")
	}
	return args
}

func TestSitesCheckReplicasPass(t *testing.T) {
	rep, err := replica.New()
	if err != nil {
		t.Fatal(err)
	}
	args := checkArgs(t, rep, rep.Handler())
	out, logs, err := runCLI(t, args...)
	if err != nil {
		t.Fatalf("sites check on the replicas: %v\nstdout:\n%s\nstderr:\n%s", err, out, logs)
	}
	for i := 0; i+1 < len(args); i++ {
		if args[i] != "-site" {
			continue
		}
		name := args[i+1]
		if !strings.Contains(out, "\n"+name+": OK (") || !strings.Contains(out, "  OK     "+name+"\n") {
			t.Errorf("no OK verdict for %s:\n%s", name, out)
		}
	}
	if strings.Contains(out, "BROKEN") {
		t.Errorf("a replica site is reported broken:\n%s", out)
	}
	// Guessed profile fields are reported, so a pass is read correctly.
	if !strings.Contains(out, "  guessed: ") || !strings.Contains(out, "article.kicker") {
		t.Errorf("guessed fields not reported:\n%s", out)
	}
	t.Log(out)
}

// TestSitesCheckBrokenBody renames the body container of one
// laodongthudo.vn test article, as a site redesign would: the check must
// fail and name the site and the field.
func TestSitesCheckBrokenBody(t *testing.T) {
	rep, err := replica.New()
	if err != nil {
		t.Fatal(err)
	}
	const page = "/laodongthudo.vn/doi-moi-sang-tao-huong-ve-nguoi-lao-dong-116638.html"
	changed := 0
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != page {
			rep.Handler().ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		rep.Handler().ServeHTTP(rec, r)
		// Both body alternatives of the profile (.detail_info and
		// div.__MASTERCMS_CONTENT) sit on this element; rename both.
		body := bytes.Replace(rec.Body.Bytes(), []byte(`class="detail_info __MASTERCMS_CONTENT`), []byte(`class="detail_text`), 1)
		if !bytes.Equal(body, rec.Body.Bytes()) {
			changed++
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		w.Write(body)
	})
	args := checkArgs(t, rep, h)
	out, logs, err := runCLI(t, args...)
	if changed == 0 {
		t.Fatalf("the test page %s was not served or not changed\n%s\n%s", page, out, logs)
	}
	if err == nil {
		t.Fatalf("sites check passed on a broken page:\n%s", out)
	}
	msg := err.Error()
	if !strings.Contains(msg, "sites check: 1 site(s) broken: laodongthudo.vn (article.body matched nothing on https://laodongthudo.vn/doi-moi-sang-tao") {
		t.Errorf("error %q does not name the site, the field and the page", msg)
	}
	for _, want := range []string{"laodongthudo.vn: BROKEN", "  BROKEN laodongthudo.vn\n", "article.body"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code := exitCode(err, &bytes.Buffer{}); code == 0 {
		t.Errorf("exit code %d, want non-zero", code)
	}
}

func TestSitesCheckUsage(t *testing.T) {
	if _, _, err := runCLI(t, "sites", "check", "-sample", "-1"); err == nil {
		t.Error("negative -sample accepted")
	}
	if _, _, err := runCLI(t, "sites", "check", "-site", "khong-co.vn"); err == nil {
		t.Error("unknown site accepted")
	}
}
