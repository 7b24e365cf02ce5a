package inspect

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// Crash safety: a deletion killed with SIGKILL at any moment leaves the
// store intact (integrity_check passes) with either the whole batch or none
// of it, and leaves an undo record that is whole or absent.
//
// OFGL_CRASH_ITERATIONS sets how many kills to run (default 25, for CI);
// OFGL_CRASH_SITE_ROWS and OFGL_CRASH_FILLER set the store's size.

const crashHelperEnv = "OFGL_CRASH_HELPER_STORE"

// TestCrashHelper is the child process the crash test kills: it deletes
// every data.ofgl.fr cookie of the store named by the environment.
func TestCrashHelper(t *testing.T) {
	path := os.Getenv(crashHelperEnv)
	if path == "" {
		t.Skip("run by TestDeleteSurvivesSIGKILL")
	}
	ref := StoreRef{Browser: "chromium", Path: path, Kind: KindChromium, UserDataDir: filepath.Dir(path)}
	cookies, err := ReadFile(context.Background(), ref, Options{Site: testSite(t)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Delete(context.Background(), cookies, DeleteOptions{StateDir: os.Getenv("OFGL_CRASH_STATE"), CheckRunning: notRunning})
	if err != nil || !res.OK() {
		t.Fatalf("%v %+v", err, res.Stores)
	}
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func TestDeleteSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	iterations := envInt("OFGL_CRASH_ITERATIONS", 25)
	siteRows := envInt("OFGL_CRASH_SITE_ROWS", 1000)
	filler := envInt("OFGL_CRASH_FILLER", 100000)
	dir := t.TempDir()
	template := filepath.Join(dir, "template", "Cookies")
	os.MkdirAll(filepath.Dir(template), 0o700)
	future := time.Now().Add(48*time.Hour).UnixMicro() + chromiumEpochOffset
	gen := func(host, name string, n int) string {
		return fmt.Sprintf(`WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM i WHERE n < %d)
INSERT INTO cookies SELECT 13400000000000000+n, %s, '', %s, '', randomblob(64), '/', %d, 1, 1, 13400000000000000, 1, 1, 1, 1, 2, 443, 13400000000000000, 1, 1 FROM i;
`, n, host, name, future)
	}
	sqlite3Exec(t, template, "PRAGMA journal_mode=TRUNCATE;\n"+chromiumSchema+"\nBEGIN;\n"+
		gen("'data.ofgl.fr'", "'c' || n", siteRows)+
		gen("'site' || (n % 20000) || '.example'", "'f' || n", filler)+"COMMIT;\n")
	os.WriteFile(template+"-journal", nil, 0o600)
	countSite := func(db string) int {
		n, _ := strconv.Atoi(sqliteScalar(t, db, "SELECT count(*) FROM cookies WHERE host_key='data.ofgl.fr'"))
		return n
	}
	total := func(db string) int {
		n, _ := strconv.Atoi(sqliteScalar(t, db, "SELECT count(*) FROM cookies"))
		return n
	}
	run := func(i int, killAfter time.Duration) (killed bool, db, state string) {
		d := filepath.Join(dir, fmt.Sprint(i))
		db = filepath.Join(d, "Cookies")
		state = filepath.Join(d, "state")
		os.MkdirAll(d, 0o700)
		for _, s := range []string{"", "-journal"} {
			if _, err := copyPrivate(template+s, db+s, true); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashHelperEnv+"="+db, "OFGL_CRASH_STATE="+state)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		if killAfter <= 0 {
			if err := <-done; err != nil {
				t.Fatalf("uninterrupted delete failed: %v", err)
			}
			return false, db, state
		}
		select {
		case <-done:
			return false, db, state
		case <-time.After(killAfter):
			cmd.Process.Kill()
			<-done
			return true, db, state
		}
	}

	// One run to learn how long a delete takes.
	start := time.Now()
	_, db, _ := run(0, 0)
	full := time.Since(start)
	if countSite(db) != 0 || total(db) != filler {
		t.Fatalf("uninterrupted delete left %d site rows, %d in all", countSite(db), total(db))
	}
	t.Logf("one delete of %d cookies from a %d-row store takes %v (process start included)", siteRows, siteRows+filler, full.Round(time.Millisecond))

	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	var all, none, finished int
	for i := 1; i <= iterations; i++ {
		killAfter := time.Duration(rng.Int63n(int64(full)*11/10)) + time.Millisecond
		killed, db, state := run(i, killAfter)
		if !killed {
			finished++
		}
		// A kill during the commit leaves a hot journal, which a read-only
		// open cannot roll back: look at the store as the browser will,
		// from a copy opened read-write.
		view := asBrowserSees(t, db)
		if got := sqliteScalar(t, view, "PRAGMA integrity_check"); got != "ok" {
			t.Fatalf("kill %d after %v: integrity_check: %s", i, killAfter, got)
		}
		switch n, tot := countSite(view), total(view); {
		case n == siteRows && tot == siteRows+filler:
			none++
		case n == 0 && tot == filler:
			all++
		default:
			t.Fatalf("kill %d after %v: %d of %d site cookies left, %d rows in all: a partial batch", i, killAfter, n, siteRows, tot)
		}
		// The undo record, when there is one, is whole.
		manifests, _ := filepath.Glob(filepath.Join(state, "batches", "*", "manifest.json"))
		for _, m := range manifests {
			var b Batch
			if err := json.Unmarshal(fileBytes(t, m), &b); err != nil {
				t.Fatalf("kill %d: half-written undo record: %v", i, err)
			}
			if countSite(view) == 0 && b.Count() != siteRows {
				t.Fatalf("kill %d: the batch was committed but the undo record holds %d rows", i, b.Count())
			}
		}
		if countSite(view) == 0 && len(manifests) == 0 {
			t.Fatalf("kill %d: the batch was committed without an undo record", i)
		}
		// The next run settles what the killed one left: the batch is kept
		// exactly when the store lost the site's cookies.
		rec, err := RecoverInterrupted(context.Background(), DeleteOptions{StateDir: state, CheckRunning: notRunning})
		if err != nil {
			t.Fatalf("kill %d: recovery: %v", i, err)
		}
		batches, _ := ListBatches(state)
		switch gone := countSite(view) == 0; {
		case gone && (len(batches) != 1 || batches[0].Status != BatchCommitted || batches[0].Count() != siteRows):
			t.Fatalf("kill %d: after the recovery %+v the store lost its cookies but the batches are %d", i, rec, len(batches))
		case !gone && len(batches) != 0:
			t.Fatalf("kill %d: after the recovery %+v nothing was deleted but %d batches remain", i, rec, len(batches))
		}
		leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "*"))
		for _, l := range leftovers {
			if b := filepath.Base(l); b != "Cookies" && b != "Cookies-journal" && b != "state" {
				t.Errorf("kill %d: %s left beside the store", i, b)
			}
		}
		os.RemoveAll(filepath.Dir(db))
		os.RemoveAll(filepath.Dir(view))
	}
	t.Logf("%d kills: %d left the whole batch deleted, %d left none of it, %d finished before the kill; every store passed integrity_check",
		iterations, all, none, finished)
}

// asBrowserSees copies a store and its journal and opens the copy
// read-write once, so that a hot journal is rolled back as the next opener
// of the store would do; it returns the copy.
func asBrowserSees(t *testing.T, db string) string {
	t.Helper()
	dir := t.TempDir()
	cp := filepath.Join(dir, filepath.Base(db))
	for _, s := range []string{"", "-journal"} {
		if _, err := os.Stat(db + s); s != "" && os.IsNotExist(err) {
			continue
		}
		if _, err := copyPrivate(db+s, cp+s, true); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command(requireSQLite3(t), cp, "PRAGMA user_version;").CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v: %s", err, out)
	}
	return cp
}
