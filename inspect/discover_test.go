package inspect

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func mkfile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// fakeHome lays out the profiles of several browsers, in the places real
// installs use, including those kooky v0.2.10 does not look in.
func fakeHome(t *testing.T) string {
	home := t.TempDir()
	h := func(p ...string) string { return filepath.Join(append([]string{home}, p...)...) }
	// Firefox ESR 153 on a fresh account: the XDG root.
	mkfile(t, h(".config/mozilla/firefox/profiles.ini"), "[Profile0]\nName=default-esr\nIsRelative=1\nPath=abcd1234.default-esr\nDefault=1\n\n[General]\nStartWithLastProfile=1\n")
	mkfile(t, h(".config/mozilla/firefox/abcd1234.default-esr/cookies.sqlite"), "")
	mkfile(t, h(".config/mozilla/firefox/abcd1234.default-esr/sessionstore-backups/recovery.jsonlz4"), "")
	// The classic root, with a profile profiles.ini does not list.
	mkfile(t, h(".mozilla/firefox/profiles.ini"), "[Profile0]\nName=ofgl\nIsRelative=1\nPath=q1w2e3r4.ofgl\n")
	mkfile(t, h(".mozilla/firefox/q1w2e3r4.ofgl/cookies.sqlite"), "")
	mkfile(t, h(".mozilla/firefox/zzzz.orphan/cookies.sqlite"), "")
	// Chromium with two profiles, one of them on the newer Network/ path.
	mkfile(t, h(".config/chromium/Local State"), `{"profile":{"info_cache":{"Default":{"name":"Personne 1"},"Profile 1":{"name":"Travail"},"../evil":{"name":"x"}}}}`)
	mkfile(t, h(".config/chromium/Default/Cookies"), "")
	mkfile(t, h(".config/chromium/Profile 1/Network/Cookies"), "")
	// Flatpak Chrome and Snap Chromium.
	mkfile(t, h(".var/app/com.google.Chrome/config/google-chrome/Default/Cookies"), "")
	mkfile(t, h("snap/chromium/common/chromium/Default/Cookies"), "")
	// Vivaldi, which kooky does not know.
	mkfile(t, h(".config/vivaldi/Default/Cookies"), "")
	return home
}

func TestDiscoverExtraRoots(t *testing.T) {
	home := fakeHome(t)
	e := env{goos: "linux", home: home, getenv: func(string) string { return "" }}
	refs := discover(context.Background(), e, nil)
	var got []string
	for _, r := range refs {
		rel, _ := filepath.Rel(home, r.Path)
		got = append(got, r.Browser+"|"+r.Profile+"|"+string(r.Kind)+"|"+filepath.ToSlash(rel))
	}
	sort.Strings(got)
	want := []string{
		"chrome|Default|chromium|.var/app/com.google.Chrome/config/google-chrome/Default/Cookies",
		"chromium|Default|chromium|snap/chromium/common/chromium/Default/Cookies",
		"chromium|Personne 1|chromium|.config/chromium/Default/Cookies",
		"chromium|Travail|chromium|.config/chromium/Profile 1/Network/Cookies",
		"firefox|default-esr|firefox-session|.config/mozilla/firefox/abcd1234.default-esr/sessionstore-backups/recovery.jsonlz4",
		"firefox|default-esr|firefox|.config/mozilla/firefox/abcd1234.default-esr/cookies.sqlite",
		"firefox|ofgl|firefox|.mozilla/firefox/q1w2e3r4.ofgl/cookies.sqlite",
		"firefox|orphan|firefox|.mozilla/firefox/zzzz.orphan/cookies.sqlite",
		"vivaldi|Default|chromium|.config/vivaldi/Default/Cookies",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, r := range refs {
		if r.Kind == KindChromium && (r.UserDataDir == "" || filepath.Dir(r.ProfileDir) != r.UserDataDir) {
			t.Errorf("%s: user data dir %q, profile dir %q", r.Path, r.UserDataDir, r.ProfileDir)
		}
	}
}

// With XDG_CONFIG_HOME=$HOME/.config kooky yields every Chromium store
// twice, and a symlinked root reaches the same files again: each store
// must still be read once.
func TestDiscoverDeduplicatesWithKooky(t *testing.T) {
	home := fakeHome(t)
	if err := os.Symlink(filepath.Join(home, ".config", "chromium"), filepath.Join(home, ".config", "chromium-link")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	refs := Discover(context.Background())
	seen := map[string]int{}
	for _, r := range refs {
		seen[realPath(r.Path)]++
	}
	for p, n := range seen {
		if n > 1 {
			t.Errorf("%s listed %d times", p, n)
		}
	}
	if len(refs) < 9 {
		t.Fatalf("kooky and our roots together found only %d stores: %+v", len(refs), refs)
	}
	for _, r := range refs {
		if r.Path == filepath.Join(home, ".config", "chromium", "Default", "Cookies") && r.Profile != "Personne 1" {
			t.Errorf("Chromium profile name %q, want the display name from Local State", r.Profile)
		}
	}
}

func TestExtraRootsPerOS(t *testing.T) {
	envs := map[string]string{`LOCALAPPDATA`: `C:\Users\u\AppData\Local`, `APPDATA`: `C:\Users\u\AppData\Roaming`}
	cases := map[string][]string{
		"windows": {filepath.Join(`C:\Users\u\AppData\Local`, "Vivaldi", "User Data"), filepath.Join(`C:\Users\u\AppData\Roaming`, "Mozilla", "Firefox")},
		"darwin":  {filepath.Join("/Users/u", "Library", "Application Support", "Firefox"), filepath.Join("/Users/u", "Library", "Application Support", "Vivaldi")},
		"linux":   {filepath.Join("/home/u", ".config", "mozilla", "firefox"), filepath.Join("/home/u", ".var", "app", "org.mozilla.firefox", ".mozilla", "firefox")},
	}
	for goos, want := range cases {
		home := "/home/u"
		if goos == "darwin" {
			home = "/Users/u"
		}
		roots := extraRoots(env{goos: goos, home: home, getenv: func(k string) string { return envs[k] }})
		dirs := map[string]bool{}
		for _, r := range roots {
			dirs[r.dir] = true
		}
		for _, w := range want {
			if !dirs[w] {
				t.Errorf("%s: missing root %s", goos, w)
			}
		}
	}
	if r := extraRoots(env{goos: "linux", home: "", getenv: os.Getenv}); r != nil {
		t.Errorf("no home: roots %v", r)
	}
}

func TestStateDirPerOS(t *testing.T) {
	vars := map[string]string{"LOCALAPPDATA": `C:\Users\u\AppData\Local`, "XDG_STATE_HOME": "/x/state"}
	get := func(k string) string { return vars[k] }
	cases := []struct {
		e    env
		want string
	}{
		{env{goos: "windows", home: `C:\Users\u`, getenv: get}, filepath.Join(`C:\Users\u\AppData\Local`, "ofgl-cookies")},
		{env{goos: "darwin", home: "/Users/u", getenv: get}, filepath.Join("/Users/u", "Library", "Application Support", "ofgl-cookies")},
		{env{goos: "linux", home: "/home/u", getenv: get}, filepath.Join("/x/state", "ofgl-cookies")},
		{env{goos: "linux", home: "/home/u", getenv: func(string) string { return "" }}, filepath.Join("/home/u", ".local", "state", "ofgl-cookies")},
	}
	for _, c := range cases {
		if got, err := stateDir(c.e); err != nil || got != c.want {
			t.Errorf("%s: %q %v, want %q", c.e.goos, got, err, c.want)
		}
	}
	if _, err := stateDir(env{goos: "linux", getenv: func(string) string { return "" }}); err == nil {
		t.Error("no HOME and no override: want an error, not a relative directory")
	}
}
