//go:build unix

package running

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// fcntlLock tests the fcntl (POSIX record) lock Firefox holds on
// .parentlock while it runs. The file stays after Firefox exits, so the
// lock, not the file, is the signal. F_GETLK only asks: nothing is locked.
// Closing our descriptor would drop locks this process held on the file;
// it holds none.
func fcntlLock(path string) (lockSignal, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return lockSignal{}, nil
	}
	if err != nil {
		return lockSignal{}, err
	}
	if !fi.Mode().IsRegular() {
		// A FIFO would block the open; Firefox never makes one.
		return lockSignal{path: path, state: lockUnknown, note: LockNote{Kind: NoteNotRegular}}, nil
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return lockSignal{}, nil
	}
	if err != nil {
		return lockSignal{}, err
	}
	defer f.Close()
	lk := unix.Flock_t{Type: unix.F_WRLCK, Whence: io.SeekStart}
	if err := unix.FcntlFlock(f.Fd(), unix.F_GETLK, &lk); err != nil {
		// No record locks on this file system (NFS without lockd):
		// Firefox could not take one either and relies on the symlink.
		return lockSignal{}, nil
	}
	if lk.Type == unix.F_UNLCK {
		return lockSignal{path: path, state: lockFree}, nil
	}
	l := lockSignal{path: path, state: lockHeld, note: LockNote{Kind: NoteFcntl}}
	if lk.Pid > 0 {
		// OFD locks report -1; another pid namespace may report 0.
		l.pid = int(lk.Pid)
	}
	return l, nil
}

// killAlive is kill(pid, 0): no error or EPERM (someone else's process)
// means the pid exists. A pid <= 0 would address a process group: report
// it alive rather than call kill.
func killAlive(pid int) bool {
	if pid <= 0 {
		return true
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
