package inspect

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestCopyPrivate(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "src"), filepath.Join(dir, "dst")
	if err := os.WriteFile(src, []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := copyPrivate(src, dst, true)
	if err != nil || c.Size != 3 || c.SHA256 != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("copy: %+v %v", c, err)
	}
	if fi, err := os.Stat(dst); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("copy mode: %v %v", fi, err)
	}
	if _, err := copyPrivate(src, dst, false); !errors.Is(err, os.ErrExist) {
		t.Errorf("copy over an existing file: %v", err)
	}
	if _, err := copyPrivate(filepath.Join(dir, "missing"), filepath.Join(dir, "x"), false); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("copy of a missing file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a failed copy left its destination")
	}
}
