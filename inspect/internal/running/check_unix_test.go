//go:build unix

package running

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// holdEnv makes the test binary a helper that holds an fcntl write lock on
// the file it names until its stdin closes, as Firefox does on .parentlock.
const holdEnv = "OFGL_RUNNING_TEST_HOLD_FCNTL"

func TestMain(m *testing.M) {
	if path := os.Getenv(holdEnv); path != "" {
		os.Exit(holdFcntl(path))
	}
	// Other packages' tests run browsers on this machine meanwhile; some
	// use their default profile, which the process check rightly counts
	// against every store. Look only at the browsers these tests start.
	keepProc = descendantOfTest
	os.Exit(m.Run())
}

// descendantOfTest accepts the processes this test binary started.
func descendantOfTest(p procInfo, t procTable) bool {
	me := os.Getpid()
	for i := 0; i < 64 && p.pid > 1; i++ {
		if p.ppid == me {
			return true
		}
		parent, ok := t[p.ppid]
		if !ok {
			return false
		}
		p = parent
	}
	return false
}

// holdFcntl is the helper's body.
func holdFcntl(path string) int {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	lk := unix.Flock_t{Type: unix.F_WRLCK, Whence: io.SeekStart}
	if err := unix.FcntlFlock(f.Fd(), unix.F_SETLK, &lk); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("locked")
	io.Copy(io.Discard, os.Stdin)
	return 0
}

// deadPID returns the pid of a process that has exited and been reaped.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// checkEventually calls Check until ok accepts the status or 8 s pass.
// Browsers other test packages run on this machine come and go; a refusal
// that names one of them is retried rather than failed at once.
func checkEventually(t *testing.T, o Owner, ok func(Status) bool) Status {
	t.Helper()
	deadline := time.Now().Add(8 * time.Second)
	for {
		st, err := Check(o)
		if err != nil {
			t.Fatalf("Check(%+v): %v", o, err)
		}
		if ok(st) || time.Now().After(deadline) {
			return st
		}
		t.Logf("retrying: %+v", st)
		time.Sleep(250 * time.Millisecond)
	}
}

func hostname(t *testing.T) string {
	t.Helper()
	h, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestCheckChromiumSyntheticLocks(t *testing.T) {
	host := hostname(t)
	tests := []struct {
		name   string
		target string
		want   func(Status) bool
		reason string
	}{
		{"other host", "elsewhere.example-4242", func(s Status) bool { return s.Running && s.OtherHost && !s.Stale }, `host "elsewhere.example"`},
		{"dead pid", fmt.Sprintf("%s-%d", host, deadPID(t)), func(s Status) bool { return !s.Running && s.Stale }, "is gone"},
		{"pid reused by a non-browser", fmt.Sprintf("%s-%d", host, os.Getpid()), func(s Status) bool { return !s.Running && s.Stale }, "is now"},
		{"garbage", "not a lock", func(s Status) bool { return s.Running && !s.Stale }, "cannot tell"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			udd := t.TempDir()
			if err := os.Symlink(tc.target, filepath.Join(udd, "SingletonLock")); err != nil {
				t.Fatal(err)
			}
			st := checkEventually(t, Owner{Browser: "chromium", Family: "chromium", UserDataDir: udd}, tc.want)
			if !tc.want(st) || !strings.Contains(st.Reason, tc.reason) {
				t.Errorf("Check = %+v; want reason with %q", st, tc.reason)
			}
		})
	}
}

func TestCheckFirefoxSyntheticLocks(t *testing.T) {
	prof := t.TempDir()
	o := Owner{Browser: "firefox", Family: "firefox", ProfileDir: prof}
	notRunning := func(s Status) bool { return !s.Running && !s.Stale }
	if st := checkEventually(t, o, notRunning); !notRunning(st) {
		t.Errorf("empty profile: %+v", st)
	}
	// .parentlock stays after exit: the file alone is no signal.
	if err := os.WriteFile(filepath.Join(prof, ".parentlock"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if st := checkEventually(t, o, notRunning); !notRunning(st) {
		t.Errorf("unlocked .parentlock: %+v", st)
	}
	dead := deadPID(t)
	if err := os.Symlink(fmt.Sprintf("127.0.0.1:+%d", dead), filepath.Join(prof, "lock")); err != nil {
		t.Fatal(err)
	}
	isStale := func(s Status) bool { return !s.Running && s.Stale }
	if st := checkEventually(t, o, isStale); !isStale(st) || !strings.Contains(st.Reason, fmt.Sprint(dead)) {
		t.Errorf("lock to a dead pid: %+v", st)
	}
}

// TestCheckFirefoxFcntlHeld holds .parentlock with fcntl from another
// process, with no lock symlink: that alone means running.
func TestCheckFirefoxFcntlHeld(t *testing.T) {
	prof := t.TempDir()
	lockPath := filepath.Join(prof, ".parentlock")
	if err := os.WriteFile(lockPath, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdEnv+"="+lockPath)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "locked\n" {
		t.Fatalf("helper: %q, %v", line, err)
	}
	if _, err := os.Lstat(filepath.Join(prof, "lock")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("lock symlink: %v", err)
	}
	o := Owner{Browser: "firefox", Family: "firefox", ProfileDir: prof}
	st, err := Check(o)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Running || st.Stale || !strings.Contains(st.Reason, fmt.Sprintf("process %d", cmd.Process.Pid)) ||
		!strings.Contains(st.Reason, lockPath) {
		t.Errorf("held .parentlock: %+v (helper pid %d)", st, cmd.Process.Pid)
	}
	t.Logf("held: %s", st.Reason)
	// Releasing the lock (the helper exits) makes the profile closed.
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	notRunning := func(s Status) bool { return !s.Running && !s.Stale }
	if st := checkEventually(t, o, notRunning); !notRunning(st) {
		t.Errorf("released .parentlock: %+v", st)
	}
}

func TestCheckErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, o := range []Owner{
		{},
		{Browser: "chromium", Family: "chromium"},
		{Browser: "chromium"}, // family inferred: the dir is still required
		{Browser: "firefox", Family: "firefox", ProfileDir: filepath.Join(dir, "missing")},
		{Browser: "firefox", Family: "firefox", ProfileDir: file},
		{Browser: "x", Family: "gecko"},
	} {
		if st, err := Check(o); err == nil {
			t.Errorf("Check(%+v) = %+v, want an error", o, st)
		}
	}
	// A family "other" browser needs no dir: only its processes count.
	if st, err := Check(Owner{Browser: "no-such-browser-xyz", Family: "other"}); err != nil || st.Running {
		t.Errorf("other family: %+v, %v", st, err)
	}
}
