//go:build !unix

package running

// fcntlLock reports nothing where there are no fcntl locks (Windows:
// Firefox locks parent.lock by share mode, see shareLock).
func fcntlLock(string) (lockSignal, error) { return lockSignal{}, nil }
