package inspect_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	bt "github.com/ofgl/ofgl-cookies/inspect/internal/browsertest"
)

// Two runs of the built binary at once on one store (delete and delete,
// clear and delete, undo and delete), many rounds per store kind: every
// run's exit code and output must be true, and the store must lack exactly
// the cookies the runs reported deleted (none lost, none extra).
//
// OFGL_CONCURRENT_ROUNDS sets the rounds of delete against delete per kind
// (default 20); clear and undo rounds are half as many each.

// run is one finished run of the binary.
type run struct {
	args           []string
	code           int
	stdout, stderr string
}

// startTool starts the binary in home with its state directory there; the
// returned function waits for it and fills out.
func startTool(t *testing.T, home string, out *run, args ...string) (wait func()) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8",
		"OFGL_COOKIES_STATE_DIR=" + filepath.Join(home, "state")}
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	out.args = args
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return func() {
		err := cmd.Wait()
		out.code = 0
		if ee, ok := err.(*exec.ExitError); ok {
			out.code = ee.ExitCode()
		} else if err != nil {
			t.Error(err)
			out.code = -1
		}
		out.stdout, out.stderr = so.String(), se.String()
	}
}

// runOne runs the binary once.
func runOne(t *testing.T, home string, args ...string) run {
	t.Helper()
	var r run
	startTool(t, home, &r, args...)()
	return r
}

// together runs two commands at once and returns both results.
func together(t *testing.T, home string, a, b []string) (run, run) {
	t.Helper()
	var ra, rb run
	wa := startTool(t, home, &ra, a...)
	wb := startTool(t, home, &rb, b...)
	wa()
	wb()
	return ra, rb
}

// reported is what a run says it deleted: "name\thost" -> count, from
// its "  - name (host)" lines.
func reported(r run) map[string]int {
	out := map[string]int{}
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "  - ") || !strings.HasSuffix(line, ")") {
			continue
		}
		line = strings.TrimSuffix(strings.TrimPrefix(line, "  - "), ")")
		i := strings.LastIndex(line, " (")
		if i < 0 {
			continue
		}
		out[line[:i]+"\t"+line[i+2:]]++
	}
	return out
}

// failureLines are the lines on stderr other than the wait notice.
func failureLines(r run) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		if l != "" && !strings.Contains(l, "waiting for ofgl-cookies pid") {
			out = append(out, l)
		}
	}
	return out
}

// checkTruthful checks one deleting run: exit 0 with every cookie it
// planned deleted, or exit 1 saying why on stderr and on stdout.
func checkTruthful(t *testing.T, round int, r run, mayFail bool) {
	t.Helper()
	switch r.code {
	case 0:
		if strings.Contains(r.stdout, "failed:") || len(failureLines(r)) > 0 {
			t.Errorf("round %d: %v exit 0 but says it failed:\n%s\n%s", round, r.args, r.stdout, r.stderr)
		}
		n := 0
		for _, c := range reported(r) {
			n += c
		}
		if !strings.Contains(r.stdout, fmt.Sprintf("deleted %d of %d", n, n)) && !strings.Contains(r.stdout, "No cookie") {
			t.Errorf("round %d: %v exit 0 but does not say it deleted the %d cookies it lists:\n%s", round, r.args, n, r.stdout)
		}
	case 1:
		if !mayFail {
			t.Errorf("round %d: %v failed, but nothing should stop it:\n%s\n%s", round, r.args, r.stdout, r.stderr)
		}
		if len(failureLines(r)) != 1 {
			t.Errorf("round %d: %v exit 1 with %d lines on stderr, want one:\n%s", round, r.args, len(failureLines(r)), r.stderr)
		}
		if !strings.Contains(r.stdout, "failed:") {
			t.Errorf("round %d: %v exit 1 but stdout says no store failed:\n%s", round, r.args, r.stdout)
		}
	default:
		t.Errorf("round %d: %v exit %d:\n%s\n%s", round, r.args, r.code, r.stdout, r.stderr)
	}
}

// checkStore checks that the store lost exactly the reported cookies.
func checkStore(t *testing.T, round int, before, after map[string]int, gone ...map[string]int) {
	t.Helper()
	want := map[string]int{}
	for k, n := range before {
		want[k] = n
	}
	for _, g := range gone {
		for k, n := range g {
			want[k] -= n
		}
	}
	var diff []string
	for k := range union(want, after) {
		if want[k] != after[k] {
			diff = append(diff, fmt.Sprintf("%q: %d in the store, %d expected", k, after[k], want[k]))
		}
	}
	sort.Strings(diff)
	if len(diff) > 0 {
		t.Errorf("round %d: the store does not lack exactly what was reported deleted:\n%s", round, strings.Join(diff, "\n"))
	}
}

func union(a, b map[string]int) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func waited(rs ...run) bool {
	for _, r := range rs {
		if strings.Contains(r.stderr, "waiting for ofgl-cookies pid") {
			return true
		}
	}
	return false
}

// siteNames lists the names of the site's cookies in a store, as list
// --json shows them, with how often each appears.
func siteNames(t *testing.T, home, store string) map[string]int {
	t.Helper()
	r := runOne(t, home, "list", "--json", "--store", store)
	if r.code != 0 {
		t.Fatalf("list: exit %d\n%s", r.code, r.stderr)
	}
	var cs []jsonCookie
	if err := json.Unmarshal([]byte(r.stdout), &cs); err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, c := range cs {
		out[c.Name]++
	}
	return out
}

// victims picks three non-necessary names that appear once each.
func victims(t *testing.T, names map[string]int) (a, b, u string) {
	t.Helper()
	var once []string
	for n, c := range names {
		if c == 1 && !necessaryNames[n] {
			once = append(once, n)
		}
	}
	sort.Strings(once)
	if len(once) < 3 {
		t.Fatalf("the store has too few cookies to delete: %v", names)
	}
	return once[0], once[1], once[2]
}

func rounds() int {
	if n, err := strconv.Atoi(os.Getenv("OFGL_CONCURRENT_ROUNDS")); err == nil && n > 0 {
		return n
	}
	return 20
}

// raceOn runs the rounds on one store kind.
func raceOn(t *testing.T, f fixture) {
	n := rounds()
	var stats struct{ rounds, waits, failed int }
	setup := func(round int) (home, store string, before map[string]int) {
		home = filepath.Join(t.TempDir(), "home")
		os.MkdirAll(home, 0o700)
		store = f.make(t, filepath.Join(home, "store"))
		return home, store, f.entries(t, store)
	}
	// delete a and delete b: both must succeed (one waits for the other).
	var a, b, u string
	for i := 0; i < n; i++ {
		home, store, before := setup(i)
		if i == 0 {
			a, b, u = victims(t, siteNames(t, home, store))
			t.Logf("%s: deleting %s, %s; %s for undo", f.kind, a, b, u)
		}
		ra, rb := together(t, home, []string{"delete", "--store", store, "--name", a, "--yes"},
			[]string{"delete", "--store", store, "--name", b, "--yes"})
		checkTruthful(t, i, ra, false)
		checkTruthful(t, i, rb, false)
		if len(reported(ra)) == 0 || len(reported(rb)) == 0 {
			t.Errorf("round %d: a delete reported nothing deleted:\n%s\n%s", i, ra.stdout, rb.stdout)
		}
		checkStore(t, i, before, f.entries(t, store), reported(ra), reported(rb))
		stats.rounds++
		if waited(ra, rb) {
			stats.waits++
		}
	}
	// clear and delete a: the one that comes second may find a gone and
	// fail, saying so; the store lacks what the runs reported.
	for i := 0; i < (n+1)/2; i++ {
		home, store, before := setup(i)
		rc, rd := together(t, home, []string{"clear", "--non-essential", "--store", store, "--yes"},
			[]string{"delete", "--store", store, "--name", a, "--yes"})
		checkTruthful(t, i, rc, true)
		checkTruthful(t, i, rd, true)
		if rc.code != 0 && rd.code != 0 {
			t.Errorf("round %d: both clear and delete failed:\n%s\n%s", i, rc.stderr, rd.stderr)
		}
		checkStore(t, i, before, f.entries(t, store), reported(rc), reported(rd))
		stats.rounds++
		if waited(rc, rd) {
			stats.waits++
		}
		if rc.code != 0 || rd.code != 0 {
			stats.failed++
		}
	}
	// undo of a deletion of u, and delete b: u is back if undo says so,
	// and b is gone if the delete says so.
	undoRounds := (n + 1) / 2
	for i := 0; i < undoRounds; i++ {
		home, store, before := setup(i)
		first := runOne(t, home, "delete", "--store", store, "--name", u, "--yes")
		if first.code != 0 {
			t.Fatalf("delete %s: exit %d\n%s\n%s", u, first.code, first.stdout, first.stderr)
		}
		// The batch is named: a plain "undo" takes the newest batch, which
		// may be the concurrent delete's.
		id := ""
		if i := strings.Index(first.stdout, "ofgl-cookies undo "); i >= 0 {
			id = strings.Fields(first.stdout[i+len("ofgl-cookies undo "):])[0]
		}
		if id == "" {
			t.Fatalf("no batch id in:\n%s", first.stdout)
		}
		ru, rd := together(t, home, []string{"undo", id}, []string{"delete", "--store", store, "--name", b, "--yes"})
		checkTruthful(t, i, rd, false)
		gone := []map[string]int{reported(rd)}
		switch ru.code {
		case 0:
		case 1:
			if len(failureLines(ru)) == 0 {
				t.Errorf("round %d: undo exit 1 with nothing on stderr:\n%s", i, ru.stdout)
			}
			gone = append(gone, reported(first))
			stats.failed++
		default:
			t.Errorf("round %d: undo exit %d\n%s\n%s", i, ru.code, ru.stdout, ru.stderr)
		}
		checkStore(t, i, before, f.entries(t, store), gone...)
		stats.rounds++
		if waited(ru, rd) {
			stats.waits++
		}
	}
	t.Logf("%s: %d rounds, %d with a run waiting for the other, %d with a run failing truthfully", f.kind, stats.rounds, stats.waits, stats.failed)
}

func TestConcurrentRunsFileStores(t *testing.T) {
	if testing.Short() {
		t.Skip("many runs of the binary; skipped with -short")
	}
	binary(t)
	for _, f := range []fixture{sessionFixture, jarFixture, safariFixture} {
		t.Run(f.kind, func(t *testing.T) { raceOn(t, f) })
	}
}

// realStore copies a store a real browser wrote (with its sidecars) into
// each round's directory, under the same file name.
func realStore(kind, src, sub string, entries func(t *testing.T, path string) map[string]int) fixture {
	return fixture{
		kind: kind,
		make: func(t *testing.T, dir string) string {
			dst := filepath.Join(dir, sub, filepath.Base(src))
			os.MkdirAll(filepath.Dir(dst), 0o700)
			for _, suffix := range []string{"", "-journal", "-wal"} {
				data, err := os.ReadFile(src + suffix)
				if err != nil && suffix != "" {
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(dst+suffix, data, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			return dst
		},
		entries: entries,
	}
}

func sqliteEntries(b bt.Browser) func(t *testing.T, path string) map[string]int {
	return func(t *testing.T, path string) map[string]int {
		t.Helper()
		var cs []bt.ExpectedCookie
		if b == bt.Chromium {
			cs = bt.ReadChromiumStore(t, path)
		} else {
			cs = bt.ReadFirefoxStore(t, path)
		}
		m := map[string]int{}
		for _, c := range cs {
			m[c.Name+"\t"+c.Host]++
		}
		return m
	}
}

func TestConcurrentRunsRealBrowsers(t *testing.T) {
	_, _, chromium, firefox := visitedProfiles(t)
	for _, f := range []fixture{
		realStore("chromium", chromium.CookiesPath(), "Default", sqliteEntries(bt.Chromium)),
		realStore("firefox", firefox.CookiesPath(), "profile", sqliteEntries(bt.Firefox)),
	} {
		t.Run(f.kind, func(t *testing.T) { raceOn(t, f) })
	}
}
