package inspect

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A batch on disk with a backup file, as Delete leaves it.
func fakeBatch(t *testing.T, state string, created time.Time, status string, store StoreRef) *Batch {
	t.Helper()
	b := &Batch{ID: newBatchID(created), Created: created.UTC(), Status: status,
		Stores: []BatchStore{{Store: store, Status: StoreDeleted, Entries: []FileEntry{{File: store.Path, Name: "n", Host: "h", Line: "h\tFALSE\t/\tFALSE\t0\tn\tv"}}}}}
	if err := b.save(state); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(batchDir(state, b.ID), "01-store")
	os.MkdirAll(dir, 0o700)
	os.WriteFile(filepath.Join(dir, "cookies.txt"), make([]byte, 1000), 0o600)
	return b
}

func TestPruneSparesWhatIsInUse(t *testing.T) {
	state := t.TempDir()
	old := time.Now().Add(-48 * time.Hour)
	store := func(name string) StoreRef {
		return StoreRef{Browser: "file", Path: filepath.Join(t.TempDir(), name), Kind: KindKooky}
	}
	idle := fakeBatch(t, state, old, BatchCommitted, store("idle.txt"))
	// A batch still being written by a live process (this one).
	writing := fakeBatch(t, state, old, BatchPending, store("writing.txt"))
	// A batch whose store another run holds.
	lockedRef := store("locked.txt")
	locked := fakeBatch(t, state, old, BatchCommitted, lockedRef)
	opts := DeleteOptions{StateDir: state, LockWait: time.Millisecond}
	release, err := lockStore(context.Background(), opts, lockedRef)
	if err != nil {
		t.Fatal(err)
	}
	// A pending batch whose writer is gone: a crash's leftover.
	dead := fakeBatch(t, state, old, BatchPending, store("dead.txt"))
	dead.Writer = &BatchWriter{PID: 1 << 22, Host: writing.Writer.Host}
	writePrivateJSON(filepath.Join(batchDir(state, dead.ID), "manifest.json"), dead)
	// Directories without a manifest: an old one is a leftover, a fresh one
	// may be a run writing its first backup.
	orphanOld, orphanNew := filepath.Join(batchesDir(state), "orphan-old"), filepath.Join(batchesDir(state), "orphan-new")
	for _, d := range []string{orphanOld, orphanNew} {
		os.MkdirAll(d, 0o700)
		os.WriteFile(filepath.Join(d, "Cookies"), make([]byte, 500), 0o600)
	}
	os.Chtimes(filepath.Join(orphanOld, "Cookies"), old, old)
	os.Chtimes(orphanOld, old, old)

	res, err := Prune(context.Background(), state, PruneOptions{Retention: Retention{MaxAge: 0, MaxCount: 20}}, opts)
	release()
	if err != nil {
		t.Fatal(err)
	}
	removed := map[string]int64{}
	for _, p := range res.Removed {
		removed[p.ID] = p.Bytes
	}
	for _, id := range []string{idle.ID, dead.ID, "orphan-old"} {
		if _, ok := removed[id]; !ok {
			t.Errorf("%s was not removed", id)
		}
		if _, err := os.Stat(batchDir(state, id)); !os.IsNotExist(err) {
			t.Errorf("%s is still on disk", id)
		}
	}
	for _, id := range []string{writing.ID, locked.ID, "orphan-new"} {
		if _, ok := removed[id]; ok {
			t.Errorf("%s was removed while in use", id)
		}
		if _, err := os.Stat(batchDir(state, id)); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
	if len(res.InUse) != 2 {
		t.Errorf("in use: %v", res.InUse)
	}
	if removed["orphan-old"] != 500 || res.Bytes != removed[idle.ID]+removed[dead.ID]+500 || removed[idle.ID] <= 1000 {
		t.Errorf("bytes freed %d: %v", res.Bytes, removed)
	}
}

func TestParseAgeAndRetention(t *testing.T) {
	for in, want := range map[string]time.Duration{"0s": 0, "30d": 30 * 24 * time.Hour, "12h": 12 * time.Hour, "1h30m": 90 * time.Minute} {
		if got, err := ParseAge(in); err != nil || got != want {
			t.Errorf("ParseAge(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "-1h", "d", "3 days", "1.5d", "-2d"} {
		if _, err := ParseAge(in); err == nil {
			t.Errorf("ParseAge(%q) accepted", in)
		}
	}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if r, err := RetentionFromEnv(env(nil)); err != nil || r != DefaultRetention {
		t.Errorf("default %v %v", r, err)
	}
	if r, err := RetentionFromEnv(env(map[string]string{EnvRetainFor: "7d", EnvRetainBatches: "5"})); err != nil || r.MaxAge != 7*24*time.Hour || r.MaxCount != 5 {
		t.Errorf("set %v %v", r, err)
	}
	for _, bad := range []map[string]string{{EnvRetainBatches: "0"}, {EnvRetainBatches: "x"}, {EnvRetainFor: "soon"}} {
		if _, err := RetentionFromEnv(env(bad)); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}
