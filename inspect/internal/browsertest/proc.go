package browsertest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// RunTimeout bounds one browser run (start to exit, or a Stop). The
// environment variable OFGL_BROWSERTEST_TIMEOUT (a Go duration) overrides it,
// for slow or loaded machines.
var RunTimeout = runTimeoutFromEnv()

// runTimeoutFromEnv reads OFGL_BROWSERTEST_TIMEOUT, defaulting to 40 s.
func runTimeoutFromEnv() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("OFGL_BROWSERTEST_TIMEOUT")); err == nil && d > 0 {
		return d
	}
	return 40 * time.Second
}

// Tools holds the paths of the programs the helpers run.
type Tools struct {
	Chromium string // chromium launcher
	Firefox  string // firefox-esr (or firefox)
	SQLite3  string // sqlite3 CLI, to read copies of the stores
	Certutil string // NSS certutil, to trust the test CA in Firefox
}

// Require locates chromium, firefox-esr, sqlite3 and certutil. When one is
// missing it fails the test if the environment variable CI is non-empty (a
// missing browser is a failure in CI) and skips it otherwise.
func Require(t testing.TB) Tools {
	t.Helper()
	if testing.Short() {
		// The race-detector pass of CI runs with -short; the full pass runs these.
		t.Skip("real-browser test skipped with -short")
	}
	b, missing := lookBrowsers()
	if len(missing) > 0 {
		msg := fmt.Sprintf("browsertest: missing %s (apt-get install chromium firefox-esr sqlite3 libnss3-tools)", strings.Join(missing, ", "))
		if os.Getenv("CI") != "" {
			t.Fatal(msg + "; a missing browser is a failure in CI")
		}
		t.Skip(msg)
	}
	return b
}

var (
	browsersOnce    sync.Once
	browsersFound   Tools
	browsersMissing []string
)

// lookBrowsers finds the tools once per process.
func lookBrowsers() (Tools, []string) {
	browsersOnce.Do(func() {
		find := func(what string, names ...string) string {
			for _, n := range names {
				if filepath.IsAbs(n) {
					if fi, err := os.Stat(n); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
						return n
					}
					continue
				}
				if p, err := exec.LookPath(n); err == nil {
					return p
				}
			}
			browsersMissing = append(browsersMissing, what)
			return ""
		}
		browsersFound = Tools{
			Chromium: find("chromium", "/usr/bin/chromium", "chromium"),
			Firefox:  find("firefox-esr", "/usr/bin/firefox-esr", "firefox-esr", "firefox"),
			SQLite3:  find("sqlite3", "sqlite3"),
			Certutil: find("certutil", "certutil"),
		}
	})
	return browsersFound, browsersMissing
}

// tools returns the tool paths, failing the test when one is missing.
func tools(t testing.TB) Tools {
	t.Helper()
	b, missing := lookBrowsers()
	if len(missing) > 0 {
		t.Fatalf("browsertest: missing %s: call Require first", strings.Join(missing, ", "))
	}
	return b
}

// NewHome returns a fresh temporary HOME (mode 0700) removed after the test.
func NewHome(t testing.TB) string {
	t.Helper()
	home := filepath.Join(t.TempDir(), "home")
	if err := os.Mkdir(home, 0o700); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	return home
}

// browserEnv is the whole environment of a browser: nothing of the machine's
// own environment leaks in (no DISPLAY, no XDG_*, no proxy, no D-Bus).
func browserEnv(home, tmp string, extra ...string) []string {
	env := []string{
		"HOME=" + home,
		"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"LANG=C.UTF-8",
		// A short TMPDIR: Chromium's SingletonSocket path must fit in 107 bytes,
		// and its org.chromium.Chromium.* dirs go away with it.
		"TMPDIR=" + tmp,
	}
	return append(env, extra...)
}

// proc is one browser process group.
type proc struct {
	t       testing.TB
	name    string
	cmd     *exec.Cmd
	logPath string
	home    string
	done    chan struct{}
	waitErr error
}

// startProc starts bin in its own process group with a minimal environment,
// and registers a cleanup that kills whatever is left of it.
func startProc(t testing.TB, name, home, bin string, args []string, extraEnv []string, extraFiles []*os.File) *proc {
	t.Helper()
	tmp, err := os.MkdirTemp("", "bt")
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	logFile, err := os.CreateTemp(t.TempDir(), name+"-*.log")
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = browserEnv(home, tmp, extraEnv...)
	cmd.Dir = home
	// Files, not pipes: Wait must not hang on children that keep them open.
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.ExtraFiles = extraFiles
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		os.RemoveAll(tmp)
		t.Fatalf("browsertest: start %s: %v", name, err)
	}
	logFile.Close()
	p := &proc{t: t, name: name, cmd: cmd, logPath: logFile.Name(), home: home, done: make(chan struct{})}
	go func() {
		p.waitErr = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.kill()
		os.RemoveAll(tmp)
	})
	return p
}

// exited reports whether the main process has exited.
func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// wait waits for the main process to exit, then briefly for its children.
func (p *proc) wait(ctx context.Context) error {
	select {
	case <-p.done:
	case <-ctx.Done():
		return ctx.Err()
	}
	p.waitGroupGone(3 * time.Second)
	return p.waitErr
}

// waitGroupGone waits until no process is left in the group or in HOME.
func (p *proc) waitGroupGone(d time.Duration) bool {
	deadline := time.Now().Add(d)
	for {
		if len(p.leftovers()) == 0 {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// signal sends sig to the whole process group.
func (p *proc) signal(sig syscall.Signal) {
	syscall.Kill(-p.cmd.Process.Pid, sig)
}

// kill SIGKILLs the process group, then any process left that runs with
// this HOME (a child that left the group), and waits for them to go.
func (p *proc) kill() {
	p.signal(syscall.SIGKILL)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
	}
	for i := 0; i < 20; i++ {
		pids := p.leftovers()
		if len(pids) == 0 {
			return
		}
		for _, pid := range pids {
			syscall.Kill(pid, syscall.SIGKILL)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// leftovers lists live processes of this run: in its process group, or with
// its HOME in their environment.
func (p *proc) leftovers() []int {
	pgid := p.cmd.Process.Pid
	entries, _ := os.ReadDir("/proc")
	want := []byte("HOME=" + p.home + "\x00")
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// Fields after the parenthesised command: state ppid pgrp ...
		rest := stat[bytes.LastIndexByte(stat, ')')+1:]
		f := strings.Fields(string(rest))
		if len(f) < 3 || f[0] == "Z" {
			continue
		}
		if g, _ := strconv.Atoi(f[2]); g == pgid {
			pids = append(pids, pid)
			continue
		}
		if env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ")); err == nil && bytes.Contains(env, want) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// logTail returns the end of the browser's output, for failure messages.
func (p *proc) logTail() string {
	b, _ := os.ReadFile(p.logPath)
	const max = 3000
	if len(b) > max {
		b = b[len(b)-max:]
	}
	return string(b)
}

// runToExit waits for the process to exit within RunTimeout, failing the
// test (with the browser's output) when it does not.
func (p *proc) runToExit(what string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), RunTimeout)
	defer cancel()
	err := p.wait(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		p.kill()
		p.t.Fatalf("browsertest: %s did not exit within %s (killed). Output:\n%s", what, RunTimeout, p.logTail())
	}
	if err != nil {
		p.t.Fatalf("browsertest: %s: %v. Output:\n%s", what, err, p.logTail())
	}
}
