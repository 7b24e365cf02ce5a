package inspect_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ofgl/ofgl-cookies/inspect/internal/storegen"
)

// The partial-failure matrix through the built binary: a store whose
// directory is read-only (a read-only bind mount: root ignores file modes)
// fails with nothing changed and no batch left; a Firefox session store
// whose profile directory is read-only while sessionstore-backups/ is
// writable gets its first rewritten file put back, says so, and keeps the
// batch with its backup. A failing directory fsync cannot be provoked
// here; partial_test.go injects it.

// readOnlyMount makes dir read-only until the test ends. It needs root and
// mount: CI runs as root, so there the test fails rather than skip.
func readOnlyMount(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		needMount(t, "needs root for a read-only bind mount")
	}
	if out, err := exec.Command("mount", "--bind", dir, dir).CombinedOutput(); err != nil {
		needMount(t, "mount --bind: "+strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	if out, err := exec.Command("mount", "-o", "remount,ro,bind", dir).CombinedOutput(); err != nil {
		t.Fatalf("remount read-only: %v %s", err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, ".probe"), nil, 0o600); err == nil {
		t.Fatalf("%s is still writable", dir)
	}
}

// needMount skips a test that cannot mount, except in CI where it fails.
func needMount(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s: this test must run in CI", msg)
	}
	t.Skip(msg)
}

// smallDisk mounts a small tmpfs on dir until the test ends.
func smallDisk(t *testing.T, dir string) {
	t.Helper()
	os.MkdirAll(dir, 0o700)
	if os.Geteuid() != 0 {
		needMount(t, "needs root to mount a small file system")
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", dir).CombinedOutput(); err != nil {
		needMount(t, "mount tmpfs: "+strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
}

// fillDisk fills the file system of dir to the last byte.
func fillDisk(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	block := make([]byte, 4096)
	for {
		if _, err := f.Write(block); err != nil {
			break
		}
	}
	for {
		if _, err := f.Write(block[:1]); err != nil {
			break
		}
	}
}

// writableMount makes dir (inside a read-only mount) writable again.
func writableMount(t *testing.T, dir string) {
	t.Helper()
	if out, err := exec.Command("mount", "--bind", dir, dir).CombinedOutput(); err != nil {
		t.Fatalf("mount --bind: %v %s", err, out)
	}
	// Unmounted before the read-only mount around it (cleanups run last first).
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	if out, err := exec.Command("mount", "-o", "remount,rw,bind", dir).CombinedOutput(); err != nil {
		t.Fatalf("remount writable: %v %s", err, out)
	}
}

func snapshotFiles(t *testing.T, paths ...string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, p := range paths {
		out[p] = readAll(t, p)
	}
	return out
}

func checkUnchanged(t *testing.T, before map[string][]byte) {
	t.Helper()
	for p, b := range before {
		if !bytes.Equal(readAll(t, p), b) {
			t.Errorf("%s changed", filepath.Base(p))
		}
	}
}

func batchDirs(t *testing.T, home string) []string {
	t.Helper()
	entries, _ := os.ReadDir(filepath.Join(home, "state", "batches"))
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, filepath.Join(home, "state", "batches", e.Name()))
		}
	}
	return out
}

func TestPartialFailureMatrix(t *testing.T) {
	binary(t)
	// Stores in a read-only directory: nothing changed, nothing kept.
	sqliteFixtures := []fixture{{kind: "chromium", make: func(t *testing.T, dir string) string {
		return chromiumStore(t, filepath.Join(dir, "Default", "Cookies"))
	}}, {kind: "firefox", make: func(t *testing.T, dir string) string {
		p := filepath.Join(dir, "profile", "cookies.sqlite")
		os.MkdirAll(filepath.Dir(p), 0o700)
		if _, err := storegen.WriteFirefox(p, 1000, 1, false); err != nil {
			t.Fatal(err)
		}
		return p
	}}}
	for _, f := range append([]fixture{jarFixture, safariFixture}, sqliteFixtures...) {
		t.Run(f.kind+"-read-only-dir", func(t *testing.T) {
			home := t.TempDir()
			store := f.make(t, filepath.Join(home, "store"))
			paths := []string{store}
			if _, err := os.Stat(store + "-journal"); err == nil {
				paths = append(paths, store+"-journal")
			}
			before := snapshotFiles(t, paths...)
			readOnlyMount(t, filepath.Dir(store))
			r := runOne(t, home, "delete", "--store", store, "--all", "--yes")
			// SQLite reports a WAL it cannot create as an I/O error.
			want := "read-only; nothing was changed"
			if f.kind == "firefox" {
				want = "nothing was changed"
			}
			if r.code != 1 || len(failureLines(r)) != 1 || !strings.Contains(r.stdout, want) {
				t.Fatalf("exit %d, want 1 with one line on stderr and the store said unchanged:\n%s\n%s", r.code, r.stdout, r.stderr)
			}
			if len(reported(r)) != 0 || !strings.Contains(r.stdout, "! not deleted:") {
				t.Errorf("the result does not say which cookies stayed:\n%s", r.stdout)
			}
			checkUnchanged(t, before)
			if dirs := batchDirs(t, home); len(dirs) != 0 {
				t.Errorf("a deletion that changed nothing left %v", dirs)
			}
		})
	}

	// A full disk: nothing changed, nothing kept, one line.
	for _, f := range append([]fixture{jarFixture, safariFixture, sessionFixture}, sqliteFixtures...) {
		t.Run(f.kind+"-disk-full", func(t *testing.T) {
			home := t.TempDir()
			disk := filepath.Join(home, "disk")
			smallDisk(t, disk)
			store := f.make(t, filepath.Join(disk, "store"))
			var paths []string
			filepath.Walk(filepath.Join(disk, "store"), func(p string, fi os.FileInfo, err error) error {
				if err == nil && fi.Mode().IsRegular() {
					paths = append(paths, p)
				}
				return nil
			})
			before := snapshotFiles(t, paths...)
			fillDisk(t, disk)
			r := runOne(t, home, "delete", "--store", store, "--all", "--yes")
			if r.code != 1 || len(failureLines(r)) != 1 || !strings.Contains(r.stdout, "nothing was changed") || len(reported(r)) != 0 {
				t.Fatalf("exit %d, want 1 with one line on stderr and the store said unchanged:\n%s\n%s", r.code, r.stdout, r.stderr)
			}
			checkUnchanged(t, before)
			if dirs := batchDirs(t, home); len(dirs) != 0 {
				t.Errorf("a deletion that changed nothing left %v", dirs)
			}
		})
	}

	// The session store: recovery.jsonlz4 is rewritten, sessionstore.jsonlz4
	// cannot be; recovery.jsonlz4 is put back and the batch is kept.
	t.Run("session-read-only-profile", func(t *testing.T) {
		home := t.TempDir()
		store := sessionFixture.make(t, filepath.Join(home, "store"))
		profile := filepath.Dir(store)
		before := snapshotFiles(t, sessionFiles(profile)...)
		readOnlyMount(t, profile)
		writableMount(t, filepath.Join(profile, "sessionstore-backups"))
		r := runOne(t, home, "delete", "--store", store, "--name", "sessionid", "--yes")
		t.Logf("delete:\n%s%s", r.stdout, r.stderr)
		if r.code != 1 || len(failureLines(r)) != 1 {
			t.Fatalf("exit %d, want 1 with one line on stderr:\n%s\n%s", r.code, r.stdout, r.stderr)
		}
		if !strings.Contains(r.stdout, "the files already rewritten (recovery.jsonlz4) were put back from the backup") ||
			!strings.Contains(r.stdout, "! not deleted: sessionid (data.ofgl.fr)") || len(reported(r)) != 0 {
			t.Errorf("the result does not say the store was put back and sessionid stayed:\n%s", r.stdout)
		}
		if strings.Contains(r.stdout, "nothing was changed") {
			t.Errorf("the result says nothing was changed, but a file was rewritten:\n%s", r.stdout)
		}
		checkUnchanged(t, before)
		dirs := batchDirs(t, home)
		if len(dirs) != 1 {
			t.Fatalf("%d batches kept, want the one with the backup", len(dirs))
		}
		var m struct {
			Stores []struct {
				BackupDir string `json:"backup_dir"`
				Backup    []struct{ Name string }
			}
		}
		if err := json.Unmarshal(readAll(t, filepath.Join(dirs[0], "manifest.json")), &m); err != nil {
			t.Fatal(err)
		}
		if len(m.Stores) != 1 || len(m.Stores[0].Backup) != 2 {
			t.Fatalf("manifest %+v, want a backup of both files", m)
		}
		for _, b := range m.Stores[0].Backup {
			got := readAll(t, filepath.Join(m.Stores[0].BackupDir, b.Name))
			if !bytes.Equal(got, before[sessionFiles(profile)[0]]) {
				t.Errorf("backup %s is not the file as it was", b.Name)
			}
		}
		// The same failure again, in French.
		fr := exec.Command(binary(t), "delete", "--store", store, "--name", "sessionid", "--yes")
		fr.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=fr_FR.UTF-8", "OFGL_COOKIES_STATE_DIR=" + filepath.Join(home, "state")}
		var frOut, frErr bytes.Buffer
		fr.Stdout, fr.Stderr = &frOut, &frErr
		if err := fr.Run(); err == nil || !strings.Contains(frOut.String(), "ont été remis depuis la sauvegarde") ||
			!strings.Contains(frOut.String(), "non supprimé : sessionid") || !strings.Contains(frErr.String(), "non traité") {
			t.Errorf("in French: %v\n%s\n%s", err, frOut.String(), frErr.String())
		}
		checkUnchanged(t, before)
		// Nothing to undo: the store is as it was.
		u := runOne(t, home, "undo")
		if u.code != 0 || strings.Contains(u.stdout, "restored 1") {
			t.Errorf("undo after a rolled-back store: exit %d\n%s\n%s", u.code, u.stdout, u.stderr)
		}
	})
}
