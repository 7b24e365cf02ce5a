package running

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// chromiumHelperTitle is a real /proc/PID/cmdline of a Chromium 156 helper:
// one space-joined string (setproctitle), not NUL-separated argv.
const chromiumHelperTitle = "/usr/lib/chromium/chromium --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none --no-sandbox --crashpad-handler-pid=0 --enable-crash-reporter=,built on Debian GNU/Linux 12 (bookworm) --noerrdialogs --user-data-dir=/tmp/rx/udd --change-stack-guard-on-fork=enable --shared-files=v8_context_snapshot_data:100"

func TestProfileFromArgs(t *testing.T) {
	tests := []struct {
		name   string
		family string
		args   []string
		want   cmdProfile
	}{
		{"chromium main", "chromium", []string{"/usr/lib/chromium/chromium", "--headless=new", "--user-data-dir=/tmp/u", "about:blank"}, cmdProfile{dir: "/tmp/u"}},
		{"chromium one dash", "chromium", []string{"chrome", "-user-data-dir=/tmp/u"}, cmdProfile{dir: "/tmp/u"}},
		{"chromium last wins", "chromium", []string{"chrome", "--user-data-dir=/a", "--user-data-dir=/b"}, cmdProfile{dir: "/b"}},
		{"chromium after --", "chromium", []string{"chrome", "--", "--user-data-dir=/a"}, cmdProfile{}},
		{"chromium no value form", "chromium", []string{"chrome", "--user-data-dir", "/a"}, cmdProfile{}},
		{"chromium default", "chromium", []string{"/opt/google/chrome/chrome"}, cmdProfile{}},
		{"chromium helper argv", "chromium", []string{"chrome", "--type=renderer", "--user-data-dir=/a"}, cmdProfile{dir: "/a", child: true}},
		{"chromium wrapper script", "chromium", []string{"/bin/sh", "/usr/bin/chromium", "--user-data-dir=/a b"}, cmdProfile{dir: "/a b"}},
		{"chromium helper title", "chromium", []string{chromiumHelperTitle}, cmdProfile{dir: "/tmp/rx/udd", child: true, title: chromiumHelperTitle}},
		{"chromium title cut at space", "chromium", []string{"chrome --type=gpu-process --user-data-dir=/home/u/My Dir --x"},
			cmdProfile{dir: "/home/u/My", child: true, title: "chrome --type=gpu-process --user-data-dir=/home/u/My Dir --x"}},
		{"firefox --profile", "firefox", []string{"firefox-esr", "--headless", "--no-remote", "--profile", "/p", "about:blank"}, cmdProfile{dir: "/p"}},
		{"firefox -profile", "firefox", []string{"firefox", "-profile", "/p"}, cmdProfile{dir: "/p"}},
		{"firefox --profile=", "firefox", []string{"firefox", "--profile=/p"}, cmdProfile{dir: "/p"}},
		{"firefox case", "firefox", []string{"firefox", "-PROFILE", "/p"}, cmdProfile{dir: "/p"}},
		{"firefox -P name", "firefox", []string{"firefox", "-P", "work"}, cmdProfile{name: "work"}},
		{"firefox -p name", "firefox", []string{"firefox", "-p", "work", "--no-remote"}, cmdProfile{name: "work"}},
		{"firefox -P manager", "firefox", []string{"firefox", "-P"}, cmdProfile{}},
		{"firefox -P then flag", "firefox", []string{"firefox", "-P", "-no-remote"}, cmdProfile{}},
		{"firefox -profile missing", "firefox", []string{"firefox", "-profile"}, cmdProfile{}},
		{"firefox both", "firefox", []string{"firefox", "-P", "work", "-profile", "/p"}, cmdProfile{}},
		{"firefox content", "firefox", []string{"/usr/lib/firefox-esr/firefox-esr", "-contentproc", "-parentBuildID", "1", "7750", "tab"}, cmdProfile{child: true}},
		{"firefox default", "firefox", []string{"firefox"}, cmdProfile{}},
		{"other", "other", []string{"epiphany", "--profile=/x"}, cmdProfile{}},
		{"empty", "chromium", nil, cmdProfile{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := profileFromArgs(tc.family, tc.args); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("profileFromArgs(%q, %q) = %+v, want %+v", tc.family, tc.args, got, tc.want)
			}
		})
	}
}

func TestProfileVerdict(t *testing.T) {
	posixPaths(t)
	// A fake file system: /store exists, /store/ and /link are the same
	// dir, /other exists, everything else is missing.
	same := map[string]bool{"/store": true, "/store/": true, "/link": true}
	env := verdictEnv{
		compare: func(dir, store string) profileUse {
			if store != "/store" {
				t.Fatalf("store %q", store)
			}
			switch {
			case same[dir]:
				return useSame
			case dir == "/locked":
				return useUnknown // stat failed with EACCES
			}
			return useOther
		},
		readFile: func(name string) ([]byte, error) {
			if name == filepath.FromSlash("/profiles.ini") {
				return []byte("[General]\nStartWithLastProfile=1\n\n[Profile0]\nName=default\nIsRelative=1\nPath=store\nDefault=1\n\n[Profile1]\nName=work\nIsRelative=0\nPath=/other\n"), nil
			}
			return nil, fs.ErrNotExist
		},
	}
	title := func(s string) cmdProfile { return profileFromArgs("chromium", []string{s}) }
	tests := []struct {
		name string
		p    cmdProfile
		want profileUse
	}{
		{"same dir", cmdProfile{dir: "/store"}, useSame},
		{"same via symlink", cmdProfile{dir: "/link"}, useSame},
		{"other dir", cmdProfile{dir: "/other"}, useOther},
		{"missing dir", cmdProfile{dir: "/gone"}, useOther},
		{"unreadable dir", cmdProfile{dir: "/locked"}, useUnknown},
		{"relative dir", cmdProfile{dir: "store"}, useUnknown},
		{"no flag", cmdProfile{}, useUnknown},
		{"name of store", cmdProfile{name: "default"}, useSame},
		{"name of other", cmdProfile{name: "work"}, useOther},
		{"unknown name", cmdProfile{name: "play"}, useUnknown},
		{"title same", title("chrome --type=renderer --user-data-dir=/store --x"), useSame},
		{"title same at end", title("chrome --type=renderer --user-data-dir=/store"), useSame},
		{"title other is not proof", title("chrome --type=renderer --user-data-dir=/other --x"), useUnknown},
		{"title cut", title("chrome --type=renderer --user-data-dir=/sto"), useUnknown},
		{"title prefix of a longer dir", title("chrome --type=renderer --user-data-dir=/store2 --x"), useUnknown},
		{"title no flag", title("chrome --type=renderer --x"), useUnknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := profileVerdict(tc.p, "/store", env); got != tc.want {
				t.Errorf("profileVerdict(%+v) = %v, want %v", tc.p, got, tc.want)
			}
		})
	}
}

func TestTitleNames(t *testing.T) {
	store := "/home/u/My Dir"
	if !titleNames("chrome --type=gpu --user-data-dir=/home/u/My Dir --x", store) {
		t.Error("a path with a space is named")
	}
	if titleNames("chrome --type=gpu --user-data-dir=/home/u/My Dir2 --x", store) {
		t.Error("a longer path is not the store")
	}
	if !titleNames("chrome --user-data-dir=/home/u/My Dir2 --user-data-dir=/home/u/My Dir", store) {
		t.Error("a later match counts")
	}
}

func TestProfileByNameLooksOneLevelUp(t *testing.T) {
	// macOS and Windows: <root>/profiles.ini, <root>/Profiles/<dir>.
	root := t.TempDir()
	prof := filepath.Join(root, "Profiles", "x.default")
	if err := os.MkdirAll(prof, 0o700); err != nil {
		t.Fatal(err)
	}
	ini := "[Profile0]\nName=default\nIsRelative=1\nPath=Profiles/x.default\n"
	if err := os.WriteFile(filepath.Join(root, "profiles.ini"), []byte(ini), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := profileByName("default", prof, os.ReadFile); got != prof {
		t.Errorf("profileByName = %q, want %q", got, prof)
	}
	if got := profileVerdict(cmdProfile{name: "default"}, prof, osVerdictEnv); got != useSame {
		t.Errorf("profileVerdict = %v, want useSame", got)
	}
}

func TestCompareDirs(t *testing.T) {
	root := t.TempDir()
	store := filepath.Join(root, "store")
	other := filepath.Join(root, "other")
	for _, d := range []string{store, other} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if got := compareDirs(store+string(filepath.Separator), store); got != useSame {
		t.Errorf("trailing separator: %v", got)
	}
	if got := compareDirs(filepath.Join(other, "..", "store"), store); got != useSame {
		t.Errorf("dot-dot: %v", got)
	}
	if got := compareDirs(other, store); got != useOther {
		t.Errorf("other: %v", got)
	}
	if got := compareDirs(filepath.Join(root, "missing"), store); got != useOther {
		t.Errorf("missing: %v", got)
	}
	link := filepath.Join(root, "link")
	if err := os.Symlink(store, link); err != nil {
		if errors.Is(err, fs.ErrPermission) {
			t.Skip("no symlinks here")
		}
		t.Skipf("symlink: %v", err)
	}
	if got := compareDirs(link, store); got != useSame {
		t.Errorf("symlink: %v", got)
	}
}
