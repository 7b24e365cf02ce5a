// Package atomicfile replaces a file's content so that a crash or a full
// disk leaves either the old content or the new one, never a mix: the
// data goes to a temporary file in the same directory, which is synced
// and then renamed over the original (curl's pattern for its cookie jar).
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// Seams for tests: an error injected here must leave nothing behind.
var (
	rename    = os.Rename
	afterSync = func(*os.File) error { return nil }
)

// FailDirSync, when set, replaces the directory sync after the rename: the
// tests of other packages use it to see what a failing directory fsync
// does to them, which no file system here can be made to do on demand.
var FailDirSync func(dir string) error

// SyncError says the file was replaced (the rename happened, readers see
// the new content) but its directory could not be synced, so the change
// may not survive a crash. The caller must not report "nothing changed".
type SyncError struct {
	Path string
	Err  error
}

func (e *SyncError) Error() string {
	return "atomicfile: " + e.Path + " was replaced, but syncing its directory failed: " + e.Err.Error()
}

func (e *SyncError) Unwrap() error { return e.Err }

// Replace atomically sets the content of the file at path to data.
//
//   - The new file gets the original's permission bits, or 0600 if there
//     was no file (cookie jars hold credentials). On Unix it also keeps
//     the original's owner and group, and fails if it cannot (say, run
//     as another user), rather than hand a user's jar to someone else.
//   - If path is a symlink, the file it points to is replaced and the link
//     is left alone. A dangling link, a directory or any other non-regular
//     file is an error.
//   - The temporary file is created with O_CREATE|O_EXCL next to the
//     target, synced, renamed over it, and the directory is synced (not
//     on Windows, where directories cannot be opened for syncing).
//   - On any error before the rename, the temporary file is removed and
//     the original is untouched. An unwritable directory fails at the
//     first step, leaving nothing behind.
//
// Other hard links to the original keep the old content: rename gives
// the path a new inode.
func Replace(path string, data []byte) error {
	target, info, err := resolve(path)
	if err != nil {
		return err
	}
	perm := fs.FileMode(0o600)
	if info != nil {
		perm = info.Mode().Perm()
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("atomicfile: cannot create a temporary file next to %s: %w", target, err)
	}
	tmpName := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	// CreateTemp used 0600 and the umask; set the exact bits wanted.
	if err := tmp.Chmod(perm); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("atomicfile: %w", err)
	}
	if info != nil {
		if err := keepOwner(tmp, info); err != nil {
			return fmt.Errorf("atomicfile: cannot keep the owner of %s: %w", target, err)
		}
	}
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	if err := afterSync(tmp); err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	if err := rename(tmpName, target); err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	ok = true
	sync := syncDir
	if FailDirSync != nil {
		sync = FailDirSync
	}
	if err := sync(dir); err != nil {
		return &SyncError{Path: target, Err: err}
	}
	return nil
}

// resolve follows symlinks to the file to replace and returns its info,
// or nil info if path does not exist (and is not a dangling link).
func resolve(path string) (string, fs.FileInfo, error) {
	li, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, nil, nil
	}
	if err != nil {
		return "", nil, fmt.Errorf("atomicfile: %w", err)
	}
	target := path
	if li.Mode()&fs.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(path); err != nil {
			return "", nil, fmt.Errorf("atomicfile: %s is a symlink that cannot be followed: %w", path, err)
		}
	}
	info, err := os.Stat(target)
	if err != nil {
		return "", nil, fmt.Errorf("atomicfile: %w", err)
	}
	if !info.Mode().IsRegular() {
		return "", nil, fmt.Errorf("atomicfile: %s is not a regular file", target)
	}
	return target, info, nil
}

// syncDir makes the rename durable. Windows cannot open a directory for
// this; some file systems do not support it and say so.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) {
		return err
	}
	return nil
}
