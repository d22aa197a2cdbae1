package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeConfigExample keeps the README's config example valid: it
// loads with unknown fields refused and every schedule parses.
func TestReadmeConfigExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "<!-- serve-config -->")
	block, _, ok2 := strings.Cut(rest, "<!-- /serve-config -->")
	if !ok || !ok2 {
		t.Fatal("README lacks the <!-- serve-config --> example")
	}
	block = strings.TrimSpace(block)
	block = strings.TrimPrefix(block, "```json")
	block = strings.TrimSuffix(block, "```")
	path := filepath.Join(t.TempDir(), "serve.json")
	if err := os.WriteFile(path, []byte(block), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(path)
	if err != nil {
		t.Fatalf("README example: %v", err)
	}
	if len(cfg.Sites) == 0 || cfg.Sites["laodong.vn"].Refresh.OlderThan == 0 {
		t.Errorf("README example read as %+v", cfg)
	}
	if _, err := New(Options{Data: t.TempDir(), Config: cfg, Runner: newFakeRunner(), Corpus: &fakeCorpus{}, Profiles: registry(t)}); err != nil {
		t.Errorf("README example rejected: %v", err)
	}
}
