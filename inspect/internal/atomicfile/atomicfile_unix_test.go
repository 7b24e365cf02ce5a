//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

const nobody = 65534

// roDirEnv carries the prepared directory to the unprivileged child.
const roDirEnv = "ATOMICFILE_TEST_RODIR"

// TestReplaceReadOnlyDir: an unwritable directory is an error, and
// nothing is created or changed. Root ignores directory permissions, so
// as root the test re-runs itself as user nobody (65534); it skips only
// if it cannot drop privileges.
func TestReplaceReadOnlyDir(t *testing.T) {
	dir := os.Getenv(roDirEnv)
	if dir == "" {
		dir = filepath.Join(worldReadableTempDir(t), "ro")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "cookies.txt"), []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		if os.Geteuid() == 0 {
			runAsNobody(t, dir, "^TestReplaceReadOnlyDir$")
			checkUntouched(t, dir)
			return
		}
	}
	err := Replace(filepath.Join(dir, "cookies.txt"), []byte("new"))
	if !errors.Is(err, os.ErrPermission) {
		t.Fatalf("err = %v, want a permission error", err)
	}
	checkUntouched(t, dir)
}

func checkUntouched(t *testing.T, dir string) {
	t.Helper()
	if got := entries(t, dir); !slices.Equal(got, []string{"cookies.txt"}) {
		t.Fatalf("dir holds %v", got)
	}
	if got := readFile(t, filepath.Join(dir, "cookies.txt")); got != "old" {
		t.Fatalf("content %q", got)
	}
}

// worldReadableTempDir is a t.TempDir that user nobody can enter (the
// test framework makes its directories 0700).
func worldReadableTempDir(t *testing.T) string {
	d := t.TempDir()
	for p := d; p != os.TempDir() && p != "/" && p != "."; p = filepath.Dir(p) {
		if strings.HasPrefix(p, os.TempDir()) {
			os.Chmod(p, 0o755)
		}
	}
	return d
}

// runAsNobody runs the named test of a copy of this test binary as user
// nobody, with the directory in roDirEnv.
func runAsNobody(t *testing.T, dir, run string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary:", err)
	}
	bin := filepath.Join(worldReadableTempDir(t), "atomicfile.test")
	data, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run", run, "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), roDirEnv+"="+dir)
	cmd.Dir = "/"
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Skip("cannot run as nobody (root only, when allowed to drop privileges):", err)
	}
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
}

// TestReplaceKeepsOwner: run as root (say, with sudo), Replace must not
// hand the user's file to root. Skipped when not root.
func TestReplaceKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to create a file owned by someone else")
	}
	path := filepath.Join(t.TempDir(), "cookies.txt")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	if err := Replace(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	st := info.Sys().(*syscall.Stat_t)
	if st.Uid != nobody || st.Gid != nobody || info.Mode().Perm() != 0o600 {
		t.Fatalf("owner %d:%d mode %v", st.Uid, st.Gid, info.Mode().Perm())
	}
}
