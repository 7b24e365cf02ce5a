package inspect_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/internal/binarycookies"
	"github.com/ofgl/ofgl-cookies/inspect/internal/firefoxfmt"
	"github.com/ofgl/ofgl-cookies/inspect/internal/mozlz4"
	"github.com/ofgl/ofgl-cookies/inspect/internal/storegen"
)

// Fault injection at every named step of the deletion protocol, for every
// kind of store: a child process (this test binary, TestFaultHelper)
// deletes the cookies sessionid and _ga and kills itself with SIGKILL at
// one step. Then:
//
//   - the store holds the whole batch or none of it, and every file of it
//     is whole (SQLite integrity_check on a copy, as the browser would open
//     it; every other file parses). A Firefox session store spans several
//     files, each rewritten whole by a rename: a kill between two renames
//     leaves each file whole, some without the cookies and some with them
//     ("half"); "whole batch" there means the cookies gone from every file;
//   - the state directory is consistent: every manifest parses, the
//     killed batch is pending with coherent statuses, its backups match
//     their checksums, no temporary file is left (the dead run's lock
//     files stay until the next run takes them);
//   - the next run of the real binary, `undo` or `delete`, settles the
//     batch with one line saying what it did, and ends with the store as
//     the command means (undo: every cookie back; delete: both gone), no
//     batch pending, no temporary or lock file left.
//
// The test logs the table kind x step -> outcome (and writes it to the
// file OFGL_FAULT_TABLE names, if set).

const (
	faultStoreEnv = "OFGL_FAULT_STORE"
	faultStateEnv = "OFGL_FAULT_STATE"
	faultStepEnv  = "OFGL_FAULT_STEP"
	faultNthEnv   = "OFGL_FAULT_NTH"
)

var faultVictims = []string{"sessionid", "_ga"}

func noOwner(inspect.StoreRef) (inspect.OwnerStatus, error) { return inspect.OwnerStatus{}, nil }

// TestFaultHelper is the child process: it lists the store as `list
// --store` does, deletes the victims, and SIGKILLs itself at the n-th call
// of the named step (no step: it runs to the end).
func TestFaultHelper(t *testing.T) {
	path := os.Getenv(faultStoreEnv)
	if path == "" {
		t.Skip("run by TestFaultInjectionEveryStep")
	}
	site, err := catalog.NewSite("data.ofgl.fr")
	if err != nil {
		t.Fatal(err)
	}
	res, err := inspect.Read(context.Background(), inspect.Options{Site: site, StorePath: path})
	if err != nil {
		t.Fatal(err)
	}
	var victims []inspect.Cookie
	for _, f := range res.Findings {
		for _, n := range faultVictims {
			if f.Name == n && f.Container == "" && f.PartitionSite == "" {
				victims = append(victims, f.Cookie)
			}
		}
	}
	if len(victims) != len(faultVictims) {
		t.Fatalf("%d victims found, want %d", len(victims), len(faultVictims))
	}
	step, nth, seen := os.Getenv(faultStepEnv), envNth(), 0
	opts := inspect.DeleteOptions{StateDir: os.Getenv(faultStateEnv), CheckRunning: noOwner, Interrupt: func(s string) {
		if s == step {
			if seen++; seen == nth {
				syscall.Kill(os.Getpid(), syscall.SIGKILL)
			}
		}
	}}
	out, err := inspect.Delete(context.Background(), victims, opts)
	if err != nil || !out.OK() {
		t.Fatalf("%v %+v", err, out.Stores)
	}
	if step != "" {
		t.Fatalf("step %s #%d was never reached", step, nth)
	}
}

func envNth() int {
	var n int
	if _, err := fmt.Sscan(os.Getenv(faultNthEnv), &n); err != nil || n < 1 {
		return 1
	}
	return n
}

// faultKind is one kind of store: how to write it, which files make it, and
// how to read each file independently of the code under test.
type faultKind struct {
	name  string
	setup func(t *testing.T, dir string) (store string, files []string)
	// content is a file's cookies in a canonical, order-free form; an
	// error means the file is damaged.
	content func(path string) (string, error)
}

func faultKinds() []faultKind {
	exp := time.Now().Add(48 * time.Hour)
	return []faultKind{
		{name: "chromium", setup: func(t *testing.T, dir string) (string, []string) {
			p := filepath.Join(dir, "Default", "Cookies")
			os.MkdirAll(filepath.Dir(p), 0o700)
			if _, err := storegen.WriteChromium(p, 300, 1); err != nil {
				t.Fatal(err)
			}
			return p, []string{p}
		}, content: func(p string) (string, error) { return sqliteContent(p, "cookies") }},
		{name: "firefox-sqlite", setup: func(t *testing.T, dir string) (string, []string) {
			p := filepath.Join(dir, "cookies.sqlite")
			os.MkdirAll(dir, 0o700)
			// Rows in the -wal file too, as Firefox leaves them when killed.
			if _, err := storegen.WriteFirefox(p, 300, 1, true); err != nil {
				t.Fatal(err)
			}
			return p, []string{p}
		}, content: func(p string) (string, error) { return sqliteContent(p, "moz_cookies") }},
		{name: "firefox-session", setup: func(t *testing.T, dir string) (string, []string) {
			cur := filepath.Join(dir, "sessionstore.jsonlz4")
			rec := filepath.Join(dir, "sessionstore-backups", "recovery.jsonlz4")
			for _, p := range []string{cur, rec} {
				enc, err := mozlz4.Encode([]byte(faultSession))
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, p, enc)
			}
			return cur, []string{rec, cur}
		}, content: sessionContent},
		{name: "cookies.txt", setup: func(t *testing.T, dir string) (string, []string) {
			p := writeFile(t, filepath.Join(dir, "cookies.txt"), []byte(fmt.Sprintf(faultJar, exp.Unix())))
			return p, []string{p}
		}, content: jarContent},
		{name: "safari", setup: func(t *testing.T, dir string) (string, []string) {
			mac := float64(exp.Unix() - 978307200)
			f := &binarycookies.File{Trailer: append([]byte{0x07, 0x17, 0x20, 0x05, 0x00, 0x00, 0x00, 0x4B}, []byte("bplist00-stub")...), Pages: [][]binarycookies.Cookie{
				{{Domain: "data.ofgl.fr", Name: "sessionid", Path: "/", Value: "s", Flags: binarycookies.FlagSecure | binarycookies.FlagHTTPOnly, Expires: mac, Created: 1}},
				{{Domain: ".ofgl.fr", Name: "_ga", Path: "/", Value: "g", Expires: mac, Created: 1},
					{Domain: "data.ofgl.fr", Name: "csrftoken", Path: "/", Value: "c", Expires: mac, Created: 1},
					{Domain: "example.org", Name: "other", Path: "/", Value: "o", Expires: mac, Created: 1}},
			}}
			data, err := f.Encode()
			if err != nil {
				t.Fatal(err)
			}
			p := writeFile(t, filepath.Join(dir, "Cookies.binarycookies"), data)
			return p, []string{p}
		}, content: safariContent},
	}
}

const faultSession = `{"version":["sessionrestore",1],"windows":[{"tabs":[{"entries":[{"url":"https://data.ofgl.fr/","title":"ofgl"}]}],"selected":1}],"session":{"lastUpdate":1764400000123},"cookies":[` +
	`{"host":"data.ofgl.fr","value":"s1","path":"/","name":"sessionid","originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"","partitionKey":"","privateBrowsingId":0,"userContextId":0},"sameSite":1,"schemeMap":2},` +
	`{"host":".ofgl.fr","value":"g1","path":"/","name":"_ga","originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"","partitionKey":"","privateBrowsingId":0,"userContextId":0},"sameSite":256,"schemeMap":2},` +
	`{"host":"data.ofgl.fr","value":"c1","path":"/","name":"csrftoken","originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"","partitionKey":"","privateBrowsingId":0,"userContextId":0},"sameSite":1,"schemeMap":2},` +
	`{"host":"www.example.org","value":"x","path":"/","name":"other","originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"","partitionKey":"","privateBrowsingId":0,"userContextId":0},"sameSite":256,"schemeMap":2}]}`

const faultJar = "# Netscape HTTP Cookie File\n# kept comment\n\n" +
	"data.ofgl.fr\tFALSE\t/\tTRUE\t%[1]d\tsessionid\tabc\n" +
	".ofgl.fr\tTRUE\t/\tFALSE\t%[1]d\t_ga\tGA1.2.3\n" +
	"#HttpOnly_data.ofgl.fr\tFALSE\t/\tFALSE\t%[1]d\tcsrftoken\tx\n" +
	"www.ofgl.fr\tFALSE\t/\tFALSE\t%[1]d\t_ga\tdecoy\n"

// sqliteContent opens a copy of the store and its sidecars as a browser
// would (a hot journal rolled back, a WAL replayed), checks its integrity
// and returns its rows, sorted.
func sqliteContent(path, table string) (string, error) {
	dir, err := os.MkdirTemp("", "ofgl-fault-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	cp := filepath.Join(dir, filepath.Base(path))
	for _, s := range []string{"", "-wal", "-journal"} {
		data, err := os.ReadFile(path + s)
		if errors.Is(err, fs.ErrNotExist) && s != "" {
			continue
		}
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(cp+s, data, 0o600); err != nil {
			return "", err
		}
	}
	out, err := exec.Command("sqlite3", cp, "PRAGMA integrity_check;").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		return "", fmt.Errorf("integrity_check: %v %s", err, out)
	}
	out, err = exec.Command("sqlite3", "-cmd", ".mode quote", cp, "SELECT * FROM "+table).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("sqlite3: %v %s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n"), nil
}

func sessionContent(path string) (string, error) {
	raw, err := mozlz4.ReadFile(path, 0)
	if err != nil {
		return "", err
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		return "", err
	}
	cookies, err := firefoxfmt.ParseSessionStore(raw)
	if err != nil {
		return "", err
	}
	var lines []string
	for _, c := range cookies {
		lines = append(lines, strings.Join([]string{c.Host, c.Name, c.Path, c.OriginAttributes.Raw, c.Value}, "\t"))
	}
	sort.Strings(lines)
	return string(top["windows"]) + "\n" + strings.Join(lines, "\n"), nil
}

func jarContent(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" {
			if !strings.HasPrefix(l, "#") || strings.HasPrefix(l, "#HttpOnly_") {
				if len(strings.Split(l, "\t")) != 7 {
					return "", fmt.Errorf("torn line %q", l)
				}
			}
			lines = append(lines, l)
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n"), nil
}

func safariContent(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	f, err := binarycookies.Parse(data)
	if err != nil {
		return "", err
	}
	var lines []string
	for _, p := range f.Pages {
		for _, c := range p {
			lines = append(lines, fmt.Sprintf("%s\t%s\t%s\t%s\t%d", c.Domain, c.Name, c.Path, c.Value, c.Flags))
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n"), nil
}

// faultCase is one kill: a step, and which call of it.
type faultCase struct {
	step string
	nth  int
}

func (c faultCase) String() string {
	if c.nth > 1 {
		return fmt.Sprintf("%s (file %d)", c.step, c.nth)
	}
	return c.step
}

// runFaultChild runs TestFaultHelper; killed reports a SIGKILL.
func runFaultChild(t *testing.T, store, state string, c faultCase) (killed bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFaultHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), faultStoreEnv+"="+store, faultStateEnv+"="+state, faultStepEnv+"="+c.step, fmt.Sprintf("%s=%d", faultNthEnv, c.nth))
	out, err := cmd.CombinedOutput()
	if err == nil {
		return false
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			return true
		}
	}
	t.Fatalf("child: %v\n%s", err, out)
	return false
}

// storeState classifies a store against its content before the delete and
// after an uninterrupted one: "none", "whole", or "half" when the files of
// a multi-file store disagree but each is one or the other.
func storeState(t *testing.T, k faultKind, files []string, none, whole map[string]string) string {
	t.Helper()
	var nNone, nWhole int
	for _, f := range files {
		got, err := k.content(f)
		if err != nil {
			t.Fatalf("%s is damaged: %v", filepath.Base(f), err)
		}
		switch got {
		case none[f]:
			nNone++
		case whole[f]:
			nWhole++
		default:
			t.Fatalf("%s holds part of the batch:\n%s\nwant\n%s\nor\n%s", filepath.Base(f), got, none[f], whole[f])
		}
	}
	switch {
	case nNone == len(files):
		return "none"
	case nWhole == len(files):
		return "whole"
	}
	return "half"
}

func contents(t *testing.T, k faultKind, files []string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, f := range files {
		c, err := k.content(f)
		if err != nil {
			t.Fatal(err)
		}
		m[f] = c
	}
	return m
}

// checkStateDir checks every manifest, backup and leftover of a state
// directory. deadLocks allows the lock files of a killed run. A session
// store records each cookie once per file it was removed from.
func checkStateDir(t *testing.T, state string, deadLocks bool, perStore int) []inspect.Batch {
	t.Helper()
	var batches []inspect.Batch
	dirs, _ := os.ReadDir(filepath.Join(state, "batches"))
	for _, d := range dirs {
		m := filepath.Join(state, "batches", d.Name(), "manifest.json")
		data, err := os.ReadFile(m)
		if errors.Is(err, fs.ErrNotExist) {
			if !deadLocks {
				t.Errorf("batch directory %s without a manifest", d.Name())
			}
			continue
		}
		var b inspect.Batch
		if err := json.Unmarshal(data, &b); err != nil {
			t.Fatalf("manifest of %s does not parse: %v", d.Name(), err)
		}
		for _, s := range b.Stores {
			switch s.Status {
			case inspect.StoreUntouched, inspect.StoreFailed, inspect.StoreRefused:
			case inspect.StoreRestored:
				// Undone: its values and backups can no longer serve and are gone.
				if len(s.Rows)+len(s.Entries) != 0 || len(s.Backup) != 0 {
					t.Errorf("batch %s: an undone store still records %d rows or entries and %d backup files", b.ID, len(s.Rows)+len(s.Entries), len(s.Backup))
				}
			case inspect.StorePending, inspect.StoreDeleted:
				if len(s.Rows)+len(s.Entries) != perStore {
					t.Errorf("batch %s: store %s records %d rows or entries, want %d", b.ID, s.Status, len(s.Rows)+len(s.Entries), perStore)
				}
				for _, f := range s.Backup {
					sum, err := fileSum(filepath.Join(s.BackupDir, f.Name))
					if err != nil || sum != f.SHA256 {
						t.Errorf("batch %s: backup %s missing or damaged (%v)", b.ID, f.Name, err)
					}
				}
			default:
				t.Errorf("batch %s: unknown store status %q", b.ID, s.Status)
			}
			if s.Status == inspect.StorePending && b.Status != inspect.BatchPending {
				t.Errorf("batch %s is %s with a store pending", b.ID, b.Status)
			}
		}
		batches = append(batches, b)
	}
	filepath.WalkDir(state, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		name := d.Name()
		switch {
		case strings.HasPrefix(name, ".tmp-"):
			t.Errorf("temporary file left: %s", p)
		case filepath.Base(filepath.Dir(p)) == "locks" && !deadLocks:
			t.Errorf("lock file left: %s", p)
		}
		return nil
	})
	return batches
}

func fileSum(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%x", sha256.Sum256(data)), nil
}

// checkNoTempBeside fails on any file beside the store that the tool may
// have left (its temporary files begin with a dot).
func checkNoTempBeside(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasPrefix(d.Name(), ".") || strings.HasSuffix(d.Name(), ".tmp")) {
			t.Errorf("temporary file left beside the store: %s", p)
		}
		return nil
	})
}

// runNext runs the real binary as the next run and returns its recovery
// line.
func runNext(t *testing.T, home, state string, args ...string) (code int, recovery []string, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8", "OFGL_COOKIES_STATE_DIR=" + state}
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(o.String(), "\n") {
		if strings.Contains(l, "A deletion interrupted at") {
			recovery = append(recovery, l)
		}
	}
	return code, recovery, o.String(), e.String()
}

func TestFaultInjectionEveryStep(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	sqlite3Bin(t)
	binary(t)
	var table []string
	for _, k := range faultKinds() {
		cases := []faultCase{}
		for _, s := range inspect.Steps {
			cases = append(cases, faultCase{s, 1})
			if s == inspect.StepCommit && k.name == "firefox-session" {
				cases = append(cases, faultCase{s, 2}) // between its two files
			}
		}
		// The reference: the same delete, not interrupted.
		refDir := t.TempDir()
		store, files := k.setup(t, refDir)
		none := contents(t, k, files)
		if runFaultChild(t, store, filepath.Join(t.TempDir(), "state"), faultCase{}) {
			t.Fatalf("%s: the reference run was killed", k.name)
		}
		wholeAt := contents(t, k, files)
		rel := func(m map[string]string, root string) map[string]string {
			out := map[string]string{}
			for f, c := range m {
				r, _ := filepath.Rel(root, f)
				out[r] = c
			}
			return out
		}
		noneRel, wholeRel := rel(none, refDir), rel(wholeAt, refDir)
		for _, c := range cases {
			row := map[string]string{}
			var afterKill string
			for _, next := range []string{"undo", "delete"} {
				t.Run(k.name+"/"+c.String()+"/"+next, func(t *testing.T) {
					home := t.TempDir()
					dir := filepath.Join(home, "profile")
					state := filepath.Join(home, "state")
					store, files := k.setup(t, dir)
					abs := func(m map[string]string) map[string]string {
						out := map[string]string{}
						for r, c := range m {
							out[filepath.Join(dir, r)] = c
						}
						return out
					}
					none, whole := abs(noneRel), abs(wholeRel)
					if !runFaultChild(t, store, state, c) {
						t.Fatalf("the child was not killed at %s", c)
					}
					got := storeState(t, k, files, none, whole)
					want := map[string]string{inspect.StepBackedUp: "none", inspect.StepRecorded: "none", inspect.StepCommit: "none",
						inspect.StepCommitted: "whole", inspect.StepVerifying: "whole"}[c.step]
					if c.nth == 2 {
						want = "half"
					}
					if got != want {
						t.Fatalf("after a kill at %s the store holds %s of the batch, want %s", c, got, want)
					}
					afterKill = got
					killedBatches := checkStateDir(t, state, true, len(faultVictims)*len(files))
					for _, b := range killedBatches {
						if b.Status != inspect.BatchPending {
							t.Errorf("the killed batch is %s, want pending", b.Status)
						}
					}
					checkNoTempBeside(t, dir)

					// The next run.
					args := []string{"undo"}
					if next == "delete" {
						args = []string{"delete", "--store", store, "--name", "sessionid", "--name", "_ga", "--yes"}
					}
					code, recovery, stdout, stderr := runNext(t, home, state, args...)
					if code != 0 || stderr != "" {
						t.Fatalf("%v: exit %d, stderr %q, stdout:\n%s", args, code, stderr, stdout)
					}
					if len(recovery) != 1 {
						t.Fatalf("%v: %d recovery lines, want 1:\n%s", args, len(recovery), stdout)
					}
					line := recovery[0]
					switch got {
					case "none":
						if !strings.Contains(line, "was cleaned up: nothing had been deleted") {
							t.Fatalf("recovery line %q, want a clean-up", line)
						}
						row[next] = "cleaned up"
					case "whole":
						if !strings.Contains(line, fmt.Sprintf("was finished: %d cookies deleted; undo with", len(faultVictims))) {
							t.Fatalf("recovery line %q, want a finished batch of %d", line, len(faultVictims))
						}
						row[next] = "finished"
					case "half":
						if !strings.Contains(line, "half-rewritten Firefox session completed") {
							t.Fatalf("recovery line %q, want a completed session store", line)
						}
						row[next] = "completed"
					}
					// What the command itself then did.
					final := storeState(t, k, files, none, whole)
					switch {
					case next == "undo" && final != "none":
						t.Fatalf("after undo the store holds %s of the batch, want every cookie back", final)
					case next == "delete" && final != "whole":
						t.Fatalf("after delete the store holds %s of the batch, want both cookies gone", final)
					}
					if next == "undo" && got != "none" {
						row[next] += ", undone"
					}
					if next == "delete" && got == "none" {
						row[next] += ", deleted anew"
					}
					for _, b := range checkStateDir(t, state, false, len(faultVictims)*len(files)) {
						if b.Status == inspect.BatchPending {
							t.Errorf("batch %s still pending after the next run", b.ID)
						}
					}
					checkNoTempBeside(t, dir)
				})
			}
			table = append(table, fmt.Sprintf("| %-15s | %-28s | %-5s | %-28s | %-28s |", k.name, c, afterKill, row["undo"], row["delete"]))
		}
	}
	report := fmt.Sprintf("| %-15s | %-28s | %-5s | %-28s | %-28s |\n|%s|%s|%s|%s|%s|\n%s\n",
		"store", "killed at", "store", "next `undo`", "next `delete`",
		strings.Repeat("-", 17), strings.Repeat("-", 30), strings.Repeat("-", 7), strings.Repeat("-", 30), strings.Repeat("-", 30),
		strings.Join(table, "\n"))
	t.Logf("fault injection: SIGKILL at each step, then the next run of the binary\n%s", report)
	// OFGL_FAULT_TABLE names a file to write the table to (Markdown).
	if p := os.Getenv("OFGL_FAULT_TABLE"); p != "" {
		if err := os.WriteFile(p, []byte(report), 0o644); err != nil {
			t.Error(err)
		}
	}
}
