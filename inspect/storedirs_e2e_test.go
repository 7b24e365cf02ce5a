package inspect_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ofgl/ofgl-cookies/inspect/internal/mozlz4"
)

// A session file given with --store is checked against its profile's
// locks, wherever Firefox keeps it, and its delete works.

const backupSession = `{"version":["sessionrestore",1],"windows":[],"cookies":[` +
	`{"host":"data.ofgl.fr","value":"1","path":"/","name":"ofgl_session","originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"","partitionKey":"","privateBrowsingId":0,"userContextId":0},"sameSite":1,"schemeMap":1},` +
	`{"host":"data.ofgl.fr","value":"2","path":"/","name":"other","originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"","partitionKey":"","privateBrowsingId":0,"userContextId":0},"sameSite":1,"schemeMap":1}]}`

func writeMozLz4(t *testing.T, path, content string) {
	t.Helper()
	enc, err := mozlz4.Encode([]byte(content))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, enc, 0o600); err != nil {
		t.Fatal(err)
	}
}

// startFakeFirefox runs a process whose name is "firefox" (a copy of
// sleep); it is killed when the test ends.
func startFakeFirefox(t *testing.T) *exec.Cmd { return startFakeBrowser(t, "firefox") }

// startFakeBrowser runs a copy of sleep named name.
func startFakeBrowser(t *testing.T, name string) *exec.Cmd {
	t.Helper()
	sleep := toolPath(t, "sleep")
	src, err := os.Open(sleep)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	exe := filepath.Join(t.TempDir(), name)
	dst, err := os.OpenFile(exe, os.O_CREATE|os.O_WRONLY, 0o700)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	dst.Close()
	cmd := exec.Command(exe, "600")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd
}

func TestDeleteFromSessionBackupChecksTheProfile(t *testing.T) {
	for _, rel := range []string{
		"sessionstore-backups/recovery.jsonlz4",
		"sessionstore-backups/previous.jsonlz4",
		"sessionstore-backups/upgrade.jsonlz4-20250101000000",
	} {
		t.Run(filepath.Base(rel), func(t *testing.T) {
			home := t.TempDir()
			profile := t.TempDir()
			store := filepath.Join(profile, filepath.FromSlash(rel))
			writeMozLz4(t, store, backupSession)
			before, _ := os.ReadFile(store)

			ff := startFakeFirefox(t)
			lock := filepath.Join(profile, "lock")
			if err := os.Symlink(fmt.Sprintf("127.0.0.1:+%d", ff.Process.Pid), lock); err != nil {
				t.Fatal(err)
			}
			r := runBin(t, home, "delete", "--store", store, "--name", "ofgl_session", "--yes")
			if r.code != 3 {
				t.Fatalf("with Firefox running: exit %d, want 3\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
			}
			if strings.TrimSpace(r.stderr) == "" {
				t.Error("exit 3 with nothing on stderr")
			}
			if after, _ := os.ReadFile(store); !bytes.Equal(after, before) {
				t.Fatal("the store changed while Firefox ran")
			}

			ff.Process.Kill()
			ff.Wait()
			os.Remove(lock)
			r = runBin(t, home, "delete", "--store", store, "--name", "ofgl_session", "--yes")
			if r.code != 0 {
				t.Fatalf("Firefox closed: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
			}
			left := sessionCookieNames(t, store)
			if left != "other" {
				t.Fatalf("cookies left: %q, want only other", left)
			}
		})
	}
}

// A session file named by --store is labelled by its format ("firefox
// session"); a running Firefox is still found by its process when it left
// no lock, the check's second signal.
func TestDeleteFromSessionFileSeesFirefoxProcess(t *testing.T) {
	home := t.TempDir()
	profile := t.TempDir()
	store := filepath.Join(profile, "sessionstore-backups", "recovery.jsonlz4")
	writeMozLz4(t, store, backupSession)
	before, _ := os.ReadFile(store)
	startFakeFirefox(t)
	r := runBin(t, home, "delete", "--store", store, "--name", "ofgl_session", "--yes")
	if r.code != 3 {
		t.Fatalf("with a firefox process and no lock: exit %d, want 3\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	if after, _ := os.ReadFile(store); !bytes.Equal(after, before) {
		t.Fatal("the store changed while Firefox ran")
	}
}

// TestDeleteFromLoneSessionCopy: a session file outside a profile's
// layout (a copy) can be deleted from too.
func TestDeleteFromLoneSessionCopy(t *testing.T) {
	home := t.TempDir()
	store := filepath.Join(t.TempDir(), "recovery.jsonlz4")
	writeMozLz4(t, store, backupSession)
	r := runBin(t, home, "delete", "--store", store, "--name", "ofgl_session", "--yes")
	if r.code != 0 {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	if left := sessionCookieNames(t, store); left != "other" {
		t.Fatalf("cookies left: %q", left)
	}
}

// sessionCookieNames lists the cookie names of a session file, with commas.
func sessionCookieNames(t *testing.T, path string) string {
	t.Helper()
	raw, err := mozlz4.ReadFile(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, part := range strings.Split(string(raw), `"name":"`)[1:] {
		names = append(names, part[:strings.IndexByte(part, '"')])
	}
	return strings.Join(names, ",")
}

// TestDeleteFromChromiumNetworkCookiesChecksTheUserDataDir: Default/Network/
// Cookies given with --store is checked against the user-data-dir's
// SingletonLock, two levels up.
func TestDeleteFromChromiumNetworkCookiesChecksTheUserDataDir(t *testing.T) {
	home := t.TempDir()
	udd := t.TempDir()
	store := chromiumStore(t, filepath.Join(udd, "Default", "Network", "Cookies"))
	listed := listJSON(t, home, "--store", store)
	if len(listed) == 0 {
		t.Fatal("the generated store has no cookie for the site")
	}
	name := listed[0].Name
	before, _ := os.ReadFile(store)

	host, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	chromium := startFakeBrowser(t, "chromium")
	lock := filepath.Join(udd, "SingletonLock")
	if err := os.Symlink(fmt.Sprintf("%s-%d", host, chromium.Process.Pid), lock); err != nil {
		t.Fatal(err)
	}
	r := runBin(t, home, "delete", "--store", store, "--name", name, "--yes")
	if r.code != 3 || strings.TrimSpace(r.stderr) == "" {
		t.Fatalf("with Chromium running: exit %d, want 3\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	if after, _ := os.ReadFile(store); !bytes.Equal(after, before) {
		t.Fatal("the store changed while Chromium ran")
	}
	chromium.Process.Kill()
	chromium.Wait()
	os.Remove(lock)
	r = runBin(t, home, "delete", "--store", store, "--name", name, "--yes")
	if r.code != 0 {
		t.Fatalf("Chromium closed: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	for _, c := range listJSON(t, home, "--store", store) {
		if c.Name == name {
			t.Fatalf("%s is still listed", name)
		}
	}
}
