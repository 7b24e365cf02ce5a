package inspect_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	bt "github.com/ofgl/ofgl-cookies/inspect/internal/browsertest"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// Chromium values on a desktop whose keyring holds the key ("v11"): real
// Chromium with --password-store=gnome-libsecret writes the store while a
// real gnome-keyring-daemon runs on a private session bus, then the built
// binary reads it with the keyring unlocked, locked, and with no bus at all.

// keyringTools are the programs the keyring scenarios need. dbus-launch
// is what godbus runs to start a bus when there is none: with it on PATH,
// the no-bus scenario can catch a run that starts one.
var keyringTools = []string{"dbus-daemon", "dbus-launch", "gnome-keyring-daemon", "secret-tool", "sqlite3"}

// requireKeyringTools skips without the programs, or fails when CI is set
// (as browsertest.Require does).
func requireKeyringTools(t *testing.T) {
	t.Helper()
	var missing []string
	for _, p := range keyringTools {
		if _, err := exec.LookPath(p); err != nil {
			missing = append(missing, p)
		}
	}
	if len(missing) == 0 {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("CI is set but %s missing (apt-get install dbus dbus-x11 gnome-keyring libsecret-tools sqlite3)", strings.Join(missing, ", "))
	}
	t.Skipf("missing %s", strings.Join(missing, ", "))
}

// privateBus is a D-Bus session bus of the test's own: no service is
// activated on it (only what the test starts runs), and it goes away with
// the test.
type privateBus struct {
	addr string
	conn *dbus.Conn
}

const busConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=SOCKET</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

// startDaemon starts a program in its own process group, stopped at the
// end of the test.
func startDaemon(t *testing.T, env []string, stdin string, name string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = env
	cmd.Stdin = strings.NewReader(stdin)
	log, err := os.CreateTemp(t.TempDir(), filepath.Base(name)+"-*.log")
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
	})
	return cmd
}

// newPrivateBus starts a session bus listening in dir.
func newPrivateBus(t *testing.T, dir string) *privateBus {
	t.Helper()
	sock := filepath.Join(dir, "bus")
	conf := filepath.Join(dir, "bus.conf")
	if err := os.WriteFile(conf, []byte(strings.Replace(busConfig, "SOCKET", sock, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	startDaemon(t, []string{"PATH=" + os.Getenv("PATH")}, "", "dbus-daemon", "--nofork", "--config-file="+conf)
	b := &privateBus{addr: "unix:path=" + sock}
	deadline := time.Now().Add(10 * time.Second)
	for {
		conn, err := dbus.Connect(b.addr)
		if err == nil {
			b.conn = conn
			t.Cleanup(func() { conn.Close() })
			return b
		}
		if time.Now().After(deadline) {
			t.Fatalf("the private bus did not come up: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitForName waits until name is owned on the bus.
func (b *privateBus) waitForName(t *testing.T, name string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var owned bool
		err := b.conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, name).Store(&owned)
		if err == nil && owned {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not appear on the bus (%v)", name, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// unlockCounter counts the Secret Service Unlock calls on the bus, and the
// prompts dismissed, through a second connection that became a monitor.
type unlockCounter struct {
	conn      *dbus.Conn
	msgs      chan *dbus.Message
	dismissed int // Dismiss calls seen by the last take
}

func newUnlockCounter(t *testing.T, b *privateBus) *unlockCounter {
	t.Helper()
	conn, err := dbus.Connect(b.addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	rules := []string{"type='method_call',interface='org.freedesktop.Secret.Service',member='Unlock'",
		"type='method_call',interface='org.freedesktop.Secret.Prompt',member='Dismiss'"}
	if err := conn.BusObject().Call("org.freedesktop.DBus.Monitoring.BecomeMonitor", 0, rules, uint32(0)).Err; err != nil {
		t.Fatalf("BecomeMonitor: %v", err)
	}
	c := &unlockCounter{conn: conn, msgs: make(chan *dbus.Message, 1000)}
	conn.Eavesdrop(c.msgs)
	return c
}

// take returns how many Unlock calls were seen since the last take,
// waiting until the bus has been quiet for a moment.
func (c *unlockCounter) take() int {
	n := 0
	c.dismissed = 0
	for {
		select {
		case m := <-c.msgs:
			if m.Type == dbus.TypeMethodCall {
				switch member, _ := m.Headers[dbus.FieldMember].Value().(string); member {
				case "Unlock":
					n++
				case "Dismiss":
					c.dismissed++
				}
			}
		case <-time.After(500 * time.Millisecond):
			return n
		}
	}
}

// keyringCookie is a listed cookie with the keyring's reason.
type keyringCookie struct {
	jsonCookie
	ValueError string `json:"value_error"`
}

// keyringRun is one run of the binary: its output and how long it took.
type keyringRun struct {
	cookies []keyringCookie
	stderr  string
	took    time.Duration
}

// runList runs `list --show-values --json` with exactly env.
func runList(t *testing.T, env []string) keyringRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), "list", "--show-values", "--json")
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("list: %v\n%s", err, stderr.String())
	}
	r := keyringRun{stderr: stderr.String(), took: time.Since(start)}
	if err := json.Unmarshal(stdout.Bytes(), &r.cookies); err != nil {
		t.Fatalf("list --json output: %v\n%s", err, stdout.String())
	}
	return r
}

// withEnv returns env with key set to value (or removed when value is "").
func withEnv(env []string, key, value string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, key+"=") {
			out = append(out, kv)
		}
	}
	if value != "" {
		out = append(out, key+"="+value)
	}
	return out
}

// keyringProcesses lists the D-Bus and keyring daemons that run with HOME
// set to home: a bus started on the binary's behalf would inherit it.
func keyringProcesses(home string) []string {
	var out []string
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		comm, err := os.ReadFile(filepath.Join(d, "comm"))
		if err != nil {
			continue
		}
		name := strings.TrimSpace(string(comm))
		if !strings.HasPrefix(name, "dbus-") && !strings.HasPrefix(name, "gnome-keyring") {
			continue
		}
		environ, _ := os.ReadFile(filepath.Join(d, "environ"))
		for _, kv := range strings.Split(string(environ), "\x00") {
			if kv == "HOME="+home {
				out = append(out, filepath.Base(d)+" "+name)
			}
		}
	}
	return out
}

func TestChromiumKeyringValues(t *testing.T) {
	bt.Require(t)
	requireKeyringTools(t)
	binary(t)
	srv := bt.NewServer(t)
	home := bt.NewHome(t)
	// A short directory: a unix socket path must fit in 107 bytes.
	dir, err := os.MkdirTemp("", "kr")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	runtimeDir := filepath.Join(dir, "run")
	if err := os.Mkdir(runtimeDir, 0o700); err != nil {
		t.Fatal(err)
	}
	bus := newPrivateBus(t, dir)
	session := []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8",
		"XDG_RUNTIME_DIR=" + runtimeDir, "DBUS_SESSION_BUS_ADDRESS=" + bus.addr}

	// The keyring, unlocked with its password on stdin (a new "login"
	// keyring the first time), then one item stored as a user would.
	startDaemon(t, session, "keyring-password", "gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets")
	bus.waitForName(t, "org.freedesktop.secrets")
	store := exec.Command("secret-tool", "store", "--label=probe", "probe", "item")
	store.Env, store.Stdin = session, strings.NewReader("x")
	if out, err := store.CombinedOutput(); err != nil {
		t.Fatalf("secret-tool store: %v\n%s", err, out)
	}

	// Two Chromium profiles keep their key in that keyring.
	url := srv.ChainURL(bt.StandardVisits(), bt.ChainCloseMS)
	var profiles []bt.ChromiumProfile
	for _, name := range []string{"Default", "Profile 1"} {
		p := bt.NewChromiumProfile(home, name)
		p.PasswordStore = "gnome-libsecret"
		p.Env = []string{"XDG_RUNTIME_DIR=" + runtimeDir, "DBUS_SESSION_BUS_ADDRESS=" + bus.addr}
		bt.RunChromium(t, p, url, bt.ChromiumClose)
		profiles = append(profiles, p)
	}
	srv.WaitExpired()
	for _, p := range profiles {
		out, err := exec.Command("sqlite3", p.CookiesPath(),
			"SELECT substr(encrypted_value, 1, 3), count(*) FROM cookies GROUP BY 1").CombinedOutput()
		if err != nil {
			t.Fatalf("sqlite3: %v\n%s", err, out)
		}
		if got := strings.TrimSpace(string(out)); !strings.HasPrefix(got, "v11|") || strings.Contains(got, "\n") {
			t.Fatalf("%s: values are %q, want only v11 (the key in the keyring)", p.Profile, got)
		}
	}
	setBy := map[string]string{}
	for _, spec := range bt.Cookies() {
		setBy[spec.Name] = spec.Value
	}
	want := len(bt.ExpectedSent(bt.Chromium, bt.CleanExit)) * len(profiles)
	en, fr := i18n.For(i18n.English), i18n.For(i18n.French)
	timings := map[string]time.Duration{}
	t.Cleanup(func() {
		for _, k := range []string{"unlocked", "locked", "locked-fr", "no-service", "no-bus", "no-bus-fr", "unanswered"} {
			t.Logf("wall time %-10s %v", k, timings[k].Round(time.Millisecond))
		}
	})
	unlocks := newUnlockCounter(t, bus)

	t.Run("unlocked", func(t *testing.T) {
		r := runList(t, session)
		timings["unlocked"] = r.took
		if len(r.cookies) != want {
			t.Errorf("%d cookies listed, want %d", len(r.cookies), want)
		}
		for _, c := range r.cookies {
			if c.Value == nil || *c.Value != setBy[c.Name] {
				t.Errorf("%s %s: value %v (state %q), the server set %q", c.Profile, c.Name, c.Value, c.ValueState, setBy[c.Name])
			}
		}
		if r.stderr != "" {
			t.Errorf("stderr: %q", r.stderr)
		}
		// --netscape writes the same values, one cookie a line.
		cmd := exec.Command(binary(t), "list", "--show-values", "--netscape")
		cmd.Env = session
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("list --netscape: %v", err)
		}
		lines := 0
		for _, line := range strings.Split(string(out), "\n") {
			f := strings.Split(line, "\t")
			if len(f) != 7 || strings.HasPrefix(line, "# ") {
				continue
			}
			lines++
			if f[6] != setBy[f[5]] {
				t.Errorf("--netscape: %s has another value than the server set", f[5])
			}
		}
		if lines != want {
			t.Errorf("--netscape: %d cookies, want %d", lines, want)
		}
		unlocks.take()
	})

	t.Run("locked", func(t *testing.T) {
		var none []dbus.ObjectPath
		if err := bus.conn.Object("org.freedesktop.secrets", "/org/freedesktop/secrets").Call(
			"org.freedesktop.Secret.Service.Lock", 0, []dbus.ObjectPath{"/org/freedesktop/secrets/collection/login"}).Store(&none, new(dbus.ObjectPath)); err != nil {
			t.Fatalf("Lock: %v", err)
		}
		for _, lang := range []struct {
			name, env string
			t         *i18n.Strings
		}{{"locked", "C.UTF-8", en}, {"locked-fr", "fr_FR.UTF-8", fr}} {
			r := runList(t, withEnv(session, "LANG", lang.env))
			timings[lang.name] = r.took
			if n := unlocks.take(); n != 1 {
				t.Errorf("%s: %d Unlock requests to the keyring for %d cookies in %d stores, want 1", lang.name, n, want, len(profiles))
			}
			checkUndecryptable(t, lang.name, r, want, "keyring_locked")
			wantLine := "ofgl-cookies: " + lang.t.Nf(lang.t.WarnUndecryptedWhy, want, want, "chromium", lang.t.KeyringReasons["keyring_locked"]) + "\n"
			if r.stderr != wantLine {
				t.Errorf("%s: stderr %q, want %q", lang.name, r.stderr, wantLine)
			}
		}
	})

	// A session bus on which no keyring runs.
	t.Run("no-keyring-service", func(t *testing.T) {
		emptyBusDir := filepath.Join(dir, "other")
		if err := os.Mkdir(emptyBusDir, 0o700); err != nil {
			t.Fatal(err)
		}
		other := newPrivateBus(t, emptyBusDir)
		r := runList(t, withEnv(session, "DBUS_SESSION_BUS_ADDRESS", other.addr))
		timings["no-service"] = r.took
		checkUndecryptable(t, "no-keyring-service", r, want, "no_keyring_service")
		wantLine := "ofgl-cookies: " + en.Nf(en.WarnUndecryptedWhy, want, want, "chromium", en.KeyringReasons["no_keyring_service"]) + "\n"
		if r.stderr != wantLine {
			t.Errorf("stderr %q, want %q", r.stderr, wantLine)
		}
	})

	t.Run("no-bus", func(t *testing.T) {
		empty := filepath.Join(dir, "empty-run")
		if err := os.Mkdir(empty, 0o700); err != nil {
			t.Fatal(err)
		}
		noBus := withEnv(withEnv(session, "DBUS_SESSION_BUS_ADDRESS", ""), "XDG_RUNTIME_DIR", empty)
		before := keyringProcesses(home)
		for _, lang := range []struct {
			name, env string
			t         *i18n.Strings
		}{{"no-bus", "C.UTF-8", en}, {"no-bus-fr", "fr_FR.UTF-8", fr}} {
			r := runList(t, withEnv(noBus, "LANG", lang.env))
			timings[lang.name] = r.took
			checkUndecryptable(t, lang.name, r, want, "no_session_bus")
			wantLine := "ofgl-cookies: " + lang.t.Nf(lang.t.WarnUndecryptedWhy, want, want, "chromium", lang.t.KeyringReasons["no_session_bus"]) + "\n"
			if r.stderr != wantLine {
				t.Errorf("%s: stderr %q, want %q", lang.name, r.stderr, wantLine)
			}
		}
		if n := unlocks.take(); n != 0 {
			t.Errorf("without a bus, %d Unlock requests reached the test's bus", n)
		}
		if after := keyringProcesses(home); strings.Join(after, ",") != strings.Join(before, ",") {
			t.Errorf("D-Bus or keyring processes before %v, after %v: the run started a bus", before, after)
		}
		if entries, _ := os.ReadDir(empty); len(entries) != 0 {
			t.Errorf("the run left %d files in XDG_RUNTIME_DIR", len(entries))
		}
	})

	// A prompt left unanswered: a stand-in for the desktop's unlock dialog
	// takes gnome-keyring's request and never answers, as a dialog nobody
	// sees. The run waits once (the 20 s limit), for every store together.
	t.Run("unanswered", func(t *testing.T) {
		begun := fakePrompter(t, bus)
		r := runList(t, session)
		timings["unanswered"] = r.took
		if n := unlocks.take(); n != 1 {
			t.Errorf("%d Unlock requests to the keyring for %d cookies in %d stores, want 1", n, want, len(profiles))
		}
		if n := len(begun); n != 1 {
			t.Errorf("%d unlock dialogs opened, want 1", n)
		}
		if n := unlocks.dismissed; n != 1 {
			t.Errorf("the run dismissed %d prompts, want its one", n)
		}
		checkUndecryptable(t, "unanswered", r, want, "keyring_timeout")
		wantLine := "ofgl-cookies: " + en.Nf(en.WarnUndecryptedWhy, want, want, "chromium", en.KeyringReasons["keyring_timeout"]) + "\n"
		if r.stderr != wantLine {
			t.Errorf("stderr %q, want %q", r.stderr, wantLine)
		}
	})
}

// fakePrompter stands for the desktop's unlock dialog on the bus
// (gcr's org.gnome.keyring.SystemPrompter): it takes each request and
// never answers. The channel gets one value per dialog opened.
func fakePrompter(t *testing.T, b *privateBus) chan dbus.ObjectPath {
	t.Helper()
	conn, err := dbus.Connect(b.addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	begun := make(chan dbus.ObjectPath, 100)
	methods := map[string]any{
		"BeginPrompting": func(callback dbus.ObjectPath) *dbus.Error {
			begun <- callback
			return nil
		},
		"PerformPrompt": func(dbus.ObjectPath, string, map[string]dbus.Variant, string) *dbus.Error { return nil },
		"StopPrompting": func(dbus.ObjectPath) *dbus.Error { return nil },
	}
	if err := conn.ExportMethodTable(methods, "/org/gnome/keyring/Prompter", "org.gnome.keyring.internal.Prompter"); err != nil {
		t.Fatal(err)
	}
	reply, err := conn.RequestName("org.gnome.keyring.SystemPrompter", dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("cannot stand for the prompter: %v (%v)", reply, err)
	}
	return begun
}

// checkUndecryptable checks that every value is undecryptable for reason.
func checkUndecryptable(t *testing.T, what string, r keyringRun, want int, reason string) {
	t.Helper()
	if len(r.cookies) != want {
		t.Errorf("%s: %d cookies listed, want %d", what, len(r.cookies), want)
	}
	for _, c := range r.cookies {
		if c.Value != nil || c.ValueState != "undecryptable" || c.ValueError != reason {
			t.Errorf("%s: %s %s: value %v, state %q, error %q; want undecryptable, %q", what, c.Profile, c.Name, c.Value, c.ValueState, c.ValueError, reason)
		}
	}
}
