//go:build darwin

package running

import (
	"os"
	"os/exec"
)

// listProcs runs ps (no cgo: sysctl's kinfo_proc would only give 16-byte
// names). comm is the full executable path on macOS.
func listProcs() ([]procInfo, error) {
	cmd := exec.Command("/bin/ps", "-axww", "-o", "pid=,ppid=,uid=,stat=,comm=")
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	return parsePS(string(out), os.Getuid()), nil
}

// procArgs is not read on macOS: without it every browser process counts
// as possibly using the store (the safe side).
func procArgs(int) ([]string, bool) { return nil, false }

// pidAlive is kill(pid, 0); launchd reaps zombies at once.
func pidAlive(pid int) bool { return killAlive(pid) }
