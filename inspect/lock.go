package inspect

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strconv"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect/internal/storelock"
)

// One writer per store: every step that changes a store (its backup, the
// transaction or rewrite, the verification, an undo or a restore) runs
// under an advisory lock on that store, taken across processes. The lock
// files live in the state directory's locks/ folder, hold no cookie data,
// and are removed when released; the kernel drops a dead holder's lock.

// DefaultLockWait is how long a run waits for another one that changes
// the same store before it gives up.
const DefaultLockWait = 5 * time.Second

// LockHolder describes another ofgl-cookies process that holds a lock.
type LockHolder = storelock.Holder

// BusyError says that another ofgl-cookies process kept a store (or the
// state directory) locked for the whole wait. Nothing was changed.
type BusyError struct {
	Store  StoreRef // zero for the state directory's own files
	Holder LockHolder
}

func (e *BusyError) Error() string {
	what := "the state directory"
	if e.Store.Path != "" {
		what = e.Store.Path
	}
	return "another ofgl-cookies process (pid " + itoa(e.Holder.PID) + ", " + e.Holder.Command + ") is changing " + what + "; nothing was changed"
}

func itoa(n int) string {
	if n == 0 {
		return "?"
	}
	return strconv.Itoa(n)
}

func locksDir(stateDir string) string { return filepath.Join(stateDir, "locks") }

// storeLockKey names the lock of a store. A Firefox session store spans
// several files of one profile: they share one lock.
func storeLockKey(ref StoreRef) string {
	p := ref.Path
	if ref.Kind == KindFirefoxSession && ref.ProfileDir != "" {
		p = filepath.Join(ref.ProfileDir, "sessionstore")
	}
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	} else if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	sum := sha256.Sum256([]byte(p))
	return "store-" + hex.EncodeToString(sum[:16]) + ".lock"
}

// lockStore takes the lock of one store for the whole protocol.
func lockStore(ctx context.Context, opts DeleteOptions, ref StoreRef) (release func(), err error) {
	return takeLock(ctx, opts, storeLockKey(lockRef(ref)), ref)
}

// lockState takes the lock of the state directory's own files (batch
// manifests, pruning).
func lockState(ctx context.Context, opts DeleteOptions) (release func(), err error) {
	return takeLock(ctx, opts, "state.lock", StoreRef{})
}

func takeLock(ctx context.Context, opts DeleteOptions, name string, ref StoreRef) (func(), error) {
	// The state directory is checked (never chmod-ed) before locks/ goes in it.
	if err := mkdirPrivate(opts.StateDir); err != nil {
		return nil, err
	}
	dir, err := storelock.Dir(locksDir(opts.StateDir))
	if err != nil {
		return nil, err
	}
	wait := opts.LockWait
	if wait <= 0 {
		wait = DefaultLockWait
	}
	command := opts.Command
	if command == "" {
		command = "delete"
	}
	var waiting func(storelock.Holder)
	if opts.OnLockWait != nil {
		waiting = func(h storelock.Holder) { opts.OnLockWait(ref, h) }
	}
	l, err := storelock.Acquire(ctx, filepath.Join(dir, name), command, wait, waiting)
	if busy, ok := err.(*storelock.BusyError); ok {
		return nil, &BusyError{Store: ref, Holder: busy.Holder}
	}
	if err != nil {
		return nil, err
	}
	return l.Release, nil
}
