package inspect_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bt "github.com/ofgl/ofgl-cookies/inspect/internal/browsertest"
)

// These tests run the built ofgl-cookies binary, as a user would, on
// profiles that real Chromium and Firefox built by visiting a local server
// posing as data.ofgl.fr, and compare `list --json` with what each browser
// stores and sends.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds ofgl-cookies once per test run.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ofgl-cookies-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "ofgl-cookies")
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		cmd.Dir = ".."
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = &buildError{err, string(out)}
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return "go build: " + e.err.Error() + ": " + e.out }

// jsonCookie is the part of list --json the expectations describe.
type jsonCookie struct {
	Browser, Profile, Store, Host, Name, Path, Category string
	Session, Secure, Partitioned                        bool
	HTTPOnly                                            bool   `json:"http_only"`
	SameSite                                            string `json:"same_site"`
	PartitionSite                                       string `json:"partition_site"`
	Declared                                            bool
	Value                                               *string
	ValueState                                          string `json:"value_state"`
	Chromium                                            *struct {
		TopFrameSiteKey string `json:"top_frame_site_key"`
	}
	Firefox *struct {
		UserContextID int    `json:"user_context_id"`
		PartitionKey  string `json:"partition_key"`
	}
}

// listJSON runs `ofgl-cookies list --json` with HOME set to home.
func listJSON(t *testing.T, home string, args ...string) []jsonCookie {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"list", "--json"}, args...)...)
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("list --json: %v\n%s", err, stderr.String())
	}
	t.Logf("list --json took %v; stderr: %q", time.Since(start).Round(time.Millisecond), stderr.String())
	var out []jsonCookie
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("list --json output: %v\n%s", err, stdout.String())
	}
	return out
}

// asExpected converts our output to the harness's type, for DiffCookies.
func asExpected(cs []jsonCookie) []bt.ExpectedCookie {
	var out []bt.ExpectedCookie
	for _, c := range cs {
		e := bt.ExpectedCookie{Host: c.Host, Name: c.Name, Path: c.Path, Session: c.Session,
			PartitionSite: c.PartitionSite, Partitioned: c.Partitioned, Category: c.Category,
			Secure: c.Secure, HTTPOnly: c.HTTPOnly, SameSite: c.SameSite, Store: filepath.Base(c.Store)}
		if c.Chromium != nil {
			e.PartitionKey = c.Chromium.TopFrameSiteKey
		}
		if c.Firefox != nil {
			e.PartitionKey, e.UserContextID = c.Firefox.PartitionKey, c.Firefox.UserContextID
		}
		out = append(out, e)
	}
	return out
}

// under keeps the cookies whose store lies in dir.
func under(cs []jsonCookie, dir string) []jsonCookie {
	var out []jsonCookie
	for _, c := range cs {
		if strings.HasPrefix(c.Store, dir+string(filepath.Separator)) {
			out = append(out, c)
		}
	}
	return out
}

func check(t *testing.T, what string, want []bt.ExpectedCookie, got []jsonCookie) {
	t.Helper()
	if len(got) == 0 {
		t.Errorf("%s: no cookie listed", what)
		return
	}
	if d := bt.DiffCookies(want, asExpected(got)); d != "" {
		t.Errorf("%s: list --json differs from what the browser would send:\n%s", what, d)
	}
}

func TestListRealBrowsers(t *testing.T) {
	bt.Require(t)
	binary(t)
	srv := bt.NewServer(t)

	t.Run("chromium-and-firefox-after-clean-exit", func(t *testing.T) {
		home := bt.NewHome(t)
		def, p1 := bt.BuildChromium(t, srv, home)
		ff := bt.BuildFirefox(t, srv, home, bt.FirefoxClassic)
		got := listJSON(t, home)
		check(t, "chromium Default", bt.ExpectedSent(bt.Chromium, bt.CleanExit), under(got, def.Dir()))
		check(t, "chromium Profile 1", bt.ExpectedSent(bt.Chromium, bt.CleanExit), under(got, p1.Dir()))
		check(t, "firefox ~/.mozilla", bt.ExpectedSent(bt.Firefox, bt.CleanExit), under(got, ff.Dir))
		if n := len(under(got, def.Dir())) + len(under(got, p1.Dir())) + len(under(got, ff.Dir)); n != len(got) {
			t.Errorf("%d cookies listed from unexpected stores", len(got)-n)
		}
		for _, c := range got {
			if c.Name == "sessionid" && (!c.Declared || c.Category != "necessary") {
				t.Errorf("sessionid: %+v", c)
			}
		}
		// Values: masked by default; with --show-values, Chromium's are
		// decrypted (through kooky) and equal what the server set.
		for _, c := range got {
			if c.Value != nil {
				t.Errorf("%s: a value without --show-values", c.Name)
			}
		}
		setBy := map[string]string{}
		for _, spec := range bt.Cookies() {
			setBy[spec.Name] = spec.Value
		}
		shown := listJSON(t, home, "--show-values")
		for _, c := range shown {
			if c.Value == nil || *c.Value != setBy[c.Name] {
				v := "<nil>"
				if c.Value != nil {
					v = *c.Value
				}
				t.Errorf("%s %s: value %q, the server set %q (state %q)", c.Browser, c.Name, v, setBy[c.Name], c.ValueState)
			}
		}
		// Filters select exactly what they name.
		nec := listJSON(t, home, "--category", "necessary", "--browser", "firefox")
		for _, c := range nec {
			if c.Category != "necessary" || c.Browser != "firefox" {
				t.Errorf("--category necessary --browser firefox listed %+v", c)
			}
		}
		if len(nec) != 4 {
			t.Errorf("firefox has %d necessary cookies, want the charter's 4", len(nec))
		}
		// Reading changed nothing beside the stores.
		for _, dir := range []string{def.Dir(), ff.Dir} {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), "-shm") || strings.HasPrefix(e.Name(), "ofgl-cookies") {
					t.Errorf("reading left %s in %s", e.Name(), dir)
				}
			}
		}
	})

	t.Run("firefox-xdg-layout", func(t *testing.T) {
		home := bt.NewHome(t)
		ff := bt.BuildFirefox(t, srv, home, bt.FirefoxXDG)
		if !strings.Contains(ff.Dir, filepath.Join(".config", "mozilla", "firefox")) {
			t.Fatalf("profile at %s, not in the XDG root", ff.Dir)
		}
		check(t, "firefox ~/.config/mozilla", bt.ExpectedSent(bt.Firefox, bt.CleanExit), listJSON(t, home))
	})

	t.Run("firefox-running-then-killed", func(t *testing.T) {
		home := bt.NewHome(t)
		prof := bt.NewFirefoxProfile(t, srv, home, bt.FirefoxClassic)
		since := time.Now()
		f := bt.StartFirefox(t, prof, srv.ChainURL(bt.StandardVisits(), -1))
		ctx, cancel := context.WithTimeout(context.Background(), 3*bt.RunTimeout)
		defer cancel()
		if _, err := srv.WaitForRequest(ctx, bt.HostDecoy, "/", since); err != nil {
			t.Fatal(err)
		}
		f.OpenInContainer(srv.VisitURL(bt.ContainerVisit()), bt.ContainerID)
		if _, err := srv.WaitForRequest(ctx, bt.HostData, "/container", since); err != nil {
			t.Fatal(err)
		}
		if err := bt.WaitForSessionStore(ctx, prof, "ofgl_session"); err != nil {
			t.Fatal(err)
		}
		srv.WaitExpired()
		if !f.Running() {
			t.Fatal("firefox exited")
		}
		walBefore, _ := os.ReadFile(prof.CookiesPath() + "-wal")
		got := listJSON(t, home)
		check(t, "firefox while running", bt.ExpectedSent(bt.Firefox, bt.Running), got)
		for _, c := range got {
			if c.Name == "ofgl_container" && c.Firefox.UserContextID != bt.ContainerID {
				t.Errorf("container cookie: %+v", c)
			}
		}
		if walAfter, _ := os.ReadFile(prof.CookiesPath() + "-wal"); len(walAfter) < len(walBefore) {
			t.Error("reading shrank the running browser's WAL")
		}
		if _, err := os.Stat(prof.CookiesPath() + "-shm"); err == nil {
			t.Error("reading left a -shm file beside the running store")
		}
		f.Kill()
		check(t, "firefox after SIGKILL", bt.ExpectedSent(bt.Firefox, bt.Killed), listJSON(t, home))
	})
}
