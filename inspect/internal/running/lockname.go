package running

import (
	"strconv"
	"strings"
)

// ParseChromiumLock splits the target of a Chromium SingletonLock symlink,
// "hostname-pid", the way Chromium's ParseProcessSingletonLock does: at the
// last '-', because host names may contain dashes. ok is false when the
// host is empty or the pid is not a positive decimal number.
func ParseChromiumLock(target string) (host string, pid int, ok bool) {
	i := strings.LastIndexByte(target, '-')
	if i <= 0 {
		return "", 0, false
	}
	pid, ok = parsePID(target[i+1:])
	if !ok {
		return "", 0, false
	}
	return target[:i], pid, true
}

// ParseFirefoxLock reads the pid from the target of a Firefox profile
// `lock` symlink, "IP:+PID" ('+' when Firefox also holds the fcntl lock on
// .parentlock) or "IP:PID". The address is not returned: Firefox writes
// whatever gethostbyname gave it, often 127.0.0.1, so it says nothing
// reliable about the host.
func ParseFirefoxLock(target string) (pid int, ok bool) {
	i := strings.LastIndexByte(target, ':')
	if i <= 0 {
		return 0, false
	}
	return parsePID(strings.TrimPrefix(target[i+1:], "+"))
}

// parsePID accepts only plain positive decimals that fit a pid_t: a zero or
// negative pid given to kill(2) would signal a whole process group.
func parsePID(s string) (int, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil || n <= 0 {
		return 0, false
	}
	return int(n), true
}
