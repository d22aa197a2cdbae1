package replica

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const mcmsBase = "https://laodongvaphapluat.laodongthudo.vn"

var (
	mcmsReItem = regexp.MustCompile(`<a class="title" href="([^"]+)"`)
	mcmsReNext = regexp.MustCompile(`<a class="next" href="([^"]+)">`)
)

func TestMCMSListingPagination(t *testing.T) {
	r := newReplica(t)
	start := mcmsBase + "/phap-luat-lao-dong"
	pages, items := ldcdFollowListing(t, r, start, mcmsReItem, mcmsReNext)
	if want := []string{start, start + "&s_cond=&BRSR=3"}; !slices.Equal(pages, want) {
		t.Fatalf("pager chain %v, want %v", pages, want)
	}
	// Each listing page also shows the sidebar's most-read links (same class).
	arts := map[string]bool{}
	for _, it := range items {
		if p, ok := r.Lookup(it); !ok || p.Kind != KindArticle {
			t.Errorf("item %s is not a served article", it)
		}
		arts[it] = true
	}
	if len(arts) != 5 {
		t.Errorf("%d distinct articles listed, want 5", len(arts))
	}
}

func TestMCMSArticlesFollowTheMasterCMSTemplate(t *testing.T) {
	r := newReplica(t)
	arts := r.SitePages("laodongvaphapluat.laodongthudo.vn", KindArticle)
	if len(arts) != 5 {
		t.Fatalf("%d articles, want 5", len(arts))
	}
	kickers := 0
	for _, p := range arts {
		s, tr := string(p.Body), p.Truth
		if tr == nil || tr.Title == "" || tr.Author == "" || tr.Published.IsZero() || len(tr.Paragraphs) < 2 {
			t.Fatalf("%s: incomplete truth %+v", p.URL, tr)
		}
		// The markers of the saved thoibaonganhang.vn page (sites.md §8).
		for _, want := range []string{`<h1 class="detail-title">`, `<p class="detail-sapo">`,
			`<span class="datetime"><i class="far fa-clock"></i> <span class="format_time">` + tr.Published.Format("15:04") +
				`</span> | <span class="format_date">` + tr.Published.Format("02/01/2006") + `</span></span>`,
			`class="category article-content __MASTERCMS_CONTENT __MB_CONTENT_FOR_PRINTER"`, `id="__MB_MASTERCMS_EL_3"`,
			"<p align=\"right\">\n                                <strong>" + tr.Author + "</strong>",
			`<span class="cat-name">Có liên quan</span>`, `<div class="label">Bài trước đó</div>`,
			`<input type="hidden" name="__printURL" value="` + p.URL + `">`} {
			if !strings.Contains(s, want) {
				t.Errorf("%s lacks %q", p.URL, want)
			}
		}
		if strings.Contains(s, `<p class="detail-subtitle">`) {
			kickers++
		}
	}
	if kickers != 1 {
		t.Errorf("%d articles with a kicker, want 1", kickers)
	}
}

func TestMCMSProfileContract(t *testing.T) {
	r := newReplica(t)
	pr := readProfile(t, "laodongvaphapluat.laodongthudo.vn.json")
	if !slices.Equal(pr.Hosts, r.SiteHosts("laodongvaphapluat.laodongthudo.vn")) {
		t.Errorf("profile hosts %v", pr.Hosts)
	}
	if pr.ArticleURL != "" {
		t.Error("the profile must inherit article_url from mastercms")
	}
	checkServed(t, r, pr.StartURLs, KindListing)
	re := regexp.MustCompile(readProfile(t, "mastercms.json").ArticleURL)
	for _, p := range r.SitePages("laodongvaphapluat.laodongthudo.vn", "") {
		if got, want := re.MatchString(p.URL), p.Kind == KindArticle; got != want {
			t.Errorf("article_url matches %s (%s) = %v, want %v", p.URL, p.Kind, got, want)
		}
	}
	if p, ok := r.Lookup(mcmsBase + "/robots.txt"); !ok || p.Kind != KindRobots {
		t.Error("no robots.txt")
	}
	h := httptest404(t, r, "/laodongvaphapluat.laodongthudo.vn/khong-co-bai-nay-1.html")
	if !strings.Contains(h, "Không tìm thấy trang") {
		t.Error("unknown article is not the site's 404 page")
	}
}

// httptest404 fetches path from the replica handler, requires 404 and
// returns the body.
func httptest404(t *testing.T, r *Replica, path string) string {
	t.Helper()
	rec := newRecorder()
	r.Handler().ServeHTTP(rec, mustRequest(t, path))
	if rec.Code != http.StatusNotFound {
		t.Fatalf("%s: status %d, want 404", path, rec.Code)
	}
	return rec.Body.String()
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

func mustRequest(t *testing.T, path string) *http.Request {
	t.Helper()
	return httptest.NewRequest(http.MethodGet, path, nil)
}
