//go:build linux

package running

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// listProcs reads /proc. Names are the executable's base name (readable
// for our own processes) and the comm (readable for all, 15 bytes at most).
func listProcs() ([]procInfo, error) {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil, err
	}
	uid := os.Getuid()
	var out []procInfo
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid <= 0 {
			continue
		}
		dir := "/proc/" + e.Name()
		b, err := os.ReadFile(dir + "/stat")
		if err != nil {
			continue // exited meanwhile
		}
		comm, state, ppid, ok := parseProcStat(b)
		if !ok || state == 'Z' || state == 'X' {
			continue // a zombie no longer runs
		}
		p := procInfo{pid: pid, ppid: ppid}
		if exe, err := os.Readlink(dir + "/exe"); err == nil {
			// An upgraded browser still runs its deleted binary.
			exe = strings.TrimSuffix(exe, " (deleted)")
			p.path = exe
			p.names = append(p.names, filepath.Base(exe))
		}
		p.names = append(p.names, comm)
		if fi, err := os.Stat(dir); err == nil {
			if st, ok := fi.Sys().(*syscall.Stat_t); ok {
				p.sameUser = int(st.Uid) == uid
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// procArgs reads /proc/PID/cmdline. It refuses (ok=false) a process in
// another mount namespace (Flatpak, Snap): the paths it names are not
// ours, so "another profile" could be this very store.
func procArgs(pid int) ([]string, bool) {
	dir := "/proc/" + strconv.Itoa(pid)
	self, err1 := os.Readlink("/proc/self/ns/mnt")
	other, err2 := os.Readlink(dir + "/ns/mnt")
	if err1 != nil || err2 != nil || self != other {
		return nil, false
	}
	b, err := os.ReadFile(dir + "/cmdline")
	if err != nil {
		return nil, false
	}
	args := splitCmdline(b)
	return args, len(args) > 0
}

// pidAlive is kill(pid, 0), minus zombies: kill succeeds on a process that
// has exited but was not yet reaped.
func pidAlive(pid int) bool {
	if !killAlive(pid) {
		return false
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return !errors.Is(err, fs.ErrNotExist)
	}
	if _, state, _, ok := parseProcStat(b); ok && (state == 'Z' || state == 'X') {
		return false
	}
	return true
}
