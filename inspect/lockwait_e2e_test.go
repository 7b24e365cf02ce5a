package inspect_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/internal/storelock"
)

// holdStoreLock takes the lock the binary takes for store, as another
// ofgl-cookies process would, and returns its release.
func holdStoreLock(t *testing.T, home, store string) func() {
	t.Helper()
	path := inspect.StoreLockPath(filepath.Join(home, "state"), inspect.StoreRef{Path: store})
	if _, err := storelock.Dir(filepath.Dir(path)); err != nil {
		t.Fatal(err)
	}
	l, err := storelock.Acquire(context.Background(), path, "test-holder", 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	return l.Release
}

// A store another run keeps busy: the run says on stderr that it waits,
// naming the other process, then gives up with one line, exit 1, and
// changes nothing.
func TestBusyStoreGivesUp(t *testing.T) {
	binary(t)
	home := t.TempDir()
	store := jarFixture.make(t, filepath.Join(home, "store"))
	before := readAll(t, store)
	release := holdStoreLock(t, home, store)
	defer release()
	r := runOne(t, home, "delete", "--store", store, "--name", "_ga", "--yes")
	pid := strconv.Itoa(os.Getpid())
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if r.code != 1 || len(lines) != 2 {
		t.Fatalf("exit %d, stderr %q; want exit 1, a line saying it waits and one saying it gave up", r.code, r.stderr)
	}
	if want := "waiting for ofgl-cookies pid " + pid + " (test-holder) to finish with " + store; !strings.Contains(lines[0], want) {
		t.Errorf("first line %q, want it to contain %q", lines[0], want)
	}
	if !strings.Contains(lines[1], "pid "+pid+", test-holder") || !strings.Contains(lines[1], "nothing was changed") {
		t.Errorf("last line %q does not name the other process and say nothing changed", lines[1])
	}
	if !strings.Contains(r.stdout, "failed: another ofgl-cookies process (pid "+pid) {
		t.Errorf("stdout does not say the store failed:\n%s", r.stdout)
	}
	if string(readAll(t, store)) != string(before) {
		t.Error("a run that gave up changed the store")
	}
	if entries, _ := os.ReadDir(filepath.Join(home, "state", "batches")); len(entries) != 0 {
		t.Errorf("a run that changed nothing left %d batches", len(entries))
	}
}

// A run that waits for another one and then gets the store deletes as
// usual and says so (here in French).
func TestBusyStoreWaitsThenDeletes(t *testing.T) {
	binary(t)
	home := t.TempDir()
	store := jarFixture.make(t, filepath.Join(home, "store"))
	release := holdStoreLock(t, home, store)
	errPath := filepath.Join(home, "stderr")
	errFile, err := os.Create(errPath)
	if err != nil {
		t.Fatal(err)
	}
	defer errFile.Close()
	var out strings.Builder
	cmd := exec.Command(binary(t), "delete", "--store", store, "--name", "_ga", "--yes")
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=fr_FR.UTF-8",
		"OFGL_COOKIES_STATE_DIR=" + filepath.Join(home, "state")}
	cmd.Stdout, cmd.Stderr = &out, errFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Let go once the run says it waits (it waits up to 5 s).
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if b, _ := os.ReadFile(errPath); strings.Contains(string(b), "attente de la fin d'ofgl-cookies pid "+strconv.Itoa(os.Getpid())) {
			break
		}
		if time.Now().After(deadline) {
			release()
			cmd.Wait()
			b, _ := os.ReadFile(errPath)
			t.Fatalf("the run never said it waits; stderr %q", b)
		}
	}
	release()
	err = cmd.Wait()
	stderr, _ := os.ReadFile(errPath)
	if err != nil || !strings.Contains(out.String(), "1 supprimé sur 1") {
		t.Fatalf("after the wait: %v\n%s\n%s", err, out.String(), stderr)
	}
	if lines := strings.Split(strings.TrimSpace(string(stderr)), "\n"); len(lines) != 1 {
		t.Errorf("stderr %q, want only the line saying it waits", stderr)
	}
	if jarFixture.entries(t, store)["_ga\t.ofgl.fr"] != 0 {
		t.Error("_ga is still in the store")
	}
}
