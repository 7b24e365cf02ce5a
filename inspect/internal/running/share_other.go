//go:build !windows

package running

// shareLock reports nothing outside Windows, where browsers lock their
// profile with symlinks and fcntl instead of share modes.
func shareLock(string, bool) (lockSignal, error) { return lockSignal{}, nil }
