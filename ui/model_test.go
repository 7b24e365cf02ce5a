package ui

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// view is the screen as text, no-break spaces shown as spaces.
func (h *harness) view() string {
	return strings.ReplaceAll(ansi.Strip(h.m.render()), "\u00a0", " ")
}

// selected is the name of the selected cookie.
func (h *harness) selected() string {
	f, ok := h.m.table.selected()
	if !ok {
		return ""
	}
	return f.Name + "@" + f.Store.Browser + "/" + f.Store.Profile
}

// visible lists the visible rows as name@browser/profile.
func (h *harness) visible() []string {
	var out []string
	for _, f := range h.m.rows.visible {
		out = append(out, f.Name+"@"+f.Store.Browser+"/"+f.Store.Profile)
	}
	return out
}

func (h *harness) mustShow(parts ...string) {
	h.t.Helper()
	v := h.view()
	for _, p := range parts {
		if !strings.Contains(v, p) {
			h.t.Fatalf("screen lacks %q:\n%s", p, v)
		}
	}
}

func (h *harness) mustNotShow(parts ...string) {
	h.t.Helper()
	v := h.view()
	for _, p := range parts {
		if strings.Contains(v, p) {
			h.t.Fatalf("screen shows %q:\n%s", p, v)
		}
	}
}

// selectName moves the cursor down to the first row named name.
func (h *harness) selectName(name string) {
	h.t.Helper()
	h.keys("g")
	for i := 0; i <= len(h.m.rows.visible); i++ {
		if strings.HasPrefix(h.selected(), name+"@") {
			return
		}
		h.keys("down")
	}
	h.t.Fatalf("no row %s in %v", name, h.visible())
}

func TestLoadingStreamsStores(t *testing.T) {
	b := newFake()
	b.gate = make(chan struct{})
	m := New(Options{Lang: i18n.English, Backend: b, Now: func() time.Time { return testNow }, Location: time.UTC})
	m.status.clearAfter = func(time.Duration, int) tea.Cmd { return nil }
	h := &harness{t: t, m: m}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	// The first frame, before any store is read.
	h.mustShow("ofgl-cookies", "data.ofgl.fr", "looking for cookie stores")

	// Drive the load by hand: list, then one store at a time.
	listed := h.m.load.first
	msgs := h.exec(listed)
	var storesMsg storesListedMsg
	for len(msgs) > 0 {
		msg := msgs[0]
		msgs = msgs[1:]
		if bm, ok := msg.(tea.BatchMsg); ok {
			for _, c := range bm {
				msgs = append(msgs, h.exec(c)...)
			}
			continue
		}
		if sm, ok := msg.(storesListedMsg); ok {
			storesMsg = sm
			continue
		}
		h.send(msg) // the keep list
	}
	if len(storesMsg.refs) != 4 {
		t.Fatalf("listed %d stores", len(storesMsg.refs))
	}
	next, cmd := h.m.Update(storesMsg)
	h.m = next.(Model)
	h.mustShow("0 of 4 stores")
	b.gate <- struct{}{}
	msg := cmd()
	next, cmd = h.m.Update(msg)
	h.m = next.(Model)
	h.mustShow("1 of 4 stores", "sessionid", "csrftoken")
	if h.m.load.loadedOnce() {
		t.Fatal("loaded after one store")
	}
	for i := 0; i < 2; i++ {
		b.gate <- struct{}{}
		next, cmd = h.m.Update(cmd())
		h.m = next.(Model)
	}
	h.mustShow("3 of 4 stores")
	close(b.gate)
	h.run(cmd) // the last store and the end of the stream
	if !h.m.load.loadedOnce() || h.m.load.loading() {
		t.Fatal("not done")
	}
	// The failed store is a warning, not a fatal error.
	h.mustShow("9 cookies · 4 stores", "1 store failed")
	if h.selected() != "_ga@chromium/Default" {
		t.Errorf("first row not selected after the first load: %s", h.selected())
	}
}

func TestTabs(t *testing.T) {
	h := newHarness(t, newFake(), i18n.English, 100, 30)
	want := map[string][]string{
		"1": {"_ga", "_pk_id.1.abcd", "csrftoken", "ofgl_session", "sessionid", "_ga", "django_language", "sessionid", "trk_pixel"},
		"2": {"csrftoken", "sessionid", "django_language", "sessionid"},
		"3": {"_ga", "_pk_id.1.abcd", "ofgl_session", "_ga", "trk_pixel"},
		// Undeclared cookies a guess places in statistics show there too.
		"4": {"_ga", "_pk_id.1.abcd", "_ga"},
		"5": nil,
		"6": {"trk_pixel"},
		"7": {"_ga", "_pk_id.1.abcd", "ofgl_session", "_ga", "trk_pixel"},
	}
	for _, tab := range []string{"1", "2", "3", "4", "5", "6", "7"} {
		h.keys(tab)
		var got []string
		for _, f := range h.m.rows.visible {
			got = append(got, f.Name)
		}
		if !reflect.DeepEqual(got, want[tab]) {
			t.Errorf("tab %s: %v, want %v", tab, got, want[tab])
		}
	}
	h.keys("5")
	h.mustShow("No cookie in this tab.")
	h.keys("7", "tab")
	if h.m.rows.q.tab != 0 {
		t.Errorf("tab after the last: %d", h.m.rows.q.tab)
	}
	h.keys("shift+tab")
	if h.m.rows.q.tab != 6 {
		t.Errorf("shift+tab from the first: %d", h.m.rows.q.tab)
	}
	h.keys("shift+tab", "shift+tab")
	if h.m.rows.q.tab != 4 {
		t.Errorf("shift+tab twice: %d", h.m.rows.q.tab)
	}
	// Counts per category in the header: they add up to the 9 cookies,
	// the undeclared ones being a part of them, not a sixth term; a
	// guessed cookie counts under its guessed category.
	h.mustShow("9 cookies", "4 necessary · 3 statistics · 0 first-party · 1 third-party · 1 unclassified (5 of them undeclared)")
	// The tabs carry their counts, as the count line says them.
	h.mustShow("3 Non-essential 5", "4 Statistics 3", "6 Third-party 1", "7 Undeclared 5")
}

func TestSortCycles(t *testing.T) {
	h := newHarness(t, newFake(), i18n.English, 140, 30)
	names := func() []string {
		var out []string
		for _, f := range h.m.rows.visible {
			out = append(out, f.Name)
		}
		return out
	}
	h.mustShow("sort: browser/profile", "BROWSER/PROFILE▲")
	h.keys("s")
	h.mustShow("sort: name", "NAME▲")
	if got := names(); !slices.IsSorted(got) {
		t.Errorf("by name: %v", got)
	}
	h.keys("s")
	h.mustShow("sort: host")
	if got := h.m.rows.visible[len(h.m.rows.visible)-1].Host; got != "tracker.example" {
		t.Errorf("by host, last is %s", got)
	}
	h.keys("s")
	h.mustShow("sort: category")
	if !h.m.rows.visible[0].Match.Category.Essential() || h.m.rows.visible[len(h.m.rows.visible)-1].Match.Declared {
		t.Errorf("by category: %v", names())
	}
	h.keys("s")
	h.mustShow("sort: declared")
	if !h.m.rows.visible[0].Match.Declared {
		t.Errorf("by declared: %v", names())
	}
	h.keys("s")
	h.mustShow("sort: expires")
	if h.m.rows.visible[0].Name != "ofgl_session" {
		t.Errorf("by expiry, session cookies first: %v", names())
	}
	h.keys("s")
	h.mustShow("sort: browser/profile")
}

func TestSearchAndBrowserFilter(t *testing.T) {
	h := newHarness(t, newFake(), i18n.English, 100, 30)
	h.keys("/", "s", "e", "s")
	if !(h.m.state == stateSearch) {
		t.Fatal("/ did not open the search")
	}
	if got := h.visible(); !reflect.DeepEqual(got, []string{"ofgl_session@chromium/Default", "sessionid@chromium/Default", "sessionid@firefox/default-release"}) {
		t.Errorf("search ses: %v", got)
	}
	h.keys("enter")
	if h.m.state == stateSearch {
		t.Fatal("enter did not close the search")
	}
	h.mustShow(`search "ses"`)
	// Hosts match too.
	h.keys("/", "backspace", "backspace", "backspace", "t", "r", "a", "c", "k", "e", "r")
	if got := h.visible(); !reflect.DeepEqual(got, []string{"trk_pixel@firefox/default-release"}) {
		t.Errorf("search tracker: %v", got)
	}
	h.keys("esc")
	if (h.m.state == stateSearch) || h.m.rows.q.search != "" || len(h.m.rows.visible) != 9 {
		t.Errorf("esc in the search: searching %v, %q, %d rows", (h.m.state == stateSearch), h.m.rows.q.search, len(h.m.rows.visible))
	}
	// b cycles through the browser/profile pairs, then all of them.
	for _, want := range []string{"chromium/Default", "chromium/Work", "firefox/default-release"} {
		h.keys("b")
		h.mustShow("browser " + want)
		for _, v := range h.visible() {
			if !strings.HasSuffix(v, "@"+want) {
				t.Errorf("filter %s shows %s", want, v)
			}
		}
	}
	h.keys("b")
	if h.m.rows.q.browser != nil || len(h.m.rows.visible) != 9 {
		t.Error("b after the last browser does not show them all")
	}
	// esc clears the filters.
	h.keys("b", "/", "_", "g", "a", "enter")
	if len(h.m.rows.visible) != 1 {
		t.Fatalf("browser and search: %v", h.visible())
	}
	h.keys("esc")
	if len(h.m.rows.visible) != 9 {
		t.Errorf("esc left %v", h.visible())
	}
	// No match: said plainly.
	h.keys("/", "z", "z", "z", "enter")
	h.mustShow("No cookie matches the filters")
}

func TestDetailPane(t *testing.T) {
	h := newHarness(t, newFake(), i18n.English, 240, 40)
	h.selectName("sessionid")
	h.mustShow("Provider", "Opendatasoft", "Authentication (front and back office)", "Remember the user from one page to the next.",
		"necessary", "Necessary\" cookies", "Consent", "not required", "declared: 2 weeks", "2026-06-15 12:00 (in 14 days)",
		"Secure · HttpOnly · SameSite=lax", "Partition", "none", "Browser", "chromium", "Profile", "Default",
		chromeDefault, "(masked) · v: show")
	h.selectName("_pk_id.1.abcd")
	h.mustShow("probably Matomo", "not in the charter", "undeclared", "required", "not stated by the charter")
	h.keys("6")
	h.mustShow("third-party (undeclared)", "third party, partitioned under https://ofgl.fr")
	// The detail pane goes below the table on narrow terminals.
	h.send(tea.WindowSizeMsg{Width: 80, Height: 30})
	if !strings.Contains(h.view(), strings.Repeat("─", 80)) {
		t.Errorf("no separator above the detail pane at 80 columns:\n%s", h.view())
	}
	// enter shows every detail in the whole body.
	h.send(tea.WindowSizeMsg{Width: 80, Height: 20})
	h.mustShow("enter: full details")
	h.keys("enter")
	h.mustShow("Value", "Category", "Consent")
	before := h.selected()
	h.keys("end")
	h.mustShow("Store", "Keep list")
	if h.selected() != before {
		t.Error("scrolling the full details moved the selection")
	}
	h.keys("esc")
	if h.m.state == stateDetails {
		t.Error("esc did not close the full details")
	}
}

func TestDetailFrench(t *testing.T) {
	h := newHarness(t, newFake(), i18n.French, 240, 40)
	h.selectName("sessionid")
	h.mustShow("Prestataire", "Se souvenir de l'utilisateur d'une page à une autre.", "nécessaire",
		"Les cookies « nécessaires »", "non requis", "déclarée : 2 semaines", "dans 14 jours", "(masquée) · v : afficher")
}

func TestRevealOneValueOnly(t *testing.T) {
	b := newFake()
	h := newHarness(t, b, i18n.English, 140, 40)
	h.selectName("csrftoken")
	h.mustNotShow("secret-")
	h.keys("v")
	h.mustShow("secret-csrftoken · v: hide")
	if !reflect.DeepEqual(b.revealed, []string{"csrftoken"}) {
		t.Errorf("values read: %v", b.revealed)
	}
	// Moving away masks it again; coming back does not re-read it.
	h.keys("down")
	h.mustNotShow("secret-")
	h.keys("up")
	h.mustNotShow("secret-")
	h.keys("v", "v")
	h.mustNotShow("secret-")
	if len(b.revealed) != 2 {
		t.Errorf("values read: %v", b.revealed)
	}
	// A failed read says why.
	delete(b.values, cookieKey(h.m.rows.visible[h.m.table.model.Cursor()].Cookie))
	h.keys("v")
	h.mustShow("Cannot show the value")
}

func TestMarkDeleteConfirm(t *testing.T) {
	b := newFake()
	h := newHarness(t, b, i18n.English, 100, 30)
	h.selectName("_ga")
	h.keys("space")
	if h.selected() != "_pk_id.1.abcd@chromium/Default" {
		t.Errorf("space did not move down: %s", h.selected())
	}
	h.selectName("ofgl_session")
	h.keys("space")
	h.mustShow("✓ 2 marked")
	if !strings.Contains(h.view(), "✓ _ga") {
		t.Errorf("no mark on the row:\n%s", h.view())
	}
	// Cancel with Enter, with n, with any key: nothing deleted.
	for _, k := range []string{"enter", "n", "q", "esc"} {
		h.keys("d")
		if h.m.state != stateConfirm {
			t.Fatalf("d did not ask")
		}
		h.mustShow("Delete these 2 cookies?", "from chromium/Default · Cookies (2):", "_ga (.ofgl.fr),", "ofgl_session (data.ofgl.fr)", "y: delete")
		h.keys(k)
		if h.m.state == stateConfirm || h.quit {
			t.Fatalf("%s did not cancel (quit %v)", k, h.quit)
		}
		h.mustShow("Nothing was deleted.")
	}
	if len(b.deleted) != 0 {
		t.Fatalf("a cancelled confirmation deleted %v", b.deleted)
	}
	h.keys("d", "y")
	if len(b.deleted) != 1 || len(b.deleted[0]) != 2 {
		t.Fatalf("deleted %v", b.deleted)
	}
	h.mustShow("Deleted 2 cookies from 1 store (u: undo).")
	if got := b.names(chromeDefault); !reflect.DeepEqual(got, []string{"sessionid", "csrftoken", "_pk_id.1.abcd"}) {
		t.Errorf("left in the store: %v", got)
	}
	if len(h.m.sel.marks) != 0 || len(h.m.rows.visible) != 7 {
		t.Errorf("after the deletion: marks %v, rows %v", h.m.sel.marks, h.visible())
	}
	// d with nothing marked deletes the selected cookie only.
	h.selectName("django_language")
	h.keys("d")
	h.mustShow("Delete this cookie?", "from firefox/default-release · cookies.sqlite (1):", "django_language")
	h.keys("y")
	if got := b.names(firefoxPath); slices.Contains(got, "django_language") || len(got) != 2 {
		t.Errorf("firefox left: %v", got)
	}
}

func TestClearNonEssentialRespectsKeep(t *testing.T) {
	b := newFake()
	b.keep = []inspect.KeepRule{{Name: "_pk_id.1.abcd", Host: "data.ofgl.fr"}}
	h := newHarness(t, b, i18n.English, 100, 40)
	h.keys("3", "c")
	if h.m.state != stateConfirm {
		t.Fatal("c did not ask")
	}
	h.mustShow("Clear the 4 non-essential cookies?", "from chromium/Default · Cookies (2):", "from chromium/Work · Cookies (1):",
		"from firefox/default-release · cookies.sqlite (1):", "trk_pixel (tracker.example)",
		"Kept by the keep list: _pk_id.1.abcd (_pk_id.1.abcd@data.ofgl.fr)")
	h.keys("y")
	for path, want := range map[string][]string{
		chromeDefault: {"sessionid", "csrftoken", "_pk_id.1.abcd"},
		chromeWork:    nil,
		firefoxPath:   {"sessionid", "django_language"},
	} {
		if got := b.names(path); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, want %v", path, got, want)
		}
	}
	h.mustShow("Deleted 4 cookies from 3 stores")
	// Nothing left to clear but the kept one.
	h.keys("c")
	if h.m.state == stateConfirm {
		t.Fatal("asked with only kept cookies left")
	}
	h.mustShow("Every cookie chosen is in the keep list")
	// A broken keep list deletes nothing.
	b.keepErr = errors.New("keep.txt:3: invalid keep rule")
	h.keys("r")
	h.keys("c")
	h.mustShow("The keep list cannot be read, so nothing is deleted")
}

func TestKeepToggle(t *testing.T) {
	b := newFake()
	h := newHarness(t, b, i18n.English, 140, 40)
	h.selectName("_ga")
	h.mustShow("not kept (K adds _ga@ofgl.fr)")
	h.keys("K")
	h.mustShow("added to the keep list: _ga@ofgl.fr", "kept by the rule _ga@ofgl.fr")
	if !reflect.DeepEqual(b.keep, []inspect.KeepRule{{Name: "_ga", Host: "ofgl.fr"}}) {
		t.Fatalf("keep list: %v", b.keep)
	}
	// Both _ga rows (two profiles) are kept: marked K in the table.
	if strings.Count(h.view(), "K _ga") != 2 {
		t.Errorf("kept rows not flagged:\n%s", h.view())
	}
	// d on a kept cookie refuses and says how to change it.
	h.keys("d")
	if h.m.state == stateConfirm {
		t.Fatal("d asked to delete a kept cookie")
	}
	h.mustShow("is in the keep list: press k")
	h.keys("K")
	h.mustShow("removed from the keep list: _ga@ofgl.fr")
	if len(b.keep) != 0 {
		t.Fatalf("keep list: %v", b.keep)
	}
}

func TestUndoAndReload(t *testing.T) {
	b := newFake()
	h := newHarness(t, b, i18n.English, 100, 30)
	h.keys("u")
	h.mustShow("No deletion batch to undo.")
	h.selectName("csrftoken")
	h.keys("d", "y")
	if len(h.m.rows.visible) != 8 {
		t.Fatalf("rows after delete: %d", len(h.m.rows.visible))
	}
	h.keys("u")
	h.mustShow("Restored 1 cookie (batch batch-1).")
	if len(h.m.rows.visible) != 9 {
		t.Fatalf("rows after undo: %d", len(h.m.rows.visible))
	}
	// r re-reads the stores: a cookie that appeared shows.
	ref := b.stores[1].ref
	b.stores[1].cookies = append(b.stores[1].cookies, finding(ref, "data.ofgl.fr", "sessionid", day))
	h.keys("r")
	if len(h.m.rows.visible) != 10 {
		t.Errorf("rows after reload: %d", len(h.m.rows.visible))
	}
}

func TestRefusalChangesNothing(t *testing.T) {
	b := newFake()
	b.refuse[firefoxPath] = "firefox is running (profile default-release)"
	h := newHarness(t, b, i18n.English, 140, 30)
	h.keys("c", "y")
	h.mustShow("Refused, nothing changed there: firefox is running (profile default-release). Close it and retry.")
	if got := b.names(firefoxPath); len(got) != 3 {
		t.Errorf("a refused store changed: %v", got)
	}
	if h.m.status.kind != statusError {
		t.Error("a refusal is not shown as an error")
	}
	// French names the browser too.
	h = newHarness(t, b, i18n.French, 140, 30)
	h.keys("c", "o")
	h.mustShow("Refusé, rien n'a changé là : firefox is running (profile default-release)")
}

func TestStoresViewAndEmptyMachine(t *testing.T) {
	h := newHarness(t, newFake(), i18n.English, 100, 30)
	h.keys("S")
	h.mustShow("Cookie stores (4)", "chromium/Default  read: 5 cookies", chromeDefault,
		"safari  ⚠ failed: permission denied")
	h.keys("S")
	if h.m.state != stateBrowse {
		t.Fatal("S did not go back")
	}
	h.keys("S", "esc")
	if h.m.state != stateBrowse {
		t.Fatal("esc did not go back")
	}
	// No store at all: plain words, and --demo.
	h = newHarness(t, &fakeBackend{}, i18n.English, 80, 24)
	h.mustShow("No browser cookie store was found on this computer.", "ofgl-cookies --demo")
	h = newHarness(t, &fakeBackend{}, i18n.French, 80, 24)
	h.mustShow("Aucun magasin de cookies", "ofgl-cookies --demo")
	// Listing the stores failed.
	h = newHarness(t, &fakeBackend{listErr: errors.New("boom")}, i18n.English, 80, 24)
	h.mustShow("Cannot list the cookie stores: boom")
}

func TestHelpToggle(t *testing.T) {
	h := newHarness(t, newFake(), i18n.English, 100, 30)
	h.mustShow("? help", "q quit", "d delete")
	h.keys("?")
	h.mustShow("Keys", "clear non-essential", "browser/profile", "sort column", "reveal"[:0]+"show value", "undo", "reload", "stores", "confirm")
	h.keys("?")
	if h.m.state != stateBrowse {
		t.Fatal("? did not close the help")
	}
	h = newHarness(t, newFake(), i18n.French, 140, 30)
	h.keys("?")
	h.mustShow("Touches", "effacer les non essentiels", "colonne de tri", "afficher la valeur", "o/y")
}

func TestTooSmallAndResize(t *testing.T) {
	h := newHarness(t, newFake(), i18n.English, 100, 30)
	h.send(tea.WindowSizeMsg{Width: 40, Height: 10})
	if v := h.view(); v != "Terminal too small: 40x10, need 50x14" {
		t.Fatalf("too small: %q", v)
	}
	h.keys("d")
	if h.m.state == stateConfirm {
		t.Fatal("a key acted on the too-small screen")
	}
	for _, size := range [][2]int{{50, 14}, {80, 24}, {120, 40}, {200, 50}} {
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		lines := strings.Split(h.view(), "\n")
		if len(lines) != size[1] {
			t.Errorf("%v: %d lines", size, len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > size[0] {
				t.Errorf("%v: line %d is %d wide: %q", size, i, w, l)
			}
		}
	}
	h.keys("q")
	if !h.quit {
		t.Error("q did not quit")
	}
}

func TestQuitKeys(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		h := newHarness(t, newFake(), i18n.English, 100, 30)
		h.keys(k)
		if !h.quit {
			t.Errorf("%s did not quit", k)
		}
	}
	// ctrl+c quits even from the confirmation, deleting nothing.
	b := newFake()
	h := newHarness(t, b, i18n.English, 100, 30)
	h.keys("c", "ctrl+c")
	if !h.quit || len(b.deleted) != 0 {
		t.Errorf("ctrl+c in the confirmation: quit %v, deleted %v", h.quit, b.deleted)
	}
}

func TestMouseWheelScrolls(t *testing.T) {
	h := newHarness(t, newFake(), i18n.English, 100, 30)
	first := h.selected()
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if h.m.table.model.Cursor() != 2 {
		t.Errorf("wheel down twice: row %d", h.m.table.model.Cursor())
	}
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if h.selected() != first {
		t.Errorf("wheel up: %s", h.selected())
	}
}

func TestBusyRefusesSecondOperation(t *testing.T) {
	h := newHarness(t, newFake(), i18n.English, 100, 30)
	h.m.task = task{kind: taskDeleting}
	for _, k := range []string{"d", "c", "u", "r", "K", "q"} {
		h.m.status.text = ""
		h.keys(k)
		if h.m.state == stateConfirm || h.quit || !strings.Contains(h.m.status.text, "Please wait") {
			t.Errorf("%s while deleting: confirm %v, status %q", k, h.m.state == stateConfirm, h.m.status.text)
		}
	}
}

func TestStatusClearedByTick(t *testing.T) {
	h := newHarness(t, newFake(), i18n.English, 100, 30)
	h.keys("u")
	seq := h.m.status.seq
	h.send(clearStatusMsg{seq: seq - 1})
	if h.m.status.text == "" {
		t.Fatal("a stale clear removed the status")
	}
	h.send(clearStatusMsg{seq: seq})
	if h.m.status.text != "" {
		t.Fatal("the status stayed")
	}
}

func TestBackgroundColour(t *testing.T) {
	h := newHarness(t, newFake(), i18n.English, 100, 30)
	if !h.m.isDark {
		t.Fatal("not dark before the answer")
	}
	h.send(tea.BackgroundColorMsg{Color: whiteColor{}})
	if h.m.isDark {
		t.Fatal("a white background is not light")
	}
	h.mustShow("sessionid")
}

type whiteColor struct{}

func (whiteColor) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

func TestToggledRules(t *testing.T) {
	c := inspect.Cookie{Name: "_ga", Host: ".ofgl.fr"}
	next, rule, added, err := toggledRules(nil, c)
	if err != nil || !added || rule.String() != "_ga@ofgl.fr" || len(next) != 1 {
		t.Fatalf("add: %v %v %v %v", next, rule, added, err)
	}
	// A name-only rule keeping the cookie is the one removed.
	next, rule, added, err = toggledRules([]inspect.KeepRule{{Name: "_ga"}, {Name: "sessionid"}}, c)
	if err != nil || added || rule.String() != "_ga" || !reflect.DeepEqual(next, []inspect.KeepRule{{Name: "sessionid"}}) {
		t.Fatalf("remove: %v %v %v %v", next, rule, added, err)
	}
	// So is a prefix rule, as in the charter format.
	pk := inspect.Cookie{Name: "_pk_id.1.abcd", Host: "data.ofgl.fr"}
	next, rule, added, err = toggledRules([]inspect.KeepRule{{Name: "_pk_*"}}, pk)
	if err != nil || added || rule.String() != "_pk_*" || len(next) != 0 {
		t.Fatalf("remove prefix: %v %v %v %v", next, rule, added, err)
	}
	// A cookie no rule can hold exactly is refused, the list unchanged.
	for _, name := range []string{"a*", "\x1b[31mred", "a b"} {
		var ke *inspect.KeepRuleError
		_, _, added, err := toggledRules(nil, inspect.Cookie{Name: name, Host: "data.ofgl.fr"})
		if added || !errors.As(err, &ke) {
			t.Errorf("%q: added %v, err %v", name, added, err)
		}
	}
}

// TestKeepRefusedInTheUI: k on a cookie no rule can hold says why, escaped,
// and writes nothing.
func TestKeepRefusedInTheUI(t *testing.T) {
	c := inspect.Cookie{Name: "\x1b[31mx*", Host: "data.ofgl.fr"}
	_, _, _, err := toggledRules(nil, c)
	m := &Model{t: i18n.For(i18n.English)}
	got := m.keepToggleError(keepToggledMsg{err: err, cookie: c.Name})
	if strings.ContainsRune(got, 0x1b) || !strings.Contains(got, "cannot be kept by a rule") {
		t.Fatalf("status %q", got)
	}
	m.keep.err = &inspect.KeepRuleError{Rule: "\x1b]0;title\a", Problem: inspect.KeepRuleControl, File: "/k/keep.txt", Line: 3}
	if got := m.keepErrorLine(); strings.ContainsAny(got, "\x1b\a") || !strings.Contains(got, "keep.txt, line 3") {
		t.Fatalf("keep list error %q", got)
	}
}
