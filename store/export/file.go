package export

import (
	"context"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// ToPath exports to path: "-" streams to stdout; txt writes a tree
// under the directory path; the other formats write one file (see
// Output), compressed when its name ends in .gz or .zst (jsonl and csv;
// Parquet compresses its pages itself). On error nothing is left at
// path that was not there before, except the txt files already written;
// an interrupted export (ctx done) is an error like any other.
func ToPath(ctx context.Context, path string, stdout io.Writer, src Source, opts *Options) (Result, error) {
	o := options(opts)
	if o.Format == Text {
		if path == "-" || path == "" {
			return Result{}, fmt.Errorf("export: %w: txt writes a directory tree; give -o DIR", ErrFormat)
		}
		return WriteTree(ctx, path, src, &o)
	}
	comp := CompressionOf(path)
	if path == "-" {
		comp = None
	}
	if comp != None && o.Format == Parquet {
		return Result{}, fmt.Errorf("export: %w: Parquet compresses its pages itself; name the file .parquet, not .%s", ErrFormat, comp)
	}
	var out *Output
	if path == "-" {
		out = Stdout(stdout)
	} else {
		var err error
		if out, err = Create(path); err != nil {
			return Result{}, fmt.Errorf("export: %w", err)
		}
	}
	defer out.Abort()
	cw := &countingWriter{w: out}
	w, closeComp, err := compressor(cw, comp)
	if err != nil {
		return Result{}, fmt.Errorf("export: %w", err)
	}
	res, err := Write(ctx, w, src, &o)
	if cerr := closeComp(); err == nil && cerr != nil {
		err = fmt.Errorf("export: compress: %w", cerr)
	}
	if err == nil {
		err = out.Commit()
	}
	res.Bytes = cw.n
	return res, err
}

// compressor wraps w in the compression; close flushes it (it does not
// close w).
func compressor(w io.Writer, c Compression) (io.Writer, func() error, error) {
	switch c {
	case Gzip:
		zw := gzip.NewWriter(w)
		return zw, zw.Close, nil
	case Zstd:
		zw, err := zstd.NewWriter(w)
		if err != nil {
			return nil, nil, err
		}
		return zw, zw.Close, nil
	}
	return w, func() error { return nil }, nil
}
