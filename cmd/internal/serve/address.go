package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

// AddressFileName is the file in DATA where a running serve records how
// to reach it; export and stats read it to go through the API while
// serve holds the database.
const AddressFileName = "serve.json"

// Address is the content of DATA/serve.json.
type Address struct {
	// URL is the base URL of the API ("http://127.0.0.1:8080").
	URL string `json:"url"`
	// PID is the serve process.
	PID int `json:"pid"`
	// Data is the absolute data directory serve holds.
	Data    string    `json:"data"`
	Started time.Time `json:"started"`
	// Token is set only when serve generated its token (none configured);
	// the file is then readable by its owner only.
	Token string `json:"token,omitempty"`
}

func writeAddress(dir string, a Address) error {
	b, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, AddressFileName), append(b, '\n'), 0o600)
}

// removeAddress deletes DATA/serve.json if it is still ours.
func removeAddress(dir string, a Address) {
	p := filepath.Join(dir, AddressFileName)
	var cur Address
	if b, err := os.ReadFile(p); err == nil && json.Unmarshal(b, &cur) == nil && cur.PID == a.PID && cur.URL == a.URL {
		os.Remove(p)
	}
}

// ErrNoServer is returned by Discover when no serve holds DATA.
var ErrNoServer = errors.New("no serve running for this data directory")

// Client reads the corpus through a running serve.
type Client struct {
	Addr Address
	http *http.Client
}

// Discover finds the serve that holds the data directory dir: it reads
// DATA/serve.json and checks that the server answers /healthz for the
// same directory. It returns ErrNoServer when the file is missing or
// stale (serve was killed).
func Discover(ctx context.Context, dir string) (*Client, error) {
	b, err := os.ReadFile(filepath.Join(dir, AddressFileName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoServer
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Join(dir, AddressFileName), err)
	}
	var a Address
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Join(dir, AddressFileName), err)
	}
	abs, _ := filepath.Abs(dir)
	c := &Client{Addr: a, http: &http.Client{}}
	hctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	var h health
	if err := c.getJSON(hctx, "/healthz", &h); err != nil || h.Data != abs {
		return nil, ErrNoServer
	}
	return c, nil
}

func (c *Client) get(ctx context.Context, path string, q url.Values) (*http.Response, error) {
	u := c.Addr.URL + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("serve at %s: %w", c.Addr.URL, err)
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		var e apiError
		_ = json.NewDecoder(io.LimitReader(resp.Body, 1<<16)).Decode(&e)
		return nil, fmt.Errorf("serve at %s: GET %s: %s: %s", c.Addr.URL, path, resp.Status, e.Error)
	}
	return resp, nil
}

func (c *Client) getJSON(ctx context.Context, path string, v any) error {
	resp, err := c.get(ctx, path, nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("serve at %s: GET %s: %w", c.Addr.URL, path, err)
	}
	return nil
}

// Stats asks serve for the corpus counts.
func (c *Client) Stats(ctx context.Context) (CorpusStats, error) {
	var st CorpusStats
	return st, c.getJSON(ctx, "/api/stats", &st)
}

// Export streams GET /api/export?format=&site=&since=&until= to w. A body cut short
// (serve stopped mid-stream) is an error: the stream ends with a trailer
// only the server sets after the last record.
func (c *Client) Export(ctx context.Context, w io.Writer, eq ExportQuery) error {
	q := url.Values{"format": {eq.Format}}
	for _, s := range eq.Sites {
		q.Add("site", s)
	}
	if !eq.Since.IsZero() {
		q.Set("since", eq.Since.Format(time.RFC3339Nano))
	}
	if !eq.Until.IsZero() {
		q.Set("until", eq.Until.Format(time.RFC3339Nano))
	}
	resp, err := c.get(ctx, "/api/export", q)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(w, resp.Body); err != nil {
		return fmt.Errorf("serve at %s: export: %w", c.Addr.URL, err)
	}
	if resp.Trailer.Get(trailerStatus) != "ok" {
		return fmt.Errorf("serve at %s: export ended early: %s", c.Addr.URL, resp.Trailer.Get(trailerError))
	}
	return nil
}
