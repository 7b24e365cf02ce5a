//go:build linux

package main

import (
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

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// buildBinary builds the program once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ofgl-cookies-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "ofgl-cookies")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// demoEnv is a private TMPDIR (where --demo builds its stores) and HOME.
func demoEnv(t *testing.T) (tmp string, env []string) {
	t.Helper()
	tmp, home := t.TempDir(), t.TempDir()
	return tmp, append(os.Environ(), "TMPDIR="+tmp, "HOME="+home, "LANG=C.UTF-8", "LC_ALL=", "XDG_CONFIG_HOME=",
		"OFGL_COOKIES_STATE_DIR="+filepath.Join(home, "state"), "OFGL_COOKIES_CONFIG_DIR="+filepath.Join(home, "config"))
}

// demoLeft lists the demo directories left in tmp.
func demoLeft(t *testing.T, tmp string) []string {
	t.Helper()
	left, err := filepath.Glob(filepath.Join(tmp, "ofgl-cookies-demo-*"))
	if err != nil {
		t.Fatal(err)
	}
	return left
}

// A reader that closed the pipe before the output came: the write fails
// (before, SIGPIPE killed the process and its demo stayed behind).
func TestDemoSurvivesNoSIGPIPE(t *testing.T) {
	bin := buildBinary(t)
	tmp, env := demoEnv(t)
	for _, args := range [][]string{{"list", "--demo"}, {"--demo"}, {"stores", "--demo"}, {"list", "--demo", "--json"}} {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		cmd := exec.Command(bin, args...)
		cmd.Env, cmd.Stdout = env, w
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err = cmd.Run()
		w.Close()
		if cmd.ProcessState.ExitCode() != 141 || stderr.Len() != 0 {
			t.Errorf("%v into a closed pipe: %v, stderr %q, want exit 141 and nothing on stderr", args, err, stderr.String())
		}
		if left := demoLeft(t, tmp); len(left) > 0 {
			t.Fatalf("%v into a closed pipe left %v", args, left)
		}
	}
	// The shell's way: the reader takes one line and goes.
	for i := 0; i < 5; i++ {
		cmd := exec.Command("sh", "-c", strconv.Quote(bin)+" list --demo | head -1")
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil || len(strings.Split(strings.TrimSpace(string(out)), "\n")) != 1 {
			t.Fatalf("list --demo | head -1: %v %q", err, out)
		}
		if left := demoLeft(t, tmp); len(left) > 0 {
			t.Fatalf("list --demo | head -1 left %v", left)
		}
	}
}

// tmuxRun starts a command in a detached tmux pane of its own server, the
// pane kept after the command ends so that its exit status can be read.
type tmuxRun struct {
	t      *testing.T
	sock   string
	status string // the file the pane's shell writes the program's exit status to
}

func startInTmux(t *testing.T, env []string, args ...string) *tmuxRun {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux missing")
		}
		t.Skip("tmux not installed")
	}
	dir := t.TempDir()
	r := &tmuxRun{t: t, sock: filepath.Join(dir, "tmux.sock"), status: filepath.Join(dir, "status")}
	line := "env"
	for _, kv := range env {
		if strings.HasPrefix(kv, "TMPDIR=") || strings.HasPrefix(kv, "HOME=") || strings.HasPrefix(kv, "LANG=") ||
			strings.HasPrefix(kv, "OFGL_COOKIES_") || strings.HasPrefix(kv, "PATH=") {
			line += " " + strconv.Quote(kv)
		}
	}
	for _, a := range args {
		line += " " + strconv.Quote(a)
	}
	// The shell that runs the program writes its exit status: 128+N for
	// a death by signal N, as shells report it.
	line += "; echo $? > " + strconv.Quote(r.status)
	r.tmux("-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", "-s", "t", "sh -c '"+strings.ReplaceAll(line, "'", `'\''`)+"'",
		";", "set-option", "-t", "t", "remain-on-exit", "on")
	t.Cleanup(func() { exec.Command("tmux", "-S", r.sock, "kill-server").Run() })
	return r
}

func (r *tmuxRun) tmux(args ...string) string {
	r.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", r.sock}, args...)...).CombinedOutput()
	if err != nil {
		r.t.Fatalf("tmux %v: %v %s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// waitFor polls until cond holds; the deadline only guards against a hang.
func (r *tmuxRun) waitFor(what string, cond func() bool) {
	r.t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			r.t.Fatalf("never saw %s; screen:\n%s", what, r.tmux("capture-pane", "-p", "-t", "t"))
		}
	}
}

func (r *tmuxRun) screenHas(s string) func() bool {
	return func() bool { return strings.Contains(r.tmux("capture-pane", "-p", "-t", "t"), s) }
}

// signalAndWait sends sig to the program (the child of the pane's shell)
// and returns its exit status.
func (r *tmuxRun) signalAndWait(sig syscall.Signal) int {
	r.t.Helper()
	shell := r.tmux("display-message", "-p", "-t", "t", "#{pane_pid}")
	children, err := os.ReadFile(filepath.Join("/proc", shell, "task", shell, "children"))
	if err != nil {
		r.t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(children)))
	if err != nil {
		r.t.Fatalf("the program's pid: %q: %v", children, err)
	}
	if err := syscall.Kill(pid, sig); err != nil {
		r.t.Fatal(err)
	}
	status := -1
	r.waitFor("the program's exit status", func() bool {
		data, err := os.ReadFile(r.status)
		if n, err2 := strconv.Atoi(strings.TrimSpace(string(data))); err == nil && err2 == nil {
			status = n
			return true
		}
		return false
	})
	return status
}

// SIGKILL cannot be caught: the demo it leaves goes at the next start.
func TestDemoAfterSIGKILL(t *testing.T) {
	bin := buildBinary(t)
	tmp, env := demoEnv(t)
	r := startInTmux(t, env, bin, "delete", "--demo", "--all")
	r.waitFor("the prompt", r.screenHas("[y/N]"))
	r.signalAndWait(syscall.SIGKILL)
	if len(demoLeft(t, tmp)) != 1 {
		t.Fatalf("after SIGKILL: %v, want the killed run's demo", demoLeft(t, tmp))
	}
	cmd := exec.Command(bin, "stores", "--demo")
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("stores --demo: %v %s", err, out)
	}
	if left := demoLeft(t, tmp); len(left) > 0 {
		t.Errorf("the next run left %v", left)
	}
}

// SIGTERM, SIGINT or SIGHUP while the demo is live, at the prompt of
// delete --demo and in the interactive UI: the demo's directory goes.
func TestDemoSurvivesNoSignal(t *testing.T) {
	bin := buildBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP} {
		t.Run(sig.String()+" at the delete prompt", func(t *testing.T) {
			tmp, env := demoEnv(t)
			r := startInTmux(t, env, bin, "delete", "--demo", "--all")
			r.waitFor("the prompt", r.screenHas("[y/N]"))
			if len(demoLeft(t, tmp)) != 1 {
				t.Fatalf("no demo directory while the prompt waits: %v", demoLeft(t, tmp))
			}
			if status := r.signalAndWait(sig); status != 130 {
				t.Errorf("exit status %d, want 130; screen:\n%s", status, r.tmux("capture-pane", "-p", "-t", "t"))
			}
			if left := demoLeft(t, tmp); len(left) > 0 {
				t.Errorf("left %v", left)
			}
		})
		t.Run(sig.String()+" in the UI", func(t *testing.T) {
			tmp, env := demoEnv(t)
			r := startInTmux(t, env, bin, "--demo")
			r.waitFor("the demo's cookies", r.screenHas("sessionid"))
			if status := r.signalAndWait(sig); status != 130 {
				t.Errorf("exit status %d, want 130", status)
			}
			if left := demoLeft(t, tmp); len(left) > 0 {
				t.Errorf("left %v", left)
			}
		})
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}
