package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/table"

	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// keyMap is every key of the cookie screen. Help is generated from it, so
// what the help says is what the keys do.
type keyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	NextTab, PrevTab, Tab                   key.Binding
	Sort, Search, Clear, Browser            key.Binding
	Details, Reveal, Mark                   key.Binding
	Delete, ClearAll, Keep, Undo, Reload    key.Binding
	Stores, Help, Quit                      key.Binding
	Audit                                   key.Binding
	// Confirm and Cancel are the dialog's answers; listed in the help only.
	Confirm, Cancel key.Binding
}

// newKeyMap builds the keys with their help in the user's language.
func newKeyMap(t *i18n.Strings) keyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return keyMap{
		// No j/k: k is the keep list, as the key table says.
		Up:       b([]string{"up", "ctrl+p"}, "↑", t.UIKeyUp),
		Down:     b([]string{"down", "ctrl+n"}, "↓", t.UIKeyDown),
		PageUp:   b([]string{"pgup"}, "pgup", t.UIKeyPage),
		PageDown: b([]string{"pgdown"}, "pgup/pgdn", t.UIKeyPage),
		Top:      b([]string{"home", "g"}, "g/G", t.UIKeyEnds),
		Bottom:   b([]string{"end", "G"}, "G", t.UIKeyEnds),
		NextTab:  b([]string{"tab", "right"}, "tab/⇧tab", t.UIKeyTabs),
		PrevTab:  b([]string{"shift+tab", "left"}, "⇧tab", t.UIKeyTabs),
		Tab:      b([]string{"1", "2", "3", "4", "5", "6", "7"}, "1-7", t.UIKeyTabNumbers),
		Sort:     b([]string{"s"}, "s", t.UIKeySort),
		Search:   b([]string{"/"}, "/", t.UIKeySearch),
		Clear:    b([]string{"esc"}, "esc", t.UIKeyClear),
		Browser:  b([]string{"b"}, "b", t.UIKeyBrowser),
		Details:  b([]string{"enter"}, "enter", t.UIKeyDetails),
		Reveal:   b([]string{"v"}, "v", t.UIKeyReveal),
		Mark:     b([]string{"space"}, "space", t.UIKeyMark),
		Delete:   b([]string{"d", "delete"}, "d", t.UIKeyDelete),
		ClearAll: b([]string{"c"}, "c", t.UIKeyClearAll),
		Keep:     b([]string{"k"}, "k", t.UIKeyKeep),
		Undo:     b([]string{"u"}, "u", t.UIKeyUndo),
		Reload:   b([]string{"r"}, "r", t.UIKeyReload),
		Stores:   b([]string{"S"}, "S", t.UIKeyStores),
		Audit:    b([]string{"a"}, "a", t.UIKeyAudit),
		Help:     b([]string{"?"}, "?", t.UIKeyHelp),
		Quit:     b([]string{"q", "ctrl+c"}, "q", t.UIKeyQuit),
		Confirm:  b(yesKeys(t), strings.Join(yesKeys(t), "/"), t.UIKeyConfirm),
		Cancel:   b([]string{"n", "enter", "esc"}, "n/enter/…", t.UIKeyCancel),
	}
}

// ShortHelp is the footer: the keys a first-time user needs.
func (k keyMap) ShortHelp() []key.Binding {
	// Help and quit first: the help bubble cuts the line on the right.
	return []key.Binding{k.Help, k.Quit, k.Delete, k.Mark, k.ClearAll, k.Keep, k.Undo, k.Search, k.NextTab}
}

// FullHelp is the ? screen, in columns: move, view, act, app.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageDown, k.Top},
		{k.NextTab, k.Tab, k.Sort, k.Search, k.Clear, k.Browser, k.Details},
		{k.Reveal, k.Mark, k.Delete, k.ClearAll, k.Keep, k.Undo},
		{k.Reload, k.Stores, k.Audit, k.Help, k.Quit, k.Confirm, k.Cancel},
	}
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
