//go:build unix

package demo

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// A demo directory whose process died (SIGKILL) goes when the next demo
// starts; one whose process lives, or that has no owner yet, stays.
func TestNewRemovesAbandonedDemos(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	mk := func(name, owner string) string {
		dir := filepath.Join(tmp, name)
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if owner != "" {
			if err := os.WriteFile(filepath.Join(dir, ownerFile), []byte(owner), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	abandoned := mk("ofgl-cookies-demo-1", strconv.Itoa(dead.Process.Pid))
	live := mk("ofgl-cookies-demo-2", strconv.Itoa(os.Getppid()))
	making := mk("ofgl-cookies-demo-3", "")
	other := mk("ofgl-cookies-snapshot-4", strconv.Itoa(dead.Process.Pid))
	d, err := New(time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := os.Stat(abandoned); !os.IsNotExist(err) {
		t.Errorf("the abandoned demo stays: %v", err)
	}
	for _, dir := range []string{live, making, other, d.Dir} {
		if _, err := os.Stat(dir); err != nil {
			t.Errorf("%s was removed: %v", dir, err)
		}
	}
}
