package browsertest

import (
	"context"
	"encoding/binary"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// logCookies logs a store's rows (names and keys, never values).
func logCookies(t *testing.T, label string, cs []ExpectedCookie) {
	t.Helper()
	t.Logf("%s: %d rows", label, len(cs))
	for _, c := range cs {
		t.Logf("  %s", c)
	}
}

// checkStore compares what a store holds with the expectation: every
// non-expired row must match, and an expired row must be one MaybeStored
// allows.
func checkStore(t *testing.T, b Browser, sc Scenario, got []ExpectedCookie) {
	t.Helper()
	maybe := map[string]bool{}
	for _, c := range MaybeStored(b, sc) {
		maybe[c.key()] = true
	}
	var sure []ExpectedCookie
	for _, c := range got {
		switch {
		case maybe[c.key()]:
			t.Logf("%s %s: stored (may or may not be): %s", b, sc, c)
		case c.Expired:
			t.Errorf("%s %s: unexpected expired row %s", b, sc, c)
		default:
			sure = append(sure, c)
		}
	}
	if d := DiffCookies(ExpectedStored(b, sc), sure); d != "" {
		t.Errorf("%s %s: stores differ from ExpectedStored:\n%s", b, sc, d)
	}
	decoys := 0
	for _, c := range got {
		if c.Decoy && !c.Expired {
			decoys++
		}
	}
	// The tool's filtering is only tested if the decoys are really there.
	if decoys < 5 {
		t.Errorf("%s %s: only %d decoy rows in the stores", b, sc, decoys)
	}
}

// checkSent compares the server's log of the last check visit with
// ExpectedAtCheck.
func checkSent(t *testing.T, srv *Server, b Browser, sc Scenario) {
	t.Helper()
	for _, host := range []string{HostData, HostTracker} {
		want := ExpectedAtCheck(b, sc, host)
		got := srv.Sent(host)
		t.Logf("%s sent to %s/check: %v", b, host, got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s %s: sent to %s/check %v, want %v", b, sc, host, got, want)
		}
	}
}

// fileSize returns the size of path, -1 if it does not exist.
func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return -1
	}
	return fi.Size()
}

// TestBrowsers builds real Chromium and Firefox profiles and checks, on
// copies of their stores, that they hold what the expectations say.
func TestBrowsers(t *testing.T) {
	Require(t)
	srv := NewServer(t)
	start := time.Now()
	step := func(t *testing.T, what string) {
		t.Logf("%6.1fs %s", time.Since(start).Seconds(), what)
	}

	t.Run("chromium", func(t *testing.T) {
		home := NewHome(t)
		def, p1 := BuildChromium(t, srv, home)
		step(t, "chromium: Default and Profile 1 built")
		if def.UserDataDir != filepath.Join(home, ".config", "chromium") {
			t.Errorf("user-data-dir %s is not the default", def.UserDataDir)
		}
		for _, p := range []ChromiumProfile{def, p1} {
			got := ReadChromiumStore(t, p.CookiesPath())
			logCookies(t, "chromium "+p.Profile+" after window.close()", got)
			checkStore(t, Chromium, CleanExit, got)
		}
		if _, err := os.Stat(filepath.Join(home, ".config", "chromium", "Local State")); err != nil {
			t.Errorf("no Local State: %v", err)
		}

		// A restart sends what the store holds: prove it from the server log,
		// then close cleanly through DevTools.
		since := time.Now()
		c := StartChromium(t, p1, srv.URL("https", HostData, "/check"))
		ctx, cancel := context.WithTimeout(context.Background(), RunTimeout)
		defer cancel()
		if _, err := srv.WaitForRequest(ctx, HostTracker, "/check", since); err != nil {
			t.Fatal(err)
		}
		checkSent(t, srv, Chromium, CleanExit)
		c.Stop()
		step(t, "chromium: check visit and Stop")
		checkStore(t, Chromium, CleanExit, ReadChromiumStore(t, p1.CookiesPath()))

		RunChromium(t, def, srv.URL("http", HostData, "/"), ChromiumDumpDOM)
		srv.WaitExpired()
		step(t, "chromium: dump-dom")
		got := ReadChromiumStore(t, def.CookiesPath())
		logCookies(t, "chromium Default after --dump-dom", got)
		checkStore(t, Chromium, DumpDOM, got)
	})

	t.Run("firefox-classic", func(t *testing.T) {
		home := NewHome(t)
		prof := BuildFirefox(t, srv, home, FirefoxClassic)
		step(t, "firefox classic built")
		if want := filepath.Join(home, ".mozilla", "firefox"); prof.Root != want || !strings.HasSuffix(prof.Dir, ".ofgl") {
			t.Errorf("profile %+v is not under %s/<rand>.ofgl", prof, want)
		}
		if n := fileSize(prof.CookiesPath() + "-wal"); n > 0 {
			t.Errorf("cookies.sqlite-wal is %d bytes after a clean exit", n)
		}
		got := append(ReadFirefoxStore(t, prof.CookiesPath()), ReadSessionStore(t, prof.SessionStorePath())...)
		logCookies(t, "firefox classic after window.close()", got)
		checkStore(t, Firefox, CleanExit, got)
	})

	t.Run("firefox-xdg", func(t *testing.T) {
		home := NewHome(t)
		prof := BuildFirefox(t, srv, home, FirefoxXDG)
		step(t, "firefox xdg built")
		if want := filepath.Join(home, ".config", "mozilla", "firefox"); prof.Root != want || !strings.HasSuffix(prof.Dir, ".default-esr") {
			t.Errorf("profile %+v is not under %s/<rand>.default-esr", prof, want)
		}
		if _, err := os.Stat(filepath.Join(home, ".mozilla")); err == nil {
			t.Errorf("%s/.mozilla exists in the XDG layout", home)
		}
		if rel, err := iniValue(filepath.Join(prof.Root, "installs.ini"), "Default"); err != nil || filepath.Join(prof.Root, rel) != prof.Dir {
			t.Errorf("installs.ini Default=%q (%v), want %s", rel, err, filepath.Base(prof.Dir))
		}
		got := append(ReadFirefoxStore(t, prof.CookiesPath()), ReadSessionStore(t, prof.SessionStorePath())...)
		logCookies(t, "firefox xdg after window.close()", got)
		checkStore(t, Firefox, CleanExit, got)

		// Restart, check what is sent, and quit cleanly through Marionette.
		since := time.Now()
		f := StartFirefox(t, prof, srv.URL("https", HostData, "/check"))
		ctx, cancel := context.WithTimeout(context.Background(), RunTimeout)
		defer cancel()
		if _, err := srv.WaitForRequest(ctx, HostTracker, "/check", since); err != nil {
			t.Fatal(err)
		}
		checkSent(t, srv, Firefox, CleanExit)
		f.Stop()
		step(t, "firefox xdg: check visit and Stop")
		if n := fileSize(prof.CookiesPath() + "-wal"); n > 0 {
			t.Errorf("cookies.sqlite-wal is %d bytes after Stop", n)
		}
	})

	t.Run("firefox-running-killed", func(t *testing.T) {
		home := NewHome(t)
		prof := NewFirefoxProfile(t, srv, home, FirefoxClassic)
		since := time.Now()
		f := StartFirefox(t, prof, srv.ChainURL(StandardVisits(), -1))
		ctx, cancel := context.WithTimeout(context.Background(), 2*RunTimeout)
		defer cancel()
		if _, err := srv.WaitForRequest(ctx, HostDecoy, "/", since); err != nil {
			t.Fatal(err)
		}
		f.OpenInContainer(srv.VisitURL(ContainerVisit()), ContainerID)
		if _, err := srv.WaitForRequest(ctx, HostData, "/container", since); err != nil {
			t.Fatal(err)
		}
		if err := WaitForSessionStore(ctx, prof, "ofgl_session"); err != nil {
			t.Fatal(err)
		}
		srv.WaitExpired()
		step(t, "firefox running: chain, container, recovery.jsonlz4")
		if !f.Running() {
			t.Fatal("firefox exited")
		}
		if target, err := os.Readlink(filepath.Join(prof.Dir, "lock")); err != nil || !strings.HasPrefix(target, "127.0.0.1:+") {
			t.Errorf("lock symlink %q (%v)", target, err)
		}
		if n := fileSize(prof.CookiesPath() + "-wal"); n <= 0 {
			t.Errorf("cookies.sqlite-wal is %d bytes while Firefox runs", n)
		}
		// What the main file alone (all kooky reads) holds depends on whether
		// Firefox checkpointed yet: log it, the tool must not rely on it.
		mainOnly := filepath.Join(t.TempDir(), "cookies.sqlite")
		if err := copyFile(prof.CookiesPath(), mainOnly); err != nil {
			t.Fatal(err)
		}
		if rows, err := sqliteJSON(mainOnly, "select count(*) as n from moz_cookies"); err == nil && len(rows) == 1 {
			t.Logf("while running: cookies.sqlite alone has %d rows, wal %d bytes", intOf(rows[0]["n"]), fileSize(prof.CookiesPath()+"-wal"))
		}
		got := append(ReadFirefoxStore(t, prof.CookiesPath()), ReadSessionStore(t, prof.RecoveryPath())...)
		logCookies(t, "firefox while running (copy with WAL)", got)
		checkStore(t, Firefox, Running, got)

		f.Kill()
		step(t, "firefox killed")
		if n := fileSize(prof.CookiesPath() + "-wal"); n <= 0 {
			t.Errorf("cookies.sqlite-wal is %d bytes after a kill", n)
		}
		got = append(ReadFirefoxStore(t, prof.CookiesPath()), ReadSessionStore(t, prof.RecoveryPath())...)
		logCookies(t, "firefox after SIGKILL (copy with WAL)", got)
		checkStore(t, Firefox, Killed, got)
	})

	t.Run("chromium-running-killed", func(t *testing.T) {
		prof := NewChromiumProfile(NewHome(t), "")
		c := StartChromium(t, prof, srv.ChainURL(StandardVisits(), -1))
		want := len(ExpectedStored(Chromium, Running))
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second+2*RunTimeout)
		defer cancel()
		n, err := WaitForRows(ctx, prof.CookiesPath(), want)
		if err != nil {
			t.Fatal(err)
		}
		srv.WaitExpired()
		step(t, "chromium running: flushed")
		if !c.Running() {
			t.Fatal("chromium exited")
		}
		// The tool tells a running Chromium by this symlink: HOSTNAME-PID.
		if target, err := os.Readlink(filepath.Join(prof.UserDataDir, "SingletonLock")); err != nil || !strings.HasSuffix(target, "-"+strconv.Itoa(c.PID())) {
			t.Errorf("SingletonLock -> %q (%v), browser pid %d", target, err, c.PID())
		}
		got := ReadChromiumStore(t, prof.CookiesPath())
		logCookies(t, "chromium while running, after the flush", got)
		if len(got) < n {
			t.Errorf("%d rows, WaitForRows saw %d", len(got), n)
		}
		checkStore(t, Chromium, Running, got)

		c.Kill()
		step(t, "chromium killed")
		got = ReadChromiumStore(t, prof.CookiesPath())
		logCookies(t, "chromium after SIGKILL", got)
		checkStore(t, Chromium, Killed, got)
	})
	step(t, "done")
}

// TestServer checks, without a browser, that the server sends the table.
func TestServer(t *testing.T) {
	srv := NewServer(t)
	client := &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	get := func(host, path, cookie string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL("http", host, path), nil)
		req.URL.Host = "127.0.0.1:" + strconv.Itoa(srv.HTTPPort())
		req.Host = host
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	resp := get(HostData, "/", "")
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var headers, scripts []string
	for _, c := range cookiesOf(HostData, "/") {
		if c.Script {
			scripts = append(scripts, c.Name)
			if !strings.Contains(string(body), "document.cookie = ") || !strings.Contains(string(body), c.Name+"=") {
				t.Errorf("page does not set %s from JS", c.Name)
			}
		} else {
			headers = append(headers, c.SetCookie())
		}
	}
	if got := resp.Header.Values("Set-Cookie"); !reflect.DeepEqual(got, headers) {
		t.Errorf("Set-Cookie:\n%q\nwant\n%q", got, headers)
	}
	if len(scripts) < 4 {
		t.Errorf("only %d cookies set from JS", len(scripts))
	}
	if !strings.Contains(string(body), "Montréal") || !strings.Contains(string(body), `{\"necessary\":true`) {
		t.Errorf("page lacks the raw UTF-8 or JSON values:\n%s", body)
	}
	for _, e := range []string{"/frame", "/pixel"} {
		if !strings.Contains(string(body), srv.URL("http", HostTracker, e)) {
			t.Errorf("page does not embed %s", e)
		}
	}

	resp = get(HostData, "/check", "a=1; b=2")
	resp.Body.Close()
	resp = get(HostTracker, "/check", "t=1")
	resp.Body.Close()
	if got := srv.Sent(HostData); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("Sent(data) = %v", got)
	}
	if got := srv.Sent(HostTracker); !reflect.DeepEqual(got, []string{"t"}) {
		t.Errorf("Sent(tracker) = %v", got)
	}
	if got := srv.Sent(HostWWW); got != nil {
		t.Errorf("Sent(www) = %v", got)
	}
	resp = get(HostWWW, "/nope", "")
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown page: %d", resp.StatusCode)
	}
	log := srv.RequestLog()
	if len(log) != 4 || log[1].Path != "/check" || log[1].Cookie != "a=1; b=2" || log[1].Host != HostData {
		t.Errorf("log %+v", log)
	}
	if _, err := os.ReadFile(srv.CAFile()); err != nil {
		t.Error(err)
	}
}

// TestChain checks the ?next= nesting.
func TestChain(t *testing.T) {
	got := Chain(300, "http://a:1/", "https://b:2/x", "http://c:3/?q=1")
	u, err := url.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	next := u.Query().Get("next")
	if !strings.HasPrefix(got, "http://a:1/?next=") || !strings.HasPrefix(next, "https://b:2/x?next=") {
		t.Fatalf("chain %s", got)
	}
	u2, _ := url.Parse(next)
	if last := u2.Query().Get("next"); last != "http://c:3/?q=1&close=300" {
		t.Errorf("last hop %q", last)
	}
	if got := Chain(-1, "http://a:1/"); got != "http://a:1/" {
		t.Errorf("open chain %q", got)
	}
}

// TestDecodeMozLz4 decodes a hand-made block with an overlapping match.
func TestDecodeMozLz4(t *testing.T) {
	block := []byte{0x35, 'a', 'b', 'c', 3, 0, 0x10, 'x'} // "abc", copy 9 from 3 back, "x"
	raw := append([]byte("mozLz40\x00"), binary.LittleEndian.AppendUint32(nil, 13)...)
	got, err := DecodeMozLz4(append(raw, block...))
	if err != nil || string(got) != "abcabcabcabcx" {
		t.Fatalf("got %q, %v", got, err)
	}
	if _, err := DecodeMozLz4([]byte("nope")); err == nil {
		t.Error("no error for a bad magic")
	}
	if _, err := DecodeMozLz4(append(raw, 0x35, 'a', 'b', 'c', 9, 0)); err == nil {
		t.Error("no error for an offset beyond the output")
	}
}

// TestExpectations checks the derived sets against the charter.
func TestExpectations(t *testing.T) {
	names := func(cs []ExpectedCookie) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Host+" "+c.Name+" "+c.PartitionKey)
		}
		sort.Strings(out)
		return out
	}
	for _, b := range []Browser{Chromium, Firefox} {
		for _, sc := range []Scenario{CleanExit, Running, Killed} {
			sent := ExpectedSent(b, sc)
			cats := map[string]int{}
			for _, c := range sent {
				cats[c.Category]++
				if c.Name == "short_lived" || strings.HasPrefix(c.Name, "decoy") || c.Name == "trk_first" {
					t.Errorf("%s %s: %s is sent", b, sc, c)
				}
				if c.PartitionKey != "" && !strings.Contains(c.PartitionKey, "ofgl.fr") {
					t.Errorf("%s %s: %s partitioned elsewhere", b, sc, c)
				}
			}
			if cats[CategoryNecessary] != 4 || cats[CategoryStatistics] != 6 || cats[CategoryThirdParty] == 0 || cats[CategoryUndeclared] < 3 {
				t.Errorf("%s %s: categories %v in %v", b, sc, cats, names(sent))
			}
		}
	}
	if got := ExpectedAtCheck(Chromium, CleanExit, HostTracker); !reflect.DeepEqual(got, []string{"trk_chips", "trk_pixel_chips"}) {
		t.Errorf("chromium tracker check %v", got)
	}
}
