package ui

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// The fake's stores (fake_test.go): chromium/Default holds 3 non-essential
// cookies (_ga, _pk_id.1.abcd, ofgl_session), chromium/Work 1 (_ga),
// firefox/default-release 1 (trk_pixel): 5 in all; b first filters on
// chromium/Default.

func TestClearActsOnTheRowsShown(t *testing.T) {
	b := newFake()
	h := newHarness(t, b, i18n.English, 100, 30)
	h.keys("b", "c")
	h.mustShow("Clear the 3 non-essential cookies shown? (5 non-essential in all)",
		"from chromium/Default", "y: clear the 3 shown · a: clear all 5")
	if v := h.view(); strings.Contains(v, "from chromium/Work") || strings.Contains(v, "from firefox") {
		t.Errorf("the dialog names a store not shown:\n%s", v)
	}
	h.keys("y")
	if len(b.deleted) != 1 || len(b.deleted[0]) != 3 {
		t.Fatalf("y deleted %v, want the 3 shown", b.deleted)
	}
	for _, c := range b.deleted[0] {
		if c.Store.Profile != "Default" {
			t.Errorf("y deleted %s of %s/%s, not shown", c.Name, c.Store.Browser, c.Store.Profile)
		}
	}
	// The wider scope is a second, explicit answer.
	h.keys("esc", "c")
	h.mustShow("Clear the 2 non-essential cookies?")
	h.keys("n")
	h.keys("b", "b", "c") // chromium/Work: 1 shown, 2 in all
	h.mustShow("Clear the 1 non-essential cookie shown? (2 non-essential in all)", "a: clear all 2")
	h.keys("a")
	if len(b.deleted) != 2 || len(b.deleted[1]) != 2 {
		t.Fatalf("a deleted %v, want every non-essential cookie left", b.deleted)
	}
}

func TestClearWithNothingShownOffersOnlyAll(t *testing.T) {
	b := newFake()
	h := newHarness(t, b, i18n.English, 100, 30)
	h.keys("2", "c") // the necessary tab: nothing to clear there
	h.mustShow("No non-essential cookie is shown; 5 in all", "a: clear all 5")
	h.keys("y")
	if len(b.deleted) != 0 {
		t.Fatalf("y deleted %v with nothing shown", b.deleted)
	}
}

func TestMarkAllShownAndUnmarkAll(t *testing.T) {
	b := newFake()
	h := newHarness(t, b, i18n.English, 100, 30)
	h.keys("b", "ctrl+a")
	if len(h.m.sel.marks) != len(h.m.rows.visible) || len(h.m.sel.marks) == 0 {
		t.Fatalf("ctrl+a marked %d of %d rows shown", len(h.m.sel.marks), len(h.m.rows.visible))
	}
	h.mustShow("✓ _ga")
	h.keys("A")
	if len(h.m.sel.marks) != 0 {
		t.Fatalf("A left %d marks", len(h.m.sel.marks))
	}
	// d acts on the marked rows, else on the selected one.
	h.keys("ctrl+a", "d")
	h.mustShow("Delete these " + strconv.Itoa(len(h.m.sel.marks)))
	h.keys("n", "A", "d")
	h.mustShow("Delete this cookie?")
}

func TestHistoryUndoesAnyBatch(t *testing.T) {
	b := newFake()
	h := newHarness(t, b, i18n.English, 100, 30)
	h.selectName("trk_pixel")
	h.keys("d", "y")
	h.selectName("ofgl_session")
	h.keys("d", "y")
	if len(b.batches) != 2 {
		t.Fatalf("%d batches", len(b.batches))
	}
	h.keys("U")
	h.mustShow("Deletion history (2)", "can be undone", "firefox/default-release: trk_pixel", "chromium/Default: ofgl_session")
	// The older batch, second in the list, newest first.
	h.keys("j", "u")
	if !b.batches[0].undone || b.batches[1].undone {
		t.Fatalf("undone: first %v, second %v; want only the first", b.batches[0].undone, b.batches[1].undone)
	}
	h.mustShow("undone")
	h.keys("esc")
	if h.m.state != stateBrowse {
		t.Errorf("esc left the history in %s", h.m.state)
	}
	h.mustShow("trk_pixel")
}

func TestJKMoveAndOReverses(t *testing.T) {
	h := newHarness(t, newFake(), i18n.English, 100, 30)
	first := h.selected()
	h.keys("j")
	if h.selected() == first {
		t.Fatal("j did not move down")
	}
	h.mustShow("2/9")
	h.keys("k")
	if h.selected() != first {
		t.Fatal("k did not move back up")
	}
	h.keys("s") // by name
	h.keys("g")
	byName := h.selected()
	h.keys("o", "g")
	if h.selected() == byName || !strings.Contains(h.view(), "NAME▼") {
		t.Errorf("o did not reverse the order: first %s, then %s\n%s", byName, h.selected(), h.view())
	}
}

// TestHelpScrollsWhole: at 60x20 every key of the help shows, scrolling.
func TestHelpScrollsWhole(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.English, i18n.French} {
		h := newHarness(t, newFake(), lang, 60, 20)
		h.keys("?")
		seen := h.view()
		for i := 0; i < 40; i++ {
			h.keys("down")
			seen += h.view()
		}
		for _, group := range h.m.helpKeys.FullHelp() {
			for _, k := range group {
				if k.Enabled() && !strings.Contains(seen, k.Help().Desc) {
					t.Errorf("%s: the help at 60x20 never shows %q (%s)", lang, k.Help().Desc, k.Help().Key)
				}
			}
		}
		if !strings.Contains(seen, i18n.For(lang).UIKeyUndo) || !strings.Contains(seen, i18n.For(lang).UIKeyQuit) {
			t.Errorf("%s: help lacks undo or quit", lang)
		}
	}
}

func TestBusyDisablesKeysInHelp(t *testing.T) {
	h := newHarness(t, newFake(), i18n.English, 100, 30)
	h.mustShow("d delete", "c clear non-essential")
	h.m.task = task{kind: taskDeleting, msg: "deleting"}
	h.keys("?")
	v := h.view()
	for _, desc := range []string{"clear non-essential", "reload", "undo this", "keep list"} {
		if strings.Contains(v, desc) {
			t.Errorf("help shows %q while deleting:\n%s", desc, v)
		}
	}
	h.mustShow("mark", "search")
}

// TestCountLineAddsUp: the header's count line sums to the total it
// stands under, with and without filters.
func TestCountLineAddsUp(t *testing.T) {
	h := newHarness(t, newFake(), i18n.English, 140, 30)
	re := regexp.MustCompile(`(\d+) (necessary|statistics|first-party|third-party|unclassified)`)
	sum := func() int {
		line := strings.Split(h.view(), "\n")[1]
		n := 0
		for _, m := range re.FindAllStringSubmatch(line, -1) {
			v, _ := strconv.Atoi(m[1])
			n += v
		}
		return n
	}
	if got := sum(); got != len(h.m.data.findings) {
		t.Errorf("count line adds up to %d, want %d", got, len(h.m.data.findings))
	}
	h.keys("b")
	h.mustShow("5 of 9 shown:")
	if got := sum(); got != 5 {
		t.Errorf("filtered count line adds up to %d, want 5", got)
	}
	h.keys("/", "_", "g", "enter")
	h.mustShow("1 of 9 shown:", "1 All 1")
}

func TestRunReportsAFailedRead(t *testing.T) {
	b := &fakeBackend{listErr: &inspect.Problem{Kind: inspect.ProblemUnrecognised, Path: "/etc/passwd"}}
	h := newHarness(t, b, i18n.French, 100, 30)
	err := h.m.readFailure()
	var re *ReadError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "/etc/passwd: format de magasin de cookies inconnu") {
		t.Fatalf("readFailure: %v", err)
	}
	h.keys("S")
	if v := h.view(); strings.Contains(v, "Aucun magasin") {
		t.Errorf("the stores view says none was found:\n%s", v)
	}
	// Every store failing is a failure too; one read is not.
	b = newFake()
	for _, s := range b.stores {
		s.fail = &inspect.Problem{Kind: inspect.ProblemUnrecognised}
	}
	if err := newHarness(t, b, i18n.English, 100, 30).m.readFailure(); err == nil {
		t.Error("every store failed, and no error")
	}
	if err := newHarness(t, newFake(), i18n.English, 100, 30).m.readFailure(); err != nil {
		t.Errorf("a good read: %v", err)
	}
}
