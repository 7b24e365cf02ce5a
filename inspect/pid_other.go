//go:build !unix

package inspect

import "os"

// pidAlive reports whether a process with this id exists.
func pidAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
