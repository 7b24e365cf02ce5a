//go:build linux

package running

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// These tests run Debian's chromium and firefox-esr. A missing browser
// skips them, or fails them when the environment variable CI is set.

// requireBrowser finds a browser binary.
func requireBrowser(t *testing.T, names ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("real-browser test skipped with -short")
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("%s not installed (apt-get install chromium firefox-esr)", strings.Join(names, " or "))
	if os.Getenv("CI") != "" {
		t.Fatal(msg + "; a missing browser is a failure in CI")
	}
	t.Skip(msg)
	return ""
}

// closer serves a page that closes its window once told to, which is the
// clean way to stop a headless browser (SIGTERM is not one).
type closer struct {
	srv   *httptest.Server
	close atomic.Bool
}

func newCloser(t *testing.T) *closer {
	c := &closer{}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<!doctype html><title>close</title><script>
setInterval(function () {
  fetch("/state").then(function (r) { return r.text() }).then(function (s) { if (s === "close") window.close() })
}, 200)
</script>`)
	})
	mux.HandleFunc("/state", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if c.close.Load() {
			fmt.Fprint(w, "close")
		}
	})
	c.srv = httptest.NewServer(mux)
	t.Cleanup(c.srv.Close)
	return c
}

// browserRun is one browser started in its own process group.
type browserRun struct {
	t      *testing.T
	cmd    *exec.Cmd
	pgid   int
	marker string // a path only this run's command lines hold
	log    string
	done   chan struct{}
	gone   bool // every process of the run was seen gone
}

// startBrowser starts bin with a minimal environment (HOME and TMPDIR in
// the test's dirs) and kills whatever is left of it at cleanup.
func startBrowser(t *testing.T, root, bin string, args []string, marker string) *browserRun {
	t.Helper()
	home := filepath.Join(root, "home")
	tmp := filepath.Join(root, "tmp")
	for _, d := range []string{home, tmp} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	logf, err := os.CreateTemp(root, "browser-*.log")
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"HOME=" + home, "TMPDIR=" + tmp, "LANG=C.UTF-8",
		"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
	cmd.Dir = home
	cmd.Stdout, cmd.Stderr = logf, logf // files: Wait must not wait for helpers holding pipes
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := &browserRun{t: t, cmd: cmd, pgid: cmd.Process.Pid, marker: marker, log: logf.Name(), done: make(chan struct{})}
	go func() { cmd.Wait(); close(r.done) }()
	t.Cleanup(r.killAll)
	return r
}

// leftovers lists the live processes of the run: its process group, and
// anything whose command line holds the marker.
func (r *browserRun) leftovers() []int {
	ents, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		if len(f) < 3 || f[0] == "Z" || f[0] == "X" {
			continue
		}
		if pgrp, _ := strconv.Atoi(f[2]); pgrp == r.pgid {
			out = append(out, pid)
			continue
		}
		if cl, err := os.ReadFile("/proc/" + e.Name() + "/cmdline"); err == nil && bytes.Contains(cl, []byte(r.marker)) {
			out = append(out, pid)
		}
	}
	return out
}

// waitExit waits for the main process to exit and be reaped.
func (r *browserRun) waitExit(d time.Duration) bool {
	select {
	case <-r.done:
		return true
	case <-time.After(d):
		return false
	}
}

// waitGone waits until no process of the run is left.
func (r *browserRun) waitGone(d time.Duration) bool {
	deadline := time.Now().Add(d)
	for len(r.leftovers()) > 0 {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(100 * time.Millisecond)
	}
	r.gone = true
	return true
}

// killAll kills the group and any process of the run outside it, by pid.
func (r *browserRun) killAll() {
	if r.gone {
		return // the group id may belong to someone else by now
	}
	syscall.Kill(-r.pgid, syscall.SIGKILL)
	for _, pid := range r.leftovers() {
		syscall.Kill(pid, syscall.SIGKILL)
	}
	r.waitExit(5 * time.Second)
	r.waitGone(5 * time.Second)
}

// dumpLog shows the browser's output when a test fails.
func (r *browserRun) dumpLog() {
	if !r.t.Failed() {
		return
	}
	b, _ := os.ReadFile(r.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	r.t.Logf("browser output (tail):\n%s", b)
}

// waitLockPID waits for a lock symlink whose pid differs from notPID.
func waitLockPID(t *testing.T, r *browserRun, path string, parse func(string) (int, bool), notPID int) int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if target, err := os.Readlink(path); err == nil {
			if pid, ok := parse(target); ok && pid != notPID {
				return pid
			}
		}
		select {
		case <-r.done:
			r.dumpLog()
			t.Fatalf("browser exited before %s appeared", path)
		case <-time.After(100 * time.Millisecond):
		}
	}
	r.dumpLog()
	t.Fatalf("%s did not appear", path)
	return 0
}

// realProcesses runs the process check alone, as Check does.
func realProcesses(t *testing.T, o Owner, store string) []procSignal {
	t.Helper()
	procs, err := listProcs()
	if err != nil {
		t.Fatal(err)
	}
	g := gatherer{owner: o, family: o.Family, store: store, procs: indexProcs(procs), env: osVerdictEnv}
	return g.processes()
}

// checkProcessVerdicts asserts that the process check alone sees pid as
// using store, and not as a possible user of other.
func checkProcessVerdicts(t *testing.T, o Owner, store, other string, pid int) {
	t.Helper()
	found := false
	for _, p := range realProcesses(t, o, store) {
		if p.pid == pid {
			found = p.use == useSame
		}
	}
	if !found {
		t.Errorf("process check: pid %d not seen using %s: %+v", pid, store, realProcesses(t, o, store))
	}
	for _, p := range realProcesses(t, o, other) {
		if p.pid == pid {
			t.Errorf("process check: pid %d counted for %s: %+v", pid, other, p)
		}
	}
}

func mustCheck(t *testing.T, o Owner) Status {
	t.Helper()
	st, err := Check(o)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return st
}

func TestRealChromium(t *testing.T) {
	t.Parallel()
	bin := requireBrowser(t, "chromium")
	root := t.TempDir()
	udd := filepath.Join(root, "udd")
	lock := filepath.Join(udd, "SingletonLock")
	o := Owner{Browser: "chromium", Family: "chromium", UserDataDir: udd}
	args := func(url string) []string {
		return []string{"--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--password-store=basic", "--user-data-dir=" + udd, url}
	}
	parse := func(s string) (int, bool) { _, pid, ok := ParseChromiumLock(s); return pid, ok }

	// 1. Running, then SIGTERM: a stale SingletonLock once every process is gone.
	r := startBrowser(t, root, bin, args("about:blank"), udd)
	pid := waitLockPID(t, r, lock, parse, 0)
	t.Logf("SingletonLock names pid %d (started pid %d)", pid, r.cmd.Process.Pid)
	st := mustCheck(t, o)
	if !st.Running || st.Stale || st.OtherHost || !strings.Contains(st.Reason, fmt.Sprintf("process %d,", pid)) {
		t.Errorf("running Chromium: %+v", st)
	}
	t.Logf("running: %s", st.Reason)

	// Meanwhile another, closed, profile is not refused: this Chromium
	// provably uses its own --user-data-dir.
	other := filepath.Join(root, "other-udd")
	if err := os.Mkdir(other, 0o700); err != nil {
		t.Fatal(err)
	}
	oo := Owner{Browser: "chromium", Family: "chromium", UserDataDir: other}
	checkProcessVerdicts(t, o, udd, other, pid)
	closed := func(s Status) bool { return !s.Running && !s.Stale }
	if st := checkEventually(t, oo, closed); !closed(st) {
		t.Errorf("closed profile while another Chromium runs: %+v", st)
	}

	syscall.Kill(pid, syscall.SIGTERM)
	if r.waitExit(15 * time.Second) {
		// Helpers may outlive the main process for a moment; the network
		// service among them still has Cookies open.
		if left := r.leftovers(); len(left) > 0 {
			t.Logf("just after the main process exited, helpers %v left; process check without the test filter: %+v", left, realProcesses(t, o, udd))
		}
	}
	if !r.waitExit(15*time.Second) || !r.waitGone(15*time.Second) {
		t.Fatalf("Chromium did not exit after SIGTERM; left: %v", r.leftovers())
	}
	if _, err := os.Lstat(lock); err != nil {
		t.Errorf("no stale SingletonLock after SIGTERM (%v): Chromium changed?", err)
	} else {
		isStale := func(s Status) bool { return !s.Running && s.Stale }
		st = checkEventually(t, o, isStale)
		if !isStale(st) || !strings.Contains(st.Reason, fmt.Sprintf("process %d is gone", pid)) {
			t.Errorf("after SIGTERM: %+v", st)
		}
		t.Logf("after SIGTERM: %s", st.Reason)
	}
	r.dumpLog()

	// 2. A clean exit (window.close): no lock left, not stale.
	c := newCloser(t)
	r = startBrowser(t, root, bin, args(c.srv.URL+"/"), udd)
	pid2 := waitLockPID(t, r, lock, parse, pid)
	if st := mustCheck(t, o); !st.Running || !strings.Contains(st.Reason, fmt.Sprintf("process %d,", pid2)) {
		t.Errorf("running again (over the stale lock): %+v", st)
	}
	time.Sleep(time.Second) // let the page load and start polling
	c.close.Store(true)
	if !r.waitExit(20*time.Second) || !r.waitGone(10*time.Second) {
		r.dumpLog()
		t.Fatalf("Chromium did not exit on window.close(); left: %v", r.leftovers())
	}
	if _, err := os.Lstat(lock); !errors.Is(err, fs.ErrNotExist) {
		t.Logf("SingletonLock still there after a clean exit: %v", err)
	}
	st = checkEventually(t, o, closed)
	if !closed(st) {
		t.Errorf("after a clean exit: %+v", st)
	}
	t.Logf("after a clean exit: %s", st.Reason)
	r.dumpLog()
}

// firefoxUserJS is the prefs that make headless Firefox runs reliable
// (no crash-restore page, windows that scripts may close), minus the ones
// for the test site.
const firefoxUserJS = `user_pref("dom.allow_scripts_to_close_windows", true);
user_pref("browser.sessionstore.resume_from_crash", false);
user_pref("browser.startup.page", 0);
user_pref("dom.security.https_first", false);
user_pref("dom.security.https_first_schemeless", false);
user_pref("network.trr.mode", 5);
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("browser.aboutwelcome.enabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("datareporting.healthreport.uploadEnabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("app.normandy.enabled", false);
user_pref("app.update.enabled", false);
user_pref("extensions.update.enabled", false);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
user_pref("browser.safebrowsing.downloads.enabled", false);
`

func TestRealFirefox(t *testing.T) {
	t.Parallel()
	bin := requireBrowser(t, "firefox-esr", "firefox")
	root := t.TempDir()
	prof := filepath.Join(root, "profile")
	if err := os.Mkdir(prof, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prof, "user.js"), []byte(firefoxUserJS), 0o600); err != nil {
		t.Fatal(err)
	}
	lock := filepath.Join(prof, "lock")
	o := Owner{Browser: "firefox", Family: "firefox", ProfileDir: prof}
	args := func(url string) []string { return []string{"--headless", "--no-remote", "--profile", prof, url} }

	// 1. Running, then kill -9: a stale lock symlink to a dead pid.
	r := startBrowser(t, root, bin, args("about:blank"), prof)
	pid := waitLockPID(t, r, lock, ParseFirefoxLock, 0)
	t.Logf("lock names pid %d (started pid %d)", pid, r.cmd.Process.Pid)
	st := mustCheck(t, o)
	if !st.Running || st.Stale || !strings.Contains(st.Reason, fmt.Sprintf("process %d,", pid)) {
		t.Errorf("running Firefox: %+v", st)
	}
	t.Logf("running: %s", st.Reason)
	if fl, err := fcntlLock(filepath.Join(prof, ".parentlock")); err != nil || fl.state != lockHeld || fl.pid != pid {
		t.Errorf(".parentlock of a running Firefox: %+v, %v", fl, err)
	}

	other := filepath.Join(root, "other-profile")
	if err := os.Mkdir(other, 0o700); err != nil {
		t.Fatal(err)
	}
	checkProcessVerdicts(t, o, prof, other, pid)
	closed := func(s Status) bool { return !s.Running && !s.Stale }
	if st := checkEventually(t, Owner{Browser: "firefox", Family: "firefox", ProfileDir: other}, closed); !closed(st) {
		t.Errorf("closed profile while another Firefox runs: %+v", st)
	}

	syscall.Kill(pid, syscall.SIGKILL)
	if !r.waitExit(15*time.Second) || !r.waitGone(15*time.Second) {
		t.Fatalf("Firefox left processes after kill -9: %v", r.leftovers())
	}
	if target, err := os.Readlink(lock); err != nil {
		t.Errorf("no lock symlink after kill -9: %v", err)
	} else {
		isStale := func(s Status) bool { return !s.Running && s.Stale }
		st = checkEventually(t, o, isStale)
		if !isStale(st) || !strings.Contains(st.Reason, fmt.Sprintf("process %d is gone", pid)) {
			t.Errorf("after kill -9 (lock -> %s): %+v", target, st)
		}
		t.Logf("after kill -9: %s", st.Reason)
	}

	// 2. A clean exit (window.close): not running; Firefox 153 may leave
	// its lock symlink behind, which must then read as stale.
	c := newCloser(t)
	r = startBrowser(t, root, bin, args(c.srv.URL+"/"), prof)
	pid2 := waitLockPID(t, r, lock, ParseFirefoxLock, pid)
	if st := mustCheck(t, o); !st.Running || !strings.Contains(st.Reason, fmt.Sprintf("process %d,", pid2)) {
		t.Errorf("running again (over the stale lock): %+v", st)
	}
	time.Sleep(time.Second)
	c.close.Store(true)
	if !r.waitExit(20*time.Second) || !r.waitGone(10*time.Second) {
		r.dumpLog()
		t.Fatalf("Firefox did not exit on window.close(); left: %v", r.leftovers())
	}
	target, lerr := os.Readlink(lock)
	notRunning := func(s Status) bool { return !s.Running }
	st = checkEventually(t, o, notRunning)
	switch {
	case st.Running:
		t.Errorf("after a clean exit: %+v", st)
	case lerr == nil && !st.Stale:
		t.Errorf("lock left behind (-> %s) but not stale: %+v", target, st)
	case lerr != nil && st.Stale:
		t.Errorf("no lock left but stale: %+v", st)
	}
	t.Logf("after a clean exit (lock left: %v): %s", lerr == nil, st.Reason)
	r.dumpLog()
}
