package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"

	"github.com/unionnews/unionnews/crawler/pipeline"
)

func runImport(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "import", "[-data DIR] [-site NAME]... [-mirror HOST=URL]... [-sites DIR] FILE.warc[.gz]...")
	data := fs.String("data", defaultDataDir, "data directory")
	sitesDir := fs.String("sites", "", "directory of extra or overriding site profiles (*.json)")
	var names, mirrors listFlag
	fs.Var(&names, "site", "import only this profile's pages (repeatable; default: all profiled hosts)")
	fs.Var(&mirrors, "mirror", "the WARC was fetched from a mirror: read URLs under URL as HOST's, e.g. laodong.vn=http://127.0.0.1:8080/laodong.vn (repeatable)")
	logger := logFlags(fs)
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "unionnews import: no WARC file given")
		fs.Usage()
		return errUsage
	}
	ms, err := parseMirrors(mirrors)
	if err != nil {
		return err
	}
	for _, f := range fs.Args() {
		if _, err := os.Stat(f); err != nil {
			return fmt.Errorf("import: %w", err)
		}
	}
	sum, err := importWARC(ctx, logger(e), *data, *sitesDir, fs.Args(), pipeline.ReplayOptions{Sites: names, Copy: true, MapURL: unmirrorFunc(ms)})
	sum.print(e.stdout, *data)
	return err
}

// importWARC cleans the responses of profiled hosts found in files into
// the corpus at data; each imported response is copied into DATA/warc,
// so the articles point into the corpus' own archive.
func importWARC(ctx context.Context, lg *slog.Logger, data, sitesDir string, files []string, opts pipeline.ReplayOptions) (summary, error) {
	sum := summary{kind: "import"}
	r, err := openRun(data, sitesDir, lg, false)
	if err != nil {
		return sum, err
	}
	for _, n := range opts.Sites {
		if _, ok := r.reg.Get(n); !ok {
			r.close()
			return sum, fmt.Errorf("unknown site %q (see `unionnews sites`)", n)
		}
	}
	opts.Heads = warcHeads(files, false)
	return r.finish(sum, func() (pipeline.Report, error) {
		return r.p.Replay(ctx, warcSource(files, false), opts)
	})
}

// unmirrorFunc maps URLs under a mirror base back to the real host
// (https); other URLs are kept. Nil without mirrors.
func unmirrorFunc(mirrors map[string]string) func(string) string {
	if len(mirrors) == 0 {
		return nil
	}
	type m struct{ host, base string }
	var list []m
	for h, b := range mirrors {
		list = append(list, m{h, strings.TrimSuffix(b, "/")})
	}
	return func(u string) string {
		for _, x := range list {
			if rest, ok := strings.CutPrefix(u, x.base); ok && (rest == "" || rest[0] == '/' || rest[0] == '?') {
				if rest == "" || rest[0] == '?' {
					rest = "/" + rest
				}
				real := "https://" + x.host + rest
				if _, err := url.Parse(real); err != nil {
					return ""
				}
				return real
			}
		}
		return u
	}
}
