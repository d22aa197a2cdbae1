package store

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/bits-and-blooms/bloom/v3"
	"github.com/cespare/xxhash/v2"
	bolt "go.etcd.io/bbolt"
)

// The band filter (neardup_filter.go) is saved by Close next to the
// database, so that the next session need not read every band key to
// build it again. The file is only a cache: it is used when it describes
// exactly the database it finds, and otherwise the first lookup builds
// the filter from the bands as before.
//
// Close stores a random token in the database (filterTokenKey, in its
// own transaction T) and writes the file: magic, token, T's id, the key
// counts, the filter (bloom's WriteTo) and an xxhash of all that. The
// next writable Open uses it only when the database's last committed
// transaction is still T and holds the same token: then no band key was
// added or removed since the filter was saved. A crash (kill -9) after
// any later commit, a rebuild (which clears the token's bucket), a
// repaired or replaced database file or a torn or damaged file each fail
// one of these checks. Open removes the file once read, so at most one
// session uses it.

// filterFileSuffix names the file: the database's path with this added.
const filterFileSuffix = ".bandfilter"

// filterMagic starts the file (and versions its layout).
const filterMagic = "unionnews band filter 1\n"

// filterTokenKey holds Close's token in bucketSigs (ids are 16 hex
// digits, so the key cannot clash).
var filterTokenKey = []byte("\x00bandfilter")

// logKeyFilterErr is the log key of why a filter file was not used.
const logKeyFilterErr = "reason"

// errFilterFile reports a filter file that does not describe the
// database; it is ignored.
var errFilterFile = errors.New("band filter file does not match the database")

// filterPath is where the database's band filter is saved.
func (db *DB) filterPath() string { return db.path + filterFileSuffix }

// saveBandFilter writes the band filter for the next session, or removes
// an old file when there is no filter to save (none built, or built by a
// transaction that did not commit).
//
// A database under another name than dbFileName (the one a repair
// builds, renamed into place afterwards) saves none.
func (db *DB) saveBandFilter() error {
	if db.readOnly || filepath.Base(db.path) != dbFileName {
		return nil
	}
	bf := &db.bands
	bf.mu.Lock()
	defer bf.mu.Unlock()
	path := db.filterPath()
	if bf.f == nil || bf.pending != nil {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", path, err)
		}
		return nil
	}
	var token [8]byte
	_, _ = rand.Read(token[:])
	var txid uint64
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		txid = uint64(tx.ID())
		return tx.Bucket(bucketSigs).Put(filterTokenKey, token[:])
	})
	if err != nil {
		return fmt.Errorf("save band filter: %w", err)
	}
	return writeFilterFile(path, func(w io.Writer) error {
		var h [8 * 4]byte
		binary.BigEndian.PutUint64(h[0:], binary.BigEndian.Uint64(token[:]))
		binary.BigEndian.PutUint64(h[8:], txid)
		binary.BigEndian.PutUint64(h[16:], uint64(bf.keys))
		binary.BigEndian.PutUint64(h[24:], uint64(bf.capKeys))
		if _, err := io.WriteString(w, filterMagic); err != nil {
			return err
		}
		if _, err := w.Write(h[:]); err != nil {
			return err
		}
		_, err := bf.f.WriteTo(w)
		return err
	})
}

// writeFilterFile writes path with writeFileAtomicFrom (the filter can be
// 128 MiB, not to be copied into one buffer first): body, then the
// xxhash of the body, fsync, rename, then fsync the directory.
func writeFilterFile(path string, body func(io.Writer) error) error {
	dir := filepath.Dir(path)
	err := writeFileAtomicFrom(nil, dir, filepath.Base(path), func(f io.Writer) error {
		bw := bufio.NewWriterSize(f, 1<<20)
		sum := xxhash.New()
		if err := body(io.MultiWriter(bw, sum)); err != nil {
			return err
		}
		if err := binary.Write(bw, binary.BigEndian, sum.Sum64()); err != nil {
			return err
		}
		return bw.Flush()
	}, true)
	if err != nil {
		return err
	}
	return syncDir(dir)
}

// loadBandFilter installs the filter a previous session saved, when it
// describes the database as it is (see above), and removes the file. It
// runs in a writable Open before its first write. A file that does not
// match is not an error: the first lookup builds the filter.
func (db *DB) loadBandFilter() error {
	path := db.filterPath()
	file, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer os.Remove(path)
	defer file.Close()
	var token []byte
	var txid uint64
	err = db.bolt.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketSigs); b != nil {
			token = append(token, b.Get(filterTokenKey)...)
		}
		txid = uint64(tx.ID())
		return nil
	})
	if err != nil {
		return err
	}
	fi, err := file.Stat()
	if err != nil {
		return fmt.Errorf("stat %s: %w", path, err)
	}
	f, keys, capKeys, err := readFilterFile(bufio.NewReaderSize(file, 1<<20), fi.Size(), token, txid)
	if err != nil {
		db.logger.Info("band filter file not used; the first lookup builds the filter", logKeyFilterErr, err)
		return nil
	}
	bf := &db.bands
	bf.mu.Lock()
	defer bf.mu.Unlock()
	bf.f, bf.keys, bf.capKeys, bf.pending = f, keys, capKeys, nil
	return nil
}

// readFilterFile reads a file of size bytes written by saveBandFilter,
// which must carry token and txid.
func readFilterFile(r io.Reader, size int64, token []byte, txid uint64) (f *bloom.BloomFilter, keys, capKeys uint, err error) {
	sum := xxhash.New()
	tr := io.TeeReader(r, sum)
	// magic, token, txid, keys, capKeys; then bloom's m, k and bit count.
	head := make([]byte, len(filterMagic)+8*4+8*3)
	if _, err := io.ReadFull(tr, head); err != nil {
		return nil, 0, 0, fmt.Errorf("%w: %w", errFilterFile, err)
	}
	h := head[len(filterMagic):]
	switch {
	case string(head[:len(filterMagic)]) != filterMagic:
		return nil, 0, 0, fmt.Errorf("%w: not a band filter", errFilterFile)
	case len(token) != 8 || binary.BigEndian.Uint64(h[0:]) != binary.BigEndian.Uint64(token):
		return nil, 0, 0, fmt.Errorf("%w: saved for another database", errFilterFile)
	case binary.BigEndian.Uint64(h[8:]) != txid:
		return nil, 0, 0, fmt.Errorf("%w: saved at transaction %d, the database is at %d", errFilterFile, binary.BigEndian.Uint64(h[8:]), txid)
	}
	keys, capKeys = uint(binary.BigEndian.Uint64(h[16:])), uint(binary.BigEndian.Uint64(h[24:]))
	m, n := binary.BigEndian.Uint64(h[32:]), binary.BigEndian.Uint64(h[48:])
	if m == 0 || m > 8*filterMaxBytes || n != m || size != int64(len(head))+8*int64((m+63)/64)+8 {
		return nil, 0, 0, fmt.Errorf("%w: damaged (size)", errFilterFile)
	}
	f = &bloom.BloomFilter{}
	if _, err := f.ReadFrom(io.MultiReader(bytes.NewReader(h[32:]), tr)); err != nil {
		return nil, 0, 0, fmt.Errorf("%w: %w", errFilterFile, err)
	}
	want := sum.Sum64()
	var got uint64
	if err := binary.Read(r, binary.BigEndian, &got); err != nil || got != want {
		return nil, 0, 0, fmt.Errorf("%w: damaged (checksum)", errFilterFile)
	}
	if f.Cap() == 0 || f.K() == 0 || capKeys == 0 {
		return nil, 0, 0, fmt.Errorf("%w: empty filter", errFilterFile)
	}
	return f, keys, capKeys, nil
}
