package inspect

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ofgl/ofgl-cookies/inspect/internal/atomicfile"
)

// undo --restore-file puts a batch's backup files back in place of a
// store, each under the real name and in the real place it was copied
// from, through a temporary file renamed over the original (then the
// directory is synced), and checks by SHA-256 that each restored file is
// its backup byte for byte.

// RestoredFile is one file a restore put back (or would put back).
type RestoredFile struct {
	Path string // where it went: the store's own file
	Size int64
}

// RestoreBackup puts a batch's backup files back in place of its stores,
// reverting every change the browser made since the deletion too: callers
// must warn and ask first. The browser must be closed. Each store is
// locked for the whole restore; the batch is then marked restored, and
// its backups, which can no longer serve, are removed.
func RestoreBackup(ctx context.Context, stateDir, id string, opts DeleteOptions) ([]UndoResult, error) {
	opts = undoOptions(stateDir, opts, "restore")
	b, err := openBatch(stateDir, id)
	if err != nil {
		return nil, err
	}
	var results []UndoResult
	for i := range b.Stores {
		if !restorable(b.Stores[i]) {
			continue
		}
		results = append(results, restoreStore(ctx, stateDir, b.ID, i, opts))
	}
	return results, finishBatch(stateDir, b.ID, BatchRestored, opts)
}

// PlanRestore says what RestoreBackup would do, changing nothing: the
// files it would put back, where, and the stores it would refuse.
func PlanRestore(ctx context.Context, stateDir, id string, opts DeleteOptions) ([]UndoResult, error) {
	return planBatch(stateDir, id, undoOptions(stateDir, opts, "restore"), restorable, func(bs BatchStore, r *UndoResult) {
		r.Restored, r.Cookies = storeCookieCount(bs), storeLabels(bs)
		if r.Refused {
			return
		}
		targets, err := checkBackup(bs)
		if err != nil {
			r.Err = err
		}
		for i, f := range bs.Backup {
			if i < len(targets) {
				r.Files = append(r.Files, RestoredFile{Path: targets[i], Size: f.Size})
			}
		}
		r.Removed = staleSidecars(bs, targets, false)
	})
}

// restorable reports whether a store of a batch was changed and has a
// backup to put back.
func restorable(bs BatchStore) bool {
	if len(bs.Backup) == 0 {
		return false
	}
	switch bs.Status {
	case StoreUntouched, StoreFailed, StoreRefused, StoreRestored:
		return false
	}
	return true
}

func restoreStore(ctx context.Context, stateDir, id string, i int, opts DeleteOptions) UndoResult {
	b, r, release := lockBatchStore(ctx, stateDir, id, i, opts, restorable)
	if release == nil {
		return r
	}
	defer release()
	bs := b.Stores[i]
	files, err := restoreFiles(bs)
	r.Files = files
	if err != nil {
		r.Err = err
		return r
	}
	r.Restored = storeCookieCount(bs)
	r.Cookies = storeLabels(bs)
	err = updateBatch(ctx, stateDir, id, opts, func(b *Batch) {
		s := &b.Stores[i]
		s.Status = StoreRestored
		s.Restored = append(s.Restored, fmt.Sprintf("%d files restored from the backup", len(files)))
	})
	if err != nil {
		r.Err = problem(ProblemRecordNotUpdated, err)
	}
	return r
}

// checkBackup checks every copy of a store's backup against its SHA-256
// and returns where each goes back.
func checkBackup(bs BatchStore) ([]string, error) {
	targets, err := originalPaths(bs)
	if err != nil {
		return nil, err
	}
	for _, f := range bs.Backup {
		sum, _, err := fileSHA256(filepath.Join(bs.BackupDir, f.Name))
		if err != nil {
			return targets, &Problem{Kind: ProblemBackupUnreadable, Subject: f.Name, Detail: OneLine(err.Error()), Err: err, Unchanged: true}
		}
		if sum != f.SHA256 {
			return targets, &Problem{Kind: ProblemBackupDamaged, Subject: f.Name, Unchanged: true}
		}
	}
	return targets, nil
}

// staleSidecars lists the -wal, -journal and -shm files beside a SQLite
// store that its backup lacks: SQLite would replay them onto the restored
// file, so a restore removes them. With all, the sidecars the backup
// replaces are listed too.
func staleSidecars(bs BatchStore, targets []string, all bool) []string {
	if bs.Table == "" {
		return nil
	}
	inBackup := map[string]bool{}
	for _, t := range targets {
		inBackup[t] = true
	}
	main := absPath(bs.Store.Path)
	var out []string
	for _, suffix := range []string{"-wal", "-journal", "-shm"} {
		p := main + suffix
		if _, err := os.Lstat(p); err == nil && (all || !inBackup[p]) {
			out = append(out, p)
		}
	}
	return out
}

// restoreFiles puts every backup file of a store back where it came from.
// Every copy is checked before anything is touched; each file is written
// atomically and read back to compare its SHA-256 with the backup's.
func restoreFiles(bs BatchStore) ([]RestoredFile, error) {
	targets, err := checkBackup(bs)
	if err != nil {
		return nil, err
	}
	// A SQLite store: every current sidecar goes first (a WAL or journal of
	// the current file must never be replayed onto the restored one), then
	// the main file, then the sidecars of the backup: a crash in between
	// leaves a consistent file, never a file with a foreign WAL.
	for _, p := range staleSidecars(bs, targets, true) {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, describeWriteError(err)
		}
	}
	var done []RestoredFile
	for i, f := range bs.Backup {
		data, err := os.ReadFile(filepath.Join(bs.BackupDir, f.Name))
		if err != nil {
			return done, err
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != f.SHA256 {
			return done, &Problem{Kind: ProblemBackupChanged, Subject: f.Name}
		}
		if err := atomicfile.Replace(targets[i], data); err != nil {
			return done, describeWriteError(err)
		}
		if i > 0 && bs.Table != "" {
			// The sidecar was removed first: it gets the main file's mode,
			// as SQLite gives it.
			if fi, err := os.Stat(targets[0]); err == nil {
				os.Chmod(targets[i], fi.Mode().Perm())
			}
		}
		got, err := os.ReadFile(targets[i])
		if err != nil {
			return done, err
		}
		if !bytes.Equal(got, data) {
			return done, &Problem{Kind: ProblemRestoreDiffers, Subject: filepath.Base(targets[i])}
		}
		done = append(done, RestoredFile{Path: targets[i], Size: int64(len(data))})
	}
	return done, nil
}

// originalPaths returns, for each backup file of a store, the path it was
// copied from. Manifests written before the path was recorded name the
// files of a SQLite store, a cookies.txt or a binarycookies file by their
// own base name beside the store, and a session store's files as
// "NN-base", NN being the rank of the file among those the entries came
// from.
func originalPaths(bs BatchStore) ([]string, error) {
	var sessionFiles []string
	seen := map[string]bool{}
	for _, e := range bs.Entries {
		if e.File != "" && !seen[e.File] {
			seen[e.File] = true
			sessionFiles = append(sessionFiles, e.File)
		}
	}
	out := make([]string, len(bs.Backup))
	for i, f := range bs.Backup {
		switch {
		case f.Original != "":
			if !belongsToStore(bs, f.Original) {
				return nil, &Problem{Kind: ProblemBackupForeign, Subject: f.Name, Detail: f.Original, Unchanged: true}
			}
			out[i] = f.Original
		case bs.Store.Kind == KindFirefoxSession:
			rank, base, ok := strings.Cut(f.Name, "-")
			n, err := strconv.Atoi(rank)
			if !ok || err != nil || n < 1 || n > len(sessionFiles) || filepath.Base(sessionFiles[n-1]) != base {
				return nil, &Problem{Kind: ProblemBackupUnknown, Subject: f.Name, Unchanged: true}
			}
			out[i] = sessionFiles[n-1]
		default:
			if f.Name != filepath.Base(f.Name) || f.Name == "." || f.Name == ".." {
				return nil, &Problem{Kind: ProblemBackupUnknown, Subject: f.Name, Unchanged: true}
			}
			out[i] = filepath.Join(filepath.Dir(bs.Store.Path), f.Name)
		}
	}
	return out, nil
}

// belongsToStore reports whether path is one of a store's own files: the
// store, one of its SQLite sidecars, or a session store file inside its
// profile. A restore writes nowhere else, whatever a manifest says.
func belongsToStore(bs BatchStore, path string) bool {
	main := absPath(bs.Store.Path)
	path = filepath.Clean(path)
	switch path {
	case main, main + "-wal", main + "-journal":
		return true
	}
	if bs.Store.Kind == KindFirefoxSession {
		profile := bs.Store.ProfileDir
		if profile == "" {
			profile = filepath.Dir(main)
		}
		for _, f := range firefoxAllSessionFiles(profile) {
			if filepath.Clean(absPath(f)) == path {
				return true
			}
		}
		return insideDir(absPath(profile), path) && strings.HasSuffix(path, "lz4")
	}
	return false
}
