//go:build !unix && !windows

package storelock

import (
	"errors"
	"os"
)

func lockFile(f *os.File) error { return errors.New("file locks are not supported on this system") }

func unlockFile(f *os.File) {}

func removeHeld(path string) { os.Remove(path) }
