package inspect_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	bt "github.com/ofgl/ofgl-cookies/inspect/internal/browsertest"
)

// runTool runs the built binary with HOME and a state directory of its own.
func runTool(t *testing.T, home string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8",
		"OFGL_COOKIES_STATE_DIR=" + filepath.Join(home, "ofgl-state")}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stdout.String(), stderr.String()
}

// storeRows is every row of a store (decoys of other sites included), from
// a copy, as the harness describes them.
func storeRows(t *testing.T, b bt.Browser, path string) map[string]bool {
	t.Helper()
	var cs []bt.ExpectedCookie
	if b == bt.Chromium {
		cs = bt.ReadChromiumStore(t, path)
	} else {
		cs = bt.ReadFirefoxStore(t, path)
	}
	m := map[string]bool{}
	for _, c := range cs {
		c.Expired = false
		m[c.String()] = true
	}
	return m
}

var necessaryNames = map[string]bool{"sessionid": true, "csrftoken": true, "django_language": true, "cookies_preferences": true}

// sentAfterRestart starts the browser on the profile against the check page
// and returns the cookie names sent to data.ofgl.fr and to the tracker.
func sentAfterRestart(t *testing.T, srv *bt.Server, b bt.Browser, chromium bt.ChromiumProfile, firefox bt.FirefoxProfile) (data, tracker []string) {
	t.Helper()
	srv.ResetLog()
	url := srv.ChainURL([]bt.Visit{{Scheme: "https", Host: bt.HostData, Path: "/check"}}, bt.ChainCloseMS)
	if b == bt.Chromium {
		bt.RunChromium(t, chromium, url, bt.ChromiumClose)
	} else {
		bt.RunFirefox(t, firefox, url)
	}
	return sentDuring(srv, bt.HostData), sentDuring(srv, bt.HostTracker)
}

// sentDuring is the union of the cookie names sent with every check
// request to host since the log was reset: a browser that sends a deleted
// cookie with any request is caught, and one odd request without cookies
// (seen once from Firefox) does not hide what the others sent.
func sentDuring(srv *bt.Server, host string) []string {
	seen := map[string]bool{}
	for _, r := range srv.RequestLog() {
		if r.Host == host && r.IsCheck() {
			for _, n := range r.CookieNames() {
				seen[n] = true
			}
		}
	}
	var names []string
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// visitedProfiles builds the binary, starts the local data.ofgl.fr and has
// a real Chromium profile and a real Firefox profile visit its standard
// pages and close: the stores the real-browser deletion tests start from.
func visitedProfiles(t *testing.T) (*bt.Server, string, bt.ChromiumProfile, bt.FirefoxProfile) {
	t.Helper()
	bt.Require(t)
	binary(t)
	srv := bt.NewServer(t)
	home := bt.NewHome(t)
	chromium := bt.NewChromiumProfile(home, "Default")
	bt.RunChromium(t, chromium, srv.ChainURL(bt.StandardVisits(), bt.ChainCloseMS), bt.ChromiumClose)
	return srv, home, chromium, bt.BuildFirefox(t, srv, home, bt.FirefoxClassic)
}

func TestClearAndUndoRealBrowsers(t *testing.T) {
	srv, home, chromium, firefox := visitedProfiles(t)

	before := map[bt.Browser]map[string]bool{
		bt.Chromium: storeRows(t, bt.Chromium, chromium.CookiesPath()),
		bt.Firefox:  storeRows(t, bt.Firefox, firefox.CookiesPath()),
	}
	paths := map[bt.Browser]string{bt.Chromium: chromium.CookiesPath(), bt.Firefox: firefox.CookiesPath()}

	// A running browser: the command refuses with exit 3 and changes nothing.
	t.Run("refuses-while-running", func(t *testing.T) {
		f := bt.StartFirefox(t, firefox, srv.ChainURL([]bt.Visit{{Scheme: "http", Host: bt.HostData, Path: "/check"}}, -1))
		ctx, cancel := context.WithTimeout(context.Background(), 2*bt.RunTimeout)
		defer cancel()
		if _, err := srv.WaitForRequest(ctx, bt.HostData, "/check", time.Now().Add(-time.Minute)); err != nil {
			t.Fatal(err)
		}
		listBefore := listJSON(t, home)
		code, stdout, stderr := runTool(t, home, "clear", "--non-essential", "--yes", "--browser", "firefox")
		if code != 3 || !strings.Contains(strings.ToLower(stderr+stdout), "firefox") {
			t.Errorf("clear with Firefox running: exit %d\n%s\n%s", code, stdout, stderr)
		}
		if got := listJSON(t, home); !reflect.DeepEqual(asExpected(got), asExpected(listBefore)) {
			t.Error("a refused clear changed the cookies")
		}
		f.Stop()
	})

	// clear --non-essential, keeping one analytics cookie by rule.
	code, stdout, stderr := runTool(t, home, "clear", "--non-essential", "--yes", "--keep", "_pk_id.1.abcd")
	if code != 0 {
		t.Fatalf("clear: exit %d\n%s\n%s", code, stdout, stderr)
	}
	t.Logf("clear:\n%s", stdout)
	for _, b := range []bt.Browser{bt.Chromium, bt.Firefox} {
		wantData := []string{}
		for _, n := range bt.ExpectedAtCheck(b, bt.CleanExit, bt.HostData) {
			if necessaryNames[n] || n == "_pk_id.1.abcd" {
				wantData = append(wantData, n)
			}
		}
		data, tracker := sentAfterRestart(t, srv, b, chromium, firefox)
		if !reflect.DeepEqual(data, wantData) {
			t.Errorf("%s after clear sent to data.ofgl.fr %v, want only the necessary and kept %v", b, data, wantData)
		}
		if len(tracker) != 0 {
			t.Errorf("%s after clear sent the tracker %v", b, tracker)
		}
		// Nothing of any other site changed: the rows left are the rows
		// before, less the site's non-essential ones.
		after := storeRows(t, b, paths[b])
		var deleted, unexpected []string
		for row := range before[b] {
			if !after[row] {
				deleted = append(deleted, row)
			}
		}
		for row := range after {
			if !before[b][row] {
				unexpected = append(unexpected, row)
			}
		}
		for _, row := range deleted {
			if strings.Contains(row, "decoy") || strings.Contains(row, "category=necessary") || strings.Contains(row, " _pk_id.1.abcd ") {
				t.Errorf("%s: clear deleted %s", b, row)
			}
		}
		if len(unexpected) > 0 {
			sort.Strings(unexpected)
			t.Errorf("%s: rows appeared or changed after clear:\n%s", b, strings.Join(unexpected, "\n"))
		}
		if len(deleted) == 0 {
			t.Errorf("%s: nothing was deleted", b)
		}
	}

	// undo brings the rest back.
	code, stdout, stderr = runTool(t, home, "undo")
	if code != 0 {
		t.Fatalf("undo: exit %d\n%s\n%s", code, stdout, stderr)
	}
	t.Logf("undo:\n%s", stdout)
	for _, b := range []bt.Browser{bt.Chromium, bt.Firefox} {
		data, tracker := sentAfterRestart(t, srv, b, chromium, firefox)
		if want := bt.ExpectedAtCheck(b, bt.CleanExit, bt.HostData); !reflect.DeepEqual(data, want) {
			t.Errorf("%s after undo sent to data.ofgl.fr %v, want %v", b, data, want)
		}
		if want := bt.ExpectedAtCheck(b, bt.CleanExit, bt.HostTracker); fmt.Sprint(tracker) != fmt.Sprint(want) {
			t.Errorf("%s after undo sent the tracker %v, want %v", b, tracker, want)
		}
	}
	// Backups and undo data hold login tokens.
	filepath.Walk(filepath.Join(home, "ofgl-state"), func(p string, fi os.FileInfo, err error) error {
		if err == nil && ((fi.IsDir() && fi.Mode().Perm() != 0o700) || (!fi.IsDir() && fi.Mode().Perm() != 0o600)) {
			t.Errorf("%s has mode %v", p, fi.Mode().Perm())
		}
		return nil
	})
}
