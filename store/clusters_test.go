package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// story is a long enough text for near-duplicate tests; syndicated
// copies change a few words and add a caption.
const story = `Sáng 20/1, Liên đoàn Lao động thành phố tổ chức chương trình Tết Sum vầy năm 2026 cho đoàn viên, người lao động có hoàn cảnh khó khăn tại các khu công nghiệp.

Tại chương trình, Công đoàn trao 500 suất quà, mỗi suất trị giá một triệu đồng gồm tiền mặt và nhu yếu phẩm. Đồng chí Chủ tịch Liên đoàn Lao động thành phố ghi nhận những đóng góp của công nhân trong năm qua và đề nghị các doanh nghiệp tiếp tục chăm lo đời sống người lao động.

Dịp này, ban tổ chức còn mở gian hàng không đồng với hàng nghìn sản phẩm thiết yếu, hỗ trợ vé xe cho công nhân về quê đón Tết và thăm hỏi các đoàn viên đang điều trị bệnh hiểm nghèo tại bệnh viện.

Theo kế hoạch, các cấp công đoàn thành phố dành hơn 80 tỷ đồng chăm lo Tết cho khoảng 120 nghìn đoàn viên, người lao động trong dịp Tết Nguyên đán năm nay.`

// nearCopy is story as another paper runs it.
func nearCopy(s string) string {
	s = strings.Replace(s, "Sáng 20/1", "Ngày 20/1", 1)
	s = strings.Replace(s, "hàng nghìn", "gần hai nghìn", 1)
	return s + "\n\nLãnh đạo Công đoàn trao quà cho công nhân. Ảnh: Minh Anh"
}

// extraSentence makes a near copy of a near copy: with about 230
// shingles, its ten new words leave the estimated similarity well below 1
// (a one-word addition would keep all 112 positions equal with
// probability (230/231)^112 ≈ 0.6, whatever the hash seeds).
const extraSentence = " Chương trình còn tặng thêm học bổng cho con em công nhân."

// other is an unrelated article.
const other = `Bộ Y tế vừa ban hành hướng dẫn phòng bệnh cúm mùa cho người cao tuổi và trẻ nhỏ ở các tỉnh miền núi phía Bắc, nơi nhiệt độ xuống dưới mười độ C trong nhiều ngày liền. Các trạm y tế xã được yêu cầu chuẩn bị thuốc và tăng cường tuyên truyền.`

func rec(url, site, text string, published time.Time) Record {
	r := article(url, text)
	r.Site, r.Published = site, published
	return r
}

var day = time.Date(2026, 1, 20, 8, 0, 0, 0, ict)

// world is a set of copies of two stories across sites: exact copies,
// near copies, a tie on the date broken by site priority, an undated
// copy, and an unrelated article.
func world() []Record {
	return []Record{
		rec("https://laodong.vn/cong-doan/tet-sum-vay-1.ldo", "laodong.vn", story, day.Add(2*time.Hour)),
		rec("https://laodongthudo.vn/tet-sum-vay-2.html", "laodongthudo.vn", story, day.Add(time.Hour)),
		rec("https://congdoan.vn/tin-tuc/tet-sum-vay-3.html", "congdoan.vn", nearCopy(story), day.Add(time.Hour)),
		rec("https://nld.com.vn/cong-doan/tet-sum-vay-4.htm", "nld.com.vn", nearCopy(story), time.Time{}),
		rec("https://laodongcongdoan.vn/tet-5.html", "laodongcongdoan.vn", nearCopy(story)+extraSentence, day.Add(3*time.Hour)),
		rec("https://congdoanytevn.org.vn/y-te-6.html", "congdoanytevn.org.vn", other, day),
		rec("https://laodong.vn/y-te-7.ldo", "laodong.vn", other, day),
	}
}

// state is what a user sees of the store: every URL's canonical article
// and the canonical records with their duplicates, plus the corpus files.
func state(t *testing.T, db *DB, urls []string) string {
	t.Helper()
	var b strings.Builder
	for _, u := range urls {
		r, err := db.LookupURL(u)
		if err != nil {
			t.Fatalf("LookupURL(%s): %v", u, err)
		}
		canon := r.URL
		if r.DuplicateOf != "" {
			canon = r.DuplicateOf
		}
		fmt.Fprintf(&b, "%s -> %s\n", u, canon)
	}
	err := db.ForEachCanonical(func(r Record) error {
		fmt.Fprintf(&b, "canonical %s text %.20q\n", r.URL, r.Text)
		for _, d := range r.Duplicates {
			fmt.Fprintf(&b, "  copy %s %s exact=%v sim=%.3f\n", d.URL, d.Site, d.Exact, d.Similarity)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	_ = filepath.WalkDir(db.CorpusDir(), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(db.CorpusDir(), p)
			files = append(files, rel)
		}
		return nil
	})
	slices.Sort(files)
	fmt.Fprintf(&b, "files %v\n", files)
	return b.String()
}

func openWithPriority(t *testing.T, dir string) *DB {
	t.Helper()
	db, err := Open(dir, &Options{Priority: map[string]int{"congdoan.vn": 5}})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// The canonical copy of a story does not depend on the order the copies
// were fetched in.
func TestCanonicalStableAcrossOrder(t *testing.T) {
	w := world()
	var urls []string
	for _, r := range w {
		urls = append(urls, r.URL)
	}
	var first string
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 12 {
		order := slices.Clone(w)
		if i == 1 {
			slices.Reverse(order)
		} else if i > 1 {
			rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		}
		db := openWithPriority(t, t.TempDir())
		for _, r := range order {
			if _, err := db.Put(r); err != nil {
				t.Fatal(err)
			}
		}
		checkConsistent(t, db)
		got := state(t, db, urls)
		db.Close()
		if i == 0 {
			first = got
			t.Logf("state:\n%s", got)
			continue
		}
		if got != first {
			t.Fatalf("order %d gives another state:\n%s\nwant:\n%s", i, got, first)
		}
	}
	// The rule: earliest published; on a tie the higher priority
	// (congdoan.vn, 5) beats laodongthudo.vn; undated copies come last.
	for _, want := range []string{
		"https://laodong.vn/cong-doan/tet-sum-vay-1.ldo -> https://congdoan.vn/tin-tuc/tet-sum-vay-3.html",
		"https://laodongthudo.vn/tet-sum-vay-2.html -> https://congdoan.vn/tin-tuc/tet-sum-vay-3.html",
		"https://nld.com.vn/cong-doan/tet-sum-vay-4.htm -> https://congdoan.vn/tin-tuc/tet-sum-vay-3.html",
		"https://laodong.vn/y-te-7.ldo -> https://congdoanytevn.org.vn/y-te-6.html",
	} {
		if !strings.Contains(first, want+"\n") {
			t.Errorf("state lacks %q", want)
		}
	}
	if n := strings.Count(first, "canonical "); n != 2 {
		t.Errorf("%d canonical articles, want 2 (one per story)", n)
	}
}

// An exact copy that ranks before the article holding its text takes
// its place: the text stays stored once, under the better URL.
func TestExactCopyTakesOver(t *testing.T) {
	db, _ := mustOpen(t)
	late := rec(url1, "laodongthudo.vn", text, day.Add(time.Hour))
	early := rec(url2, "other.vn", text, day)
	if _, err := db.Put(late); err != nil {
		t.Fatal(err)
	}
	res, err := db.Put(early)
	if err != nil {
		t.Fatal(err)
	}
	if want := (PutResult{ID: ID(url2), Created: true, Displaced: ID(url1)}); res != want {
		t.Errorf("Put(earlier copy) = %+v, want %+v", res, want)
	}
	if _, err := db.Get(ID(url1)); !errors.Is(err, ErrNotFound) {
		t.Errorf("the later copy still has a record: %v", err)
	}
	got, err := db.LookupURL(url1)
	if err != nil || got.ID != ID(url2) || len(got.Duplicates) != 1 || got.Duplicates[0].URL != url1 || !got.Duplicates[0].Exact {
		t.Errorf("LookupURL(later) = %+v, %v", got, err)
	}
	st, _ := db.Stats()
	if st.Articles != 1 {
		t.Errorf("articles = %d, want 1", st.Articles)
	}
	checkConsistent(t, db)
}

// Issue 9 item 6: after a Put whose file writes failed, the same text
// from another URL is not stored a second time, in this run or after a
// reopen.
func TestSameTextOnceAfterFailedFiles(t *testing.T) {
	dir := t.TempDir()
	db := mustOpenDir(t, dir)
	// A file where the site's directory should be makes the writes fail.
	blocker := filepath.Join(dir, "corpus", "laodongthudo.vn")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	a := rec(url1, "laodongthudo.vn", text, day)
	if _, err := db.Put(a); err == nil {
		t.Fatal("Put with a blocked directory succeeded")
	}
	b := rec(url2, "other.vn", text, day.Add(time.Hour))
	if _, err := db.Put(b); err == nil || !strings.Contains(err.Error(), "unfinished") {
		t.Errorf("Put of the same text while the first is unfinished: err = %v, want an unfinished-write error", err)
	}
	if err := os.Remove(blocker); err != nil {
		t.Fatal(err)
	}
	db = reopen(t, db, dir)
	defer db.Close()
	res, err := db.Put(b)
	if err != nil {
		t.Fatal(err)
	}
	if want := (PutResult{ID: ID(url1), Duplicate: true}); res != want {
		t.Errorf("Put(copy) after repair = %+v, want %+v", res, want)
	}
	n := 0
	_ = db.ForEach(func(r Record) error {
		if r.ContentHash == ContentHash(text) {
			n++
		}
		return nil
	})
	if n != 1 {
		t.Errorf("%d records hold the text, want 1", n)
	}
	checkConsistent(t, db)
}

// A crash after the commit of a change of canonical, before the files
// follow, is completed by the next Open.
func TestCrashBeforeFilesFollow(t *testing.T) {
	dir := t.TempDir()
	db := mustOpenDir(t, dir)
	if _, err := db.Put(rec(url1, "laodongthudo.vn", story, day.Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	r := prepare(rec(url2, "other.vn", nearCopy(story), day))
	stageOnly(t, db, r)
	if err := db.complete(r); err != nil { // commits; syncFiles never runs
		t.Fatal(err)
	}
	old := filepath.Join(articleDir(db.corpus, rec(url1, "laodongthudo.vn", story, day)), ID(url1)+".txt")
	if _, err := os.Stat(old); err != nil {
		t.Fatalf("before the repair the old canonical's files should still be there: %v", err)
	}
	db = reopen(t, db, dir)
	defer db.Close()
	checkConsistent(t, db)
	got, err := db.Get(ID(url1))
	if err != nil || got.DuplicateOf != url2 {
		t.Errorf("old canonical = %+v, %v; want a copy of %s", got, err, url2)
	}
}

// RebuildDuplicates recomputes the clusters with new parameters and
// back; the result equals what the Puts built.
func TestRebuildDuplicates(t *testing.T) {
	dir := t.TempDir()
	db := openWithPriority(t, dir)
	defer db.Close()
	var urls []string
	for _, r := range world() {
		urls = append(urls, r.URL)
		if _, err := db.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	built := state(t, db, urls)
	strict := db.nd
	strict.Threshold = 1
	res, err := db.RebuildDuplicates(&strict)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := db.Stats()
	// Left: the three exact groups (congdoan.vn and nld.com.vn run the
	// same near copy word for word).
	if st.Clusters != 3 || st.Copies != 3 || res.Changed == 0 || res.Clusters != 3 {
		t.Errorf("strict rebuild: %+v, stats %+v; want only the 3 exact clusters", res, st)
	}
	checkConsistent(t, db)
	def := strict
	def.Threshold = 0.27
	if _, err := db.RebuildDuplicates(&def); err != nil {
		t.Fatal(err)
	}
	if got := state(t, db, urls); got != built {
		t.Errorf("rebuilt state:\n%s\nwant:\n%s", got, built)
	}
	checkConsistent(t, db)
	if !reflect.DeepEqual(db.nd, def) {
		t.Errorf("params = %+v", db.nd)
	}
}

// An exact copy whose page changes to another text leaves the copies of
// the first text and becomes an article of its own.
func TestExactCopyChangesText(t *testing.T) {
	db, _ := mustOpen(t)
	if _, err := db.Put(rec(url1, "laodongthudo.vn", text, day)); err != nil {
		t.Fatal(err)
	}
	if res, err := db.Put(rec(url2, "other.vn", text, day.Add(time.Hour))); err != nil || !res.Duplicate {
		t.Fatalf("Put copy = %+v, %v", res, err)
	}
	res, err := db.Put(rec(url2, "other.vn", other, day.Add(time.Hour)))
	if err != nil || !res.Created || res.ID != ID(url2) {
		t.Fatalf("Put changed copy = %+v, %v", res, err)
	}
	a, err := db.Get(ID(url1))
	if err != nil || len(a.Duplicates) != 0 {
		t.Errorf("first article still lists copies: %+v, %v", a.Duplicates, err)
	}
	st, _ := db.Stats()
	if st.Clusters != 0 || st.Articles != 2 {
		t.Errorf("stats %+v; want 2 articles, no cluster", st)
	}
	checkConsistent(t, db)
}

// A crash after a rebuild's transaction, before the files follow, is
// completed by the next Open.
func TestRebuildCrashBeforeFiles(t *testing.T) {
	dir := t.TempDir()
	db := openWithPriority(t, dir)
	for _, r := range world() {
		if _, err := db.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	strict := db.nd
	strict.Threshold = 1
	err := db.bolt.Update(func(tx *bolt.Tx) error { // RebuildDuplicates without its file step
		_, err := db.rebuild(tx, strict)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = openWithPriority(t, dir)
	defer db.Close()
	checkConsistent(t, db)
	if db.nd.Threshold != 1 {
		t.Errorf("stored threshold %v, want 1", db.nd.Threshold)
	}
}

// distinctText is a text of 40 words of its own for the i-th generated
// article, so that generated articles are distinct stories (near
// duplicates would be grouped).
func distinctText(i int) string {
	words := strings.Fields("lương thưởng Tết nhà trọ ca đêm xe đưa đón bữa ăn bảo hiểm học nghề khám bệnh quà vé tàu chợ phiên hội công nhân đoàn viên doanh nghiệp tỉnh huyện xã")
	rng := rand.New(rand.NewPCG(uint64(i), 3))
	out := make([]string, 40)
	for k := range out {
		out[k] = words[rng.IntN(len(words))]
	}
	return strings.Join(out, " ") + "."
}

// A sync of files interrupted inside a file write leaves a temporary
// file; the next Open removes it.
func TestSyncRemovesTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	db := mustOpenDir(t, dir)
	if _, err := db.Put(rec(url1, "laodongthudo.vn", story, day.Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	r := prepare(rec(url2, "other.vn", nearCopy(story), day))
	stageOnly(t, db, r)
	if err := db.complete(r); err != nil { // commits; syncFiles never runs
		t.Fatal(err)
	}
	d := articleDir(db.corpus, r)
	tmp := filepath.Join(d, r.ID+".json.123.tmp")
	if err := os.WriteFile(tmp, []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	db = reopen(t, db, dir)
	defer db.Close()
	checkConsistent(t, db)
}
