package browsertest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// ChromiumProfile is one Chromium profile in a temporary HOME.
type ChromiumProfile struct {
	Home string
	// UserDataDir is HOME/.config/chromium, Chromium's default on Linux, so
	// the tool finds it without flags.
	UserDataDir string
	// Profile is the profile directory inside UserDataDir: "Default" or
	// "Profile 1"... (--profile-directory).
	Profile string
	// PasswordStore is Chromium's --password-store: "basic" when empty
	// (values "v10", under a fixed key); "gnome-libsecret" keeps the key in
	// the Secret Service of the session bus named in Env (values "v11").
	PasswordStore string
	// Env is added to the browser's environment (e.g. the D-Bus session).
	Env []string
}

// NewChromiumProfile returns the profile named profile ("" means "Default")
// in the default user-data-dir of home. Chromium creates it on first run.
func NewChromiumProfile(home, profile string) ChromiumProfile {
	if profile == "" {
		profile = "Default"
	}
	return ChromiumProfile{Home: home, UserDataDir: filepath.Join(home, ".config", "chromium"), Profile: profile}
}

// Dir returns the profile directory.
func (p ChromiumProfile) Dir() string { return filepath.Join(p.UserDataDir, p.Profile) }

// CookiesPath returns the cookie store: <profile>/Cookies on Linux (not
// Network/Cookies).
func (p ChromiumProfile) CookiesPath() string { return filepath.Join(p.Dir(), "Cookies") }

// ChromiumMode is how [RunChromium] ends the browser.
type ChromiumMode int

// The ways a Chromium run ends.
const (
	// ChromiumClose: the last page calls window.close() (a URL from
	// ChainURL with closeMS >= 0). Persistent cookies are written; session
	// cookies are not.
	ChromiumClose ChromiumMode = iota
	// ChromiumDumpDOM: --dump-dom exits after the first page load (it does
	// not follow ?next=). Session cookies stay in the file.
	ChromiumDumpDOM
)

// String names the mode.
func (m ChromiumMode) String() string {
	if m == ChromiumDumpDOM {
		return "dump-dom"
	}
	return "window.close"
}

// chromiumArgs are the flags measured to work headless, as root, offline.
func chromiumArgs(prof ChromiumProfile) []string {
	rules := make([]string, 0, len(Hosts()))
	for _, h := range Hosts() {
		rules = append(rules, "MAP "+h+" 127.0.0.1")
	}
	return []string{
		"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--password-store=" + passwordStore(prof), "--ignore-certificate-errors",
		"--host-resolver-rules=" + strings.Join(rules, ","),
		"--user-data-dir=" + prof.UserDataDir,
		"--profile-directory=" + prof.Profile,
	}
}

// passwordStore is the profile's --password-store.
func passwordStore(prof ChromiumProfile) string {
	if prof.PasswordStore == "" {
		return "basic"
	}
	return prof.PasswordStore
}

// RunChromium visits url and waits (up to RunTimeout) for Chromium to exit
// the way mode says.
func RunChromium(t testing.TB, prof ChromiumProfile, url string, mode ChromiumMode) {
	t.Helper()
	b := tools(t)
	args := chromiumArgs(prof)
	if mode == ChromiumDumpDOM {
		args = append(args, "--dump-dom")
	}
	args = append(args, url)
	p := startProc(t, "chromium", prof.Home, b.Chromium, args, prof.Env, nil)
	p.runToExit(fmt.Sprintf("chromium (%s, %s)", prof.Profile, mode))
}

// ChromiumProcess is a Chromium that keeps running ([StartChromium]).
type ChromiumProcess struct {
	Profile ChromiumProfile
	p       *proc
	cdp     *os.File // our end of --remote-debugging-pipe (Chromium reads fd 3)
}

// StartChromium starts Chromium on url and returns without waiting. Give it
// a URL that does not close the window (ChainURL with closeMS < 0). It
// listens on --remote-debugging-pipe so that [ChromiumProcess.Stop] can close
// it cleanly; the browser is killed at the end of the test.
func StartChromium(t testing.TB, prof ChromiumProfile, url string) *ChromiumProcess {
	t.Helper()
	b := tools(t)
	// fd 3: commands to Chromium; fd 4: its answers.
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	resR, resW, err := os.Pipe()
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	args := append(chromiumArgs(prof), "--remote-debugging-pipe", url)
	p := startProc(t, "chromium", prof.Home, b.Chromium, args, prof.Env, []*os.File{cmdR, resW})
	cmdR.Close()
	resW.Close()
	go io.Copy(io.Discard, resR) // Chromium must never block on its answers
	c := &ChromiumProcess{Profile: prof, p: p, cdp: cmdW}
	t.Cleanup(func() {
		cmdW.Close()
		resR.Close()
	})
	return c
}

// PID returns the browser process id.
func (c *ChromiumProcess) PID() int { return c.p.cmd.Process.Pid }

// Running reports whether the browser process is still alive.
func (c *ChromiumProcess) Running() bool { return !c.p.exited() }

// Kill SIGKILLs every Chromium process and waits for them to go. Cookies
// not yet flushed (Chromium writes about every 30 s) are lost.
func (c *ChromiumProcess) Kill() {
	c.p.kill()
}

// Terminate sends SIGTERM, which is NOT a graceful stop in headless mode: it
// loses the unflushed batch and can leave a hot Cookies-journal. It waits for
// the processes to go (killing them after RunTimeout).
func (c *ChromiumProcess) Terminate() {
	c.p.t.Helper()
	c.p.signal(syscall.SIGTERM)
	c.waitExit("chromium after SIGTERM")
}

// Stop closes the browser cleanly with the DevTools command Browser.close:
// the cookies are written as on a window.close() exit.
func (c *ChromiumProcess) Stop() {
	c.p.t.Helper()
	if _, err := c.cdp.Write([]byte(`{"id":1,"method":"Browser.close"}` + "\x00")); err != nil {
		c.p.t.Fatalf("browsertest: chromium Browser.close: %v", err)
	}
	c.waitExit("chromium after Browser.close")
}

// waitExit waits for the browser to exit, failing the test after RunTimeout.
func (c *ChromiumProcess) waitExit(what string) {
	c.p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), RunTimeout)
	defer cancel()
	if err := c.p.wait(ctx); errors.Is(err, context.DeadlineExceeded) {
		c.p.kill()
		c.p.t.Fatalf("browsertest: %s: no exit within %s (killed). Output:\n%s", what, RunTimeout, c.p.logTail())
	}
}

// WaitForRows polls the cookie store at path (Chromium "Cookies" or Firefox
// "cookies.sqlite") until it holds at least minRows rows, and returns the
// count. It never opens the live file: each poll copies it, with its
// -journal or -wal, to a temporary directory and counts there with sqlite3.
// A fresh Chromium profile shows its cookies only after the ~30 s flush.
func WaitForRows(ctx context.Context, path string, minRows int) (int, error) {
	last := -1
	var lastErr error
	for {
		n, err := countRows(path)
		if err == nil && n >= minRows {
			return n, nil
		}
		last, lastErr = n, err
		select {
		case <-ctx.Done():
			if lastErr != nil {
				return last, fmt.Errorf("%s: %v (then %w)", path, lastErr, ctx.Err())
			}
			return last, fmt.Errorf("%s: %d rows, want >= %d: %w", path, last, minRows, ctx.Err())
		case <-time.After(time.Second):
		}
	}
}
