package browsertest

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// FirefoxLayout is where a Firefox profile lives in HOME.
type FirefoxLayout int

// The two layouts of Firefox profiles on Linux.
const (
	// FirefoxClassic is ~/.mozilla/firefox/<rand>.ofgl with a profiles.ini
	// written by the helper (Name=ofgl, IsRelative=1, Default=1): the layout
	// kooky knows.
	FirefoxClassic FirefoxLayout = iota
	// FirefoxXDG is ~/.config/mozilla/firefox/<rand>.default-esr, created by
	// firefox-esr itself on a fresh account (profiles.ini with a legacy empty
	// "default" profile marked Default=1, and installs.ini pointing at
	// default-esr). kooky does not look there.
	FirefoxXDG
)

// String names the layout.
func (l FirefoxLayout) String() string {
	if l == FirefoxXDG {
		return "xdg"
	}
	return "classic"
}

// FirefoxProfile is one Firefox profile in a temporary HOME.
type FirefoxProfile struct {
	Home   string
	Layout FirefoxLayout
	Root   string // the directory holding profiles.ini
	Dir    string // the profile directory
	Name   string // Name= in profiles.ini
}

// CookiesPath returns the profile's cookies.sqlite.
func (p FirefoxProfile) CookiesPath() string { return filepath.Join(p.Dir, "cookies.sqlite") }

// SessionStorePath returns sessionstore.jsonlz4, written at a clean exit.
func (p FirefoxProfile) SessionStorePath() string {
	return filepath.Join(p.Dir, "sessionstore.jsonlz4")
}

// RecoveryPath returns sessionstore-backups/recovery.jsonlz4, written about
// 15 s after start and then periodically while Firefox runs.
func (p FirefoxProfile) RecoveryPath() string {
	return filepath.Join(p.Dir, "sessionstore-backups", "recovery.jsonlz4")
}

// The first firefoxPrefs make headless runs reliable; the rest point
// the test hosts at 127.0.0.1 and keep Marionette from changing prefs.
func firefoxPrefs() [][2]string {
	return [][2]string{
		{"network.dns.localDomains", strconv.Quote(strings.Join(Hosts(), ","))},
		{"dom.allow_scripts_to_close_windows", "true"},
		{"browser.sessionstore.resume_from_crash", "false"},
		{"browser.startup.page", "0"},
		{"dom.security.https_first", "false"},
		{"dom.security.https_first_schemeless", "false"},
		{"network.trr.mode", "5"},
		{"browser.shell.checkDefaultBrowser", "false"},
		{"browser.startup.homepage_override.mstone", `"ignore"`},
		{"browser.aboutwelcome.enabled", "false"},
		{"datareporting.policy.dataSubmissionEnabled", "false"},
		{"datareporting.healthreport.uploadEnabled", "false"},
		{"toolkit.telemetry.reportingpolicy.firstRun", "false"},
		{"app.normandy.enabled", "false"},
		{"app.update.enabled", "false"},
		{"extensions.update.enabled", "false"},
		{"network.captive-portal-service.enabled", "false"},
		{"network.connectivity-service.enabled", "false"},
		{"browser.safebrowsing.malware.enabled", "false"},
		{"browser.safebrowsing.phishing.enabled", "false"},
		{"browser.safebrowsing.downloads.enabled", "false"},
		// Containers, as a user who uses them has it.
		{"privacy.userContext.enabled", "true"},
		// StartFirefox's Marionette: any free port, written to MarionetteActivePort,
		// and none of its "recommended" prefs, so runs behave alike with or without it.
		{"marionette.port", "0"},
		{"remote.prefs.recommended", "false"},
	}
}

// containersJSON is Firefox's default containers.json (version 6) plus the
// test container. Seeding it matters: with no file, Firefox resets the
// containers and deletes every container's data.
var containersJSON = `{"version":6,"lastUserContextId":` + strconv.Itoa(ContainerID) + `,"identities":[` +
	`{"icon":"fingerprint","color":"blue","l10nId":"user-context-personal","public":true,"userContextId":1},` +
	`{"icon":"briefcase","color":"orange","l10nId":"user-context-work","public":true,"userContextId":2},` +
	`{"icon":"dollar","color":"green","l10nId":"user-context-banking","public":true,"userContextId":3},` +
	`{"icon":"cart","color":"pink","l10nId":"user-context-shopping","public":true,"userContextId":4},` +
	`{"public":false,"icon":"","color":"","name":"userContextIdInternal.thumbnail","accessKey":"","userContextId":5},` +
	`{"userContextId":4294967295,"public":false,"icon":"","color":"","name":"userContextIdInternal.webextStorageLocal","accessKey":""},` +
	`{"icon":"circle","color":"red","name":"` + ContainerName + `","public":true,"userContextId":` + strconv.Itoa(ContainerID) + `}]}`

// randomName returns 8 characters like Firefox's profile salts.
func randomName() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 8)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// firefoxEnv is added to the minimal environment of every Firefox process.
var firefoxEnv = []string{"MOZ_HEADLESS=1", "MOZ_CRASHREPORTER_DISABLE=1"}

// NewFirefoxProfile creates a Firefox profile in home in the given layout,
// with the test prefs (user.js), the test container (containers.json) and
// the server's CA trusted (certutil), ready for [RunFirefox].
func NewFirefoxProfile(t testing.TB, srv *Server, home string, layout FirefoxLayout) FirefoxProfile {
	t.Helper()
	b := tools(t)
	var prof FirefoxProfile
	switch layout {
	case FirefoxXDG:
		prof = bootstrapXDG(t, home)
	default:
		root := filepath.Join(home, ".mozilla", "firefox")
		rel := randomName() + ".ofgl"
		prof = FirefoxProfile{Home: home, Layout: FirefoxClassic, Root: root, Dir: filepath.Join(root, rel), Name: "ofgl"}
		if err := os.MkdirAll(prof.Dir, 0o700); err != nil {
			t.Fatalf("browsertest: %v", err)
		}
		ini := "[Profile0]\nName=ofgl\nIsRelative=1\nPath=" + rel + "\nDefault=1\n\n[General]\nStartWithLastProfile=1\nVersion=2\n"
		if err := os.WriteFile(filepath.Join(root, "profiles.ini"), []byte(ini), 0o644); err != nil {
			t.Fatalf("browsertest: %v", err)
		}
	}

	var js strings.Builder
	for _, p := range firefoxPrefs() {
		fmt.Fprintf(&js, "user_pref(%q, %s);\n", p[0], p[1])
	}
	if err := os.WriteFile(filepath.Join(prof.Dir, "user.js"), []byte(js.String()), 0o644); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	if err := os.WriteFile(filepath.Join(prof.Dir, "containers.json"), []byte(containersJSON), 0o644); err != nil {
		t.Fatalf("browsertest: %v", err)
	}

	certutil := func(args ...string) {
		t.Helper()
		cmd := exec.Command(b.Certutil, args...)
		cmd.Env = []string{"HOME=" + home, "PATH=/usr/sbin:/usr/bin:/sbin:/bin"}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("browsertest: certutil %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	db := "sql:" + prof.Dir
	if _, err := os.Stat(filepath.Join(prof.Dir, "cert9.db")); err != nil {
		certutil("-N", "-d", db, "--empty-password")
	}
	certutil("-A", "-n", "ofgl-test-ca", "-t", "C,,", "-i", srv.CAFile(), "-d", db)
	return prof
}

// bootstrapXDG lets firefox-esr create its profiles on a fresh account (a
// headless --screenshot run exits by itself), and returns the profile that
// installs.ini makes the default: <rand>.default-esr.
func bootstrapXDG(t testing.TB, home string) FirefoxProfile {
	t.Helper()
	b := tools(t)
	if _, err := os.Stat(filepath.Join(home, ".mozilla")); err == nil {
		t.Fatalf("browsertest: %s/.mozilla exists: Firefox would keep using it, not the XDG layout", home)
	}
	shot := filepath.Join(t.TempDir(), "bootstrap.png")
	p := startProc(t, "firefox-bootstrap", home, b.Firefox, []string{"--headless", "--screenshot", shot, "about:blank"}, firefoxEnv, nil)
	p.runToExit("firefox-esr bootstrap (--screenshot)")

	root := filepath.Join(home, ".config", "mozilla", "firefox")
	rel, err := iniValue(filepath.Join(root, "installs.ini"), "Default")
	if err != nil {
		t.Fatalf("browsertest: firefox-esr did not create the XDG layout: %v. Output:\n%s", err, p.logTail())
	}
	dir := filepath.Join(root, rel)
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	name := strings.TrimPrefix(filepath.Ext(rel), ".")
	return FirefoxProfile{Home: home, Layout: FirefoxXDG, Root: root, Dir: dir, Name: name}
}

// iniValue returns the first value of key in an ini file.
func iniValue(path, key string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if ok && k == key {
			return v, nil
		}
	}
	return "", fmt.Errorf("%s: no %s=", path, key)
}

// firefoxArgs start the profile headless, never joining another instance.
func firefoxArgs(prof FirefoxProfile, extra ...string) []string {
	return append([]string{"--headless", "--no-remote", "--profile", prof.Dir}, extra...)
}

// RunFirefox visits url and waits (up to RunTimeout) for Firefox to exit: the
// last page must call window.close() (ChainURL with closeMS >= 0). This is a
// clean exit: cookies.sqlite holds the persistent cookies, the WAL is
// checkpointed, and sessionstore.jsonlz4 holds the session cookies.
func RunFirefox(t testing.TB, prof FirefoxProfile, url string) {
	t.Helper()
	b := tools(t)
	p := startProc(t, "firefox", prof.Home, b.Firefox, firefoxArgs(prof, url), firefoxEnv, nil)
	p.runToExit(fmt.Sprintf("firefox (%s profile)", prof.Layout))
}

// FirefoxProcess is a Firefox that keeps running ([StartFirefox]).
type FirefoxProcess struct {
	Profile FirefoxProfile
	p       *proc
	mn      *marionette
}

// StartFirefox starts Firefox on url with Marionette enabled and returns
// without waiting. While it runs, new cookies sit in cookies.sqlite-wal and
// the database is exclusively locked. The browser is killed at the end of the
// test.
func StartFirefox(t testing.TB, prof FirefoxProfile, url string) *FirefoxProcess {
	t.Helper()
	b := tools(t)
	// A port file left by a killed run would point at nothing.
	os.Remove(filepath.Join(prof.Dir, "MarionetteActivePort"))
	p := startProc(t, "firefox", prof.Home, b.Firefox, firefoxArgs(prof, "--marionette", "--remote-allow-system-access", url), firefoxEnv, nil)
	f := &FirefoxProcess{Profile: prof, p: p}
	t.Cleanup(func() {
		if f.mn != nil {
			f.mn.close()
		}
	})
	return f
}

// PID returns the browser process id.
func (f *FirefoxProcess) PID() int { return f.p.cmd.Process.Pid }

// Running reports whether the browser process is still alive.
func (f *FirefoxProcess) Running() bool { return !f.p.exited() }

// marionette connects to the browser's Marionette server once.
func (f *FirefoxProcess) marionette(ctx context.Context) (*marionette, error) {
	if f.mn != nil {
		return f.mn, nil
	}
	portFile := filepath.Join(f.Profile.Dir, "MarionetteActivePort")
	for {
		if b, err := os.ReadFile(portFile); err == nil {
			if port, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && port > 0 {
				m, err := dialMarionette(ctx, port)
				if err != nil {
					return nil, err
				}
				f.mn = m
				return m, nil
			}
		}
		if f.p.exited() {
			return nil, errors.New("firefox exited before Marionette listened")
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("no %s: %w", portFile, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// OpenInContainer opens url in a new tab of the container userContextID
// (see [ContainerID]) through Marionette.
func (f *FirefoxProcess) OpenInContainer(url string, userContextID int) {
	f.p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), RunTimeout)
	defer cancel()
	m, err := f.marionette(ctx)
	if err == nil {
		err = m.openInContainer(ctx, url, userContextID)
	}
	if err != nil {
		f.p.t.Fatalf("browsertest: firefox: open %s in container %d: %v. Output:\n%s", url, userContextID, err, f.p.logTail())
	}
}

// Kill SIGKILLs every Firefox process and waits for them to go. The WAL
// stays behind with the cookies not yet checkpointed, and the session
// cookies are only in recovery.jsonlz4 (if it was written).
func (f *FirefoxProcess) Kill() {
	f.p.kill()
}

// Terminate sends SIGTERM, which is not a clean exit either: the WAL stays
// and no sessionstore.jsonlz4 is written.
func (f *FirefoxProcess) Terminate() {
	f.p.t.Helper()
	f.p.signal(syscall.SIGTERM)
	f.waitExit("firefox after SIGTERM")
}

// Stop quits Firefox cleanly with Marionette:Quit, like File > Quit: the
// WAL is checkpointed and sessionstore.jsonlz4 written.
func (f *FirefoxProcess) Stop() {
	f.p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), RunTimeout)
	defer cancel()
	m, err := f.marionette(ctx)
	if err == nil {
		err = m.quit(ctx)
	}
	if err != nil {
		f.p.t.Fatalf("browsertest: firefox: Marionette:Quit: %v. Output:\n%s", err, f.p.logTail())
	}
	f.waitExit("firefox after Marionette:Quit")
}

// waitExit waits for the browser to exit, failing the test after RunTimeout.
func (f *FirefoxProcess) waitExit(what string) {
	f.p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), RunTimeout)
	defer cancel()
	if err := f.p.wait(ctx); errors.Is(err, context.DeadlineExceeded) {
		f.p.kill()
		f.p.t.Fatalf("browsertest: %s: no exit within %s (killed). Output:\n%s", what, RunTimeout, f.p.logTail())
	}
}

// WaitForSessionStore polls the profile's recovery.jsonlz4 (about 15 s
// after Firefox starts, then every 15 s) until it holds a session cookie with
// each of names.
func WaitForSessionStore(ctx context.Context, prof FirefoxProfile, names ...string) error {
	path := prof.RecoveryPath()
	var last error
	for {
		list, err := sessionStoreCookies(path)
		if err == nil {
			have := map[string]bool{}
			for _, c := range list {
				have[c.Name] = true
			}
			var missing []string
			for _, n := range names {
				if !have[n] {
					missing = append(missing, n)
				}
			}
			if len(missing) == 0 {
				return nil
			}
			err = fmt.Errorf("%s lacks %s", path, strings.Join(missing, ", "))
		}
		last = err
		select {
		case <-ctx.Done():
			return fmt.Errorf("%v: %w", last, ctx.Err())
		case <-time.After(500 * time.Millisecond):
		}
	}
}
