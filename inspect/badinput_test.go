package inspect_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect/internal/storegen"
)

// The bad-input matrix: every case runs the built binary and asserts one
// line on stderr (or none), the right exit code, no panic or goroutine dump,
// and the store unchanged.

func sqlite3Bin(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("sqlite3")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("sqlite3 missing")
		}
		t.Skip("sqlite3 not installed")
	}
	return p
}

func sqlExec(t *testing.T, db, script string) {
	t.Helper()
	cmd := exec.Command(sqlite3Bin(t), db)
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v %s", err, out)
	}
}

// treeHash fingerprints every file of a directory, names included.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() || fi.Mode()&os.ModeSymlink != 0 {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			fmt.Fprintf(h, "%s unreadable\n", p)
			return nil
		}
		defer f.Close()
		fmt.Fprintf(h, "%s %o\n", p, fi.Mode())
		io.Copy(h, f)
		return nil
	})
	return fmt.Sprintf("%x", h.Sum(nil))
}

type badCase struct {
	name  string
	setup func(t *testing.T, dir string) (args []string, env []string)
	code  int    // expected exit code
	err   string // expected in the one stderr line; "" means no stderr at all
	check func(t *testing.T, stdout string)
}

func runCase(t *testing.T, c badCase) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	os.MkdirAll(home, 0o700)
	args, extraEnv := c.setup(t, dir)
	before := treeHash(t, dir)
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append([]string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8",
		"OFGL_COOKIES_STATE_DIR=" + filepath.Join(t.TempDir(), "state"),
		"DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus"}, extraEnv...)
	if len(extraEnv) > 0 && extraEnv[0] == "-HOME" {
		cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8",
			"OFGL_COOKIES_STATE_DIR=" + filepath.Join(t.TempDir(), "state")}, extraEnv[1:]...)
	}
	if c.name == "permission denied" {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the command hung")
	}
	code := cmd.ProcessState.ExitCode()
	errOut := stderr.String()
	if strings.Contains(errOut, "goroutine ") || strings.Contains(errOut, "panic") {
		t.Fatalf("stack trace:\n%s", errOut)
	}
	if code != c.code {
		t.Errorf("exit %d, want %d; stderr %q", code, c.code, errOut)
	}
	lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
	switch {
	case c.err == "" && errOut != "":
		t.Errorf("unexpected stderr %q", errOut)
	case c.err != "" && (len(lines) != 1 || !strings.Contains(lines[0], c.err)):
		t.Errorf("stderr %q, want one line containing %q", errOut, c.err)
	}
	if after := treeHash(t, dir); after != before {
		t.Error("the store or its directory changed")
	}
	if c.check != nil {
		c.check(t, stdout.String())
	}
}

func writeFile(t *testing.T, path string, data []byte) string {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o700)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func chromiumStore(t *testing.T, path string) string {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o700)
	if _, err := storegen.WriteChromium(path, 1000, 1); err != nil {
		t.Fatal(err)
	}
	return path
}

func decodeList(t *testing.T, stdout string) []map[string]any {
	t.Helper()
	var out []map[string]any
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, stdout)
	}
	return out
}

func TestBadInputMatrix(t *testing.T) {
	sqlite3Bin(t)
	cases := []badCase{
		{name: "empty file", code: 1, err: "empty file", setup: func(t *testing.T, dir string) ([]string, []string) {
			return []string{"list", "--store", writeFile(t, filepath.Join(dir, "Cookies"), nil)}, nil
		}},
		{name: "random bytes", code: 1, err: "unrecognised cookie store format", setup: func(t *testing.T, dir string) ([]string, []string) {
			b := make([]byte, 8192)
			for i := range b {
				b[i] = byte(i*7919 + 13)
			}
			return []string{"list", "--store", writeFile(t, filepath.Join(dir, "Cookies"), b)}, nil
		}},
		{name: "truncated SQLite", code: 1, err: "damaged", setup: func(t *testing.T, dir string) ([]string, []string) {
			full := chromiumStore(t, filepath.Join(dir, "full", "Cookies"))
			data, _ := os.ReadFile(full)
			os.RemoveAll(filepath.Join(dir, "full"))
			return []string{"list", "--store", writeFile(t, filepath.Join(dir, "Cookies"), data[:len(data)/3])}, nil
		}},
		{name: "SQLite with a foreign schema", code: 1, err: "without a cookie table", setup: func(t *testing.T, dir string) ([]string, []string) {
			p := filepath.Join(dir, "Cookies")
			sqlExec(t, p, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES('x');")
			return []string{"list", "--store", p}, nil
		}},
		{name: "cookies table without host_key", code: 1, err: "no host_key column", setup: func(t *testing.T, dir string) ([]string, []string) {
			p := filepath.Join(dir, "Cookies")
			sqlExec(t, p, "CREATE TABLE cookies(name TEXT, value TEXT);")
			return []string{"list", "--store", p}, nil
		}},
		{name: "newer unknown schema version (delete refuses)", code: 1, err: "unknown schema version 99", setup: func(t *testing.T, dir string) ([]string, []string) {
			p := chromiumStore(t, filepath.Join(dir, "Default", "Cookies"))
			sqlExec(t, p, "UPDATE meta SET value='99' WHERE key='version';")
			return []string{"delete", "--store", p, "--name", "_ga", "--yes"}, nil
		}, check: func(t *testing.T, stdout string) {
			if !strings.Contains(stdout, "failed: unknown schema version 99") {
				t.Errorf("stdout %q", stdout)
			}
		}},
		// inspect's failures are typed; ui/i18n words them in French too.
		{name: "empty file, in French", code: 1, err: "fichier vide, pas un magasin de cookies", setup: func(t *testing.T, dir string) ([]string, []string) {
			return []string{"list", "--store", writeFile(t, filepath.Join(dir, "Cookies"), nil)}, []string{"LANG=fr_FR.UTF-8"}
		}},
		{name: "newer unknown schema version, in French", code: 1, err: "version de schéma inconnue 99", setup: func(t *testing.T, dir string) ([]string, []string) {
			p := chromiumStore(t, filepath.Join(dir, "Default", "Cookies"))
			sqlExec(t, p, "UPDATE meta SET value='99' WHERE key='version';")
			return []string{"delete", "--store", p, "--name", "_ga", "--yes"}, []string{"LANG=fr_FR.UTF-8"}
		}, check: func(t *testing.T, stdout string) {
			if !strings.Contains(stdout, "version de schéma inconnue 99 du magasin de cookies Chromium") || !strings.Contains(stdout, "rien n'a été modifié") {
				t.Errorf("stdout %q", stdout)
			}
		}},
		{name: "directory where a file is expected", code: 1, err: "is a directory", setup: func(t *testing.T, dir string) ([]string, []string) {
			os.Mkdir(filepath.Join(dir, "Cookies"), 0o700)
			return []string{"list", "--store", filepath.Join(dir, "Cookies")}, nil
		}},
		{name: "permission denied", code: 1, err: "permission denied", setup: func(t *testing.T, dir string) ([]string, []string) {
			if os.Getuid() != 0 {
				t.Skip("needs root to run the binary as another user")
			}
			os.Chmod(filepath.Dir(binary(t)), 0o755)
			os.Chmod(dir, 0o755)
			p := chromiumStore(t, filepath.Join(dir, "Cookies"))
			os.Chmod(p, 0o600) // owned by root: unreadable for nobody
			return []string{"list", "--store", p}, nil
		}},
		{name: "symlink loop", code: 1, err: "too many levels of symbolic links", setup: func(t *testing.T, dir string) ([]string, []string) {
			os.Symlink(filepath.Join(dir, "b"), filepath.Join(dir, "a"))
			os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "b"))
			return []string{"list", "--store", filepath.Join(dir, "a")}, nil
		}},
		{name: "locked database: listing still works", code: 0, setup: func(t *testing.T, dir string) ([]string, []string) {
			p := chromiumStore(t, filepath.Join(dir, "Cookies"))
			holdLock(t, p)
			return []string{"list", "--store", p, "--json"}, nil
		}, check: func(t *testing.T, stdout string) {
			if n := len(decodeList(t, stdout)); n != 10 {
				t.Errorf("%d cookies listed from a locked store, want 10", n)
			}
		}},
		{name: "locked database: delete refuses in one line", code: 1, err: "the store is locked by another program", setup: func(t *testing.T, dir string) ([]string, []string) {
			p := chromiumStore(t, filepath.Join(dir, "Cookies"))
			holdLock(t, p)
			return []string{"delete", "--store", p, "--name", "_ga", "--yes"}, nil
		}, check: func(t *testing.T, stdout string) {
			if !strings.Contains(stdout, "failed: the store is locked by another program") {
				t.Errorf("stdout %q", stdout)
			}
		}},
		{name: "hot journal", code: 0, setup: func(t *testing.T, dir string) ([]string, []string) {
			p := chromiumStore(t, filepath.Join(dir, "Cookies"))
			cmd := exec.Command(sqlite3Bin(t), p)
			stdin, _ := cmd.StdinPipe()
			stdout, _ := cmd.StdoutPipe()
			cmd.Start()
			fmt.Fprintln(stdin, "PRAGMA cache_size=2; BEGIN; DELETE FROM cookies; SELECT 'ready';")
			bufio.NewReader(stdout).ReadString('\n')
			cmd.Process.Kill()
			cmd.Wait()
			if fi, err := os.Stat(p + "-journal"); err != nil || fi.Size() == 0 {
				t.Skip("no hot journal produced")
			}
			return []string{"list", "--store", p, "--json"}, nil
		}, check: func(t *testing.T, stdout string) {
			if n := len(decodeList(t, stdout)); n != 10 {
				t.Errorf("%d cookies, want the 10 of the last committed state", n)
			}
		}},
		{name: "4 KB value, non-UTF-8 and NUL bytes", code: 0, setup: func(t *testing.T, dir string) ([]string, []string) {
			p := filepath.Join(dir, "cookies.sqlite")
			big := strings.Repeat("v", 4096)
			exp := time.Now().Add(48 * time.Hour).UnixMilli()
			sqlExec(t, p, fmt.Sprintf(`PRAGMA user_version=17; CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, originAttributes TEXT NOT NULL DEFAULT '', name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, lastAccessed INTEGER, creationTime INTEGER, isSecure INTEGER, isHttpOnly INTEGER, inBrowserElement INTEGER DEFAULT 0, sameSite INTEGER DEFAULT 0, schemeMap INTEGER DEFAULT 0, isPartitionedAttributeSet INTEGER DEFAULT 0, updateTime INTEGER, CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes));
INSERT INTO moz_cookies(name,value,host,path,expiry) VALUES('big','%s','data.ofgl.fr','/',%d),
 (CAST(x'6e6f6e7574ff38' AS TEXT), CAST(x'00c3a9ff0a1b5b33316d' AS TEXT), 'data.ofgl.fr','/',%d),
 (CAST(x'6e756c00' AS TEXT),'x','data.ofgl.fr','/',%d);`, big, exp, exp, exp))
			return []string{"list", "--store", p, "--json", "--show-values"}, nil
		}, check: func(t *testing.T, stdout string) {
			got := decodeList(t, stdout)
			if len(got) != 3 {
				t.Fatalf("%d cookies", len(got))
			}
			for _, c := range got {
				if c["name"] == "big" && len(c["value"].(string)) != 4096 {
					t.Errorf("4 KB value came back with %d bytes", len(c["value"].(string)))
				}
			}
		}},
		{name: "control bytes never reach the terminal", code: 0, setup: func(t *testing.T, dir string) ([]string, []string) {
			p := filepath.Join(dir, "cookies.txt")
			exp := time.Now().Add(48 * time.Hour).Unix()
			writeFile(t, p, []byte(fmt.Sprintf("data.ofgl.fr\tFALSE\t/\tFALSE\t%d\tevil\x1b[31mred\tv\x1b]0;pwned\x07\n", exp)))
			return []string{"list", "--store", p, "--show-values"}, nil
		}, check: func(t *testing.T, stdout string) {
			if strings.ContainsAny(stdout, "\x1b\x07") {
				t.Errorf("escape sequences printed: %q", stdout)
			}
		}},
		{name: "missing keyring", code: 0, err: "could not be decrypted", setup: func(t *testing.T, dir string) ([]string, []string) {
			p := chromiumStore(t, filepath.Join(dir, "Default", "Cookies"))
			// A v11 value needs the keyring, which this environment lacks.
			sqlExec(t, p, "PRAGMA journal_mode=TRUNCATE; UPDATE cookies SET encrypted_value = CAST('v11' AS BLOB) || randomblob(48) WHERE name='sessionid';")
			return []string{"list", "--store", p, "--json", "--show-values"}, nil
		}, check: func(t *testing.T, stdout string) {
			found := false
			for _, c := range decodeList(t, stdout) {
				if c["name"] == "sessionid" {
					found = true
					if c["value_state"] != "undecryptable" || c["value"] != nil {
						t.Errorf("sessionid: %v", c)
					}
				} else if c["value"] == nil {
					t.Errorf("%v: v10 value not decrypted", c["name"])
				}
			}
			if !found {
				t.Error("the undecryptable cookie disappeared from the list")
			}
		}},
		{name: "HOME unset", code: 0, err: "No browser cookie store", setup: func(t *testing.T, dir string) ([]string, []string) {
			return []string{"list"}, []string{"-HOME"}
		}},
		{name: "catalog syntax error", code: 2, err: ":4: ", setup: func(t *testing.T, dir string) ([]string, []string) {
			p := writeFile(t, filepath.Join(dir, "x.charter"), []byte("site = example.org\n\n[cookie a]\nprovider\n"))
			return []string{"list", "--catalog", p}, nil
		}},
		{name: "one broken store among good ones", code: 0, err: "warning: firefox", setup: func(t *testing.T, dir string) ([]string, []string) {
			home := filepath.Join(dir, "home")
			chromiumStore(t, filepath.Join(home, ".config", "chromium", "Default", "Cookies"))
			writeFile(t, filepath.Join(home, ".mozilla", "firefox", "profiles.ini"), []byte("[Profile0]\nName=x\nIsRelative=1\nPath=p.x\n"))
			writeFile(t, filepath.Join(home, ".mozilla", "firefox", "p.x", "cookies.sqlite"), []byte("SQLite format 3\x00garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage"))
			return []string{"list", "--json"}, nil
		}, check: func(t *testing.T, stdout string) {
			if n := len(decodeList(t, stdout)); n != 10 {
				t.Errorf("%d cookies from the good store, want 10", n)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runCase(t, c) })
	}
}

// holdLock keeps an exclusive lock on a rollback-journal store from another
// process, as a browser in the middle of a write would, until the test ends.
func holdLock(t *testing.T, db string) {
	t.Helper()
	cmd := exec.Command(sqlite3Bin(t), db)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	fmt.Fprintln(stdin, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; SELECT 'ready';")
	r := bufio.NewReader(stdout)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("lock holder: %v", err)
		}
		if strings.TrimSpace(line) == "ready" {
			return
		}
	}
}

// Ctrl+C during a read leaves no private copy behind.
func TestInterruptLeavesNoTemporaryCopy(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "cookies.sqlite")
	if _, err := storegen.WriteFirefox(p, 100000, 1, true); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "tmp")
	os.Mkdir(tmp, 0o700)
	for i, delay := range []time.Duration{10 * time.Millisecond, 40 * time.Millisecond, 60 * time.Millisecond, 80 * time.Millisecond, 120 * time.Millisecond, 200 * time.Millisecond} {
		cmd := exec.Command(binary(t), "list", "--store", p, "--json")
		cmd.Env = []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH"), "TMPDIR=" + tmp}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		code := cmd.ProcessState.ExitCode()
		// -1: the signal came before the handlers were set up, when no
		// copy can exist yet.
		if code != 130 && code != 0 && code != -1 {
			t.Errorf("run %d: exit %d after Ctrl+C (%q)", i, code, stderr.String())
		}
		if strings.Contains(stderr.String(), "goroutine") {
			t.Fatalf("stack trace: %s", stderr.String())
		}
		if left, _ := os.ReadDir(tmp); len(left) != 0 {
			t.Fatalf("run %d (Ctrl+C after %v): %d temporary entries left, e.g. %s", i, delay, len(left), left[0].Name())
		}
	}
}

// Every file the program writes (backups, undo records, the keep list) is
// 0600 in a 0700 directory, and no temporary file outlives a command.
func TestEveryWrittenFileIsPrivate(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	chromiumStore(t, filepath.Join(home, ".config", "chromium", "Default", "Cookies"))
	state, config, tmp := filepath.Join(dir, "state"), filepath.Join(dir, "config"), filepath.Join(dir, "tmp")
	os.Mkdir(tmp, 0o700)
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command(binary(t), args...)
		cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "TMPDIR=" + tmp,
			"OFGL_COOKIES_STATE_DIR=" + state, "OFGL_COOKIES_CONFIG_DIR=" + config}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		if left, _ := os.ReadDir(tmp); len(left) != 0 {
			t.Fatalf("%v left %s in the temporary directory", args, left[0].Name())
		}
	}
	run("keep", "add", "_pk_id.1.abcd")
	run("list", "--show-values", "--json")
	run("clear", "--non-essential", "--yes")
	run("delete", "--name", "sessionid", "--yes")
	run("undo")
	files := 0
	for _, root := range []string{state, config} {
		filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
			if err != nil {
				t.Error(err)
				return nil
			}
			want := os.FileMode(0o600)
			if fi.IsDir() {
				want = 0o700
			} else {
				files++
			}
			if fi.Mode().Perm() != want {
				t.Errorf("%s: mode %v, want %v", p, fi.Mode().Perm(), want)
			}
			return nil
		})
	}
	if files < 4 {
		t.Errorf("only %d files written: the test saw nothing", files)
	}
}
