package inspect

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect/internal/atomicfile"
	"github.com/ofgl/ofgl-cookies/inspect/internal/binarycookies"
)

// sessionProfile writes a profile whose session store has two files
// holding the same cookies, recovery.jsonlz4 first in the order of writes.
func sessionProfile(t *testing.T) (profile, current, recovery string) {
	profile = t.TempDir()
	current = filepath.Join(profile, "sessionstore.jsonlz4")
	recovery = filepath.Join(profile, "sessionstore-backups", "recovery.jsonlz4")
	writeSession(t, current, sessionJSON)
	writeSession(t, recovery, sessionJSON)
	return profile, current, recovery
}

func sessionVictim(t *testing.T, profile, current string) []Cookie {
	t.Helper()
	ref := StoreRef{Browser: "firefox", Profile: "p", Path: current, Kind: KindFirefoxSession, ProfileDir: profile}
	var out []Cookie
	for _, c := range readSite(t, ref) {
		if c.Container == "" {
			out = append(out, c)
		}
	}
	if len(out) != 1 {
		t.Fatalf("%d cookies to delete, want 1", len(out))
	}
	return out
}

// breakAtCommit makes the rewrite of path fail once the protocol reaches
// the commit: a directory takes the file's place, which no rename can
// replace.
func breakAtCommit(path string) func(string) {
	return func(step string) {
		if step == StepCommit {
			os.Remove(path)
			os.Mkdir(path, 0o700)
		}
	}
}

// checkBatchKept checks that the batch of res is on disk, committed, with
// a backup whose files hold what the store held before.
func checkBatchKept(t *testing.T, state string, res BatchResult, originals map[string][]byte) *Batch {
	t.Helper()
	b, err := LoadBatch(state, res.ID)
	if err != nil {
		t.Fatalf("the batch was not kept: %v", err)
	}
	if b.Status != BatchCommitted {
		t.Errorf("batch status %q", b.Status)
	}
	bs := b.Stores[0]
	if len(bs.Backup) != len(originals) {
		t.Fatalf("%d backup files, want %d", len(bs.Backup), len(originals))
	}
	for _, f := range bs.Backup {
		data := fileBytes(t, filepath.Join(bs.BackupDir, f.Name))
		if sha256Hex(data) != f.SHA256 {
			t.Errorf("backup %s does not match its checksum", f.Name)
		}
		found := false
		for _, o := range originals {
			found = found || bytes.Equal(o, data)
		}
		if !found {
			t.Errorf("backup %s is not a file of the store as it was", f.Name)
		}
	}
	checkPrivateTree(t, state)
	return b
}

// A Firefox session store whose second file cannot be rewritten after the
// first was: the first is put back, the store is whole, the result says so
// and the backup stays.
func TestSessionRewriteFailsThenRolledBack(t *testing.T) {
	profile, current, recovery := sessionProfile(t)
	victim := sessionVictim(t, profile, current)
	before := fileBytes(t, recovery)
	state := t.TempDir()
	res, err := Delete(context.Background(), victim, DeleteOptions{StateDir: state, CheckRunning: notRunning, Interrupt: breakAtCommit(current)})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Stores[0]
	if r.OK() || r.Change != ChangeRolledBack || len(r.Deleted) != 0 || len(r.NotDeleted) != 1 {
		t.Fatalf("result %+v, want rolled back with the cookie not deleted", r)
	}
	if fmt.Sprint(r.ChangedFiles) != "[recovery.jsonlz4]" {
		t.Errorf("changed files %v", r.ChangedFiles)
	}
	if !bytes.Equal(fileBytes(t, recovery), before) {
		t.Error("recovery.jsonlz4 was not put back")
	}
	b := checkBatchKept(t, state, res, map[string][]byte{"recovery": before, "current": fileBytes(t, recovery)})
	if b.Count() != 0 {
		t.Errorf("a rolled-back store offers %d cookies to undo", b.Count())
	}
}

// When the roll-back fails too, the store is partly changed: the undo
// record keeps the entries of the file that holds the change, and the
// cookie is reported not deleted (another file still holds it).
func TestSessionRewriteFailsRollBackFails(t *testing.T) {
	profile, current, recovery := sessionProfile(t)
	victim := sessionVictim(t, profile, current)
	before := fileBytes(t, recovery)
	restoreFile = func(string, []byte) error { return errors.New("injected: cannot put back") }
	defer func() { restoreFile = atomicfile.Replace }()
	state := t.TempDir()
	res, err := Delete(context.Background(), victim, DeleteOptions{StateDir: state, CheckRunning: notRunning, Interrupt: breakAtCommit(current)})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Stores[0]
	if r.OK() || r.Change != ChangePartly || len(r.Deleted) != 0 || len(r.NotDeleted) != 1 {
		t.Fatalf("result %+v, want partly changed with the cookie not deleted", r)
	}
	if bytes.Equal(fileBytes(t, recovery), before) {
		t.Fatal("recovery.jsonlz4 was not changed: the fault did not happen")
	}
	b := checkBatchKept(t, state, res, map[string][]byte{"recovery": before, "current": before})
	if b.Count() != 1 || b.Stores[0].Entries[0].File != recovery || b.Stores[0].Status != StoreDeleted {
		t.Errorf("undo record %+v, want the one entry of recovery.jsonlz4", b.Stores[0].Entries)
	}
}

// A failing directory fsync after a successful rename: the file holds the
// change, so the result says the cookies went but the change may not be
// durable, exits non-OK, and keeps the undo record; undo then works.
func TestDirSyncFailureKeepsUndoRecord(t *testing.T) {
	exp := time.Now().Add(48 * time.Hour)
	kinds := map[string]func(t *testing.T) (StoreRef, []string){
		"cookies.txt": func(t *testing.T) (StoreRef, []string) {
			path := filepath.Join(t.TempDir(), "cookies.txt")
			os.WriteFile(path, []byte(fmt.Sprintf(jar, exp.Unix())), 0o600)
			return StoreRef{Browser: "file", Path: path, Kind: KindKooky}, []string{path}
		},
		"safari": func(t *testing.T) (StoreRef, []string) {
			e := float64(exp.Unix() - 978307200)
			trailer := append([]byte{0x07, 0x17, 0x20, 0x05, 0x00, 0x00, 0x00, 0x4B}, []byte("bplist00-stub")...)
			f := &binarycookies.File{Trailer: trailer, Pages: [][]binarycookies.Cookie{{
				{Domain: ".ofgl.fr", Name: "_ga", Path: "/", Value: "g", Expires: e, Created: 1},
				{Domain: "example.org", Name: "other", Path: "/", Value: "o", Expires: e, Created: 1}}}}
			data, err := f.Encode()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "Cookies.binarycookies")
			os.WriteFile(path, data, 0o600)
			return StoreRef{Browser: "safari", Path: path, Kind: KindKooky}, []string{path}
		},
		"session": func(t *testing.T) (StoreRef, []string) {
			profile, current, recovery := sessionProfile(t)
			return StoreRef{Browser: "firefox", Profile: "p", Path: current, Kind: KindFirefoxSession, ProfileDir: profile}, []string{recovery, current}
		},
	}
	for name, mk := range kinds {
		t.Run(name, func(t *testing.T) {
			ref, files := mk(t)
			var victims []Cookie
			for _, c := range readSite(t, ref) {
				if c.Name == "_ga" || (c.Name == "ofgl_session" && c.Container == "") {
					victims = append(victims, c)
				}
			}
			if len(victims) != 1 {
				t.Fatalf("%d cookies to delete", len(victims))
			}
			originals := map[string][]byte{}
			for _, f := range files {
				originals[f] = fileBytes(t, f)
			}
			synced := 0
			atomicfile.FailDirSync = func(string) error { synced++; return errors.New("injected: fsync failed") }
			state := t.TempDir()
			res, err := Delete(context.Background(), victims, DeleteOptions{StateDir: state, CheckRunning: notRunning})
			atomicfile.FailDirSync = nil
			if err != nil {
				t.Fatal(err)
			}
			if synced == 0 {
				t.Fatal("the fault was never injected")
			}
			r := res.Stores[0]
			if r.OK() || r.Change != ChangePartly || len(r.Deleted) != 1 || len(r.NotDeleted) != 0 {
				t.Fatalf("result %+v, want the cookie deleted, partly-changed (not durable)", r)
			}
			if len(r.ChangedFiles) != len(files) {
				t.Errorf("changed files %v", r.ChangedFiles)
			}
			for _, f := range files {
				if bytes.Equal(fileBytes(t, f), originals[f]) {
					t.Errorf("%s was not rewritten", f)
				}
			}
			b := checkBatchKept(t, state, res, originals)
			if b.Count() != len(files) {
				t.Fatalf("undo record holds %d entries, want one per file", b.Count())
			}
			if _, results, err := Undo(context.Background(), state, res.ID, DeleteOptions{CheckRunning: notRunning}); err != nil || results[0].Restored < 1 {
				t.Fatalf("undo %v %+v", err, results)
			}
		})
	}
}

// Every store kind passes the protocol's named steps, in order, so that a
// test can stop a run at any of them.
func TestEveryKindPassesEveryStep(t *testing.T) {
	exp := time.Now().Add(48 * time.Hour)
	kinds := map[string]func(t *testing.T) ([]Cookie, error){
		"chromium": func(t *testing.T) ([]Cookie, error) {
			dir := t.TempDir()
			db := chromiumStore(t, dir)
			ref := StoreRef{Browser: "chromium", Path: db, Kind: KindChromium, UserDataDir: dir}
			return pick(readSite(t, ref), "_ga"), nil
		},
		"cookies.txt": func(t *testing.T) ([]Cookie, error) {
			path := filepath.Join(t.TempDir(), "cookies.txt")
			os.WriteFile(path, []byte(fmt.Sprintf(jar, exp.Unix())), 0o600)
			return pick(readSite(t, StoreRef{Browser: "file", Path: path, Kind: KindKooky}), "_ga"), nil
		},
		"session": func(t *testing.T) ([]Cookie, error) {
			profile, current, _ := sessionProfile(t)
			return sessionVictim(t, profile, current), nil
		},
	}
	for name, mk := range kinds {
		t.Run(name, func(t *testing.T) {
			victims, _ := mk(t)
			if len(victims) == 0 {
				t.Fatal("nothing to delete")
			}
			var seen []string
			known := map[string]bool{}
			for _, s := range Steps {
				known[s] = true
			}
			record := func(s string) {
				// A store of several files commits each one: the step repeats.
				if known[s] && (len(seen) == 0 || seen[len(seen)-1] != s) {
					seen = append(seen, s)
				}
			}
			res, err := Delete(context.Background(), victims, DeleteOptions{StateDir: t.TempDir(), CheckRunning: notRunning, Interrupt: record})
			if err != nil || !res.OK() {
				t.Fatalf("%v %+v", err, res.Stores)
			}
			if fmt.Sprint(seen) != fmt.Sprint(Steps) {
				t.Errorf("steps %v, want %v", seen, Steps)
			}
		})
	}
}

// A session store named by its path (--store) and the same store found by
// discovery take one lock.
func TestSessionStoreLockKeyIsOne(t *testing.T) {
	profile, current, _ := sessionProfile(t)
	byPath := storeLockKey(lockRef(StoreRef{Browser: "file", Path: current, Kind: KindKooky}))
	found := storeLockKey(lockRef(StoreRef{Browser: "firefox", Path: current, Kind: KindFirefoxSession, ProfileDir: profile}))
	if byPath != found {
		t.Errorf("two locks for one session store: %s and %s", byPath, found)
	}
}
