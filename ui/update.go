package ui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// handleKey routes a key in one fixed order:
// ctrl+c, the too-small screen, the confirmation, the search input, the
// help and stores pages, then the cookie page's own keys, then the table.
func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if msg.String() == "ctrl+c" {
		return m, tea.Quit
	}
	if m.tooSmall() {
		if key.Matches(msg, m.keys.Quit) {
			return m, tea.Quit
		}
		return m, nil
	}
	if m.confirm != nil {
		return m.answerConfirm(msg)
	}
	if m.searching {
		return m.handleSearchKey(msg)
	}
	switch m.page {
	case pageHelp:
		switch {
		case key.Matches(msg, m.keys.Quit):
			return m, tea.Quit
		case key.Matches(msg, m.keys.Help, m.keys.Clear):
			m.page = pageCookies
			m.help.ShowAll = false
		}
		return m, nil
	case pageAudit:
		switch {
		case key.Matches(msg, m.keys.Quit):
			return m, tea.Quit
		case key.Matches(msg, m.keys.Audit, m.keys.Clear):
			m.page = pageCookies
			return m, nil
		case key.Matches(msg, m.keys.ClearAll):
			m.page = pageCookies
			return m, m.askClearAudited()
		}
		var cmd tea.Cmd
		m.auditV, cmd = m.auditV.Update(msg)
		return m, cmd
	case pageStores:
		switch {
		case key.Matches(msg, m.keys.Quit):
			return m, tea.Quit
		case key.Matches(msg, m.keys.Stores, m.keys.Clear):
			m.page = pageCookies
			return m, nil
		case key.Matches(msg, m.keys.Reload):
			return m, m.reload()
		}
		var cmd tea.Cmd
		m.storesV, cmd = m.storesV.Update(msg)
		return m, cmd
	}
	return m.handleCookieKey(msg)
}

func (m Model) handleCookieKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		if m.busy != busyNone {
			// q waits for the deletion or undo to end; ctrl+c does not
			// (the deletion protocol survives being cut anywhere).
			return m, m.setStatus(m.t.UIBusy, statusInfo)
		}
		return m, tea.Quit
	case key.Matches(msg, k.Help):
		m.page, m.help.ShowAll = pageHelp, true
		return m, nil
	case key.Matches(msg, k.Audit):
		m.page = pageAudit
		m.auditV.GotoTop()
		return m, nil
	case key.Matches(msg, k.Stores):
		m.page = pageStores
		m.layout()
		m.storesV.GotoTop()
		return m, nil
	case key.Matches(msg, k.NextTab):
		m.setTab((m.q.tab + 1) % len(tabFilters))
	case key.Matches(msg, k.PrevTab):
		m.setTab((m.q.tab + len(tabFilters) - 1) % len(tabFilters))
	case key.Matches(msg, k.Tab):
		m.setTab(int(msg.Code - '1'))
	case key.Matches(msg, k.Sort):
		m.q.sort = (m.q.sort + 1) % sortColumns
		m.refresh()
	case key.Matches(msg, k.Search):
		m.searching = true
		m.search.SetValue(m.q.search)
		m.search.CursorEnd()
		m.layout()
		return m, m.search.Focus()
	case key.Matches(msg, k.Clear):
		switch {
		case m.zoom:
			m.zoom = false
			m.layout()
		default:
			m.q.search, m.q.browser, m.browserIdx = "", nil, -1
			m.search.SetValue("")
			m.refresh()
		}
	case key.Matches(msg, k.Browser):
		m.cycleBrowser()
	case key.Matches(msg, k.Details):
		m.zoom, m.zoomOffset = !m.zoom, 0
		m.layout()
	case m.zoom && key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom):
		// The full details scroll; the selection stays.
		h := m.bodyHeight()
		switch {
		case key.Matches(msg, k.Up):
			m.zoomOffset--
		case key.Matches(msg, k.Down):
			m.zoomOffset++
		case key.Matches(msg, k.PageUp):
			m.zoomOffset -= h
		case key.Matches(msg, k.PageDown):
			m.zoomOffset += h
		case key.Matches(msg, k.Top):
			m.zoomOffset = 0
		case key.Matches(msg, k.Bottom):
			m.zoomOffset = 1 << 20
		}
		m.zoomOffset = min(max(m.zoomOffset, 0), m.zoomMax())
	case key.Matches(msg, k.Reveal):
		return m, m.toggleReveal()
	case key.Matches(msg, k.Mark):
		if key := m.table.selectedKey(); key != "" {
			if m.marks[key] {
				delete(m.marks, key)
			} else {
				m.marks[key] = true
			}
			m.refreshRows()
			m.table.model.MoveDown(1)
			m.syncSelection()
		}
	case key.Matches(msg, k.Delete):
		return m, m.askDelete()
	case key.Matches(msg, k.ClearAll):
		return m, m.askClear()
	case key.Matches(msg, k.Keep):
		if m.busy != busyNone {
			return m, m.setStatus(m.t.UIBusy, statusInfo)
		}
		if f, ok := m.table.selected(); ok {
			return m, toggleKeep(m.backend, f.Cookie)
		}
		return m, m.setStatus(m.t.UINothingMarked, statusInfo)
	case key.Matches(msg, k.Undo):
		if cmd, busy := m.refuseWhileBusy(); busy {
			return m, cmd
		}
		m.busy, m.busyMsg = busyUndoing, m.t.UIUndoing
		return m, tea.Batch(undoLast(m.ctx, m.backend), m.spinner.Tick)
	case key.Matches(msg, k.Reload):
		return m, m.reload()
	default:
		before := m.table.model.Cursor()
		var cmd tea.Cmd
		m.table, cmd = m.table.Update(msg)
		m.userMoved = m.userMoved || m.table.model.Cursor() != before
		m.syncSelection()
		return m, cmd
	}
	return m, nil
}

// handleSearchKey edits the search; the rows follow each key.
func (m Model) handleSearchKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "esc":
		m.searching = false
		m.search.Blur()
		m.search.SetValue("")
		m.q.search = ""
		m.layout()
		m.refresh()
		return m, nil
	case "enter", "tab", "down", "up":
		m.searching = false
		m.search.Blur()
		m.layout()
		if msg.String() == "down" || msg.String() == "up" {
			var cmd tea.Cmd
			m.table, cmd = m.table.Update(msg)
			m.syncSelection()
			return m, cmd
		}
		return m, nil
	}
	var cmd tea.Cmd
	m.search, cmd = m.search.Update(msg)
	if m.search.Value() != m.q.search {
		m.q.search = m.search.Value()
		m.refresh()
	}
	return m, cmd
}

func (m Model) handleWheel(msg tea.MouseWheelMsg) (tea.Model, tea.Cmd) {
	if m.confirm != nil || m.tooSmall() {
		return m, nil
	}
	switch m.page {
	case pageStores:
		var cmd tea.Cmd
		m.storesV, cmd = m.storesV.Update(msg)
		return m, cmd
	case pageCookies:
		if m.zoom {
			if msg.Button == tea.MouseWheelUp {
				m.zoomOffset = max(m.zoomOffset-1, 0)
			} else if msg.Button == tea.MouseWheelDown {
				m.zoomOffset = min(m.zoomOffset+1, m.zoomMax())
			}
			return m, nil
		}
		m.table, _ = m.table.Update(msg)
		m.userMoved = true
		m.syncSelection()
	}
	return m, nil
}

// zoomMax is the last useful offset of the full details.
func (m Model) zoomMax() int {
	return max(len(detailLines(m.detailInput(), m.width, m.t, m.styles))-m.bodyHeight(), 0)
}

func (m *Model) setTab(i int) {
	if i < 0 || i >= len(tabFilters) {
		return
	}
	m.q.tab = i
	m.refresh()
}

// cycleBrowser steps through every browser/profile, then all of them.
func (m *Model) cycleBrowser() {
	list := browsers(m.findings)
	m.browserIdx++
	if m.browserIdx >= len(list) {
		m.browserIdx = -1
	}
	if m.browserIdx < 0 {
		m.q.browser = nil
	} else {
		b := list[m.browserIdx]
		m.q.browser = &b
	}
	m.refresh()
}

func (m *Model) reload() tea.Cmd {
	if cmd, busy := m.refuseWhileBusy(); busy {
		return cmd
	}
	return tea.Batch(m.startLoad(), m.setStatus(m.t.UIReloading, statusInfo))
}

// refuseWhileBusy keeps one operation at a time, and no deletion before
// every store is read: clear must see all of them. When it refuses, it
// says so in the status line and returns true with the status's Cmd.
func (m *Model) refuseWhileBusy() (tea.Cmd, bool) {
	if m.busy != busyNone || m.loading {
		return m.setStatus(m.t.UIBusy, statusInfo), true
	}
	return nil, false
}

// toggleReveal reads the selected cookie's value, or masks it again.
func (m *Model) toggleReveal() tea.Cmd {
	f, ok := m.table.selected()
	if !ok {
		return nil
	}
	key := cookieKey(f.Cookie)
	if m.revealedKey == key {
		m.revealed, m.revealedKey = nil, ""
		return nil
	}
	m.revealingKey = key
	return tea.Batch(reveal(m.ctx, m.backend, f.Cookie, key), m.spinner.Tick)
}

// askDelete opens the confirmation for the marked cookies, or the
// selected one when none is marked. Keep rules hold here as in the CLI.
func (m *Model) askDelete() tea.Cmd {
	if cmd, busy := m.refuseWhileBusy(); busy {
		return cmd
	}
	if m.keepErr != nil {
		return m.setStatus(sprintf(m.t.UIKeepListBroken, m.keepErrorLine()), statusError)
	}
	var chosen []inspect.Finding
	for i, f := range m.findings {
		if m.marks[m.entries[i].key] {
			chosen = append(chosen, f)
		}
	}
	if len(chosen) == 0 {
		f, ok := m.table.selected()
		if !ok {
			return m.setStatus(m.t.UINothingMarked, statusInfo)
		}
		if r, kept := inspect.Kept(m.keep, f.Cookie); kept {
			return m.setStatus(sprintf(m.t.UIKeptNotDeleted, clean(f.Name)+" ("+report.KeepRule(r)+")"), statusInfo)
		}
		chosen = []inspect.Finding{f}
	}
	remove, kept := splitKept(chosen, m.keep)
	if len(remove) == 0 {
		return m.setStatus(m.t.UIAllKept, statusInfo)
	}
	title := m.t.N(m.t.UIConfirmDelete, len(remove))
	m.confirm = newConfirm(title, remove, kept, m.keep, m.t)
	return nil
}

// askClear opens the confirmation for every non-essential cookie of every
// store, less what the keep list keeps.
func (m *Model) askClear() tea.Cmd {
	if cmd, busy := m.refuseWhileBusy(); busy {
		return cmd
	}
	if m.keepErr != nil {
		return m.setStatus(sprintf(m.t.UIKeepListBroken, m.keepErrorLine()), statusError)
	}
	var chosen []inspect.Finding
	for _, f := range m.findings {
		if !f.Match.Category.Essential() {
			chosen = append(chosen, f)
		}
	}
	if len(chosen) == 0 {
		return m.setStatus(m.t.UINothingToClear, statusInfo)
	}
	remove, kept := splitKept(chosen, m.keep)
	if len(remove) == 0 {
		return m.setStatus(m.t.UIAllKept, statusInfo)
	}
	m.confirm = newConfirm(m.t.N(m.t.UIConfirmClear, len(remove)), remove, kept, m.keep, m.t)
	return nil
}

// answerConfirm: y deletes, every other key cancels.
func (m Model) answerConfirm(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	c := m.confirm
	m.confirm = nil
	if c.answer(msg) != confirmYes {
		return m, m.setStatus(m.t.Cancelled, statusInfo)
	}
	cookies := c.cookies()
	m.busy, m.busyMsg = busyDeleting, fmt.Sprintf(m.t.UIDeleting, m.t.CookieCount(len(cookies)))
	return m, tea.Batch(deleteCookies(m.ctx, m.backend, cookies), m.spinner.Tick)
}

func splitKept(fs []inspect.Finding, rules []inspect.KeepRule) (remove, kept []inspect.Finding) {
	for _, f := range fs {
		if _, ok := inspect.Kept(rules, f.Cookie); ok {
			kept = append(kept, f)
		} else {
			remove = append(remove, f)
		}
	}
	return remove, kept
}

// deletionStatus sums a batch up in one line: what went, and for every
// store refused, the browser and profile to close.
func deletionStatus(msg deletedMsg, t *i18n.Strings) (string, statusKind) {
	if msg.err != nil && len(msg.result.Stores) == 0 {
		return sprintf(t.ResultFailed, inspect.OneLine(msg.err.Error())), statusError
	}
	deleted, stores := 0, 0
	var problems []string
	for _, s := range msg.result.Stores {
		if n := len(s.Deleted); n > 0 {
			deleted += n
			stores++
		}
		switch {
		case s.Refused:
			problems = append(problems, sprintf(t.UIRefused, t.Error(s.Err)))
		case s.Busy != nil:
			where := browserKey{s.Store.Browser, s.Store.Profile}.String()
			problems = append(problems, fmt.Sprintf(t.UIStoreBusy, where, report.Busy(t, s.Busy)))
		case s.Change == inspect.ChangeRolledBack:
			where := browserKey{s.Store.Browser, s.Store.Profile}.String()
			problems = append(problems, fmt.Sprintf(t.UIStoreRolledBack, where, t.Error(s.Err)))
		case s.Change == inspect.ChangePartly, s.Err != nil && len(s.Deleted) > 0:
			// Something went: "nothing changed there" would be false.
			where := browserKey{s.Store.Browser, s.Store.Profile}.String()
			problems = append(problems, fmt.Sprintf(t.UIStorePartly, where, t.Error(s.Err)))
		case s.Err != nil:
			where := browserKey{s.Store.Browser, s.Store.Profile}.String()
			problems = append(problems, fmt.Sprintf(t.UIStoreFailed, where, t.Error(s.Err)))
		}
	}
	if msg.err != nil {
		problems = append(problems, inspect.OneLine(msg.err.Error()))
	}
	var parts []string
	// What to close first: the line may be cut on a small terminal.
	parts = append(parts, problems...)
	if deleted > 0 {
		parts = append(parts, t.Nf(t.UIDeleted, deleted, t.CookieCount(deleted), t.StoreCount(stores)))
	} else {
		parts = append(parts, t.UIDeletedNone)
	}
	kind := statusInfo
	if len(problems) > 0 {
		kind = statusError
	}
	return strings.Join(parts, " "), kind
}

func undoStatus(msg undoneMsg, t *i18n.Strings) (string, statusKind) {
	switch {
	case errors.Is(msg.err, ErrNothingToUndo):
		return t.UndoNone, statusInfo
	case msg.err != nil && len(msg.results) == 0:
		return sprintf(t.UIUndoFailed, inspect.OneLine(msg.err.Error())), statusError
	}
	restored := 0
	var problems []string
	for _, r := range msg.results {
		restored += r.Restored
		switch {
		case r.Refused:
			problems = append(problems, sprintf(t.UIUndoRefused, t.Error(r.Err)))
		case r.Err != nil:
			problems = append(problems, sprintf(t.UIUndoFailed, t.Error(r.Err)))
		}
	}
	if msg.err != nil {
		problems = append(problems, sprintf(t.UIUndoFailed, inspect.OneLine(msg.err.Error())))
	}
	if len(problems) > 0 {
		return strings.Join(append(problems, t.Nf(t.UIUndone, restored, t.CookieCount(restored), msg.id)), " "), statusError
	}
	return t.Nf(t.UIUndone, restored, t.CookieCount(restored), msg.id), statusInfo
}

// sprintf formats a one-argument table string.
func sprintf(format, arg string) string { return fmt.Sprintf(format, arg) }
