package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
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
		{[]string{"--bogus"}, "unknown flag: --bogus"},
		{[]string{"list", "--store", filepath.Join(dir, "missing")}, "--store " + filepath.Join(dir, "missing") + ": no such file"},
		{[]string{"list", "--catalog", filepath.Join(dir, "missing")}, "--catalog " + filepath.Join(dir, "missing") + ": no such file"},
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
		dir: "is a directory",
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
	if code != 0 || !strings.Contains(out, "UTILISATION") || !strings.Contains(out, "Seulement ce navigateur") {
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

const chromiumFixture = `PRAGMA journal_mode=TRUNCATE;
CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
INSERT INTO meta VALUES('mmap_status','-1'),('version','24'),('last_compatible_version','24');
CREATE TABLE cookies(creation_utc INTEGER NOT NULL,host_key TEXT NOT NULL,top_frame_site_key TEXT NOT NULL,name TEXT NOT NULL,value TEXT NOT NULL,encrypted_value BLOB NOT NULL,path TEXT NOT NULL,expires_utc INTEGER NOT NULL,is_secure INTEGER NOT NULL,is_httponly INTEGER NOT NULL,last_access_utc INTEGER NOT NULL,has_expires INTEGER NOT NULL,is_persistent INTEGER NOT NULL,priority INTEGER NOT NULL,samesite INTEGER NOT NULL,source_scheme INTEGER NOT NULL,source_port INTEGER NOT NULL,last_update_utc INTEGER NOT NULL,source_type INTEGER NOT NULL,has_cross_site_ancestor INTEGER NOT NULL);
CREATE UNIQUE INDEX cookies_unique_index ON cookies(host_key, top_frame_site_key, has_cross_site_ancestor, name, path, source_scheme, source_port);
INSERT INTO cookies SELECT 13400000000000000, h, '', n, '', x'763130', '/', 99999999999999999, 1, 1, 0, 1, 1, 1, 1, 2, 443, 0, 1, 1 FROM (
  SELECT 'data.ofgl.fr' h, 'sessionid' n UNION ALL SELECT 'data.ofgl.fr', 'csrftoken' UNION ALL
  SELECT '.ofgl.fr', '_ga' UNION ALL SELECT 'data.ofgl.fr', '_pk_id.1.abcd' UNION ALL
  SELECT 'data.ofgl.fr', '_pk_ses.1.abcd' UNION ALL SELECT 'www.ofgl.fr', '_ga');
`

// deleteFixture lays out a Chromium profile under a fresh HOME.
func deleteFixture(t *testing.T) (home, db string, vars map[string]string) {
	t.Helper()
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("sqlite3 missing")
		}
		t.Skip("sqlite3 not installed")
	}
	home = t.TempDir()
	db = filepath.Join(home, ".config", "chromium", "Default", "Cookies")
	os.MkdirAll(filepath.Dir(db), 0o700)
	cmd := exec.Command(sqlite3, db)
	cmd.Stdin = strings.NewReader(chromiumFixture)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	vars = map[string]string{"HOME": home, "LANG": "en_US.UTF-8",
		"OFGL_COOKIES_STATE_DIR": filepath.Join(home, "state"), "OFGL_COOKIES_CONFIG_DIR": filepath.Join(home, "cfg")}
	for k, v := range vars {
		t.Setenv(k, v)
	}
	t.Setenv("XDG_CONFIG_HOME", "")
	return home, db, vars
}

func siteNames(t *testing.T, db string) string {
	t.Helper()
	out, err := exec.Command("sqlite3", "-readonly", db, "SELECT name FROM cookies WHERE host_key IN ('data.ofgl.fr','.ofgl.fr') ORDER BY name").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestDeleteAndClearCommands(t *testing.T) {
	_, db, vars := deleteFixture(t)
	do := func(stdin string, tty bool, args ...string) (int, string) {
		var out, errb bytes.Buffer
		env := cli.Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(stdin), StdinTTY: tty,
			Getenv: func(k string) string { return vars[k] }}
		code := run(context.Background(), args, env)
		return code, out.String() + errb.String()
	}
	all := "_ga _pk_id.1.abcd _pk_ses.1.abcd csrftoken sessionid"
	if got := siteNames(t, db); got != all {
		t.Fatalf("fixture: %s", got)
	}
	// Dry run: the plan, no change.
	if code, out := do("", false, "clear", "--non-essential", "--dry-run"); code != 0 || !strings.Contains(out, "3 cookies will be deleted") || !strings.Contains(out, "Dry run") {
		t.Fatalf("dry run: %d\n%s", code, out)
	}
	// --category statistics takes the undeclared cookies a guess places
	// there (Matomo, Google Analytics), in list and in clear alike.
	if code, out := do("", false, "list", "--category", "statistics"); code != 0 || !strings.Contains(out, "3 cookies: 0 necessary · 3 statistics") {
		t.Fatalf("list --category statistics: %d\n%s", code, out)
	}
	if code, out := do("", false, "clear", "--non-essential", "--category", "statistics", "--dry-run"); code != 0 || !strings.Contains(out, "3 cookies will be deleted") {
		t.Fatalf("clear --category statistics: %d\n%s", code, out)
	}
	// Not a terminal and no --yes: refused.
	if code, out := do("", false, "clear", "--non-essential"); code != cli.ExitUsage || !strings.Contains(out, "--yes") {
		t.Fatalf("non-terminal: %d\n%s", code, out)
	}
	// A terminal: anything but yes (Enter included) is no.
	for _, answer := range []string{"\n", "n\n", "nope\n", ""} {
		if code, out := do(answer, true, "clear", "--non-essential"); code != 0 || !strings.Contains(out, "Nothing was deleted") {
			t.Fatalf("answer %q: %d\n%s", answer, code, out)
		}
	}
	if got := siteNames(t, db); got != all {
		t.Fatalf("a refused or dry run deleted something: %s", got)
	}
	// The persistent keep list and --keep are both honoured.
	if code, out := do("", false, "keep", "add", "_pk_id.1.abcd@data.ofgl.fr"); code != 0 {
		t.Fatal(out)
	}
	code, out := do("y\n", true, "clear", "--non-essential", "--keep", "_ga@ofgl.fr")
	if code != 0 || !strings.Contains(out, "kept by the rule _pk_id.1.abcd@data.ofgl.fr") || !strings.Contains(out, "1 cookie deleted from 1 store.") {
		t.Fatalf("clear: %d\n%s", code, out)
	}
	if got := siteNames(t, db); got != "_ga _pk_id.1.abcd csrftoken sessionid" {
		t.Fatalf("after clear: %s", got)
	}
	// delete takes list's selectors: exactly the named cookie.
	code, out = do("", false, "delete", "--name", "_ga", "--yes")
	if code != 0 {
		t.Fatalf("delete: %d\n%s", code, out)
	}
	if got := siteNames(t, db); got != "_pk_id.1.abcd csrftoken sessionid" {
		t.Fatalf("after delete --name _ga: %s", got)
	}
	if n, _ := exec.Command("sqlite3", "-readonly", db, "SELECT count(*) FROM cookies WHERE host_key='www.ofgl.fr'").Output(); strings.TrimSpace(string(n)) != "1" {
		t.Fatal("the www.ofgl.fr cookie of the same name was touched")
	}
	// undo restores the latest batch, then the one before.
	for _, want := range []string{"_ga _pk_id.1.abcd csrftoken sessionid", all} {
		code, out = do("", false, "undo")
		if code != 0 || !strings.Contains(out, "undone") {
			t.Fatalf("undo: %d\n%s", code, out)
		}
		if got := siteNames(t, db); got != want {
			t.Fatalf("after undo: %s, want %s", got, want)
		}
	}
	if code, out = do("", false, "undo"); code != 0 || !strings.Contains(out, "No deletion batch to undo") {
		t.Fatalf("nothing left to undo: %d\n%s", code, out)
	}
}
