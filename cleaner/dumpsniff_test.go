package cleaner

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLooksLikeHTML(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"<!DOCTYPE html><html><head><title>x</title></head><body></body></html>", true},
		{"\xef\xbb\xbf\n  <html lang=\"vi\">", true},
		{"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", true},
		{"<!-- saved from url -->\n<!doctype html>", true},
		{"<div class=\"detail\"><p>Đoạn văn.</p></div>", true},
		{"Tiêu đề\n<p>Một</p><p>Hai</p><br><b>Ba</b></p>", true},
		{"", false},
		{"-->\nCông đoàn ngành Y tế Hà Nội:\n\nTạo điểm tựa", false},
		{"Tiêu đề\n![]() |\nChú thích ảnh |\nĐoạn văn có dấu < và > như 3 < 5.", false},
		{"<3 yêu công đoàn", false},
	}
	for _, tt := range tests {
		if got := LooksLikeHTML([]byte(tt.in)); got != tt.want {
			t.Errorf("LooksLikeHTML(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestLooksLikeHTMLSeeds(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "dumps", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no dumps: %v", err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if LooksLikeHTML(b) {
			t.Errorf("%s: text dump taken for HTML", filepath.Base(p))
		}
	}
}
