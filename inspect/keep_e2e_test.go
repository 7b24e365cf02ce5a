package inspect_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Keep rules through the built binary: a bad rule gets one line on stderr
// and exit 2 (keep add and --keep), a bad keep list line one line naming
// file and line and exit 1, nothing printed back drives the terminal, and
// a trailing "*" keeps a name prefix as in the charter format.

func keepListFile(home string) string {
	return filepath.Join(home, ".config", "ofgl-cookies", "keep.txt")
}

// oneCleanLine checks that s is exactly one line without terminal control
// bytes.
func oneCleanLine(t *testing.T, what, s string) {
	t.Helper()
	if strings.Count(s, "\n") != 1 || !strings.HasSuffix(s, "\n") {
		t.Errorf("%s: want one line, got %q", what, s)
	}
	checkNoControl(t, what, s)
}

func checkNoControl(t *testing.T, what, s string) {
	t.Helper()
	for _, r := range strings.TrimSuffix(s, "\n") {
		if r == '\n' {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			t.Errorf("%s: control character %U in %q", what, r, s)
		}
	}
	if !strings.Contains(s, "\xff") {
		return
	}
	t.Errorf("%s: raw invalid UTF-8 in %q", what, s)
}

func TestKeepAddAndListThroughTheBinary(t *testing.T) {
	home := t.TempDir()
	r := runBin(t, home, "keep", "add", "_pk_*", "_ga@.OFGL.fr")
	if r.code != 0 || r.stdout != "added to the keep list: _pk_*\nadded to the keep list: _ga@ofgl.fr\n" || r.stderr != "" {
		t.Fatalf("add: %+v", r)
	}
	// Again: it says so, and exits 0.
	r = runBin(t, home, "keep", "add", "_pk_*", "sessionid", "_ga@ofgl.fr")
	if r.code != 0 || r.stdout != "already in the keep list: _pk_*\nalready in the keep list: _ga@ofgl.fr\nadded to the keep list: sessionid\n" {
		t.Fatalf("add again: %+v", r)
	}
	r = runBin(t, home, "keep", "list")
	if r.code != 0 || strings.Count(r.stdout, "_pk_*") != 1 || strings.Count(r.stdout, "sessionid") != 1 {
		t.Fatalf("list: %+v", r)
	}
	// French too.
	cmdFr := runBinEnv(t, []string{"LANG=fr_FR.UTF-8"}, home, "keep", "add", "_pk_*")
	if cmdFr.code != 0 || cmdFr.stdout != "déjà dans la liste à garder : _pk_*\n" {
		t.Fatalf("French: %+v", cmdFr)
	}
}

func TestBadKeepRulesThroughTheBinary(t *testing.T) {
	home := t.TempDir()
	if r := runBin(t, home, "keep", "add", "ok"); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	before, _ := os.ReadFile(keepListFile(home))
	jar := filepath.Join(t.TempDir(), "cookies.txt")
	os.WriteFile(jar, []byte("data.ofgl.fr\tFALSE\t/\tFALSE\t0\tsid\t1\n"), 0o600)
	jarBefore, _ := os.ReadFile(jar)
	bad := []string{"*", "**", "a*b", "x@y@z", "\x1b[31mred", "a\x7fb", "a\xffb", "a\u009bb", "",
		"@host", "x@", "x@https://ofgl.fr", "x@ofgl.fr:443", "x@ofgl.fr/p", "x@of gl.fr", "a b", "a;b"}
	for _, rule := range bad {
		for _, args := range [][]string{
			{"keep", "add", rule},
			{"keep", "rm", rule},
			{"delete", "--store", jar, "--name", "sid", "--keep", rule, "--yes"},
			{"clear", "--non-essential", "--store", jar, "--keep", rule, "--yes"},
		} {
			r := runBin(t, home, args...)
			what := fmt.Sprintf("%s %q", args[0], rule)
			if r.code != 2 {
				t.Errorf("%s: exit %d, want 2 (%+v)", what, r.code, r)
			}
			oneCleanLine(t, what, r.stderr)
			if !strings.Contains(r.stderr, "invalid keep rule") {
				t.Errorf("%s: stderr %q", what, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("%s: stdout %q", what, r.stdout)
			}
		}
	}
	if after, _ := os.ReadFile(keepListFile(home)); !bytes.Equal(after, before) {
		t.Error("a refused rule changed the keep list")
	}
	if after, _ := os.ReadFile(jar); !bytes.Equal(after, jarBefore) {
		t.Error("a refused --keep changed the jar")
	}
	// French: the reason in French, escaped the same way.
	r := runBinEnv(t, []string{"LANG=fr_FR.UTF-8"}, home, "keep", "add", "\x1b[31mred")
	if r.code != 2 || !strings.Contains(r.stderr, "règle à garder invalide « ?[31mred » : les caractères de contrôle sont interdits") {
		t.Errorf("French: %+v", r)
	}
}

func TestBrokenKeepListThroughTheBinary(t *testing.T) {
	home := t.TempDir()
	path := keepListFile(home)
	os.MkdirAll(filepath.Dir(path), 0o700)
	os.WriteFile(path, []byte("# mine\n_ga@ofgl.fr\n\x1b]0;owned\a\n"), 0o600)
	jar := filepath.Join(t.TempDir(), "cookies.txt")
	os.WriteFile(jar, []byte("data.ofgl.fr\tFALSE\t/\tFALSE\t0\tsid\t1\n"), 0o600)
	jarBefore, _ := os.ReadFile(jar)
	for _, args := range [][]string{
		{"keep", "list"},
		{"keep", "add", "x"},
		{"delete", "--store", jar, "--name", "sid", "--yes"},
	} {
		r := runBin(t, home, args...)
		if r.code != 1 {
			t.Errorf("%v: exit %d, want 1 (%+v)", args, r.code, r)
		}
		oneCleanLine(t, strings.Join(args, " "), r.stderr)
		if !strings.Contains(r.stderr, "keep.txt, line 3: invalid rule") {
			t.Errorf("%v: stderr %q", args, r.stderr)
		}
	}
	if after, _ := os.ReadFile(jar); !bytes.Equal(after, jarBefore) {
		t.Error("a broken keep list let delete change the jar")
	}
}

func TestPrefixRuleKeepsThroughTheBinary(t *testing.T) {
	home := t.TempDir()
	jar := filepath.Join(t.TempDir(), "cookies.txt")
	future := time.Now().Add(48 * time.Hour).Unix()
	content := fmt.Sprintf("data.ofgl.fr\tFALSE\t/\tFALSE\t%[1]d\t_pk_id.1.abcd\t1\n"+
		"data.ofgl.fr\tFALSE\t/\tFALSE\t%[1]d\t_pk_\x1b[2J\t2\n"+
		"data.ofgl.fr\tFALSE\t/\tFALSE\t%[1]d\tother\t3\n", future)
	os.WriteFile(jar, []byte(content), 0o600)
	if r := runBin(t, home, "keep", "add", "_pk_*"); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	r := runBin(t, home, "delete", "--store", jar, "--all", "--yes")
	if r.code != 0 {
		t.Fatalf("delete: %+v", r)
	}
	checkNoControl(t, "delete output", r.stdout)
	if !strings.Contains(r.stdout, "kept by the rule _pk_*: _pk_?[2J on data.ofgl.fr") {
		t.Errorf("stdout %q", r.stdout)
	}
	after, _ := os.ReadFile(jar)
	lines := strings.SplitAfter(content, "\n")
	if string(after) != lines[0]+lines[1] {
		t.Fatalf("jar after delete --all: %q", after)
	}
	// --keep with a prefix holds for this run.
	os.WriteFile(jar, []byte(content), 0o600)
	if r := runBin(t, home, "keep", "rm", "_pk_*"); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	r = runBin(t, home, "delete", "--store", jar, "--all", "--keep", "_pk_i*", "--yes")
	if r.code != 0 {
		t.Fatalf("delete --keep: %+v", r)
	}
	if after, _ := os.ReadFile(jar); string(after) != lines[0] {
		t.Fatalf("jar after delete --keep _pk_i*: %q", after)
	}
}

// runBinEnv is runBin with more environment.
func runBinEnv(t *testing.T, env []string, home string, args ...string) binResult {
	t.Helper()
	saved := binEnvExtra
	binEnvExtra = env
	defer func() { binEnvExtra = saved }()
	return runBin(t, home, args...)
}

// Two `keep add` runs at once both land: each reads the list again under
// its lock before it writes, so neither overwrites the other's rule.
func TestConcurrentKeepAddsKeepBothRules(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bin := binary(t)
	for round := 0; round < 20; round++ {
		home := t.TempDir()
		rules := []string{fmt.Sprintf("a%d", round), fmt.Sprintf("b%d@data.ofgl.fr", round)}
		var wg sync.WaitGroup
		out := make([]string, len(rules))
		codes := make([]int, len(rules))
		for i, r := range rules {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := exec.Command(bin, "keep", "add", r)
				cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}
				b, err := cmd.CombinedOutput()
				out[i], codes[i] = string(b), cmd.ProcessState.ExitCode()
				if err != nil && codes[i] == 0 {
					codes[i] = -1
				}
			}()
		}
		wg.Wait()
		for i := range rules {
			if codes[i] != 0 {
				t.Fatalf("round %d: keep add %s: exit %d: %s", round, rules[i], codes[i], out[i])
			}
		}
		data, err := os.ReadFile(keepListFile(home))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rules {
			if !strings.Contains(string(data), "\n"+r+"\n") {
				t.Fatalf("round %d: %s lost from the keep list:\n%s", round, r, data)
			}
		}
		if left, _ := filepath.Glob(keepListFile(home) + ".lock"); len(left) > 0 {
			t.Fatalf("round %d: lock file left: %v", round, left)
		}
	}
}
