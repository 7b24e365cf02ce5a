// Package storelock is an advisory, cross-process lock on a file: one
// ofgl-cookies writer per cookie store at a time. The lock file records who
// holds it (process id, command, since when) so that a second run can name
// the first one. The kernel drops the lock when its holder dies, even by
// SIGKILL, so a crash never leaves a store locked.
package storelock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Holder describes the process that holds a lock.
type Holder struct {
	PID     int       // 0 when the lock file did not say
	Command string    // what it is doing, e.g. "delete"
	Since   time.Time // when it took the lock
}

// BusyError says the lock stayed held by another process for the whole
// wait.
type BusyError struct {
	Holder Holder
	Waited time.Duration
}

func (e *BusyError) Error() string {
	if e.Holder.PID == 0 {
		return fmt.Sprintf("held by another process (waited %s)", e.Waited.Round(time.Second))
	}
	return fmt.Sprintf("held by process %d (%s) since %s (waited %s)", e.Holder.PID, e.Holder.Command,
		e.Holder.Since.Format(time.TimeOnly), e.Waited.Round(time.Second))
}

// Lock is a lock this process holds.
type Lock struct {
	f    *os.File
	path string
}

// pollInterval is how often a waiting run tries again.
const pollInterval = 50 * time.Millisecond

// Acquire takes the lock at path, whose directory must exist. When another
// process holds it, waiting (if not nil) is called once with the holder,
// and Acquire tries again until wait has passed or ctx ends; then it
// returns a *BusyError naming the holder.
func Acquire(ctx context.Context, path, command string, wait time.Duration, waiting func(Holder)) (*Lock, error) {
	start := time.Now()
	told := false
	for {
		l, err := tryAcquire(path, command)
		if err == nil {
			return l, nil
		}
		if !errors.Is(err, errBusy) {
			return nil, err
		}
		holder := readHolder(path)
		waited := time.Since(start)
		if waited >= wait {
			return nil, &BusyError{Holder: holder, Waited: waited}
		}
		if !told && waiting != nil {
			waiting(holder)
			told = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(pollInterval):
		}
	}
}

var errBusy = errors.New("lock busy")

// tryAcquire opens the lock file and locks it without waiting. A lock file
// that its holder removed while this process opened it is a stale name:
// the inode check makes every process lock the same file.
func tryAcquire(path, command string) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, err
	}
	same, err := sameFile(f, path)
	if err != nil || !same {
		unlockFile(f)
		f.Close()
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		return tryAcquire(path, command)
	}
	info := fmt.Sprintf("%d\n%s\n%s\n", os.Getpid(), oneWord(command), time.Now().UTC().Format(time.RFC3339))
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(info), 0)
	}
	return &Lock{f: f, path: path}, nil
}

func sameFile(f *os.File, path string) (bool, error) {
	a, err := f.Stat()
	if err != nil {
		return false, err
	}
	b, err := os.Stat(path)
	if err != nil {
		return false, err
	}
	return os.SameFile(a, b), nil
}

// Release removes the lock file and drops the lock. The file goes while
// the lock is still held, so no other process can be holding it.
func (l *Lock) Release() {
	if l == nil || l.f == nil {
		return
	}
	removeHeld(l.path)
	unlockFile(l.f)
	l.f.Close()
	l.f = nil
}

// readHolder reads who holds a lock; a missing or odd file gives an empty
// Holder.
func readHolder(path string) Holder {
	data, err := os.ReadFile(path)
	if err != nil {
		return Holder{}
	}
	lines := strings.Split(string(data), "\n")
	var h Holder
	if len(lines) > 0 {
		h.PID, _ = strconv.Atoi(strings.TrimSpace(lines[0]))
	}
	if len(lines) > 1 {
		h.Command = oneWord(lines[1])
	}
	if len(lines) > 2 {
		h.Since, _ = time.Parse(time.RFC3339, strings.TrimSpace(lines[2]))
	}
	return h
}

// oneWord keeps a command name printable and short.
func oneWord(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if len(s) > 40 {
		s = s[:40]
	}
	return s
}

// Dir creates dir as a private (0700) directory for lock files if it is
// missing and returns it.
func Dir(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return filepath.Clean(dir), nil
}
