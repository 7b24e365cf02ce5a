package inspect_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	bt "github.com/ofgl/ofgl-cookies/inspect/internal/browsertest"
)

// This drives the built binary's interactive UI in tmux, as a person
// would, on profiles real Chromium and Firefox built: wait for the
// cookies, show the non-essential tab (3), clear (c, then y), check the
// stores with `list --json`, quit (q), and check the terminal is left
// usable.

// requireTmux finds tmux; like browsertest.Require, a missing tmux fails
// the test in CI and skips it elsewhere.
func requireTmux(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("tmux")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is missing (apt-get install tmux); a missing tool is a failure in CI")
		}
		t.Skip("tmux is missing (apt-get install tmux)")
	}
	return p
}

// tmuxPane is one pane of a private tmux server (its own socket, no user
// configuration), killed when the test ends.
type tmuxPane struct {
	t      *testing.T
	tmux   string
	socket string
}

func newTmuxPane(t *testing.T, tmux string, width, height int, env []string, command string) *tmuxPane {
	t.Helper()
	p := &tmuxPane{t: t, tmux: tmux, socket: fmt.Sprintf("ofgl-tui-%d-%d", os.Getpid(), time.Now().UnixNano())}
	// env -i: nothing of the test's environment (XDG_*, the real HOME)
	// reaches the binary, so it sees only the test's browsers.
	var quoted []string
	for _, e := range env {
		quoted = append(quoted, shellQuote(e))
	}
	shell := "env -i " + strings.Join(quoted, " ") + " /bin/sh -c " + shellQuote(command)
	p.run("-f", "/dev/null", "new-session", "-d", "-s", "ui", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height), shell)
	t.Cleanup(func() { exec.Command(p.tmux, "-L", p.socket, "kill-server").Run() })
	return p
}

func (p *tmuxPane) run(args ...string) string {
	p.t.Helper()
	out, err := exec.Command(p.tmux, append([]string{"-L", p.socket}, args...)...).CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (p *tmuxPane) keys(keys ...string) {
	p.t.Helper()
	p.run(append([]string{"send-keys", "-t", "ui"}, keys...)...)
}

func (p *tmuxPane) capture() string {
	p.t.Helper()
	return strings.ReplaceAll(p.run("capture-pane", "-p", "-t", "ui"), "\u00a0", " ")
}

// waitFor polls the pane until ok accepts it.
func (p *tmuxPane) waitFor(what string, timeout time.Duration, ok func(screen string) bool) string {
	p.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		screen := p.capture()
		if ok(screen) {
			return screen
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("waiting for %s: timed out after %v; the pane shows:\n%s", what, timeout, screen)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (p *tmuxPane) waitText(timeout time.Duration, words ...string) string {
	p.t.Helper()
	return p.waitFor(strings.Join(words, " + "), timeout, func(s string) bool {
		for _, w := range words {
			if !strings.Contains(s, w) {
				return false
			}
		}
		return true
	})
}

// listJSONText parses the output of list --json.
func listJSONText(t *testing.T, out string) []jsonCookie {
	t.Helper()
	var cs []jsonCookie
	if err := json.Unmarshal([]byte(out), &cs); err != nil {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	return cs
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// tableCategories reads the category words of the table rows on screen:
// below the four header lines, left of the detail pane's border.
func tableCategories(screen string) []string {
	var out []string
	lines := strings.Split(screen, "\n")
	for _, l := range lines[min(5, len(lines)):] {
		l, _, _ = strings.Cut(l, "│")
		for _, c := range []string{"necessary", "statistics", "first-party", "third-party", "undeclared"} {
			if strings.Contains(l, " "+c+" ") {
				out = append(out, c)
			}
		}
	}
	return out
}

func TestTUIClearNonEssentialRealBrowsers(t *testing.T) {
	bt.Require(t)
	tmux := requireTmux(t)
	bin := binary(t)
	srv := bt.NewServer(t)
	home := bt.NewHome(t)
	bt.BuildChromium(t, srv, home)
	bt.BuildFirefox(t, srv, home, bt.FirefoxClassic)

	before := listJSON(t, home)
	var necessary []string
	nonEssential := 0
	for _, c := range before {
		if c.Category == "necessary" {
			necessary = append(necessary, c.Browser+"/"+c.Profile+" "+c.Name+" "+c.Host)
		} else {
			nonEssential++
		}
	}
	sort.Strings(necessary)
	if len(necessary) == 0 || nonEssential == 0 {
		t.Fatalf("the profiles hold %d necessary and %d other cookies", len(necessary), nonEssential)
	}

	env := []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8", "TERM=screen-256color",
		"OFGL_COOKIES_STATE_DIR=" + filepath.Join(home, "ofgl-state"),
		"OFGL_COOKIES_CONFIG_DIR=" + filepath.Join(home, "ofgl-config")}
	// After the UI, the shell says how it exited and stays, to type into.
	pane := newTmuxPane(t, tmux, 120, 40, env, shellQuote(bin)+`; echo "ofgl-exit=$?"; exec /bin/sh`)

	// Loaded: the header shows the totals once every store is read.
	total := fmt.Sprintf("%d cookies · ", len(before))
	screen := pane.waitText(time.Minute, total, " stores", "sessionid")
	t.Logf("loaded:\n%s", screen)

	pane.keys("3")
	pane.waitFor("the non-essential tab", 30*time.Second, func(s string) bool {
		cats := tableCategories(s)
		return len(cats) > 0 && !strings.Contains(strings.Join(cats, " "), "necessary")
	})

	pane.keys("c")
	screen = pane.waitText(30*time.Second, fmt.Sprintf("Clear the %d non-essential cookies?", nonEssential), "y: delete")
	t.Logf("confirmation:\n%s", screen)
	pane.keys("y")
	screen = pane.waitText(time.Minute, fmt.Sprintf("Deleted %d cookies", nonEssential),
		fmt.Sprintf("%d cookies · ", len(necessary)), "No cookie in this tab.")
	t.Logf("after clear:\n%s", screen)

	// The stores hold the necessary cookies only, all of them.
	code, stdout, stderr := runTool(t, home, "list", "--json")
	if code != 0 {
		t.Fatalf("list --json: exit %d: %s", code, stderr)
	}
	after := listJSONText(t, stdout)
	var left []string
	for _, c := range after {
		if c.Category != "necessary" {
			t.Errorf("left after clear: %s/%s %s %s (%s)", c.Browser, c.Profile, c.Name, c.Host, c.Category)
		}
		left = append(left, c.Browser+"/"+c.Profile+" "+c.Name+" "+c.Host)
	}
	sort.Strings(left)
	if strings.Join(left, "\n") != strings.Join(necessary, "\n") {
		t.Errorf("necessary cookies after clear:\n%s\nbefore:\n%s", strings.Join(left, "\n"), strings.Join(necessary, "\n"))
	}

	// q quits: exit 0, main screen back, no mouse reporting, and the
	// terminal in cooked mode with echo, as before.
	pane.keys("q")
	pane.waitText(30*time.Second, "ofgl-exit=0")
	if v := strings.TrimSpace(pane.run("display-message", "-p", "-t", "ui", "#{alternate_on} #{mouse_any_flag} #{pane_dead}")); v != "0 0 0" {
		t.Errorf("after quit: alternate screen, mouse, dead = %q, want 0 0 0", v)
	}
	// $((...)): the words waited for are in the output, not the command.
	pane.keys("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e -icanon -e -echo | tr '\\n' ' '; echo :stty-$((1+1))", "Enter")
	screen = pane.waitText(30*time.Second, ":stty-2")
	if !strings.Contains(screen, "icanon echo :stty-2") {
		t.Errorf("the terminal is not back in cooked mode with echo:\n%s", screen)
	}
	pane.keys("echo usable-$((6*7))", "Enter")
	pane.waitText(30*time.Second, "usable-42")
}

// TestTUIClearFollowsTheView filters the UI to one browser profile (b),
// presses c, and checks that the dialog names exactly the non-essential
// cookies of that profile, with the others counted apart, and that y
// deletes those and nothing of the other browser.
func TestTUIClearFollowsTheView(t *testing.T) {
	bt.Require(t)
	tmux := requireTmux(t)
	bin := binary(t)
	srv := bt.NewServer(t)
	home := bt.NewHome(t)
	bt.BuildChromium(t, srv, home)
	bt.BuildFirefox(t, srv, home, bt.FirefoxClassic)

	before := listJSON(t, home)
	// b steps through the browser/profile pairs in order: the first one.
	var first string
	for _, c := range before {
		if k := c.Browser + "/" + c.Profile; first == "" || k < first {
			first = k
		}
	}
	shown, all := 0, 0
	var others []string
	for _, c := range before {
		if c.Category == "necessary" {
			continue
		}
		all++
		if c.Browser+"/"+c.Profile == first {
			shown++
		} else {
			others = append(others, c.Browser+"/"+c.Profile+" "+c.Name+" "+c.Host)
		}
	}
	sort.Strings(others)
	if shown == 0 || len(others) == 0 {
		t.Fatalf("need non-essential cookies in %s and elsewhere: %d and %d", first, shown, len(others))
	}

	env := []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8", "TERM=screen-256color",
		"OFGL_COOKIES_STATE_DIR=" + filepath.Join(home, "ofgl-state"),
		"OFGL_COOKIES_CONFIG_DIR=" + filepath.Join(home, "ofgl-config")}
	pane := newTmuxPane(t, tmux, 120, 40, env, shellQuote(bin)+`; echo "ofgl-exit=$?"; exec /bin/sh`)
	pane.waitText(time.Minute, fmt.Sprintf("%d cookies · ", len(before)), " stores")

	pane.keys("b")
	pane.waitText(30*time.Second, "filters: browser "+first)
	pane.keys("c")
	noun := "cookies"
	if shown == 1 {
		noun = "cookie"
	}
	screen := pane.waitText(30*time.Second,
		fmt.Sprintf("Clear the %d non-essential %s shown? (%d non-essential in all)", shown, noun, all),
		fmt.Sprintf("y: clear the %d shown · a: clear all %d", shown, all))
	t.Logf("confirmation:\n%s", screen)
	// The dialog lists only stores of the profile shown.
	for _, o := range others {
		where := strings.SplitN(o, " ", 2)[0]
		if strings.Contains(screen, "from "+where+" ") {
			t.Errorf("the dialog lists %s, which is not shown:\n%s", where, screen)
		}
	}
	pane.keys("y")
	pane.waitText(time.Minute, fmt.Sprintf("Deleted %d", shown))

	code, stdout, stderr := runTool(t, home, "list", "--json")
	if code != 0 {
		t.Fatalf("list --json: exit %d: %s", code, stderr)
	}
	var left []string
	for _, c := range listJSONText(t, stdout) {
		if c.Category == "necessary" {
			continue
		}
		if c.Browser+"/"+c.Profile == first {
			t.Errorf("left in %s after clear: %s %s", first, c.Name, c.Host)
			continue
		}
		left = append(left, c.Browser+"/"+c.Profile+" "+c.Name+" "+c.Host)
	}
	sort.Strings(left)
	if strings.Join(left, "\n") != strings.Join(others, "\n") {
		t.Errorf("cookies of the other profiles after clear:\n%s\nbefore:\n%s", strings.Join(left, "\n"), strings.Join(others, "\n"))
	}
	pane.keys("q")
	pane.waitText(30*time.Second, "ofgl-exit=0")
}
