//go:build unix

package storelock

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// flock locks are tied to the open file, not the process, and are dropped
// by the kernel when the last descriptor closes or the process dies.
func lockFile(f *os.File) error {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return errBusy
	}
	return err
}

func unlockFile(f *os.File) { unix.Flock(int(f.Fd()), unix.LOCK_UN) }

func removeHeld(path string) { os.Remove(path) }
