package inspect_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	bt "github.com/ofgl/ofgl-cookies/inspect/internal/browsertest"
)

// storeFileSums is the SHA-256 of every file of the given stores (their
// SQLite sidecars and session store backups included), by path.
func storeFileSums(t *testing.T, patterns ...string) map[string]string {
	t.Helper()
	sums := map[string]string{}
	for _, p := range patterns {
		matches, _ := filepath.Glob(p)
		for _, m := range matches {
			data, err := os.ReadFile(m)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(data)
			sums[m] = hex.EncodeToString(sum[:])
		}
	}
	return sums
}

// On stores written by real Chromium and Firefox: delete every cookie of
// the site (Chromium's Cookies, Firefox's cookies.sqlite and the session
// cookie in its session store), then undo --restore-file brings every file
// back byte for byte, and the browsers send the cookies again.
func TestRestoreFileRealBrowsers(t *testing.T) {
	srv, home, chromium, firefox := visitedProfiles(t)
	patterns := []string{chromium.CookiesPath() + "*", firefox.CookiesPath() + "*",
		firefox.SessionStorePath(), filepath.Join(firefox.Dir, "sessionstore-backups", "*")}
	before := storeFileSums(t, patterns...)
	if _, ok := before[firefox.SessionStorePath()]; !ok {
		t.Fatal("Firefox wrote no session store: the test would not cover it")
	}

	code, stdout, stderr := runTool(t, home, "delete", "--all", "--yes")
	if code != 0 {
		t.Fatalf("delete --all: exit %d\n%s\n%s", code, stdout, stderr)
	}
	changed := []string{}
	for p, sum := range storeFileSums(t, patterns...) {
		if before[p] != sum {
			changed = append(changed, filepath.Base(p))
		}
	}
	sort.Strings(changed)
	t.Logf("delete --all changed %v", changed)
	for _, want := range []string{"Cookies", "cookies.sqlite", "sessionstore.jsonlz4"} {
		if !strings.Contains(fmt.Sprint(changed), want) {
			t.Errorf("delete --all left %s unchanged", want)
		}
	}

	code, stdout, stderr = runTool(t, home, "undo", "--restore-file", "--yes")
	t.Logf("undo --restore-file:\n%s", stdout)
	if code != 0 || !strings.Contains(stdout, "restored from its backup files") {
		t.Fatalf("undo --restore-file: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if after := storeFileSums(t, patterns...); !reflect.DeepEqual(after, before) {
		for p := range after {
			if before[p] != after[p] {
				t.Errorf("%s differs from before the delete", p)
			}
		}
		for p := range before {
			if _, ok := after[p]; !ok {
				t.Errorf("%s is missing after the restore", p)
			}
		}
	}
	for _, b := range []bt.Browser{bt.Chromium, bt.Firefox} {
		data, _ := sentAfterRestart(t, srv, b, chromium, firefox)
		if want := bt.ExpectedAtCheck(b, bt.CleanExit, bt.HostData); !reflect.DeepEqual(data, want) {
			t.Errorf("%s after the restore sent to data.ofgl.fr %v, want %v", b, data, want)
		}
	}
	if code, stdout, _ = runTool(t, home, "undo"); code != 0 || strings.TrimSpace(stdout) != "No deletion batch to undo." {
		t.Errorf("undo after the restore: %d\n%s", code, stdout)
	}
}
