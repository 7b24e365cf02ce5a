//go:build windows

package running

import (
	"errors"
	"unsafe"

	"golang.org/x/sys/windows"
)

// stillActive is GetExitCodeProcess's STILL_ACTIVE.
const stillActive = 259

// listProcs walks a Toolhelp snapshot. The path and owner come from
// OpenProcess; a process we cannot open belongs to another user (or is
// protected) and is not ours.
func listProcs() ([]procInfo, error) {
	me, err := currentUser()
	if err != nil {
		return nil, err
	}
	snap, err := windows.CreateToolhelp32Snapshot(windows.TH32CS_SNAPPROCESS, 0)
	if err != nil {
		return nil, err
	}
	defer windows.CloseHandle(snap)
	var out []procInfo
	buf := make([]uint16, windows.MAX_LONG_PATH) // one path buffer for all
	var e windows.ProcessEntry32
	e.Size = uint32(unsafe.Sizeof(e))
	for err = windows.Process32First(snap, &e); err == nil; err = windows.Process32Next(snap, &e) {
		p := procInfo{
			pid:   int(e.ProcessID),
			ppid:  int(e.ParentProcessID),
			names: []string{windows.UTF16ToString(e.ExeFile[:])},
		}
		p.path, p.sameUser = inspectProcess(e.ProcessID, me, buf)
		out = append(out, p)
	}
	if !errors.Is(err, windows.ERROR_NO_MORE_FILES) {
		return nil, err
	}
	return out, nil
}

// currentUser returns this process's user SID.
func currentUser() (*windows.SID, error) {
	tok, err := windows.OpenCurrentProcessToken()
	if err != nil {
		return nil, err
	}
	defer tok.Close()
	u, err := tok.GetTokenUser()
	if err != nil {
		return nil, err
	}
	return u.User.Sid.Copy()
}

// inspectProcess returns a process's executable path and whether it runs
// as user me; buf is scratch space for the path.
func inspectProcess(pid uint32, me *windows.SID, buf []uint16) (path string, sameUser bool) {
	if pid == 0 {
		return "", false
	}
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, pid)
	if err != nil {
		return "", false
	}
	defer windows.CloseHandle(h)
	n := uint32(len(buf))
	if windows.QueryFullProcessImageName(h, 0, &buf[0], &n) == nil {
		path = windows.UTF16ToString(buf[:n])
	}
	var tok windows.Token
	if windows.OpenProcessToken(h, windows.TOKEN_QUERY, &tok) != nil {
		return path, false
	}
	defer tok.Close()
	u, err := tok.GetTokenUser()
	if err != nil {
		return path, false
	}
	return path, windows.EqualSid(u.User.Sid, me)
}

// procArgs is not read on Windows (it would mean reading another process's
// memory): every browser process counts as possibly using the store.
func procArgs(int) ([]string, bool) { return nil, false }

// pidAlive asks OpenProcess: an invalid pid is gone, an access-denied one
// exists, and an opened one is alive until it has an exit code.
func pidAlive(pid int) bool {
	if pid <= 0 {
		return true
	}
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return !errors.Is(err, windows.ERROR_INVALID_PARAMETER)
	}
	defer windows.CloseHandle(h)
	var code uint32
	if windows.GetExitCodeProcess(h, &code) != nil {
		return true
	}
	return code == stillActive
}
