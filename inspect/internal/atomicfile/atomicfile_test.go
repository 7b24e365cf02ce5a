package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// entries lists a directory's names, to prove nothing was left behind.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReplaceNewFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cookies.txt")
	if err := Replace(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); got != "new" {
		t.Fatalf("content %q", got)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", info.Mode().Perm())
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"cookies.txt"}) {
		t.Fatalf("dir holds %v", got)
	}
}

func TestReplaceKeepsPermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "Cookies.binarycookies")
	for _, perm := range []fs.FileMode{0o664, 0o600, 0o640, 0o400} {
		if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		// Chmod, not WriteFile's perm: 0664 must survive a 022 umask.
		if err := os.Chmod(path, perm); err != nil {
			t.Fatal(err)
		}
		if err := Replace(path, []byte("new")); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != perm {
			t.Errorf("mode %v, want %v", info.Mode().Perm(), perm)
		}
		if got := readFile(t, path); got != "new" {
			t.Errorf("content %q", got)
		}
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Fatalf("dir holds %v", got)
	}
}

func TestReplaceThroughSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	root := t.TempDir()
	linkDir := filepath.Join(root, "profile")
	realDir := filepath.Join(root, "elsewhere")
	for _, d := range []string{linkDir, realDir} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	target := filepath.Join(realDir, "jar.txt")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(target, 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(linkDir, "cookies.txt")
	// A relative link, then a link to that link.
	if err := os.Symlink("../elsewhere/jar.txt", link); err != nil {
		t.Fatal(err)
	}
	link2 := filepath.Join(root, "link2")
	if err := os.Symlink(link, link2); err != nil {
		t.Fatal(err)
	}
	for i, p := range []string{link, link2} {
		data := []byte{'n', 'e', 'w', byte('0' + i)}
		if err := Replace(p, data); err != nil {
			t.Fatal(err)
		}
		if got := readFile(t, target); got != string(data) {
			t.Fatalf("target content %q", got)
		}
	}
	if dest, err := os.Readlink(link); err != nil || dest != "../elsewhere/jar.txt" {
		t.Fatalf("link changed: %q, %v", dest, err)
	}
	if dest, err := os.Readlink(link2); err != nil || dest != link {
		t.Fatalf("link2 changed: %q, %v", dest, err)
	}
	if info, err := os.Stat(target); err != nil || info.Mode().Perm() != 0o640 {
		t.Fatalf("target mode: %v %v", info.Mode(), err)
	}
	if got := entries(t, linkDir); !slices.Equal(got, []string{"cookies.txt"}) {
		t.Fatalf("link dir holds %v", got)
	}
	if got := entries(t, realDir); !slices.Equal(got, []string{"jar.txt"}) {
		t.Fatalf("target dir holds %v", got)
	}
}

func TestReplaceRefusals(t *testing.T) {
	dir := t.TempDir()
	if err := Replace(dir, []byte("x")); err == nil {
		t.Error("replaced a directory")
	}
	if err := Replace(filepath.Join(dir, "missing", "f"), []byte("x")); err == nil {
		t.Error("wrote into a missing directory")
	}
	if runtime.GOOS != "windows" {
		dangling := filepath.Join(dir, "dangling")
		if err := os.Symlink(filepath.Join(dir, "nowhere"), dangling); err != nil {
			t.Fatal(err)
		}
		if err := Replace(dangling, []byte("x")); err == nil {
			t.Error("followed a dangling symlink")
		}
	}
	if got := entries(t, dir); len(got) > 1 {
		t.Fatalf("left behind: %v", got)
	}
}

// TestReplaceCleansUpOnError injects failures after the temporary file
// exists: it must go, and the original must be intact.
func TestReplaceCleansUpOnError(t *testing.T) {
	boom := errors.New("boom")
	for name, inject := range map[string]func(){
		"rename": func() { rename = func(string, string) error { return boom } },
		"sync":   func() { afterSync = func(*os.File) error { return boom } },
	} {
		t.Run(name, func(t *testing.T) {
			oldRename, oldSync := rename, afterSync
			defer func() { rename, afterSync = oldRename, oldSync }()
			inject()
			dir := t.TempDir()
			path := filepath.Join(dir, "cookies.txt")
			if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := Replace(path, []byte("new")); !errors.Is(err, boom) {
				t.Fatalf("err = %v", err)
			}
			if got := readFile(t, path); got != "old" {
				t.Fatalf("original changed: %q", got)
			}
			if got := entries(t, dir); !slices.Equal(got, []string{"cookies.txt"}) {
				t.Fatalf("left behind: %v", got)
			}
		})
	}
}
