// Package running tells whether the browser that owns a cookie store is
// running, so that ofgl-cookies refuses to write to a store a live browser
// holds in memory (it would rewrite, or ignore, what we delete). It never
// writes; it only reads links, asks for locks and lists processes.
//
//	st, err := running.Check(running.Owner{Browser: "chromium", Family: "chromium", UserDataDir: udd})
//	if err != nil || st.Running {
//		// refuse, and show st.Reason (or err) to the user
//	}
//
// # Signals
//
// Profile locks, strongest first:
//   - Chromium, Linux/macOS: <user-data-dir>/SingletonLock, a symlink to
//     "hostname-pid" (ParseChromiumLock), removed on a clean exit and left
//     behind by a crash or a SIGTERM.
//   - Chromium, Windows: <user-data-dir>\lockfile, held open with
//     FILE_SHARE_READ and FILE_FLAG_DELETE_ON_CLOSE.
//   - Firefox, Linux/macOS: an fcntl lock on <profile>/.parentlock (or the
//     old parent.lock), tested with F_GETLK because the file stays after
//     exit; and the Linux <profile>/lock symlink to "IP:+PID"
//     (ParseFirefoxLock), which Firefox 153 may leave behind even after a
//     clean exit.
//   - Firefox, Windows: <profile>\parent.lock, held with share mode 0.
//
// A pid named by a symlink counts only if it is alive (kill(pid, 0), not a
// zombie; OpenProcess on Windows), looks like a browser of the family (pid
// reuse), and its command line does not name another profile.
//
// Then the process check: same-user processes whose executable or comm
// is the browser's (chromium, chrome, brave, msedge, opera, vivaldi-bin,
// firefox, firefox-esr, librewolf, Safari, epiphany, WebKitNetworkProcess…;
// /proc on Linux, ps on macOS, a Toolhelp snapshot on Windows). On Linux
// the command line (/proc/PID/cmdline) can prove which profile a process
// uses: Chromium --user-data-dir=DIR, Firefox --profile DIR or -P NAME
// (resolved through profiles.ini), absolute paths only, same mount
// namespace only. Helpers (Chromium --type=, Firefox -contentproc) whose
// parent is a browser process are covered by that parent. macOS and
// Windows command lines are not read, so there every browser process
// counts as possibly using the store.
//
// # Decision table
//
// The first row that applies wins:
//
//	#  signal                                                      Running  OtherHost  Stale
//	1  a profile lock is held: symlink names a live browser pid    yes      -          -
//	   on this host; fcntl lock held by another process; Windows
//	   lock file in use (sharing violation)
//	2  the Chromium lock names another host name                   yes      yes        -
//	3  a lock exists but cannot be read or parsed                  yes      -          -
//	4  a browser process whose command line names this profile     yes      -          -
//	5  a browser process whose profile cannot be told (no flag,    yes      -          -
//	   relative path, rewritten title, another mount namespace,
//	   macOS/Windows, orphaned helper)
//	6  a lock names a pid that is gone, reused by another program  no       -          yes
//	   or by a browser using another profile; a Chromium Windows
//	   lockfile that nobody holds
//	7  nothing above: no lock, free locks, and only processes      no       -          -
//	   that provably use other profiles
//
// So a process check alone never refuses a store whose locks say closed
// if the process provably uses another profile (rows 4-5 skip it), and a
// stale lock never refuses on its own (row 6). Check returns an error when
// it cannot decide (bad Owner, missing dir, unreadable lock, no process
// list); callers must refuse then too.
package running
