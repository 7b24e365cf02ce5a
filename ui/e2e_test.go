package ui

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// These run the model in a real Bubble Tea program (teatest v2): real
// Cmds, real ticks, the real renderer, on the fake backend. The renderer
// writes only what changed, so words are not always whole in its output
// bytes: the tests read the screen the model renders after
// each Update instead, recorded by a thin wrapper.

const e2eWait = 15 * time.Second

// recorder wraps the model and keeps the text of its latest screen.
type recorder struct {
	Model
	mu     *sync.Mutex
	screen *string
}

func newRecorder(m Model) recorder {
	s := ""
	return recorder{Model: m, mu: &sync.Mutex{}, screen: &s}
}

func (r recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := r.Model.Update(msg)
	r.Model = next.(Model)
	text := strings.ReplaceAll(ansi.Strip(r.Model.render()), "\u00a0", " ")
	r.mu.Lock()
	*r.screen = text
	r.mu.Unlock()
	return r, cmd
}

// waitFor waits until the screen shows every word.
func (r recorder) waitFor(t *testing.T, words ...string) {
	t.Helper()
	deadline := time.Now().Add(e2eWait)
	for {
		r.mu.Lock()
		screen := *r.screen
		r.mu.Unlock()
		missing := ""
		for _, w := range words {
			if !strings.Contains(screen, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the screen never showed %q:\n%s", missing, screen)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestEndToEndClearNonEssential(t *testing.T) {
	b := newFake()
	rec := newRecorder(New(Options{Lang: i18n.English, Backend: b, Now: func() time.Time { return testNow }, Location: time.UTC}))
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(120, 40))
	rec.waitFor(t, "trk_pixel", "9 cookies · 4 stores")
	tm.Type("3")
	rec.waitFor(t, "sort: browser/profile", "ofgl_session")
	tm.Type("c")
	rec.waitFor(t, "Clear the 5 non-essential cookies?", "y: delete")
	tm.Type("y")
	rec.waitFor(t, "Deleted 5 cookies from 3 stores", "4 cookies · 4 stores", "No cookie in this tab.")
	tm.Type("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(e2eWait)).(recorder)
	if len(final.data.findings) != 4 {
		t.Errorf("%d cookies left, want the 4 necessary ones", len(final.data.findings))
	}
	for _, f := range final.data.findings {
		if !f.Match.Category.Essential() {
			t.Errorf("%s left", f.Name)
		}
	}
	if got := b.names(chromeWork); len(got) != 0 {
		t.Errorf("chromium Work left %v", got)
	}
}

func TestEndToEndMarkCancelDeleteUndoFrench(t *testing.T) {
	b := newFake()
	rec := newRecorder(New(Options{Lang: i18n.French, Backend: b, Now: func() time.Time { return testNow }, Location: time.UTC}))
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(100, 30))
	rec.waitFor(t, "9 cookies · 4 magasins")
	tm.Send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	rec.waitFor(t, "1 marqué")
	tm.Type("d")
	rec.waitFor(t, "Supprimer ce cookie ?")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter}) // Enter cancels
	rec.waitFor(t, "Rien n'a été supprimé.")
	if len(b.deleted) != 0 {
		t.Fatalf("Enter deleted %v", b.deleted)
	}
	tm.Type("d")
	rec.waitFor(t, "o/y : supprimer")
	tm.Type("o") // the French yes
	rec.waitFor(t, "1 cookie supprimé dans 1 magasin", "8 cookies")
	tm.Type("u")
	rec.waitFor(t, "1 cookie restauré", "9 cookies")
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(e2eWait)).(recorder)
	if len(final.data.findings) != 9 || len(final.sel.marks) != 0 {
		t.Errorf("after undo: %d cookies, marks %v", len(final.data.findings), final.sel.marks)
	}
	if got := b.names(chromeDefault); !reflect.DeepEqual(got[len(got)-1:], []string{"_ga"}) {
		t.Errorf("the undone cookie is not back: %v", got)
	}
}
