package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ofgl/ofgl-cookies/ui"
)

// cliRun is one run of Main in-process, with a HOME of its own (no real
// browser store) and the interactive UI replaced by a recorder.
type cliRun struct {
	code           int
	stdout, stderr string
	ui             []ui.Options
}

func runMain(t *testing.T, tty bool, lang string, args ...string) cliRun {
	t.Helper()
	home := t.TempDir()
	vars := map[string]string{"HOME": home, "LANG": lang,
		"OFGL_COOKIES_STATE_DIR": filepath.Join(home, "state"), "OFGL_COOKIES_CONFIG_DIR": filepath.Join(home, "config")}
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("OFGL_COOKIES_STATE_DIR", vars["OFGL_COOKIES_STATE_DIR"])
	t.Setenv("OFGL_COOKIES_CONFIG_DIR", vars["OFGL_COOKIES_CONFIG_DIR"])
	var out, errb bytes.Buffer
	var r cliRun
	env := Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: func(k string) string { return vars[k] },
		StdoutTTY: tty, StdinTTY: tty}
	prog := Program{Version: "v9.9.9", RunTUI: func(_ context.Context, o ui.Options) error {
		r.ui = append(r.ui, o)
		return nil
	}}
	r.code = Main(context.Background(), args, env, prog)
	r.stdout, r.stderr = out.String(), errb.String()
	return r
}

// Every command's parsing and exit code, and where its words go: a usage
// error is one line on stderr and exit 2, whatever the flag's position.
func TestCommandLine(t *testing.T) {
	jar := filepath.Join(t.TempDir(), "cookies.txt")
	if err := os.WriteFile(jar, []byte("# Netscape HTTP Cookie File\n.ofgl.fr\tTRUE\t/\tFALSE\t0\t_ga\tx\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "missing")
	cases := []struct {
		args   []string
		tty    bool
		lang   string
		code   int
		stdout string // "" checks nothing
		stderr string // "" wants stderr empty
		ui     bool
	}{
		// Unknown words, with suggestions, echoed as typed.
		{args: []string{"--bogus"}, code: 2, stderr: "ofgl-cookies: unknown flag: --bogus (see 'ofgl-cookies --help')"},
		{args: []string{"list", "--jsn"}, code: 2, stderr: "unknown flag: --jsn (did you mean --json?)"},
		{args: []string{"-json"}, code: 2, stderr: "unknown flag: -json (did you mean --json?)"},
		{args: []string{"lst"}, code: 2, stderr: `unknown command "lst" (did you mean list?)`},
		{args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{args: []string{"--lang", "fr", "--bogus"}, code: 2, stderr: "option inconnue : --bogus"},
		{args: []string{"--lang=de"}, code: 2, stderr: `unknown language "de"`},
		{args: []string{"list", "--lang"}, code: 2, stderr: "flag needs a value: --lang"},
		{args: []string{"--demo=maybe"}, code: 2, stderr: `invalid value "maybe" for --demo`},
		{args: []string{"list", "extra"}, code: 2, stderr: `unexpected argument "extra"`},
		// Global flags before or after the command.
		{args: []string{"--demo", "stores"}, code: 0, stdout: "Personnel"},
		{args: []string{"stores", "--demo"}, code: 0, stdout: "Personnel"},
		{args: []string{"--lang", "fr", "stores", "--demo"}, code: 0, stdout: "NAVIGATEUR"},
		{args: []string{"stores", "--demo", "--lang", "fr"}, code: 0, stdout: "NAVIGATEUR"},
		{args: []string{"--json", "list", "--demo"}, code: 0, stdout: `"browser": "chromium"`},
		{args: []string{"--yes", "delete", "--demo", "--all", "--dry-run"}, code: 0, stdout: "Dry run: nothing was deleted."},
		{args: []string{"--yes"}, code: 2, stderr: "--yes does not apply to ofgl-cookies"},
		{args: []string{"stores", "--category", "necessary"}, code: 2, stderr: "unknown flag: --category"},
		// Named files: one rule, exit 2, when they do not exist.
		{args: []string{"list", "--store", missing}, code: 2, stderr: "--store " + missing + ": no such file"},
		{args: []string{"list", "--catalog", missing}, code: 2, stderr: "--catalog " + missing + ": no such file"},
		{args: []string{"--store", missing}, tty: true, code: 2, stderr: "no such file"},
		{args: []string{"list", "--store", "/etc/passwd"}, code: 1, stderr: "/etc/passwd: unrecognised cookie store format"},
		{args: []string{"--store", "/etc/passwd"}, tty: true, code: 1, stderr: "/etc/passwd: unrecognised cookie store format"},
		{args: []string{"list", "--store", jar}, code: 0, stdout: "cookies.txt"},
		{args: []string{"list", "--demo", "--store", jar}, code: 2, stderr: "--demo and --store cannot be combined"},
		{args: []string{"list", "--netscape"}, code: 2, stderr: "--netscape writes cookie values"},
		{args: []string{"list"}, code: 0, stdout: "no cookie found", stderr: "To see what the tool does, run: ofgl-cookies --demo"},
		// delete and clear, on the demo's copy too.
		{args: []string{"delete"}, code: 2, stderr: "delete needs a selector"},
		{args: []string{"clear", "--demo"}, code: 2, stderr: "clear needs --non-essential"},
		{args: []string{"clear", "--demo", "--non-essential"}, code: 2, stdout: "will be deleted", stderr: "--yes"},
		{args: []string{"delete", "--demo", "--name", "_ga", "--yes"}, code: 0, stdout: "This was the demo's copy"},
		{args: []string{"clear", "--demo", "--non-essential", "-y", "--keep", "_ga"}, code: 0, stdout: "kept by the rule _ga"},
		{args: []string{"clear", "--non-essential", "--keep", "a b"}, code: 2, stderr: "invalid keep rule"},
		// keep.
		{args: []string{"keep"}, code: 0, stdout: "The keep list is empty."},
		{args: []string{"keep", "list"}, code: 0, stdout: "The keep list is empty."},
		{args: []string{"keep", "ad"}, code: 2, stderr: `unknown command "ad" (did you mean add`},
		{args: []string{"keep", "add"}, code: 2, stderr: "usage: ofgl-cookies keep"},
		{args: []string{"keep", "add", "_ga@ofgl.fr"}, code: 0, stdout: "added"},
		{args: []string{"keep", "rm", "_ga"}, code: 1, stderr: "_ga"},
		// undo has every flag its messages name.
		{args: []string{"undo"}, code: 0, stdout: "No deletion batch to undo."},
		{args: []string{"undo", "--list"}, code: 0, stdout: "No deletion batch to undo."},
		{args: []string{"undo", "--list", "--json"}, code: 0, stdout: "[]"},
		{args: []string{"undo", "--json"}, code: 2, stderr: "--json goes with undo --list"},
		{args: []string{"undo", "a", "b"}, code: 2, stderr: `unexpected argument "b"`},
		{args: []string{"undo", "--dry-run"}, code: 0, stdout: "No deletion batch to undo."},
		{args: []string{"undo", "--restore-file", "--yes"}, code: 0, stdout: "No deletion batch to undo."},
		{args: []string{"undo", "--older-than", "1d"}, code: 2, stderr: "--older-than"},
		{args: []string{"undo", "--prune", "--older-than", "soon"}, code: 2, stderr: `invalid --older-than "soon"`},
		{args: []string{"undo", "--prune", "--list"}, code: 2, stderr: "--prune"},
		{args: []string{"undo", "--prune", "--older-than", "0s", "--dry-run"}, code: 0, stdout: "No deletion batch to remove"},
		{args: []string{"undo", "nosuchbatch"}, code: 1, stderr: "nosuchbatch"},
		// Help and version.
		{args: []string{"--help"}, code: 0, stdout: "COMMANDS"},
		{args: []string{"-h"}, code: 0, stdout: "--demo builds fresh sample stores"},
		{args: []string{"undo", "--help"}, code: 0, stdout: "--restore-file"},
		{args: []string{"--lang", "fr", "--help"}, code: 0, stdout: "COMMANDES"},
		{args: []string{"--help"}, lang: "fr_FR.UTF-8", code: 0, stdout: "crée des magasins d'exemple neufs"},
		{args: []string{"--version"}, code: 0, stdout: "ofgl-cookies v9.9.9\n"},
		{args: []string{"version"}, code: 0, stdout: "ofgl-cookies v9.9.9\n"},
		// No command: the UI on a terminal, list's flags ask for list.
		{args: nil, tty: true, code: 0, ui: true},
		{args: []string{"--demo"}, tty: true, code: 0, ui: true},
		{args: []string{"--store", jar}, tty: true, code: 0, ui: true},
		{args: []string{"--json"}, tty: true, code: 0, stdout: "[]", stderr: "--demo"},
		{args: []string{"list"}, tty: true, code: 0, stdout: "no cookie found", stderr: "--demo"},
		{args: nil, code: 0, stdout: "no cookie found", stderr: "--demo"},
	}
	for _, c := range cases {
		lang := c.lang
		if lang == "" {
			lang = "en_US.UTF-8"
		}
		r := runMain(t, c.tty, lang, c.args...)
		name := strings.Join(c.args, " ")
		if r.code != c.code {
			t.Errorf("%q: exit %d, want %d (stdout %.200q, stderr %q)", name, r.code, c.code, r.stdout, r.stderr)
		}
		if c.stdout != "" && !strings.Contains(r.stdout, c.stdout) {
			t.Errorf("%q: stdout %.300q, want %q in it", name, r.stdout, c.stdout)
		}
		switch {
		case c.stderr == "" && r.stderr != "":
			t.Errorf("%q: stderr %q, want none", name, r.stderr)
		case c.stderr != "" && !strings.Contains(r.stderr, c.stderr):
			t.Errorf("%q: stderr %q, want %q in it", name, r.stderr, c.stderr)
		}
		if c.code == ExitUsage && strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%q: a usage error in %d lines: %q", name, strings.Count(r.stderr, "\n"), r.stderr)
		}
		if got := len(r.ui) > 0; got != c.ui {
			t.Errorf("%q: UI started %v, want %v", name, got, c.ui)
		}
	}
}

// The options the UI gets from the command line.
func TestUIOptions(t *testing.T) {
	r := runMain(t, true, "fr_FR.UTF-8", "--demo", "--site", "ofgl.fr")
	if len(r.ui) != 1 {
		t.Fatalf("UI runs %d", len(r.ui))
	}
	if o := r.ui[0]; !o.Demo || o.Lang != "fr" || o.Site.Host != "ofgl.fr" || o.Catalog == nil || o.StorePath != "" {
		t.Errorf("options %+v", o)
	}
	r = runMain(t, true, "fr_FR.UTF-8", "--lang", "en")
	if o := r.ui[0]; o.Demo || o.Lang != "en" || o.Site.Host != "data.ofgl.fr" {
		t.Errorf("--lang en: %+v", o)
	}
}

// The language is found before the commands are built, so that their help
// is in it; the last --lang wins, and nothing after "--" counts.
func TestLangArg(t *testing.T) {
	cases := []struct {
		args  []string
		want  string
		given bool
	}{
		{nil, "", false},
		{[]string{"list", "--lang", "fr"}, "fr", true},
		{[]string{"--lang=en", "stores"}, "en", true},
		{[]string{"--lang", "fr", "--lang", "en"}, "en", true},
		{[]string{"keep", "add", "--", "--lang", "fr"}, "", false},
		{[]string{"--lang"}, "", false},
	}
	for _, c := range cases {
		if got, given := langArg(c.args); got != c.want || given != c.given {
			t.Errorf("langArg(%q) = %q %v, want %q %v", c.args, got, given, c.want, c.given)
		}
	}
}

// undo --list has column headers, and --json the same batches for a
// program, with no cookie value in it.
func TestUndoListTextAndJSON(t *testing.T) {
	home := t.TempDir()
	jar := filepath.Join(home, "cookies.txt")
	if err := os.WriteFile(jar, []byte("# Netscape HTTP Cookie File\n.ofgl.fr\tTRUE\t/\tFALSE\t0\t_ga\tsecretvalue\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"HOME": home, "LANG": "C", "OFGL_COOKIES_STATE_DIR": filepath.Join(home, "state"),
		"OFGL_COOKIES_CONFIG_DIR": filepath.Join(home, "config")}
	for k, v := range vars {
		t.Setenv(k, v)
	}
	do := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		env := Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: func(k string) string { return vars[k] }}
		return Main(context.Background(), args, env, Program{}), out.String() + errb.String()
	}
	if code, out := do("delete", "--store", jar, "--all", "--yes"); code != 0 {
		t.Fatalf("delete: %d %s", code, out)
	}
	code, out := do("undo", "--list")
	lines := strings.Split(out, "\n")
	if code != 0 || len(lines) < 3 || strings.Join(strings.Fields(lines[1]), " ") != "BATCH CREATED COOKIES STATUS" ||
		!strings.Contains(lines[2], "1 cookie") || !strings.Contains(lines[2], "<- undo puts this one back") {
		t.Fatalf("undo --list: %d\n%s", code, out)
	}
	code, out = do("undo", "--list", "--json")
	var batches []struct {
		ID       string
		Cookies  int
		Undoable bool
		Next     bool
		Stores   []struct{ Browser, Path, Status string }
	}
	if err := json.Unmarshal([]byte(out), &batches); err != nil || code != 0 {
		t.Fatalf("undo --list --json: %d %v\n%s", code, err, out)
	}
	if len(batches) != 1 || batches[0].Cookies != 1 || !batches[0].Next || !batches[0].Undoable ||
		len(batches[0].Stores) != 1 || batches[0].Stores[0].Browser != "cookies.txt" || batches[0].Stores[0].Path != jar {
		t.Errorf("batches %+v", batches)
	}
	if strings.Contains(out, "secretvalue") {
		t.Error("a cookie value in undo --list --json")
	}
}

// Shell completion offers commands and the values of fixed-list flags.
func TestCompletion(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"__complete", "st"}, "stores"},
		{[]string{"__complete", "list", "--category", ""}, "non-essential"},
		{[]string{"__complete", "undo", "--lang", ""}, "fr\nen"},
		{[]string{"__complete", "--lang", "fr", "keep", ""}, "add"},
	} {
		r := runMain(t, false, "C", c.args...)
		if r.code != 0 || !strings.Contains(r.stdout, c.want) {
			t.Errorf("%q: exit %d, stdout %q, want %q in it (stderr %q)", c.args, r.code, r.stdout, c.want, r.stderr)
		}
	}
}
