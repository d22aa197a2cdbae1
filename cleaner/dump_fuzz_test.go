package cleaner

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// dumpFuzzBudget is the time one CleanText call may take in the fuzz
// target; inputs are bounded by MaxDumpSize.
const dumpFuzzBudget = 2 * time.Second

// FuzzCleanText checks that CleanText never panics, returns valid UTF-8 in
// every field, never returns an end marker as a paragraph and stays within
// a time budget.
func FuzzCleanText(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "dumps", "*.txt"))
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	for _, s := range []string{"", "\xff\xfe", "ssd\nssd\nssd", "A:\nB\n09/01/2021 13:29\n![]() |\nx |\n-->",
		"Tiêu đề:\n\n\n", strings.Repeat("Có thể bạn quan tâm\n", 50), "Ảnh: \nẢnh 1.\n - Ảnh 2."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dump string) {
		start := time.Now()
		art, err := CleanText(dump, TextOptions{})
		if d := time.Since(start); d > dumpFuzzBudget {
			t.Errorf("CleanText took %v on %d bytes", d, len(dump))
		}
		if err != nil && art.Text != "" {
			t.Errorf("error %v with text %q", err, art.Text)
		}
		fields := []string{art.Title, art.Lead, art.Text, art.Author, art.Category}
		for _, im := range art.Images {
			fields = append(fields, im.Caption)
		}
		for _, s := range fields {
			if !utf8.ValidString(s) {
				t.Errorf("invalid UTF-8 in output: %q", s)
			}
		}
		if err == nil && !strings.HasPrefix(art.Text, art.Lead) {
			t.Errorf("text does not start with the lead")
		}
	})
}

// TestCleanTextLargeInput: a dump over the page-size limit is refused
// with an error naming the limit, never cleaned from a truncated copy.
func TestCleanTextLargeInput(t *testing.T) {
	para := "Đoạn văn dài về hoạt động công đoàn, lặp lại nhiều lần để vượt giới hạn.\n\n"
	dump := "Tiêu đề bài báo\n" + strings.Repeat(para, (MaxDumpSize+len(para))/len(para)) + "ĐUÔI SAU GIỚI HẠN."
	_, err := CleanText(dump, TextOptions{})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), strconv.Itoa(MaxDumpSize)) {
		t.Errorf("CleanText of %d bytes: err = %v, want ErrTooLarge naming the limit %d", len(dump), err, MaxDumpSize)
	}
}
