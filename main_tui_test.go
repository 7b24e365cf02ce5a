package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ofgl/ofgl-cookies/ui"
	"github.com/ofgl/ofgl-cookies/ui/cli"
)

// stubTUI records the interactive UI's options instead of running it.
func stubTUI(t *testing.T) *[]ui.Options {
	t.Helper()
	var calls []ui.Options
	old := runTUI
	runTUI = func(ctx context.Context, o ui.Options) error {
		calls = append(calls, o)
		return nil
	}
	t.Cleanup(func() { runTUI = old })
	return &calls
}

func runTTY(t *testing.T, stdoutTTY, stdinTTY bool, args ...string) (int, string, string) {
	t.Helper()
	home := t.TempDir()
	vars := map[string]string{"HOME": home, "LANG": "fr_FR.UTF-8"}
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	var out, errb bytes.Buffer
	env := cli.Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: func(k string) string { return vars[k] },
		StdoutTTY: stdoutTTY, StdinTTY: stdinTTY}
	return run(context.Background(), args, env), out.String(), errb.String()
}

func TestNoCommandOnATerminalRunsTheUI(t *testing.T) {
	calls := stubTUI(t)
	if code, _, stderr := runTTY(t, true, true); code != 0 || len(*calls) != 1 {
		t.Fatalf("exit %d, %d runs, %s", code, len(*calls), stderr)
	}
	if o := (*calls)[0]; o.Lang != "fr" || o.Demo || o.Site.Host != "data.ofgl.fr" || o.Catalog == nil {
		t.Errorf("options %+v", o)
	}
	runTTY(t, true, true, "--demo", "--lang", "en")
	if o := (*calls)[1]; !o.Demo || o.Lang != "en" {
		t.Errorf("--demo --lang en: %+v", o)
	}
	jar := filepath.Join(t.TempDir(), "cookies.txt")
	os.WriteFile(jar, []byte("# Netscape HTTP Cookie File\n.ofgl.fr\tTRUE\t/\tFALSE\t0\t_ga\tx\n"), 0o600)
	runTTY(t, true, true, "--store", jar)
	if o := (*calls)[2]; o.StorePath != jar {
		t.Errorf("--store: %+v", o)
	}
	// A --store file that list refuses is refused before the UI starts,
	// with list's line and exit code.
	for path, want := range map[string]int{"/etc/passwd": cli.ExitRuntime, filepath.Join(t.TempDir(), "none"): cli.ExitUsage} {
		n := len(*calls)
		code, _, stderr := runTTY(t, true, true, "--store", path)
		_, _, listErr := runTTY(t, false, false, "list", "--store", path)
		if code != want || len(*calls) != n || stderr != listErr || strings.Count(stderr, "\n") != 1 {
			t.Errorf("--store %s on a terminal: exit %d, UI runs %d, stderr %q (list: %q)", path, code, len(*calls)-n, stderr, listErr)
		}
	}
	// Not both terminals, an explicit command, or list's output flags:
	// list, as before.
	for _, c := range []struct {
		out, in bool
		args    []string
	}{
		{false, true, nil}, {true, false, nil}, {true, true, []string{"list"}}, {true, true, []string{"--json"}},
		{true, true, []string{"--category", "necessary"}},
	} {
		n := len(*calls)
		code, stdout, _ := runTTY(t, c.out, c.in, c.args...)
		if len(*calls) != n || code != 0 || !strings.Contains(stdout, "[]") && !strings.Contains(stdout, "aucun cookie") {
			t.Errorf("%+v: exit %d, UI runs %d, stdout %q", c, code, len(*calls)-n, stdout)
		}
	}
}

func TestNotATerminalIsList(t *testing.T) {
	stubTUI(t)
	_, bare, _ := runTTY(t, false, false)
	_, list, _ := runTTY(t, false, false, "list")
	if bare != list {
		t.Errorf("no command: %q\nlist: %q", bare, list)
	}
}

func TestListDemo(t *testing.T) {
	code, stdout, stderr := runTTY(t, false, false, "list", "--demo", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got []struct{ Browser, Profile, Name, Category string }
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range got {
		seen[c.Browser+"/"+c.Profile] = true
	}
	if len(got) < 10 || !seen["chromium/Personnel"] || !seen["chromium/Travail"] || !seen["firefox/default-release"] {
		t.Errorf("demo stores: %d cookies from %v", len(got), seen)
	}
	code, _, stderr = runTTY(t, false, false, "list", "--demo", "--store", "/tmp/x")
	if code != cli.ExitUsage || !strings.Contains(stderr, "--demo") {
		t.Errorf("--demo --store: %d %s", code, stderr)
	}
}
