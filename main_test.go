package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ofgl/ofgl-cookies/ui/cli"
)

// runCLI runs the program in-process with an empty HOME, so no real
// browser store is read.
func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	home := t.TempDir()
	vars := map[string]string{"HOME": home, "LANG": "en_US.UTF-8",
		"OFGL_COOKIES_STATE_DIR": filepath.Join(home, "state"), "OFGL_COOKIES_CONFIG_DIR": filepath.Join(home, "config")}
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("OFGL_COOKIES_STATE_DIR", vars["OFGL_COOKIES_STATE_DIR"])
	t.Setenv("OFGL_COOKIES_CONFIG_DIR", vars["OFGL_COOKIES_CONFIG_DIR"])
	var out, errb bytes.Buffer
	env := cli.Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(stdin),
		Getenv: func(k string) string { return vars[k] }}
	code = run(context.Background(), args, env)
	return code, out.String(), errb.String()
}

func TestUsageErrorsAreOneLineAndExit2(t *testing.T) {
	dir := t.TempDir()
	badCatalog := filepath.Join(dir, "bad.charter")
	os.WriteFile(badCatalog, []byte("site = data.ofgl.fr\n\n[cookie x]\nprovider = P\npurpose.en = p\ncategory = tasty\n"), 0o600)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"list", "--lang", "de"}, `unknown language "de"`},
		{[]string{"list", "--site", "https://data.ofgl.fr/"}, "invalid --site"},
		{[]string{"list", "--site", "fr"}, "invalid --site"},
		{[]string{"list", "--category", "tasty"}, `unknown category "tasty"`},
		{[]string{"list", "--catalog", badCatalog}, "bad.charter:6:"},
		{[]string{"list", "--netscape"}, "--netscape writes cookie values"},
		{[]string{"list", "--json", "--netscape", "--show-values"}, "cannot be combined"},
		{[]string{"list", "extra"}, `unexpected argument "extra"`},
		{[]string{"clear"}, "clear needs --non-essential"},
		{[]string{"delete"}, "delete needs a selector"},
		{[]string{"clear", "--non-essential", "--keep", "a b"}, "invalid keep rule"},
		{[]string{"keep", "add"}, "usage: ofgl-cookies keep"},
		{[]string{"keep", "add", "@x"}, "invalid keep rule"},
	}
	for _, c := range cases {
		code, _, stderr := runCLI(t, "", c.args...)
		if code != cli.ExitUsage {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", c.args, code, stderr)
		}
		first := strings.SplitN(stderr, "\n", 2)[0]
		if !strings.Contains(first, c.want) {
			t.Errorf("%v: first line %q, want it to contain %q", c.args, first, c.want)
		}
		if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
			t.Errorf("%v: stack trace in %q", c.args, stderr)
		}
	}
}

func TestBadStoreFilesExit1WithOneLine(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o600)
		return p
	}
	cases := map[string]string{
		write("empty", nil): "empty file",
		write("random", []byte("\x00\x01\x02 not a store")):                             "unrecognised cookie store format",
		write("truncated.sqlite", []byte("SQLite format 3\x00\x10\x00\x01\x01\x00@  ")): "",
		dir:                           "is a directory",
		filepath.Join(dir, "missing"): "no such file",
		write("bad.lz4", []byte("mozLz40\x00\xff\xff\xff\x7fxx")): "",
	}
	for path, want := range cases {
		code, stdout, stderr := runCLI(t, "", "list", "--store", path)
		if code != cli.ExitRuntime {
			t.Errorf("%s: exit %d, want 1 (stdout %q stderr %q)", filepath.Base(path), code, stdout, stderr)
		}
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if len(lines) != 1 || !strings.Contains(lines[0], want) {
			t.Errorf("%s: stderr %q, want one line containing %q", filepath.Base(path), stderr, want)
		}
	}
}

func TestHelpVersionAndLanguages(t *testing.T) {
	code, out, _ := runCLI(t, "", "--help")
	if code != 0 || !strings.Contains(out, "clear --non-essential") {
		t.Fatalf("help: %d %q", code, out)
	}
	code, out, _ = runCLI(t, "", "list", "--lang", "fr", "--help")
	if code != 0 || !strings.Contains(out, "Utilisation") {
		t.Fatalf("French help: %d %q", code, out)
	}
	code, out, _ = runCLI(t, "", "--version")
	if code != 0 || !strings.HasPrefix(out, "ofgl-cookies ") {
		t.Fatalf("version: %d %q", code, out)
	}
	code, out, stderr := runCLI(t, "", "list")
	if code != 0 || !strings.Contains(out, "no cookie found") || !strings.Contains(stderr, "No browser cookie store") {
		t.Fatalf("empty machine: %d %q %q", code, out, stderr)
	}
	code, out, _ = runCLI(t, "", "list", "--json")
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Fatalf("empty JSON: %d %q", code, out)
	}
}

func TestKeepListCommands(t *testing.T) {
	home := t.TempDir()
	vars := map[string]string{"HOME": home, "OFGL_COOKIES_CONFIG_DIR": filepath.Join(home, "cfg")}
	t.Setenv("OFGL_COOKIES_CONFIG_DIR", vars["OFGL_COOKIES_CONFIG_DIR"])
	do := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		code := run(context.Background(), args, cli.Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: func(k string) string { return vars[k] }})
		return code, out.String() + errb.String()
	}
	if code, out := do("keep", "add", "sessionid@data.ofgl.fr", "_pk_id.1.abcd"); code != 0 || !strings.Contains(out, "added") {
		t.Fatalf("%d %s", code, out)
	}
	code, out := do("keep", "list")
	if code != 0 || !strings.Contains(out, "sessionid@data.ofgl.fr") || !strings.Contains(out, "_pk_id.1.abcd") {
		t.Fatalf("%d %s", code, out)
	}
	if code, out := do("keep", "rm", "_pk_id.1.abcd"); code != 0 || !strings.Contains(out, "removed") {
		t.Fatalf("%d %s", code, out)
	}
	if code, _ := do("keep", "rm", "nothere"); code != cli.ExitRuntime {
		t.Fatalf("removing an absent rule: exit %d", code)
	}
	fi, err := os.Stat(filepath.Join(home, "cfg", "keep.txt"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("keep list file: %v %v", fi, err)
	}
}
