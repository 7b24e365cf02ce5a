package inspect_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect/internal/binarycookies"
	"github.com/ofgl/ofgl-cookies/inspect/internal/mozlz4"
	"github.com/ofgl/ofgl-cookies/inspect/internal/storegen"
)

// Restore, dry runs, pruning and the state directory, through the built
// binary, on one store of every kind.

// runState runs the binary with its own HOME and the given state directory.
func runState(t *testing.T, home, state string, extraEnv []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append([]string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8",
		"OFGL_COOKIES_STATE_DIR=" + state, "OFGL_COOKIES_CONFIG_DIR=" + filepath.Join(home, "config"),
		"DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus"}, extraEnv...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stderr.String(), "goroutine ") {
		t.Fatalf("%v: stack trace:\n%s", args, stderr.String())
	}
	return code, stdout.String(), stderr.String()
}

// storeCase is one store, in a directory of its own, with a cookie to
// delete whose value the test knows.
type storeCase struct {
	name   string
	setup  func(t *testing.T, dir string) (store string, files int)
	cookie string // --name of the cookie deleted
	value  string // its value, as it lies in plain text in the store ("" if encrypted)
}

const sessionWithValue = `{"version":["sessionrestore",1],"windows":[{"tabs":[{"entries":[{"url":"https://data.ofgl.fr/","title":"x"}]}],"selected":1}],"session":{"lastUpdate":1764400000123.5},"cookies":[` +
	`{"host":"data.ofgl.fr","value":"SESSIONVALUE-%[1]s","path":"/","name":"ofgl_session","originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"","partitionKey":"","privateBrowsingId":0,"userContextId":0},"sameSite":1,"schemeMap":1},` +
	`{"host":"www.example.org","value":"x","path":"/","name":"other","originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"","partitionKey":"","privateBrowsingId":0,"userContextId":0},"sameSite":256,"schemeMap":2}]}`

func writeSessionFile(t *testing.T, path, tag string) {
	t.Helper()
	enc, err := mozlz4.Encode([]byte(fmt.Sprintf(sessionWithValue, tag)))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, enc)
}

func firefoxPlainValue(t *testing.T, db, name string) string {
	t.Helper()
	out, err := exec.Command(sqlite3Bin(t), "-readonly", db, "SELECT value FROM moz_cookies WHERE name='"+name+"' AND host LIKE '%ofgl.fr' LIMIT 1").Output()
	if err != nil || len(bytes.TrimSpace(out)) < 6 {
		t.Fatalf("value of %s: %q %v", name, out, err)
	}
	return string(bytes.TrimSpace(out))
}

func storeCases(t *testing.T) []storeCase {
	exp := time.Now().Add(48 * time.Hour)
	return []storeCase{
		{name: "chromium", cookie: "_ga", setup: func(t *testing.T, dir string) (string, int) {
			p := chromiumStore(t, filepath.Join(dir, "Default", "Cookies"))
			return p, 2 // with its Cookies-journal
		}},
		{name: "firefox-sqlite-with-wal", cookie: "_ga", setup: func(t *testing.T, dir string) (string, int) {
			p := filepath.Join(dir, "cookies.sqlite")
			os.MkdirAll(dir, 0o700)
			if _, err := storegen.WriteFirefox(p, 300, 1, true); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(p + "-wal"); err != nil {
				t.Fatal("no -wal file to restore")
			}
			return p, 2
		}},
		{name: "firefox-session-store", cookie: "ofgl_session", value: "SESSIONVALUE-current", setup: func(t *testing.T, dir string) (string, int) {
			p := filepath.Join(dir, "sessionstore.jsonlz4")
			writeSessionFile(t, p, "current")
			writeSessionFile(t, filepath.Join(dir, "sessionstore-backups", "recovery.jsonlz4"), "recovery")
			return p, 2
		}},
		{name: "cookies.txt", cookie: "sessionid", value: "JARVALUE-7f3a9c", setup: func(t *testing.T, dir string) (string, int) {
			p := filepath.Join(dir, "cookies.txt")
			writeFile(t, p, []byte(fmt.Sprintf("# Netscape HTTP Cookie File\ndata.ofgl.fr\tFALSE\t/\tTRUE\t%[1]d\tsessionid\tJARVALUE-7f3a9c\nwww.example.org\tFALSE\t/\tFALSE\t%[1]d\tother\tkeep\n", exp.Unix())))
			return p, 1
		}},
		{name: "safari", cookie: "_ga", value: "SAFARIVALUE-41d2", setup: func(t *testing.T, dir string) (string, int) {
			e := float64(exp.Unix() - 978307200)
			f := &binarycookies.File{Trailer: append([]byte{0x07, 0x17, 0x20, 0x05, 0x00, 0x00, 0x00, 0x4B}, []byte("bplist00-stub")...), Pages: [][]binarycookies.Cookie{
				{{Domain: ".ofgl.fr", Name: "_ga", Path: "/", Value: "SAFARIVALUE-41d2", Expires: e, Created: 1}},
				{{Domain: "example.org", Name: "other", Path: "/", Value: "o", Expires: e, Created: 1}},
			}}
			data, err := f.Encode()
			if err != nil {
				t.Fatal(err)
			}
			return writeFile(t, filepath.Join(dir, "Cookies.binarycookies"), data), 1
		}},
	}
}

var batchIDPattern = regexp.MustCompile(`ofgl-cookies undo (\S+)`)

func TestRestoreFileEveryStoreKind(t *testing.T) {
	sqlite3Bin(t)
	for _, c := range storeCases(t) {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			home, state, dir := filepath.Join(root, "home"), filepath.Join(root, "state"), filepath.Join(root, "store")
			os.MkdirAll(home, 0o700)
			store, files := c.setup(t, dir)
			before := treeHash(t, dir)
			code, out, errOut := runState(t, home, state, nil, "delete", "--store", store, "--name", c.cookie, "--yes")
			if code != 0 || !strings.Contains(out, "deleted 1 of 1") {
				t.Fatalf("delete: exit %d\n%s\n%s", code, out, errOut)
			}
			id := batchIDPattern.FindStringSubmatch(out)[1]
			if treeHash(t, dir) == before {
				t.Fatal("the delete changed nothing")
			}

			// A SQLite store left with a sidecar the backup lacks (a browser
			// that crashed): the restore removes it, since SQLite would
			// replay it onto the restored file.
			stale := ""
			if c.name == "chromium" || strings.HasPrefix(c.name, "firefox-sqlite") {
				stale = store + "-shm"
				writeFile(t, stale, []byte("stale shared memory of the newer file"))
			}

			// Dry runs change nothing, in the stores nor in the state directory.
			stateBefore, storeBefore := treeHash(t, state), treeHash(t, dir)
			code, out, errOut = runState(t, home, state, nil, "undo", "--dry-run")
			if code != 0 || !strings.Contains(out, "would restore 1 cookie\n") || !strings.Contains(out, "Dry run: nothing was changed.") {
				t.Fatalf("undo --dry-run: exit %d\n%s\n%s", code, out, errOut)
			}
			code, out, errOut = runState(t, home, state, nil, "undo", "--restore-file", "--dry-run")
			wantFiles := fmt.Sprintf("would put back %d file", files)
			if code != 0 || !strings.Contains(out, "would restore 1 cookie, "+wantFiles) || strings.Count(out, "  would put back ") != files {
				t.Fatalf("undo --restore-file --dry-run: exit %d, want %q\n%s\n%s", code, wantFiles, out, errOut)
			}
			if stale != "" && !strings.Contains(out, "would remove "+stale) {
				t.Fatalf("the dry run does not name the stale %s:\n%s", stale, out)
			}
			if treeHash(t, state) != stateBefore || treeHash(t, dir) != storeBefore {
				t.Fatal("a dry run changed the state directory or the store")
			}

			// The restore brings every file back byte for byte, under its
			// own name: no other file appears beside the store.
			code, out, errOut = runState(t, home, state, nil, "undo", "--restore-file", "--yes")
			wantPut := fmt.Sprintf("restored 1 cookie, %d file", files)
			if code != 0 || !strings.Contains(out, wantPut) || !strings.Contains(out, "restored from its backup files") {
				t.Fatalf("undo --restore-file: exit %d, want %q\n%s\n%s", code, wantPut, out, errOut)
			}
			t.Logf("restore:\n%s", out)
			if treeHash(t, dir) != before {
				t.Fatal("after the restore the store's files differ from before the delete")
			}

			// The batch is marked: nothing is offered again.
			code, out, _ = runState(t, home, state, nil, "undo", "--list")
			if code != 0 || !strings.Contains(out, "restored from its backup files") || strings.Contains(out, "<- undo") {
				t.Fatalf("undo --list after the restore:\n%s", out)
			}
			if code, out, _ = runState(t, home, state, nil, "undo"); code != 0 || strings.TrimSpace(out) != "No deletion batch to undo." {
				t.Fatalf("undo after the restore: %d\n%s", code, out)
			}
			code, out, errOut = runState(t, home, state, nil, "undo", id, "--restore-file", "--yes")
			if code != 0 || errOut != "" || strings.Count(out, "\n") != 1 || !strings.Contains(out, "already restored") {
				t.Fatalf("second restore: exit %d\n%s\n%s", code, out, errOut)
			}
			if treeHash(t, dir) != before {
				t.Fatal("the second restore changed the store")
			}
			// Nothing of the backups is left once restored: only the manifest.
			left := 0
			filepath.WalkDir(filepath.Join(state, "batches"), func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					left++
					if d.Name() != "manifest.json" {
						t.Errorf("left after the restore: %s", p)
					}
				}
				return nil
			})
			if left != 1 {
				t.Errorf("%d files left in the batch, want the manifest alone", left)
			}
		})
	}
}

// A session store batch written before the original paths were recorded:
// its backups are named 01-recovery.jsonlz4, 02-sessionstore.jsonlz4 and
// still go back to their own files.
func TestRestoreFileOldSessionManifest(t *testing.T) {
	root := t.TempDir()
	home, state, dir := filepath.Join(root, "home"), filepath.Join(root, "state"), filepath.Join(root, "profile")
	os.MkdirAll(home, 0o700)
	store, _ := storeCases(t)[2].setup(t, dir)
	before := treeHash(t, dir)
	if code, out, errOut := runState(t, home, state, nil, "delete", "--store", store, "--name", "ofgl_session", "--yes"); code != 0 {
		t.Fatalf("delete: %d\n%s\n%s", code, out, errOut)
	}
	manifests, _ := filepath.Glob(filepath.Join(state, "batches", "*", "manifest.json"))
	if len(manifests) != 1 {
		t.Fatal(manifests)
	}
	data, _ := os.ReadFile(manifests[0])
	var m map[string]any
	json.Unmarshal(data, &m)
	names := []string{}
	for _, s := range m["stores"].([]any) {
		for _, f := range s.(map[string]any)["backup"].([]any) {
			delete(f.(map[string]any), "original")
			names = append(names, f.(map[string]any)["name"].(string))
		}
	}
	if strings.Join(names, " ") != "01-recovery.jsonlz4 02-sessionstore.jsonlz4" {
		t.Fatalf("backup names %v", names)
	}
	data, _ = json.Marshal(m)
	os.WriteFile(manifests[0], data, 0o600)
	if code, out, errOut := runState(t, home, state, nil, "undo", "--restore-file", "--yes"); code != 0 || !strings.Contains(out, "2 files put back") {
		t.Fatalf("restore: %d\n%s\n%s", code, out, errOut)
	}
	if treeHash(t, dir) != before {
		t.Fatal("the old manifest's backups did not go back to their own files")
	}
}

// holdsValue lists the files under dir that contain value.
func holdsValue(t *testing.T, dir, value string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		if data, err := os.ReadFile(p); err == nil && bytes.Contains(data, []byte(value)) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// batchUsage is what the batches hold on disk: regular files and bytes.
func batchUsage(t *testing.T, state string) (files int, size int64) {
	t.Helper()
	filepath.WalkDir(filepath.Join(state, "batches"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			fi, _ := d.Info()
			files++
			size += fi.Size()
		}
		return nil
	})
	return files, size
}

var freedPattern = regexp.MustCompile(`Removed (\d+) deletion batch(?:es)?, (?:[0-9.]+ [KMG]B \()?(\d+) bytes?\)? freed\.`)

func TestPruneRemovesEveryValue(t *testing.T) {
	sqlite3Bin(t)
	root := t.TempDir()
	home, state := filepath.Join(root, "home"), filepath.Join(root, "state")
	os.MkdirAll(home, 0o700)
	var values []string
	for _, c := range storeCases(t) {
		dir := filepath.Join(root, c.name)
		store, _ := c.setup(t, dir)
		value := c.value
		if c.name == "firefox-sqlite-with-wal" {
			value = firefoxPlainValue(t, store, c.cookie)
		}
		if value != "" {
			values = append(values, value)
		}
		if code, out, errOut := runState(t, home, state, nil, "delete", "--store", store, "--name", c.cookie, "--yes"); code != 0 {
			t.Fatalf("%s: delete: %d\n%s\n%s", c.name, code, out, errOut)
		}
	}
	// One batch undone too: its before-undo copy and backups go at once,
	// and a second undo of it is one line.
	code, out, errOut := runState(t, home, state, nil, "undo")
	if code != 0 || !strings.Contains(out, "restored 1 cookie\n") {
		t.Fatalf("undo: %d\n%s\n%s", code, out, errOut)
	}
	id := regexp.MustCompile(`Batch (\S+) undone`).FindStringSubmatch(out)[1]
	if left, _ := filepath.Glob(filepath.Join(state, "batches", id, "*")); len(left) != 1 || filepath.Base(left[0]) != "manifest.json" {
		t.Errorf("left in the undone batch: %v", left)
	}
	code, out, errOut = runState(t, home, state, nil, "undo", id)
	if code != 0 || errOut != "" || strings.Count(out, "\n") != 1 || !strings.Contains(out, "was already undone") {
		t.Fatalf("second undo: %d\n%s\n%s", code, out, errOut)
	}
	if len(values) != 4 {
		t.Fatalf("values %v", values)
	}
	for _, v := range values[:3] {
		if len(holdsValue(t, state, v)) == 0 {
			t.Fatalf("the test cannot fail: %q is in no file of the state directory before the prune", v)
		}
	}
	// A dry run says what would go and removes nothing.
	stateBefore := treeHash(t, state)
	code, out, errOut = runState(t, home, state, nil, "undo", "--prune", "--older-than", "0s", "--dry-run")
	if code != 0 || strings.Count(out, "\nwould remove ")+strings.Count(out[:13], "would remove ") != 5 || treeHash(t, state) != stateBefore {
		t.Fatalf("prune --dry-run: %d\n%s\n%s", code, out, errOut)
	}
	files, size := batchUsage(t, state)
	code, out, errOut = runState(t, home, state, nil, "undo", "--prune", "--older-than", "0s")
	t.Logf("prune of %d files, %d bytes:\n%s", files, size, out)
	m := freedPattern.FindStringSubmatch(out)
	if code != 0 || m == nil || errOut != "" {
		t.Fatalf("prune: exit %d\n%s\n%s", code, out, errOut)
	}
	if m[1] != "5" || m[2] != strconv.FormatInt(size, 10) {
		t.Errorf("prune says %s batches and %s bytes; the batches held 5 and %d bytes", m[1], m[2], size)
	}
	if strings.Count("\n"+out, "\nremoved ") != 5 {
		t.Errorf("want one line per removed batch:\n%s", out)
	}
	for _, v := range values {
		if files := holdsValue(t, state, v); len(files) > 0 {
			t.Errorf("%q is still in %v", v, files)
		}
	}
	if files, _ := batchUsage(t, state); files != 0 {
		t.Errorf("%d files left in the batches", files)
	}
	if code, out, _ := runState(t, home, state, nil, "undo", "--list"); code != 0 || strings.TrimSpace(out) != "No deletion batch to undo." {
		t.Errorf("undo --list after the prune: %s", out)
	}
	// French: the same, in French, with the plural right.
	code, out, _ = runState(t, home, state, []string{"LANG=fr_FR.UTF-8"}, "undo", "--prune")
	if code != 0 || !strings.Contains(out, "Aucune suppression à effacer") {
		t.Errorf("French prune of nothing: %s", out)
	}
}

func TestPruneAfterDeleteKeepsTheLastBatches(t *testing.T) {
	root := t.TempDir()
	home, state := filepath.Join(root, "home"), filepath.Join(root, "state")
	os.MkdirAll(home, 0o700)
	jar := filepath.Join(root, "cookies.txt")
	exp := time.Now().Add(48 * time.Hour).Unix()
	var lines string
	for i := 0; i < 3; i++ {
		lines += fmt.Sprintf("data.ofgl.fr\tFALSE\t/\tFALSE\t%d\tc%d\tv%d\n", exp, i, i)
	}
	writeFile(t, jar, []byte(lines))
	env := []string{"OFGL_COOKIES_RETAIN_BATCHES=2"}
	var outs []string
	for i := 0; i < 3; i++ {
		code, out, errOut := runState(t, home, state, env, "delete", "--store", jar, "--name", fmt.Sprintf("c%d", i), "--yes")
		if code != 0 {
			t.Fatalf("delete %d: %d\n%s\n%s", i, code, out, errOut)
		}
		outs = append(outs, out)
	}
	if strings.Contains(outs[1], "Removed") || !strings.Contains(outs[2], "Removed 1 deletion batch, ") {
		t.Fatalf("the third deletion should prune the first batch:\n%s", strings.Join(outs, "\n"))
	}
	dirs, _ := os.ReadDir(filepath.Join(state, "batches"))
	if len(dirs) != 2 {
		t.Fatalf("%d batches kept, want 2", len(dirs))
	}
	// A malformed setting stops a deletion before it starts.
	code, _, errOut := runState(t, home, state, []string{"OFGL_COOKIES_RETAIN_FOR=soon"}, "delete", "--store", jar, "--all", "--yes")
	if code != 2 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "OFGL_COOKIES_RETAIN_FOR") {
		t.Fatalf("bad retention: exit %d %q", code, errOut)
	}
	for _, args := range [][]string{{"undo", "--older-than", "1d"}, {"undo", "--prune", "--older-than", "soon"}, {"undo", "--prune", "x"}} {
		if code, _, errOut := runState(t, home, state, nil, args...); code != 2 || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d %q", args, code, errOut)
		}
	}
}

// A state directory the user shares (mode 1777) is refused in one line
// and never chmod-ed; one that only its owner can write to is used as it
// is, its mode untouched.
func TestStateDirNeverChmodded(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "home")
	os.MkdirAll(home, 0o700)
	jar := writeFile(t, filepath.Join(root, "jar", "cookies.txt"), []byte(fmt.Sprintf("data.ofgl.fr\tFALSE\t/\tFALSE\t%d\tsid\tv\n", time.Now().Add(time.Hour).Unix())))
	shared := filepath.Join(root, "shared")
	os.Mkdir(shared, 0o755)
	if err := os.Chmod(shared, 0o777|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	jarBefore := treeHash(t, filepath.Dir(jar))
	code, _, errOut := runState(t, home, shared, nil, "delete", "--store", jar, "--name", "sid", "--yes")
	if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "can be written by other users (mode 1777)") {
		t.Fatalf("shared state dir: exit %d %q", code, errOut)
	}
	if fi, _ := os.Stat(shared); fi.Mode().Perm() != 0o777 || fi.Mode()&os.ModeSticky == 0 {
		t.Fatalf("the shared directory's mode became %v", fi.Mode())
	}
	if left, _ := os.ReadDir(shared); len(left) != 0 {
		t.Fatalf("written in the shared directory: %v", left)
	}
	if treeHash(t, filepath.Dir(jar)) != jarBefore {
		t.Fatal("the store changed")
	}
	if code, _, errOut := runState(t, home, shared, []string{"LANG=fr_FR.UTF-8"}, "undo", "--prune"); code != 1 || !strings.Contains(errOut, "modifiable par d'autres utilisateurs") {
		t.Fatalf("prune in a shared dir: exit %d %q", code, errOut)
	}
	// A private directory of the user's, readable by others: used, never chmod-ed.
	mine := filepath.Join(root, "mine")
	os.Mkdir(mine, 0o755)
	os.Chmod(mine, 0o755)
	if code, out, errOut := runState(t, home, mine, nil, "delete", "--store", jar, "--name", "sid", "--yes"); code != 0 {
		t.Fatalf("delete: %d\n%s\n%s", code, out, errOut)
	}
	if fi, _ := os.Stat(mine); fi.Mode().Perm() != 0o755 {
		t.Fatalf("the user's directory became %v", fi.Mode().Perm())
	}
	checkTreePrivateBelow(t, mine)
}

// checkTreePrivateBelow checks what the tool created under root: 0700
// directories and 0600 files.
func checkTreePrivateBelow(t *testing.T, root string) {
	t.Helper()
	filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil || p == root {
			return nil
		}
		want := os.FileMode(0o600)
		if fi.IsDir() {
			want = 0o700
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode().Perm(), want)
		}
		return nil
	})
}

// Two undos of one batch at once: the store lock and the re-read under it
// make exactly one of them put the cookie back, once.
func TestConcurrentUndoRestoresOnce(t *testing.T) {
	root := t.TempDir()
	home, state := filepath.Join(root, "home"), filepath.Join(root, "state")
	os.MkdirAll(home, 0o700)
	exp := time.Now().Add(48 * time.Hour).Unix()
	original := fmt.Sprintf("data.ofgl.fr\tFALSE\t/\tFALSE\t%[1]d\tsid\tv\nwww.example.org\tFALSE\t/\tFALSE\t%[1]d\tother\tx\n", exp)
	jar := writeFile(t, filepath.Join(root, "cookies.txt"), []byte(original))
	restoredPattern := regexp.MustCompile(`restored (\d+) cookie`)
	for round := 0; round < 10; round++ {
		code, out, errOut := runState(t, home, state, nil, "delete", "--store", jar, "--name", "sid", "--yes")
		if code != 0 {
			t.Fatalf("round %d: delete: %d\n%s\n%s", round, code, out, errOut)
		}
		id := batchIDPattern.FindStringSubmatch(out)[1]
		type result struct {
			code     int
			out, err string
		}
		results := make(chan result, 2)
		for i := 0; i < 2; i++ {
			go func() {
				code, out, errOut := runState(t, home, state, nil, "undo", id)
				results <- result{code, out, errOut}
			}()
		}
		total := 0
		for i := 0; i < 2; i++ {
			r := <-results
			if r.code != 0 {
				t.Fatalf("round %d: undo: exit %d\n%s\n%s", round, r.code, r.out, r.err)
			}
			for _, m := range restoredPattern.FindAllStringSubmatch(r.out, -1) {
				n, _ := strconv.Atoi(m[1])
				total += n
			}
		}
		if got := string(fileBytes(t, jar)); strings.Count(got, "\tsid\t") != 1 {
			t.Fatalf("round %d: the jar after two undos:\n%s", round, got)
		}
		if total != 1 {
			t.Fatalf("round %d: the two undos say they restored %d cookies, want 1", round, total)
		}
	}
}

func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
