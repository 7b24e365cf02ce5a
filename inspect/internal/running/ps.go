package running

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
)

// parseProcStat reads the comm, state and ppid of a Linux /proc/PID/stat
// line. The comm is in parentheses and may itself hold spaces and ')', so
// the fields after it are found from the last ')'.
func parseProcStat(b []byte) (comm string, state byte, ppid int, ok bool) {
	open := bytes.IndexByte(b, '(')
	closing := bytes.LastIndexByte(b, ')')
	if open < 0 || closing < open {
		return "", 0, 0, false
	}
	comm = string(b[open+1 : closing])
	f := strings.Fields(string(b[closing+1:]))
	if len(f) < 2 || len(f[0]) != 1 {
		return "", 0, 0, false
	}
	ppid, err := strconv.Atoi(f[1])
	if err != nil {
		return "", 0, 0, false
	}
	return comm, f[0][0], ppid, true
}

// splitCmdline splits a Linux /proc/PID/cmdline (NUL-separated argv).
func splitCmdline(b []byte) []string {
	b = bytes.TrimRight(b, "\x00")
	if len(b) == 0 {
		return nil
	}
	return strings.Split(string(b), "\x00")
}

// parsePS reads `ps -axww -o pid=,ppid=,uid=,stat=,comm=` as printed on
// macOS, where comm is the full executable path and may hold spaces
// ("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"), so it
// is the rest of the line. Zombies are left out: they no longer run.
func parsePS(out string, uid int) []procInfo {
	var ps []procInfo
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 5 {
			continue
		}
		pid, err1 := strconv.Atoi(f[0])
		ppid, err2 := strconv.Atoi(f[1])
		u, err3 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil || err3 != nil || pid <= 0 {
			continue
		}
		if strings.HasPrefix(f[3], "Z") {
			continue
		}
		// The comm starts after the fourth field, spaces kept.
		rest := line
		for i := 0; i < 4; i++ {
			rest = strings.TrimLeft(rest, " \t")
			if j := strings.IndexAny(rest, " \t"); j >= 0 {
				rest = rest[j:]
			} else {
				rest = ""
			}
		}
		comm := strings.TrimSpace(rest)
		if strings.HasPrefix(comm, "(") && strings.HasSuffix(comm, ")") {
			// ps wraps the name in parentheses when it cannot read argv.
			comm = comm[1 : len(comm)-1]
		}
		p := procInfo{pid: pid, ppid: ppid, sameUser: u == uid, names: []string{filepath.Base(comm)}}
		if strings.HasPrefix(comm, "/") {
			p.path = comm
		}
		ps = append(ps, p)
	}
	return ps
}
