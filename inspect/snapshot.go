package inspect

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the real SQLite engine, pure Go
)

// A live browser store must never be written to, locked, or given sidecar
// files by a reader. Two ways honour that:
//
//   - direct: when the store has no pending journal or WAL content, open it
//     with SQLite's immutable=1 (no locks, no -shm/-wal files, no writes) and
//     check afterwards that nothing changed while we read (a seqlock on the
//     file's size, mtime and header change counter, and on its sidecars). A
//     changed store makes the read void and falls back to:
//   - snapshot: copy the database with its -wal/-journal into a private 0700
//     temporary directory, checking the same fingerprint around the copy, and
//     let SQLite replay the WAL or roll back a hot journal in the copy. The
//     directory is always removed.
//
// Firefox holds an exclusive lock and keeps new cookies in the WAL while it
// runs, so its store is read through a snapshot then; a closed browser's store
// (or Chromium's, which holds no lock between transactions) is read directly.

// maxSnapshotTries bounds the retries when a browser keeps writing while we copy.
const maxSnapshotTries = 5

// fileFingerprint identifies one state of a file cheaply.
type fileFingerprint struct {
	exists  bool
	size    int64
	modTime time.Time
}

func fingerprintFile(path string) (fileFingerprint, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return fileFingerprint{}, nil
	}
	if err != nil {
		return fileFingerprint{}, err
	}
	return fileFingerprint{exists: true, size: fi.Size(), modTime: fi.ModTime()}, nil
}

// storeFingerprint is the state of a database and its sidecars.
type storeFingerprint struct {
	db, wal, journal fileFingerprint
	header           [100]byte
}

func fingerprintStore(path string) (storeFingerprint, error) {
	var fp storeFingerprint
	var err error
	if fp.db, err = fingerprintFile(path); err != nil {
		return fp, err
	}
	if !fp.db.exists {
		return fp, fmt.Errorf("open %s: %w", path, os.ErrNotExist)
	}
	if fp.wal, err = fingerprintFile(path + "-wal"); err != nil {
		return fp, err
	}
	if fp.journal, err = fingerprintFile(path + "-journal"); err != nil {
		return fp, err
	}
	f, err := os.Open(path)
	if err != nil {
		return fp, err
	}
	defer f.Close()
	if _, err := io.ReadFull(f, fp.header[:]); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return fp, errNotSQLite
		}
		return fp, err
	}
	if !bytes.HasPrefix(fp.header[:], sqliteMagic) {
		return fp, errNotSQLite
	}
	return fp, nil
}

var (
	sqliteMagic  = []byte("SQLite format 3\x00")
	errNotSQLite = &Problem{Kind: ProblemNotSQLite}
)

// pending reports whether the sidecars hold content that the main file lacks.
func (fp storeFingerprint) pending() bool {
	return fp.wal.size > 0 || fp.journal.size > 0
}

func (fp storeFingerprint) equal(o storeFingerprint) bool {
	same := func(a, b fileFingerprint) bool {
		return a.exists == b.exists && a.size == b.size && a.modTime.Equal(b.modTime)
	}
	return same(fp.db, o.db) && same(fp.wal, o.wal) && same(fp.journal, o.journal) && fp.header == o.header
}

// errStoreChanged voids a direct read: the store changed while we read it.
var errStoreChanged = &Problem{Kind: ProblemChangedInRead}

// withStoreDB runs query against a consistent view of the SQLite store at
// path, without writing, locking or leaving files beside it. query may run
// more than once (after a void direct read), so it must reset its results.
// It reports how the store was read ("direct" or "snapshot").
func withStoreDB(ctx context.Context, path string, query func(*sql.DB) error) (mode string, err error) {
	before, err := fingerprintStore(path)
	if err != nil {
		return "", err
	}
	if !before.pending() {
		err := readDirect(ctx, path, before, query)
		if err == nil {
			return "direct", nil
		}
		if !errors.Is(err, errStoreChanged) {
			return "", err
		}
	}
	return "snapshot", readSnapshot(ctx, path, query)
}

func readDirect(ctx context.Context, path string, before storeFingerprint, query func(*sql.DB) error) error {
	db, err := sql.Open("sqlite", sqliteURI(path, "mode=ro&immutable=1"))
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(1)
	qerr := query(db)
	db.Close()
	after, ferr := fingerprintStore(path)
	if ferr != nil || !before.equal(after) {
		return errStoreChanged
	}
	if qerr != nil && isCorruptionLike(qerr) && ctx.Err() == nil {
		// A torn read can look like corruption; the copy decides.
		return errStoreChanged
	}
	return qerr
}

func readSnapshot(ctx context.Context, path string, query func(*sql.DB) error) error {
	dir, err := PrivateTempDir("snapshot")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	copyPath := filepath.Join(dir, filepath.Base(path))
	var lastErr error
	for try := 0; try < maxSnapshotTries; try++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if try > 0 {
			time.Sleep(time.Duration(try*50) * time.Millisecond)
		}
		lastErr = copyStore(path, copyPath)
		if lastErr == nil {
			break
		}
		if !errors.Is(lastErr, errStoreChanged) {
			return lastErr
		}
	}
	if lastErr != nil {
		return &Problem{Kind: ProblemKeptChanging, N: maxSnapshotTries}
	}
	// On the private copy SQLite reads the WAL (read-only: no checkpoint
	// work at close) or, read-write, rolls back a hot journal, as the
	// browser would at its next start.
	mode := "mode=ro"
	if fi, err := os.Stat(copyPath + "-journal"); err == nil && fi.Size() > 0 {
		mode = "mode=rw"
	}
	db, err := sql.Open("sqlite", sqliteURI(copyPath, mode))
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(1)
	defer db.Close()
	return query(db)
}

// copyStore copies the database and its sidecars, and fails with
// errStoreChanged when any of them changed during the copy.
func copyStore(src, dst string) error {
	for _, suffix := range []string{"", "-wal", "-journal"} {
		os.Remove(dst + suffix)
	}
	before, err := fingerprintStore(src)
	if err != nil {
		return err
	}
	// The WAL first: frames appended after we copied it are simply missing
	// from the snapshot, while a checkpoint into the main file shows in the
	// fingerprint.
	for _, suffix := range []string{"-wal", "-journal", ""} {
		if _, err := copyPrivate(src+suffix, dst+suffix, false); err != nil {
			if suffix != "" && errors.Is(err, os.ErrNotExist) {
				continue
			}
			return err
		}
	}
	after, err := fingerprintStore(src)
	if err != nil {
		return err
	}
	if !before.equal(after) {
		return errStoreChanged
	}
	return nil
}

// sqliteURI builds a file: URI so that no character of path can inject URI
// parameters.
func sqliteURI(path, params string) string {
	p := filepath.ToSlash(path)
	if runtime.GOOS == "windows" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return "file:" + (&url.URL{Path: p}).EscapedPath() + "?" + params
}

// isCorruptionLike recognises errors a torn read can produce.
func isCorruptionLike(err error) bool {
	return isSQLiteCode(err, sqliteCorrupt, sqliteNotADB, sqliteIOErr)
}

// tempRoot is where private temporary directories go; tests may change it.
var tempRoot = ""

// PrivateTempDir creates a 0700 temporary directory for files that hold
// cookie values. The caller removes it.
func PrivateTempDir(purpose string) (string, error) {
	dir, err := os.MkdirTemp(tempRoot, "ofgl-cookies-"+purpose+"-")
	if err != nil {
		return "", err
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}
