package store

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/unionnews/unionnews/store/neardup"
)

// DefaultDir is the store directory used when Open is given "".
const DefaultDir = "data"

// dbFileName is the name of the bbolt file inside the store directory.
const dbFileName = "unionnews.db"

// defaultTimeout is how long Open waits for the file lock by default.
const defaultTimeout = time.Second

// Log attribute keys.
const (
	logKeyDB  = "db"
	logKeyID  = "id"
	logKeyN   = "n"
	logKeyTmp = "temp_files"
)

// Bucket names.
var (
	bucketArticles = []byte("articles") // id -> body reference, or record JSON (bodies.go)
	bucketURLs     = []byte("urls")     // canonical URL -> id
	bucketHashes   = []byte("hashes")   // content hash -> id
	bucketOrder    = []byte("order")    // site \x00 published \x00 id -> nothing
	bucketVisited  = []byte("visited")  // ID(url) -> RFC 3339 time visited
	bucketPending  = []byte("pending")  // id -> record JSON being written
	bucketBlocks   = []byte("blocks")   // boilerplate block counts (blocks.go)
	bucketVersions = []byte("versions") // id \x00 fetched_at -> earlier record JSON (versions.go)
	bucketOutcomes = []byte("outcomes") // canonical URL -> sites.URLOutcome JSON (outcomes.go)
)

var allBuckets = [][]byte{bucketArticles, bucketURLs, bucketHashes, bucketOrder, bucketVisited, bucketPending, bucketBlocks, bucketVersions, bucketOutcomes}

// laterBuckets were added after the first release: a read-only open of an
// older database finds them missing and reads them as empty.
var laterBuckets = map[string]bool{string(bucketVersions): true, string(bucketOutcomes): true}

// Options configures Open. A nil *Options means all defaults.
type Options struct {
	// Timeout bounds how long Open waits for the file lock. Zero means 1s.
	Timeout time.Duration
	// SyncFile, when set, is called instead of f.Sync() for every fsync
	// of a corpus file or directory: power-loss tests cut the power
	// there (powerloss_test.go). Nil means (*os.File).Sync.
	SyncFile func(f *os.File) error
	// ReadOnly opens the database for reading (export, stats). It shares
	// the lock with other readers but, like a writer, times out with
	// ErrInUse while a writer holds the database. Pending writes are not
	// repaired in this mode.
	ReadOnly bool
	// Logger receives repair reports. Nil means slog.Default().
	Logger *slog.Logger
	// Priority ranks sites for the stable choice of a story's canonical
	// copy (sites.Profile.Priority): among copies published at the same
	// moment the higher priority wins. Missing sites count as 0.
	Priority map[string]int

	// file is the database's file name inside dir ("" means
	// unionnews.db); Repair builds a new database under a temporary name.
	file string
}

// DB is the article store: one bbolt file plus the corpus of flat files.
// Its methods are safe for concurrent use.
type DB struct {
	bolt     *bolt.DB
	syncFile func(*os.File) error // Options.SyncFile, nil: f.Sync
	path     string
	corpus   string
	readOnly bool
	logger   *slog.Logger
	priority map[string]int
	nd       neardup.Params // near-duplicate index parameters (stored in the db)
	bands    bandFilter     // in front of the band keys' seeks (neardup_filter.go)
	queue    bandQueue      // band keys not yet in their bucket (neardup_queue.go)
	// noNearDup leaves new articles out of the near-duplicate index:
	// only the ingest benchmark sets it, to measure what the index costs.
	noNearDup bool

	// mu serialises the three steps of Put and the repair at Open, so
	// that two writers of the same text cannot both decide to store it.
	mu sync.Mutex
}

// Open opens the store in dir ("" means DefaultDir), creating dir, its
// corpus directory and the database as needed, and repairs writes that a
// crash interrupted (see the package documentation). It fails with
// ErrInUse when another process holds the database for longer than
// Options.Timeout.
func Open(dir string, opts *Options) (*DB, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if dir == "" {
		dir = DefaultDir
	}
	if o.Timeout <= 0 {
		o.Timeout = defaultTimeout
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	name := dbFileName
	if o.file != "" {
		name = o.file
	}
	path := filepath.Join(dir, name)
	corpus := filepath.Join(dir, corpusDirName)
	if !o.ReadOnly {
		if err := os.MkdirAll(corpus, 0o755); err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	}
	if o.ReadOnly {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("open %s: %w", path, ErrNoDatabase)
		}
	}
	bdb, err := openBolt(path, &bolt.Options{Timeout: o.Timeout, ReadOnly: o.ReadOnly})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("open %s: %w (another unionnews process has it open)", path, ErrInUse)
	}
	if err != nil {
		return nil, openError(path, err)
	}
	db := &DB{
		bolt:     bdb,
		syncFile: o.SyncFile,
		path:     path,
		corpus:   corpus,
		readOnly: o.ReadOnly,
		logger:   o.Logger.With(logKeyDB, path),
		priority: o.Priority,
	}
	db.bands.extra = db.queue.allKeys
	if err := db.init(); err != nil {
		_ = bdb.Close()
		return nil, openError(path, err)
	}
	return db, nil
}

// init creates the buckets and repairs pending writes, or, read-only,
// checks that the buckets exist.
func (db *DB) init() error {
	if db.readOnly {
		return db.view(func(tx *bolt.Tx) error {
			if err := checkBuckets(tx); err != nil {
				return err
			}
			if n := tx.Bucket(bucketPending).Stats().KeyN; n > 0 {
				db.logger.Warn("interrupted writes pending; open read-write to repair", logKeyN, n)
			}
			return db.loadParamsReadOnly(tx)
		})
	}
	if err := db.view(foreignCheck); err != nil {
		return err
	}
	if err := db.loadBandFilter(); err != nil {
		return err
	}
	rebuild := false
	err := db.update(func(tx *bolt.Tx) error {
		for _, name := range append(allBuckets[:len(allBuckets):len(allBuckets)], optionalBuckets...) {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		var err error
		if rebuild, err = db.initDedup(tx); err != nil {
			return err
		}
		return readyQueue(tx, db.nd, &db.queue, &db.bands)
	})
	if err != nil {
		return err
	}
	if err := db.repair(); err != nil {
		return err
	}
	return db.finishDedup(rebuild)
}

// Close closes the database. Files already written stay as they are.
// A writable store saves its near-duplicate band filter for the next
// session (neardup_filter_file.go); failing to is only logged, as the
// next session can build it again.
func (db *DB) Close() error {
	if err := db.FlushBands(); err != nil {
		db.logger.Warn("band queue not flushed; it stays queued in the database", logKeyFilterErr, err)
	}
	if err := db.saveBandFilter(); err != nil {
		db.logger.Warn("band filter not saved; the next session builds it again", logKeyFilterErr, err)
	}
	if err := db.bolt.Close(); err != nil {
		return fmt.Errorf("close %s: %w", db.path, err)
	}
	return nil
}

// Path returns the path of the bbolt file.
func (db *DB) Path() string { return db.path }

// CorpusDir returns the directory that holds the article files.
func (db *DB) CorpusDir() string { return db.corpus }

// repair completes every write left in the pending bucket: it removes
// the write's temporary files, writes the article files from the pending
// record and commits it (steps 2 and 3 of Put). Nothing a Put staged is
// lost.
func (db *DB) repair() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.repairLocked()
}

// repairLocked is repair for a caller that holds db.mu.
func (db *DB) repairLocked() error {
	var pending []Record
	var deletes []Record
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPending).ForEach(func(k, v []byte) error {
			e, err := decodePending(tx, v)
			if err != nil {
				return fmt.Errorf("pending %s: %w", k, err)
			}
			if e.Delete {
				deletes = append(deletes, e.Record)
			} else {
				pending = append(pending, e.Record)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, r := range deletes {
		if err := db.finishDelete(r); err != nil {
			return fmt.Errorf("repair %s: %w", r.ID, err)
		}
		db.logger.Info("repaired interrupted demotion", logKeyID, r.ID)
	}
	for _, r := range pending {
		n, err := removeTempFiles(db.corpus, r)
		if err != nil {
			return fmt.Errorf("repair %s: %w", r.ID, err)
		}
		if err := db.complete(r); err != nil {
			return fmt.Errorf("repair %s: %w", r.ID, err)
		}
		db.logger.Info("repaired interrupted write", logKeyID, r.ID, logKeyTmp, n)
	}
	return nil
}

// RepairFiles checks that the files of every article exist and rewrites
// missing ones from the records. It reads the whole database and stats
// two files per article, so Open does not call it (Open repairs only the
// writes left pending by a crash); run it after files were deleted or
// restored by hand. It returns how many articles it rewrote.
func (db *DB) RepairFiles() (int, error) {
	if db.readOnly {
		return 0, fmt.Errorf("repair files: %w", ErrReadOnly)
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	var missing []Record
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			v, err := recordBytes(tx, v)
			if err != nil {
				return fmt.Errorf("record %s: %w", k, err)
			}
			r, err := decodeRecord(v)
			if err != nil {
				return fmt.Errorf("decode %s: %w", k, err)
			}
			if !isCopy(r) && !filesExist(db.corpus, r) {
				missing = append(missing, r)
			}
			return nil
		})
	})
	if err != nil {
		return 0, fmt.Errorf("repair files: %w", err)
	}
	for i, r := range missing {
		if err := writeArticleFilesWith(db.syncFile, db.corpus, r); err != nil {
			return i, fmt.Errorf("repair files: %w", err)
		}
	}
	if len(missing) > 0 {
		db.logger.Info("rewrote missing article files", logKeyN, len(missing))
	}
	return len(missing), nil
}
