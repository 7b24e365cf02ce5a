package inspect

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func notRunning(StoreRef) (OwnerStatus, error) { return OwnerStatus{}, nil }

// dump is every row of a table with every column, as the sqlite3 shell
// prints it in quote mode (blobs in hex), ordered by rowid.
func dump(t *testing.T, db, table string) []string {
	t.Helper()
	cmd := exec.Command(requireSQLite3(t), "-readonly", "-cmd", ".mode quote", db, "SELECT rowid, * FROM "+table+" ORDER BY rowid")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3: %v: %s", err, out)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

func sqliteScalar(t *testing.T, db, q string) string {
	t.Helper()
	out, err := exec.Command(requireSQLite3(t), "-readonly", db, q).CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3: %v: %s", err, out)
	}
	return strings.TrimSpace(string(out))
}

func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// chromiumStore writes a Chromium v24 store with site cookies, decoys and
// filler rows, closed as Chromium leaves it (a 0-byte journal beside it).
func chromiumStore(t *testing.T, dir string) string {
	db := filepath.Join(dir, "Default", "Cookies")
	os.MkdirAll(filepath.Dir(db), 0o700)
	future := time.Now().Add(48*time.Hour).UnixMicro() + chromiumEpochOffset
	var b strings.Builder
	b.WriteString("PRAGMA journal_mode=TRUNCATE;\n" + chromiumSchema + "\nBEGIN;\n")
	b.WriteString(chromiumRow("data.ofgl.fr", "", "sessionid", future))
	b.WriteString(chromiumRow("data.ofgl.fr", "", "csrftoken", future))
	b.WriteString(chromiumRow(".ofgl.fr", "", "_ga", future))
	b.WriteString(chromiumRow("data.ofgl.fr", "", "_pk_id.1.abcd", future))
	b.WriteString(chromiumRow("tracker.example", "https://ofgl.fr", "trk_chips", future))
	b.WriteString(chromiumRow("tracker.example", "", "trk_chips", future)) // same name, unpartitioned: not ours
	b.WriteString(chromiumRow("www.ofgl.fr", "", "_ga", future))
	for i := 0; i < 200; i++ {
		b.WriteString(chromiumRow(fmt.Sprintf("site%d.example", i), "", "filler", future))
	}
	b.WriteString("COMMIT;\n")
	sqlite3Exec(t, db, b.String())
	os.WriteFile(db+"-journal", nil, 0o600)
	return db
}

func readSite(t *testing.T, ref StoreRef) []Cookie {
	t.Helper()
	got, err := ReadFile(context.Background(), ref, Options{Site: testSite(t)})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func pick(cookies []Cookie, names ...string) []Cookie {
	var out []Cookie
	for _, c := range cookies {
		for _, n := range names {
			if c.Name == n {
				out = append(out, c)
			}
		}
	}
	return out
}

func without(rows []string, drop ...string) []string {
	var out []string
next:
	for _, r := range rows {
		for _, d := range drop {
			if strings.Contains(r, d) {
				continue next
			}
		}
		out = append(out, r)
	}
	return out
}

func TestDeleteChromiumThenUndo(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(t.TempDir(), "state")
	db := chromiumStore(t, dir)
	ref := StoreRef{Browser: "chromium", Profile: "Default", Path: db, Kind: KindChromium, ProfileDir: filepath.Dir(db), UserDataDir: dir}
	original := dump(t, db, "cookies")
	listed := readSite(t, ref)
	victims := pick(listed, "_ga", "_pk_id.1.abcd", "trk_chips")
	if len(victims) != 3 {
		t.Fatalf("listed %v", names(listed))
	}
	res, err := Delete(context.Background(), victims, DeleteOptions{StateDir: state, CheckRunning: notRunning})
	if err != nil || !res.OK() {
		t.Fatalf("delete: %v %+v", err, res)
	}
	after := dump(t, db, "cookies")
	want := without(original, "'.ofgl.fr','','_ga'", "'_pk_id.1.abcd'", "'tracker.example','https://ofgl.fr','trk_chips'")
	if strings.Join(after, "\n") != strings.Join(want, "\n") {
		t.Fatalf("rows after the delete differ from the original minus the three:\n%s", strings.Join(after, "\n")[:400])
	}
	if got := sqliteScalar(t, db, "PRAGMA integrity_check"); got != "ok" {
		t.Fatal(got)
	}
	if got := sqliteScalar(t, db, "SELECT value FROM meta WHERE key='version'"); got != "24" {
		t.Fatalf("meta version %s", got)
	}
	if fi, err := os.Stat(db + "-journal"); err != nil || fi.Size() != 0 {
		t.Errorf("Chromium's 0-byte journal should stay as it was: %v %v", fi, err)
	}
	checkPrivateTree(t, state)

	// The undo record holds every column of every deleted row.
	b, err := LoadBatch(state, res.ID)
	if err != nil {
		t.Fatal(err)
	}
	if b.Status != BatchCommitted || len(b.Stores) != 1 || len(b.Stores[0].Rows) != 3 || b.Stores[0].Version != "24" {
		t.Fatalf("batch %+v", b)
	}
	if n := len(b.Stores[0].Rows[0].Values); n != 20 {
		t.Fatalf("undo row has %d columns, want 20", n)
	}

	// Undo puts the rows back byte for byte (rowids aside).
	_, results, err := Undo(context.Background(), state, res.ID, DeleteOptions{CheckRunning: notRunning})
	if err != nil || len(results) != 1 || results[0].Restored != 3 || results[0].Err != nil {
		t.Fatalf("undo: %v %+v", err, results)
	}
	stripRowID := func(rows []string) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r[strings.IndexByte(r, ',')+1:])
		}
		return sortedCopy(out)
	}
	if got, want := stripRowID(dump(t, db, "cookies")), stripRowID(original); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatal("after undo the table differs from the original")
	}
	if b, _ := LoadBatch(state, res.ID); b.Status != BatchUndone {
		t.Fatalf("batch status %s after undo", b.Status)
	}
	if _, _, err := Undo(context.Background(), state, res.ID, DeleteOptions{CheckRunning: notRunning}); err == nil {
		t.Fatal("a second undo of the same batch must be refused")
	}
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// checkPrivateTree checks every file the deletion wrote under root: 0600
// files in 0700 directories, since they hold live login tokens.
func checkPrivateTree(t *testing.T, root string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	n := 0
	filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			t.Error(err)
			return nil
		}
		n++
		if p == root {
			return nil // a directory the test made: never chmod-ed
		}
		want := os.FileMode(0o600)
		if fi.IsDir() {
			want = 0o700
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s has mode %v, want %v", p, fi.Mode().Perm(), want)
		}
		return nil
	})
	if n < 3 {
		t.Errorf("only %d entries under %s", n, root)
	}
}

func TestDeleteFirefoxWithLeftoverWAL(t *testing.T) {
	dir := t.TempDir()
	state := t.TempDir()
	db := filepath.Join(dir, "cookies.sqlite")
	future := time.Now().Add(48 * time.Hour).UnixMilli()
	sqlite3Exec(t, db, "PRAGMA page_size=32768; PRAGMA journal_mode=WAL; PRAGMA user_version=17;\n"+firefoxSchema+"\n"+
		firefoxRow("csrftoken", "data.ofgl.fr", future, "")+firefoxRow("decoy", "www.ofgl.fr", future, ""))
	// A killed Firefox: cookies only in the WAL.
	h := holdStore(t, db, "PRAGMA locking_mode=EXCLUSIVE; PRAGMA wal_autocheckpoint=0;\n"+
		firefoxRow("_ga", ".ofgl.fr", future, "")+
		firefoxRow("_pk_ses.1.abcd", "data.ofgl.fr", future, "^userContextId=1")+
		firefoxRow("_pk_ses.1.abcd", "data.ofgl.fr", future, ""))
	h.kill()
	ref := StoreRef{Browser: "firefox", Path: db, Kind: KindFirefox, ProfileDir: dir}
	listed := readSite(t, ref)
	victims := pick(listed, "_ga", "_pk_ses.1.abcd")
	if len(victims) != 3 {
		t.Fatalf("listed %v", names(listed))
	}
	// Only the container's copy of _pk_ses goes.
	var inContainer []Cookie
	for _, c := range victims {
		if c.Name == "_ga" || c.Container != "" {
			inContainer = append(inContainer, c)
		}
	}
	res, err := Delete(context.Background(), inContainer, DeleteOptions{StateDir: state, CheckRunning: notRunning})
	if err != nil || !res.OK() {
		t.Fatalf("delete: %v %+v", err, res)
	}
	left := names(readSite(t, ref))
	if want := "[data.ofgl.fr/_pk_ses.1.abcd data.ofgl.fr/csrftoken]"; fmt.Sprint(left) != want {
		t.Fatalf("left %v, want %s", left, want)
	}
	if fi, err := os.Stat(db + "-wal"); err == nil && fi.Size() != 0 {
		t.Errorf("the WAL was not checkpointed: %d bytes", fi.Size())
	}
	if _, err := os.Stat(db + "-shm"); err == nil {
		t.Error("the delete left a -shm file beside the store")
	}
	if got := sqliteScalar(t, db, "PRAGMA integrity_check"); got != "ok" {
		t.Fatal(got)
	}
	// The backup has the WAL that held the cookies.
	b, _ := LoadBatch(state, res.ID)
	var files []string
	for _, f := range b.Stores[0].Backup {
		files = append(files, f.Name)
	}
	if fmt.Sprint(files) != "[cookies.sqlite cookies.sqlite-wal]" {
		t.Fatalf("backup files %v", files)
	}
	checkPrivateTree(t, state)
	if _, _, err := Undo(context.Background(), state, res.ID, DeleteOptions{CheckRunning: notRunning}); err != nil {
		t.Fatal(err)
	}
	if got := names(readSite(t, ref)); len(got) != 4 {
		t.Fatalf("after undo: %v", got)
	}
}

// storeFiles is the content of a store and its sidecars.
func storeFiles(t *testing.T, db string) string {
	var parts []string
	for _, s := range []string{"", "-wal", "-journal", "-shm"} {
		if b, err := os.ReadFile(db + s); err == nil {
			parts = append(parts, fmt.Sprintf("%s:%x", s, b))
		}
	}
	return strings.Join(parts, "|")
}

func TestDeleteRefusesAndChangesNothing(t *testing.T) {
	type setup func(t *testing.T, db string, victims []Cookie) (DeleteOptions, []Cookie)
	cases := map[string]struct {
		setup   setup
		refused bool
		kind    ProblemKind
	}{
		"browser running": {func(t *testing.T, db string, v []Cookie) (DeleteOptions, []Cookie) {
			return DeleteOptions{CheckRunning: func(StoreRef) (OwnerStatus, error) {
				return OwnerStatus{Running: true, Reason: "Chromium is running (profile Default): close it"}, nil
			}}, v
		}, true, ProblemBrowserRunning},
		"changed since listed": {func(t *testing.T, db string, v []Cookie) (DeleteOptions, []Cookie) {
			// The site set _ga again: same identity, new row.
			sqlite3Exec(t, db, "PRAGMA journal_mode=TRUNCATE; UPDATE cookies SET rowid = 100000 WHERE name='_ga' AND host_key='.ofgl.fr';")
			return DeleteOptions{CheckRunning: notRunning}, v
		}, false, ProblemReplaced},
		"row gone": {func(t *testing.T, db string, v []Cookie) (DeleteOptions, []Cookie) {
			sqlite3Exec(t, db, "PRAGMA journal_mode=TRUNCATE; DELETE FROM cookies WHERE name='_pk_id.1.abcd';")
			return DeleteOptions{CheckRunning: notRunning}, v
		}, false, ProblemGoneFromStore},
		"locked": {func(t *testing.T, db string, v []Cookie) (DeleteOptions, []Cookie) {
			holdStore(t, db, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;")
			return DeleteOptions{CheckRunning: notRunning}, v
		}, false, ProblemLockedWrite},
		"unknown newer schema": {func(t *testing.T, db string, v []Cookie) (DeleteOptions, []Cookie) {
			sqlite3Exec(t, db, "PRAGMA journal_mode=TRUNCATE; UPDATE meta SET value='31' WHERE key='version';")
			return DeleteOptions{CheckRunning: notRunning}, v
		}, false, ProblemChromiumVersion},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			db := chromiumStore(t, dir)
			ref := StoreRef{Browser: "chromium", Profile: "Default", Path: db, Kind: KindChromium, UserDataDir: dir}
			victims := pick(readSite(t, ref), "_ga", "_pk_id.1.abcd")
			opts, victims := c.setup(t, db, victims)
			opts.StateDir = t.TempDir()
			before := storeFiles(t, db)
			res, err := Delete(context.Background(), victims, opts)
			if err != nil {
				t.Fatal(err)
			}
			if res.OK() || len(res.Stores) != 1 || res.Stores[0].Refused != c.refused || !hasProblem(res.Stores[0].Err, c.kind) {
				t.Fatalf("result %+v, want a problem %q (refused %v)", res.Stores, c.kind, c.refused)
			}
			if strings.Contains(res.Stores[0].Err.Error(), "\n") {
				t.Errorf("error is not one line: %q", res.Stores[0].Err)
			}
			if after := storeFiles(t, db); after != before {
				t.Fatal("the store changed")
			}
		})
	}
}

func TestDeleteReadOnlyAndDiskFull(t *testing.T) {
	requireMount(t)
	mount := func(args ...string) error { return exec.Command("mount", args...).Run() }
	t.Run("read-only", func(t *testing.T) {
		dir := t.TempDir()
		db := chromiumStore(t, dir)
		ref := StoreRef{Browser: "chromium", Path: db, Kind: KindChromium, UserDataDir: dir}
		victims := pick(readSite(t, ref), "_ga")
		if err := mount("--bind", dir, dir); err != nil {
			cannotMount(t, "mount not permitted:", err)
		}
		defer exec.Command("umount", dir).Run()
		if err := mount("-o", "remount,ro,bind", dir); err != nil {
			cannotMount(t, "remount not permitted:", err)
		}
		before := storeFiles(t, db)
		res, err := Delete(context.Background(), victims, DeleteOptions{StateDir: t.TempDir(), CheckRunning: notRunning})
		if err != nil || res.OK() || !hasProblem(res.Stores[0].Err, ProblemReadOnly) || !IsUnchanged(res.Stores[0].Err) {
			t.Fatalf("%v %+v", err, res.Stores)
		}
		if storeFiles(t, db) != before {
			t.Fatal("the store changed")
		}
	})
	t.Run("disk full", func(t *testing.T) {
		dir := t.TempDir()
		if err := mount("-t", "tmpfs", "-o", "size=600k", "tmpfs", dir); err != nil {
			cannotMount(t, "mount not permitted:", err)
		}
		defer exec.Command("umount", dir).Run()
		db := chromiumStore(t, dir)
		ref := StoreRef{Browser: "chromium", Path: db, Kind: KindChromium, UserDataDir: dir}
		victims := pick(readSite(t, ref), "_ga", "_pk_id.1.abcd", "csrftoken")
		// Fill the disk so that the journal cannot be written.
		f, _ := os.Create(filepath.Join(dir, "filler"))
		buf := make([]byte, 4096)
		for {
			if _, err := f.Write(buf); err != nil {
				break
			}
		}
		f.Close()
		before := storeFiles(t, db)
		res, err := Delete(context.Background(), victims, DeleteOptions{StateDir: t.TempDir(), CheckRunning: notRunning})
		if err != nil || res.OK() || !hasProblem(res.Stores[0].Err, ProblemDiskFull) || !IsUnchanged(res.Stores[0].Err) {
			t.Fatalf("%v %+v", err, res.Stores)
		}
		if storeFiles(t, db) != before {
			t.Fatal("the store changed")
		}
	})
}

func TestBatchManifestIsAlwaysWhole(t *testing.T) {
	state := t.TempDir()
	b := &Batch{ID: newBatchID(time.Now()), Status: BatchPending}
	for i := 0; i < 20; i++ {
		b.Stores = append(b.Stores, BatchStore{Store: StoreRef{Path: fmt.Sprint(i)}, Status: StoreDeleted})
		if err := b.save(state); err != nil {
			t.Fatal(err)
		}
		data := fileBytes(t, filepath.Join(state, "batches", b.ID, "manifest.json"))
		var back Batch
		if err := json.Unmarshal(data, &back); err != nil || len(back.Stores) != i+1 {
			t.Fatalf("manifest %d: %v", i, err)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(state, "batches", b.ID))
	if len(entries) != 1 {
		t.Fatalf("temporary files left: %v", entries)
	}
}

// Epiphany (libsoup) keeps a smaller moz_cookies table: no originAttributes,
// expiry in seconds, rollback journal.
func TestDeleteEpiphanyStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cookies.sqlite")
	exp := time.Now().Add(48 * time.Hour).Unix()
	sqlite3Exec(t, db, fmt.Sprintf(`CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, lastAccessed INTEGER, isSecure INTEGER, isHttpOnly INTEGER, sameSite INTEGER);
INSERT INTO moz_cookies(name,value,host,path,expiry,lastAccessed,isSecure,isHttpOnly,sameSite) VALUES
('sessionid','a','data.ofgl.fr','/',%[1]d,0,1,1,1),('_ga','b','.ofgl.fr','/',%[1]d,0,0,0,0),('x','c','example.org','/',%[1]d,0,0,0,0);`, exp))
	ref := StoreRef{Browser: "epiphany", Path: db, Kind: KindFirefox, ProfileDir: dir}
	listed := readSite(t, ref)
	if fmt.Sprint(names(listed)) != "[.ofgl.fr/_ga data.ofgl.fr/sessionid]" {
		t.Fatalf("listed %v", names(listed))
	}
	for _, c := range listed {
		if c.Expires.Unix() != exp {
			t.Errorf("%s: expiry %v, want seconds %d", c.Name, c.Expires, exp)
		}
	}
	state := t.TempDir()
	res, err := Delete(context.Background(), pick(listed, "_ga"), DeleteOptions{StateDir: state, CheckRunning: notRunning})
	if err != nil || !res.OK() {
		t.Fatalf("%v %+v", err, res.Stores)
	}
	if got := fmt.Sprint(names(readSite(t, ref))); got != "[data.ofgl.fr/sessionid]" {
		t.Fatalf("after delete %s", got)
	}
	if _, _, err := Undo(context.Background(), state, res.ID, DeleteOptions{CheckRunning: notRunning}); err != nil {
		t.Fatal(err)
	}
	if got := len(readSite(t, ref)); got != 2 {
		t.Fatalf("after undo %d", got)
	}
}
