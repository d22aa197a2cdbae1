package warc

import (
	"path/filepath"
	"reflect"
	"testing"
)

// head is what ScanHeads passes of an exchange.
type head struct {
	URL, IP, Method, Proto string
	Status                 int
	FetchedAt              string
	Ref                    Ref
}

func headOf(ex Exchange, ref Ref) head {
	return head{URL: ex.URL, IP: ex.IP, Method: ex.Method, Proto: ex.Proto, Status: ex.Status,
		FetchedAt: ex.FetchedAt.String(), Ref: ref}
}

// TestScanHeadsAgreesWithScan: ScanHeads passes the records Scan passes,
// in the same order, with the same URL, status, method, date, IP and Ref,
// on this package's own files (several per archive), on wget's (WARC 1.0,
// plain and gzipped) and on the Heritrix-like order of gowarc's writer.
func TestScanHeadsAgreesWithScan(t *testing.T) {
	own := t.TempDir()
	exs := sampleExchanges(12)
	exs[3].Method, exs[5].Status, exs[7].IP = "POST", 404, "192.0.2.7"
	writeAll(t, own, &Options{MaxFileSize: 4 << 10}, exs)
	ownFiles, err := Files(own)
	if err != nil || len(ownFiles) < 2 {
		t.Fatalf("files %v, %v: want several", ownFiles, err)
	}
	wget, _ := filepath.Glob(filepath.Join("testdata", "wget", "*.warc*"))
	if len(wget) == 0 {
		t.Fatal("no testdata/wget files")
	}
	for _, f := range append(ownFiles, wget...) {
		var full, light []head
		if err := Scan(f, func(ex Exchange, ref Ref) error {
			full = append(full, headOf(ex, ref))
			return nil
		}); err != nil {
			t.Fatalf("Scan %s: %v", f, err)
		}
		if err := ScanHeads(f, func(ex Exchange, ref Ref) error {
			if ex.Body != nil || ex.RespHeader != nil {
				t.Errorf("%s: ScanHeads passed a body or response header: %+v", f, ex)
			}
			light = append(light, headOf(ex, ref))
			return nil
		}); err != nil {
			t.Fatalf("ScanHeads %s: %v", f, err)
		}
		if len(full) == 0 || !reflect.DeepEqual(full, light) {
			t.Errorf("%s:\nScan      %+v\nScanHeads %+v", f, full, light)
		}
	}
}
