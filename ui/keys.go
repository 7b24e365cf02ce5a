package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/table"

	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// keyMap is every key of the UI. Every key press is matched against it
// with key.Matches, and help is generated from it, so what the help says
// is what the keys do. It is built once per model; enable switches off
// what cannot act in the current state, which hides it from help.
type keyMap struct {
	// Moving: the table, the details, the help and the history.
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	// Choosing the rows.
	NextTab, PrevTab, Tab, Sort, Reverse, Search, Clear, Browser key.Binding
	// Looking at one cookie.
	Details, Reveal key.Binding
	// Acting on cookies.
	Mark, MarkAll, UnmarkAll, Delete, ClearAll, Keep, Undo, History key.Binding
	// The program.
	Reload, Stores, Audit, Help, Quit, ForceQuit key.Binding
	// The audit page: clear the non-essential cookies it names.
	AuditClear key.Binding
	// The search input.
	SearchDone, SearchCancel key.Binding
	// The confirmation: yes for the rows shown, all for every store, and
	// every other key cancels (Cancel only names them in the help).
	Confirm, ConfirmAll, Cancel key.Binding
	// The history: undo the batch under the cursor.
	UndoBatch key.Binding
	// Back closes help, stores, history and the full details.
	Back key.Binding
}

// newKeyMap builds the keys with their help in the user's language.
func newKeyMap(t *i18n.Strings) keyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return keyMap{
		Up:           b([]string{"up", "k", "ctrl+p"}, "↑/k", t.UIKeyUp),
		Down:         b([]string{"down", "j", "ctrl+n"}, "↓/j", t.UIKeyDown),
		PageUp:       b([]string{"pgup", "ctrl+b"}, "pgup", t.UIKeyPage),
		PageDown:     b([]string{"pgdown", "ctrl+f"}, "pgup/pgdn", t.UIKeyPage),
		Top:          b([]string{"home", "g"}, "g/G", t.UIKeyEnds),
		Bottom:       b([]string{"end", "G"}, "G", t.UIKeyEnds),
		NextTab:      b([]string{"tab", "right", "l"}, "tab/⇧tab", t.UIKeyTabs),
		PrevTab:      b([]string{"shift+tab", "left", "h"}, "⇧tab", t.UIKeyTabs),
		Tab:          b([]string{"1", "2", "3", "4", "5", "6", "7"}, "1-7", t.UIKeyTabNumbers),
		Sort:         b([]string{"s"}, "s", t.UIKeySort),
		Reverse:      b([]string{"o"}, "o", t.UIKeyReverse),
		Search:       b([]string{"/"}, "/", t.UIKeySearch),
		Clear:        b([]string{"esc"}, "esc", t.UIKeyClear),
		Browser:      b([]string{"b"}, "b", t.UIKeyBrowser),
		Details:      b([]string{"enter"}, "enter", t.UIKeyDetails),
		Reveal:       b([]string{"v"}, "v", t.UIKeyReveal),
		Mark:         b([]string{"space"}, "space", t.UIKeyMark),
		MarkAll:      b([]string{"ctrl+a"}, "ctrl+a", t.UIKeyMarkAll),
		UnmarkAll:    b([]string{"A"}, "A", t.UIKeyUnmarkAll),
		Delete:       b([]string{"d", "delete"}, "d", t.UIKeyDelete),
		ClearAll:     b([]string{"c"}, "c", t.UIKeyClearAll),
		Keep:         b([]string{"K"}, "K", t.UIKeyKeep),
		Undo:         b([]string{"u"}, "u", t.UIKeyUndo),
		History:      b([]string{"U"}, "U", t.UIKeyHistory),
		Reload:       b([]string{"r"}, "r", t.UIKeyReload),
		Stores:       b([]string{"S"}, "S", t.UIKeyStores),
		Audit:        b([]string{"a"}, "a", t.UIKeyAudit),
		AuditClear:   b([]string{"c"}, "c", t.UIKeyAuditClear),
		Help:         b([]string{"?"}, "?", t.UIKeyHelp),
		Quit:         b([]string{"q"}, "q", t.UIKeyQuit),
		ForceQuit:    b([]string{"ctrl+c"}, "ctrl+c", t.UIKeyQuit),
		SearchDone:   b([]string{"enter", "tab"}, "enter", t.UIKeyEnterSearch),
		SearchCancel: b([]string{"esc"}, "esc", t.UIKeyClearSearch),
		Confirm:      b(yesKeys(t), strings.Join(yesKeys(t), "/"), t.UIKeyConfirm),
		ConfirmAll:   b([]string{"a"}, "a", t.UIKeyConfirmAll),
		Cancel:       b([]string{"n", "enter", "esc"}, "n/enter/esc", t.UIKeyCancel),
		UndoBatch:    b([]string{"u", "enter"}, "u/enter", t.UIKeyUndoBatch),
		Back:         b([]string{"esc"}, "esc", t.UIKeyBack),
	}
}

// enable switches every binding on or off for the state the model is in,
// so that help lists only what works now: while a deletion, an undo or a
// load runs, nothing that deletes, undoes or reloads.
func (k *keyMap) enable(s state, busy, canClearAll bool) {
	all := []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom,
		&k.NextTab, &k.PrevTab, &k.Tab, &k.Sort, &k.Reverse, &k.Search, &k.Clear, &k.Browser,
		&k.Details, &k.Reveal, &k.Mark, &k.MarkAll, &k.UnmarkAll, &k.Delete, &k.ClearAll, &k.Keep,
		&k.Undo, &k.History, &k.Reload, &k.Stores, &k.Audit, &k.AuditClear, &k.Help, &k.Quit,
		&k.SearchDone, &k.SearchCancel, &k.Confirm, &k.ConfirmAll, &k.Cancel, &k.UndoBatch, &k.Back}
	for _, b := range all {
		b.SetEnabled(false)
	}
	on := func(bs ...*key.Binding) {
		for _, b := range bs {
			b.SetEnabled(true)
		}
	}
	k.ForceQuit.SetEnabled(true)
	switch s {
	case stateBrowse:
		on(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.NextTab, &k.PrevTab, &k.Tab,
			&k.Sort, &k.Reverse, &k.Search, &k.Clear, &k.Browser, &k.Details, &k.Reveal,
			&k.Mark, &k.MarkAll, &k.UnmarkAll, &k.History, &k.Stores, &k.Audit, &k.Help, &k.Quit)
		if !busy {
			on(&k.Delete, &k.ClearAll, &k.Keep, &k.Undo, &k.Reload)
		}
	case stateDetails:
		on(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.Back, &k.Details, &k.Reveal, &k.Help, &k.Quit)
	case stateSearch:
		on(&k.SearchDone, &k.SearchCancel, &k.Up, &k.Down)
	case stateConfirm:
		on(&k.Confirm, &k.Cancel)
		if canClearAll {
			on(&k.ConfirmAll)
		}
	case stateHelp, stateStores:
		on(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.Back, &k.Help, &k.Stores, &k.Quit)
		if !busy {
			on(&k.Reload)
		}
	case stateAudit:
		on(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.Back, &k.Audit, &k.Help, &k.Quit)
		if !busy {
			on(&k.AuditClear)
		}
	case stateHistory:
		on(&k.Up, &k.Down, &k.Top, &k.Bottom, &k.Back, &k.History, &k.Help, &k.Quit)
		if !busy {
			on(&k.UndoBatch)
		}
	}
	// Quit stays a key while busy: it then says to wait.
}

// ShortHelp is the footer, most needed first: the help bubble cuts the
// line on the right, so a narrow terminal keeps the first ones.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Help, k.Quit, k.Back, k.Delete, k.ClearAll, k.AuditClear, k.Mark, k.Search, k.NextTab,
		k.Undo, k.History, k.Keep, k.Confirm, k.ConfirmAll, k.Cancel, k.SearchDone, k.SearchCancel, k.UndoBatch}
}

// FullHelp is the ? screen, in columns: move, view, act, app. Every key is
// here, the disabled ones hidden.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageDown, k.Top},
		{k.NextTab, k.Tab, k.Sort, k.Reverse, k.Search, k.Clear, k.Browser, k.Details, k.Reveal},
		{k.Mark, k.MarkAll, k.UnmarkAll, k.Delete, k.ClearAll, k.Keep, k.Undo, k.History},
		{k.Reload, k.Stores, k.Audit, k.Help, k.Quit, k.Back, k.Confirm, k.ConfirmAll, k.Cancel},
	}
}

// enableHelp sets the ? screen's key map: every key of the cookie screen
// and the dialog's answers, whatever the current state, less what cannot
// act while busy.
func (k *keyMap) enableHelp(busy bool) {
	k.enable(stateBrowse, busy, true)
	k.Confirm.SetEnabled(true)
	k.ConfirmAll.SetEnabled(true)
	k.Cancel.SetEnabled(true)
	k.Back.SetEnabled(true)
}

// tableKeys gives the bubbles table our movement keys only: its defaults
// bind d, u, b, f and space to paging, which are actions here.
func (k keyMap) tableKeys() table.KeyMap {
	none := key.NewBinding(key.WithDisabled())
	return table.KeyMap{
		LineUp: k.Up, LineDown: k.Down, PageUp: k.PageUp, PageDown: k.PageDown,
		HalfPageUp: none, HalfPageDown: none, GotoTop: k.Top, GotoBottom: k.Bottom,
	}
}

// yesKeys are the one-letter yes answers of the language: y, and o in
// French (oui), as the CLI's prompt accepts.
func yesKeys(t *i18n.Strings) []string {
	var out []string
	for _, w := range strings.Fields(t.YesAnswers) {
		if len(w) == 1 {
			out = append(out, w)
		}
	}
	return out
}
