package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// The golden files are the screens as text (ANSI stripped),
// in testdata/<test>/<case>.golden. Refresh them with
//
//	go test ./ui -run Golden -update

func TestGoldenScreens(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.English, i18n.French} {
		for _, size := range [][2]int{{60, 24}, {100, 30}, {140, 36}} {
			t.Run(fmt.Sprintf("%s-%d", lang, size[0]), func(t *testing.T) {
				h := newHarness(t, newFake(), lang, size[0], size[1])
				golden.RequireEqual(t, h.view())
			})
		}
	}
}

// TestGoldenStates covers the other screens at 80x24, the size a new
// terminal opens at.
func TestGoldenStates(t *testing.T) {
	states := map[string]func(h *harness){
		"confirm-clear": func(h *harness) { h.keys("3", "c") },
		"confirm-marks": func(h *harness) { h.keys("space", "space", "d") },
		"confirm-shown": func(h *harness) { h.keys("b", "c") },
		"history":       func(h *harness) { h.keys("d", "y", "j", "ctrl+a", "d", "y", "U") },
		"marked-all":    func(h *harness) { h.keys("b", "ctrl+a", "j") },
		"help":          func(h *harness) { h.keys("?") },
		"stores":        func(h *harness) { h.keys("S") },
		"audit":         func(h *harness) { h.keys("a") },
		"audit-clear":   func(h *harness) { h.keys("a", "c") },
		"search":        func(h *harness) { h.keys("/", "_", "g") },
		"filters":       func(h *harness) { h.keys("b", "b", "s", "4") },
		"details":       func(h *harness) { h.keys("down", "down", "enter") },
		"refused": func(h *harness) {
			h.m.backend.(*fakeBackend).refuse[firefoxPath] = "firefox is running (profile default-release)"
			h.keys("c", "y")
		},
		"too-small": func(h *harness) { h.send(tea.WindowSizeMsg{Width: 45, Height: 12}) },
	}
	for _, lang := range []i18n.Lang{i18n.English, i18n.French} {
		for name, do := range states {
			t.Run(fmt.Sprintf("%s-%s", lang, name), func(t *testing.T) {
				h := newHarness(t, newFake(), lang, 80, 24)
				do(h)
				golden.RequireEqual(t, h.view())
			})
		}
		t.Run(fmt.Sprintf("%s-no-stores", lang), func(t *testing.T) {
			h := newHarness(t, &fakeBackend{}, lang, 80, 24)
			golden.RequireEqual(t, h.view())
		})
		t.Run(fmt.Sprintf("%s-first-frame", lang), func(t *testing.T) {
			m := New(Options{Lang: lang, Backend: newFake()})
			h := &harness{t: t, m: m}
			h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
			golden.RequireEqual(t, h.view())
		})
	}
}
