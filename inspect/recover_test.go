package inspect

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// crashAt runs Delete and stops it dead at the n-th call of a step, as a
// kill would: no code of the protocol runs after that point (only the
// deferred releases, which the kernel does for a killed process).
func crashAt(t *testing.T, cookies []Cookie, opts DeleteOptions, step string, n int) {
	t.Helper()
	type crash struct{}
	seen := 0
	opts.Interrupt = func(s string) {
		if s == step {
			if seen++; seen == n {
				panic(crash{})
			}
		}
	}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(crash); !ok {
				panic(r)
			}
		}
	}()
	Delete(context.Background(), cookies, opts)
	t.Fatalf("step %s #%d never reached", step, n)
}

// A pending batch whose run is alive is never touched, at any step.
func TestRecoverLeavesALiveRunAlone(t *testing.T) {
	for _, step := range Steps {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			db := chromiumStore(t, dir)
			ref := StoreRef{Browser: "chromium", Path: db, Kind: KindChromium, UserDataDir: dir}
			state := t.TempDir()
			opts := DeleteOptions{StateDir: state, CheckRunning: notRunning, LockWait: 100 * time.Millisecond}
			var recovered []RecoveredBatch
			var rerr error
			live := opts
			live.Interrupt = func(s string) {
				if s == step {
					recovered, rerr = RecoverInterrupted(context.Background(), opts)
				}
			}
			res, err := Delete(context.Background(), pick(readSite(t, ref), "_ga", "sessionid"), live)
			if err != nil || !res.OK() {
				t.Fatalf("%v %+v", err, res.Stores)
			}
			if rerr != nil || len(recovered) != 0 {
				t.Fatalf("the recovery acted on a live run's batch: %+v %v", recovered, rerr)
			}
			b, err := LoadBatch(state, res.ID)
			if err != nil || b.Status != BatchCommitted || b.Count() != 2 {
				t.Fatalf("batch %+v %v", b, err)
			}
		})
	}
}

// A rewrite killed between writing its temporary file and the rename
// leaves that file beside the store: the recovery removes it, and says
// nothing was deleted.
func TestRecoverRemovesTemporaryFilesBesideTheStore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cookies.txt")
	original := fmt.Sprintf(jar, time.Now().Add(48*time.Hour).Unix())
	os.WriteFile(path, []byte(original), 0o600)
	ref := StoreRef{Browser: "file", Path: path, Kind: KindKooky}
	listed, err := ReadFile(context.Background(), ref, Options{Site: testSite(t), StorePath: path})
	if err != nil {
		t.Fatal(err)
	}
	state := t.TempDir()
	opts := DeleteOptions{StateDir: state, CheckRunning: notRunning}
	crashAt(t, pick(listed, "_ga"), opts, StepCommit, 1)
	stray := filepath.Join(dir, ".cookies.txt.123456.tmp")
	os.WriteFile(stray, []byte("half a jar"), 0o600)
	// The killed run's store lock: the kernel released it, the file stays.
	deadLock := filepath.Join(locksDir(state), "store-0123.lock")
	os.WriteFile(deadLock, []byte("1\ndelete\n"), 0o600)
	got, err := RecoverInterrupted(context.Background(), opts)
	if err != nil || len(got) != 1 || got[0].Outcome != RecoveryCleanedUp {
		t.Fatalf("%+v %v", got, err)
	}
	if _, err := os.Stat(stray); !os.IsNotExist(err) {
		t.Fatal("the temporary file is still there")
	}
	if _, err := os.Stat(deadLock); !os.IsNotExist(err) {
		t.Fatal("the dead run's lock file is still there")
	}
	if string(fileBytes(t, path)) != original {
		t.Fatal("the jar changed")
	}
	if left, _ := os.ReadDir(batchesDir(state)); len(left) != 0 {
		t.Fatalf("%d batch directories left", len(left))
	}
}

// A session store half rewritten is completed only when Firefox is
// closed; until then the batch stays pending and says why.
func TestRecoverCompletesAHalfRewrittenSessionStore(t *testing.T) {
	profile := t.TempDir()
	current := filepath.Join(profile, "sessionstore.jsonlz4")
	recovery := filepath.Join(profile, "sessionstore-backups", "recovery.jsonlz4")
	writeSession(t, current, sessionJSON)
	writeSession(t, recovery, sessionJSON)
	ref := StoreRef{Browser: "firefox", Profile: "p", Path: current, Kind: KindFirefoxSession, ProfileDir: profile}
	listed, err := ReadFile(context.Background(), ref, Options{Site: testSite(t)})
	if err != nil {
		t.Fatal(err)
	}
	state := t.TempDir()
	opts := DeleteOptions{StateDir: state, CheckRunning: notRunning}
	crashAt(t, listed, opts, StepCommit, 2)
	if n := len(decodeSession(t, current)["cookies"].([]any)); n != 3 {
		t.Fatalf("sessionstore.jsonlz4 holds %d cookies before the recovery, want all 3", n)
	}
	running := opts
	running.CheckRunning = func(StoreRef) (OwnerStatus, error) {
		return OwnerStatus{Running: true, Reason: "Firefox is running"}, nil
	}
	got, err := RecoverInterrupted(context.Background(), running)
	if err != nil || len(got) != 1 || got[0].Outcome != RecoveryLeft || !hasProblem(got[0].Stores[0].Err, ProblemBrowserRunning) {
		t.Fatalf("with Firefox running: %+v %v", got, err)
	}
	if b, _ := LoadBatch(state, got[0].ID); b.Status != BatchPending {
		t.Fatalf("batch %s, want pending", b.Status)
	}
	got, err = RecoverInterrupted(context.Background(), opts)
	if err != nil || len(got) != 1 || got[0].Outcome != RecoveryFinished || got[0].Completed != 1 || got[0].Deleted != 2 {
		t.Fatalf("with Firefox closed: %+v %v", got, err)
	}
	for _, p := range []string{current, recovery} {
		if n := len(decodeSession(t, p)["cookies"].([]any)); n != 1 {
			t.Fatalf("%s holds %d cookies, want only the other site's", p, n)
		}
	}
	if _, results, err := Undo(context.Background(), state, got[0].ID, opts); err != nil || results[0].Err != nil {
		t.Fatalf("undo %+v %v", results, err)
	}
	for _, p := range []string{current, recovery} {
		if n := len(decodeSession(t, p)["cookies"].([]any)); n != 3 {
			t.Fatalf("%s holds %d cookies after the undo, want 3", p, n)
		}
	}
}

// A manifest that does not parse did not come from the tool: the
// recovery leaves it, and its backups, alone.
func TestRecoverLeavesAForeignManifestAlone(t *testing.T) {
	state := t.TempDir()
	id := newBatchID(time.Now())
	dir := filepath.Join(batchesDir(state), id)
	os.MkdirAll(filepath.Join(dir, "01-x"), 0o700)
	os.WriteFile(filepath.Join(dir, "manifest.json"), []byte("{not json"), 0o600)
	got, err := RecoverInterrupted(context.Background(), DeleteOptions{StateDir: state, CheckRunning: notRunning})
	if err != nil || len(got) != 0 {
		t.Fatalf("%+v %v", got, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "01-x")); err != nil {
		t.Fatal("the backup was removed")
	}
}
