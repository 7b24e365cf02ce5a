package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// handleKey routes a key in one fixed order (superfile's handleKeyInput):
// ctrl+c, the too-small screen, then the handler of the current state.
// Every key is matched against the key map; a key switched off for the
// state does nothing, or says to wait when a task holds it.
func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if key.Matches(msg, m.keys.ForceQuit) {
		return m, tea.Quit
	}
	if m.tooSmall() {
		if key.Matches(msg, m.keys.Quit) {
			return m, tea.Quit
		}
		return m, nil
	}
	switch m.state {
	case stateConfirm:
		return m.answerConfirm(msg)
	case stateSearch:
		return m.handleSearchKey(msg)
	case stateHelp:
		return m.handleHelpKey(msg)
	case stateStores:
		return m.handleStoresKey(msg)
	case stateHistory:
		return m.handleHistoryKey(msg)
	case stateDetails:
		return m.handleDetailsKey(msg)
	case stateAudit:
		return m.handleAuditKey(msg)
	}
	return m.handleBrowseKey(msg)
}

// quit ends the program, unless a deletion or an undo runs: q waits for
// it, ctrl+c does not (the deletion protocol survives being cut anywhere).
func (m Model) quit() (tea.Model, tea.Cmd) {
	if m.task.running() {
		return m, m.setStatus(m.t.UIBusy, statusInfo)
	}
	return m, tea.Quit
}

// setState moves to another screen.
func (m *Model) setState(s state) {
	m.state = s
	m.layout()
}

func (m Model) handleHelpKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	return m.handlePageKey(msg, m.keys.Help, func(m *Model) *viewport.Model { return &m.helpV })
}

func (m Model) handleStoresKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if key.Matches(msg, m.keys.Reload) {
		return m, m.reload()
	}
	return m.handlePageKey(msg, m.keys.Stores, func(m *Model) *viewport.Model { return &m.storesV })
}

// handlePageKey is the keys of a page that is one scrolling text (help,
// stores, audit): its own key or esc goes back, q quits, g and G go to
// the top and the bottom, and the others scroll it. page picks the
// page's viewport in the model being changed.
func (m Model) handlePageKey(msg tea.KeyPressMsg, own key.Binding, page func(*Model) *viewport.Model) (tea.Model, tea.Cmd) {
	k := m.keys
	vp := page(&m)
	switch {
	case key.Matches(msg, own, k.Back):
		m.setState(stateBrowse)
		return m, nil
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
		return m, nil
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
		return m, nil
	}
	var cmd tea.Cmd
	*vp, cmd = vp.Update(msg)
	return m, cmd
}

func (m Model) handleHistoryKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.History, k.Back):
		m.setState(stateBrowse)
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Up):
		m.hist.move(-1)
	case key.Matches(msg, k.Down):
		m.hist.move(1)
	case key.Matches(msg, k.Top):
		m.hist.move(-len(m.hist.batches))
	case key.Matches(msg, k.Bottom):
		m.hist.move(len(m.hist.batches))
	case key.Matches(msg, k.UndoBatch):
		return m, m.undoSelectedBatch()
	default:
		return m, m.refuseIfHeld(msg)
	}
	return m, nil
}

// handleDetailsKey scrolls the full details; the selection stays.
func (m Model) handleDetailsKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	h := m.bodyHeight()
	switch {
	case key.Matches(msg, k.Details, k.Back):
		m.setState(stateBrowse)
		return m, nil
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Help):
		m.openHelp()
		return m, nil
	case key.Matches(msg, k.Reveal):
		return m, m.toggleReveal()
	case key.Matches(msg, k.Up):
		m.detailOffset--
	case key.Matches(msg, k.Down):
		m.detailOffset++
	case key.Matches(msg, k.PageUp):
		m.detailOffset -= h
	case key.Matches(msg, k.PageDown):
		m.detailOffset += h
	case key.Matches(msg, k.Top):
		m.detailOffset = 0
	case key.Matches(msg, k.Bottom):
		m.detailOffset = 1 << 20
	}
	m.detailOffset = min(max(m.detailOffset, 0), m.zoomMax())
	return m, nil
}

// browseHandlers are the cookie screen's keys, tried in order; the first
// binding that matches handles the key.
func (m *Model) browseHandlers() []struct {
	b  key.Binding
	do func(tea.KeyPressMsg) tea.Cmd
} {
	k := m.keys
	type h = struct {
		b  key.Binding
		do func(tea.KeyPressMsg) tea.Cmd
	}
	return []h{
		{k.Help, func(tea.KeyPressMsg) tea.Cmd { m.openHelp(); return nil }},
		{k.Stores, func(tea.KeyPressMsg) tea.Cmd { m.openStores(); return nil }},
		{k.Audit, func(tea.KeyPressMsg) tea.Cmd { m.openAudit(); return nil }},
		{k.History, func(tea.KeyPressMsg) tea.Cmd { return m.openHistory() }},
		{k.NextTab, func(tea.KeyPressMsg) tea.Cmd { m.setTab((m.rows.q.tab + 1) % numTabs); return nil }},
		{k.PrevTab, func(tea.KeyPressMsg) tea.Cmd { m.setTab((m.rows.q.tab + numTabs - 1) % numTabs); return nil }},
		{k.Tab, func(msg tea.KeyPressMsg) tea.Cmd { m.setTab(tabFilter(msg.Code - '1')); return nil }},
		{k.Sort, func(tea.KeyPressMsg) tea.Cmd {
			m.rows.q.sort = (m.rows.q.sort + 1) % sortColumns
			m.refresh()
			return nil
		}},
		{k.Reverse, func(tea.KeyPressMsg) tea.Cmd { m.rows.q.reverse = !m.rows.q.reverse; m.refresh(); return nil }},
		{k.Search, func(tea.KeyPressMsg) tea.Cmd { return m.startSearch() }},
		{k.Clear, func(tea.KeyPressMsg) tea.Cmd { m.clearFilters(); return nil }},
		{k.Browser, func(tea.KeyPressMsg) tea.Cmd { m.cycleBrowser(); return nil }},
		{k.Details, func(tea.KeyPressMsg) tea.Cmd { m.detailOffset = 0; m.setState(stateDetails); return nil }},
		{k.Reveal, func(tea.KeyPressMsg) tea.Cmd { return m.toggleReveal() }},
		{k.Mark, func(tea.KeyPressMsg) tea.Cmd { m.toggleMark(); return nil }},
		{k.MarkAll, func(tea.KeyPressMsg) tea.Cmd { m.markVisible(); return nil }},
		{k.UnmarkAll, func(tea.KeyPressMsg) tea.Cmd { m.sel.unmarkAll(); m.refreshRows(); return nil }},
		{k.Delete, func(tea.KeyPressMsg) tea.Cmd { return m.askDelete() }},
		{k.ClearAll, func(tea.KeyPressMsg) tea.Cmd { return m.askClear() }},
		{k.Keep, func(tea.KeyPressMsg) tea.Cmd { return m.toggleKeepSelected() }},
		{k.Undo, func(tea.KeyPressMsg) tea.Cmd { return m.undo("") }},
		{k.Reload, func(tea.KeyPressMsg) tea.Cmd { return m.reload() }},
	}
}

// handleBrowseKey handles the cookie screen's own keys, then moves the
// table.
func (m Model) handleBrowseKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if key.Matches(msg, m.keys.Quit) {
		return m.quit()
	}
	for _, h := range m.browseHandlers() {
		if key.Matches(msg, h.b) {
			cmd := h.do(msg)
			return m, cmd
		}
	}
	if cmd := m.refuseIfHeld(msg); cmd != nil {
		return m, cmd
	}
	before := m.table.model.Cursor()
	var cmd tea.Cmd
	m.table, cmd = m.table.Update(msg)
	m.sel.userMoved = m.sel.userMoved || m.table.model.Cursor() != before
	m.syncSelection()
	return m, cmd
}

// refuseIfHeld says to wait when msg is a key a running task switched
// off; it returns nil for any other key.
func (m *Model) refuseIfHeld(msg tea.KeyPressMsg) tea.Cmd {
	if !m.task.running() && !m.load.loading() {
		return nil
	}
	k := m.keys
	held := []key.Binding{k.Delete, k.ClearAll, k.Keep, k.Undo, k.Reload}
	switch m.state {
	case stateHistory:
		held = []key.Binding{k.UndoBatch}
	case stateAudit:
		held = []key.Binding{k.AuditClear}
	}
	for _, b := range held {
		// A disabled binding keeps its keys: they say what it would do.
		if !b.Enabled() && slices.Contains(b.Keys(), msg.String()) {
			return m.setStatus(m.t.UIBusy, statusInfo)
		}
	}
	return nil
}

func (m *Model) openHelp() {
	m.setState(stateHelp)
	m.updateHelpView()
	m.helpV.GotoTop()
}

func (m *Model) openStores() {
	m.setState(stateStores)
	m.storesV.GotoTop()
}

// openHistory shows the deletion batches, read again each time.
func (m *Model) openHistory() tea.Cmd {
	m.hist.loaded = false
	m.setState(stateHistory)
	return listBatches(m.ctx, m.backend)
}

func (m *Model) startSearch() tea.Cmd {
	m.search.SetValue(m.rows.q.search)
	m.search.CursorEnd()
	m.setState(stateSearch)
	return m.search.Focus()
}

// clearFilters drops the search and the browser filter; the tab stays.
func (m *Model) clearFilters() {
	m.rows.q.search, m.rows.q.browser, m.rows.browserIdx = "", nil, -1
	m.search.SetValue("")
	m.refresh()
}

// toggleMark marks or unmarks the selected row, and moves down.
func (m *Model) toggleMark() {
	k := m.table.selectedKey()
	if k == "" {
		return
	}
	m.sel.toggle(k)
	m.refreshRows()
	m.table.model.MoveDown(1)
	m.syncSelection()
}

// markVisible marks every row shown.
func (m *Model) markVisible() {
	keys := make([]string, len(m.rows.visEntries))
	for i, e := range m.rows.visEntries {
		keys[i] = e.key
	}
	m.sel.markAll(keys)
	m.refreshRows()
}

func (m *Model) toggleKeepSelected() tea.Cmd {
	if m.task.running() {
		return m.setStatus(m.t.UIBusy, statusInfo)
	}
	if f, ok := m.table.selected(); ok {
		return toggleKeep(m.backend, f.Cookie)
	}
	return m.setStatus(m.t.UINothingMarked, statusInfo)
}

// undo puts back batch id, or the latest that can be undone for "".
func (m *Model) undo(id string) tea.Cmd {
	if cmd, busy := m.refuseWhileBusy(); busy {
		return cmd
	}
	m.task = task{kind: taskUndoing, msg: m.t.UIUndoing}
	return tea.Batch(undoBatch(m.ctx, m.backend, id), m.spinner.Tick)
}

// undoSelectedBatch undoes the batch under the history's cursor.
func (m *Model) undoSelectedBatch() tea.Cmd {
	b, ok := m.hist.selected()
	if !ok {
		return nil
	}
	if !b.Undoable() {
		return m.setStatus(fmt.Sprintf(m.t.UIHistoryNotUndoable, b.ID), statusInfo)
	}
	return m.undo(b.ID)
}

// handleSearchKey edits the search; the rows follow each key.
func (m Model) handleSearchKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.SearchCancel):
		m.search.Blur()
		m.search.SetValue("")
		m.rows.q.search = ""
		m.setState(stateBrowse)
		m.refresh()
		return m, nil
	case key.Matches(msg, k.SearchDone, k.Up, k.Down):
		m.search.Blur()
		m.setState(stateBrowse)
		if key.Matches(msg, k.Up, k.Down) {
			var cmd tea.Cmd
			m.table, cmd = m.table.Update(msg)
			m.syncSelection()
			return m, cmd
		}
		return m, nil
	}
	var cmd tea.Cmd
	m.search, cmd = m.search.Update(msg)
	if m.search.Value() != m.rows.q.search {
		m.rows.q.search = m.search.Value()
		m.refresh()
	}
	return m, cmd
}

func (m Model) handleWheel(msg tea.MouseWheelMsg) (tea.Model, tea.Cmd) {
	if m.tooSmall() {
		return m, nil
	}
	switch m.state {
	case stateStores:
		var cmd tea.Cmd
		m.storesV, cmd = m.storesV.Update(msg)
		return m, cmd
	case stateHelp:
		var cmd tea.Cmd
		m.helpV, cmd = m.helpV.Update(msg)
		return m, cmd
	case stateDetails:
		if msg.Button == tea.MouseWheelUp {
			m.detailOffset = max(m.detailOffset-1, 0)
		} else if msg.Button == tea.MouseWheelDown {
			m.detailOffset = min(m.detailOffset+1, m.zoomMax())
		}
	case stateBrowse:
		m.table, _ = m.table.Update(msg)
		m.sel.userMoved = true
		m.syncSelection()
	}
	return m, nil
}

// zoomMax is the last useful offset of the full details.
func (m Model) zoomMax() int {
	return max(len(detailLines(m.detailInput(), m.width, m.t, m.styles))-m.bodyHeight(), 0)
}

func (m *Model) setTab(i tabFilter) {
	if i < 0 || i >= numTabs {
		return
	}
	m.rows.q.tab = i
	m.refresh()
}

// cycleBrowser steps through every browser/profile, then all of them.
func (m *Model) cycleBrowser() {
	r := &m.rows
	list := browsers(m.data.findings)
	r.browserIdx++
	if r.browserIdx >= len(list) {
		r.browserIdx = -1
	}
	if r.browserIdx < 0 {
		r.q.browser = nil
	} else {
		b := list[r.browserIdx]
		r.q.browser = &b
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
	if m.task.running() || m.load.loading() {
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
	if m.sel.revealedKey == key {
		m.sel.revealed, m.sel.revealedKey = nil, ""
		return nil
	}
	m.sel.revealingKey = key
	return tea.Batch(reveal(m.ctx, m.backend, f.Cookie, key), m.spinner.Tick)
}

// askDelete opens the confirmation for the marked cookies, or the
// selected one when none is marked. Keep rules hold here as in the CLI.
func (m *Model) askDelete() tea.Cmd {
	if cmd, busy := m.refuseWhileBusy(); busy {
		return cmd
	}
	if m.keep.err != nil {
		return m.setStatus(sprintf(m.t.UIKeepListBroken, m.keepErrorLine()), statusError)
	}
	var chosen []inspect.Finding
	for i, f := range m.data.findings {
		if m.sel.marks[m.data.entries[i].key] {
			chosen = append(chosen, f)
		}
	}
	if len(chosen) == 0 {
		f, ok := m.table.selected()
		if !ok {
			return m.setStatus(m.t.UINothingMarked, statusInfo)
		}
		if r, kept := inspect.Kept(m.keep.rules, f.Cookie); kept {
			return m.setStatus(sprintf(m.t.UIKeptNotDeleted, clean(f.Name)+" ("+report.KeepRule(r)+")"), statusInfo)
		}
		chosen = []inspect.Finding{f}
	}
	remove, kept := splitKept(chosen, m.keep.rules)
	if len(remove) == 0 {
		return m.setStatus(m.t.UIAllKept, statusInfo)
	}
	title := m.t.N(m.t.UIConfirmDelete, len(remove))
	m.openDialog(newConfirm(title, remove, kept, m.keep.rules, m.t))
	return nil
}

// nonEssential is the findings of fs that clear would delete.
func nonEssential(fs []inspect.Finding) []inspect.Finding {
	var out []inspect.Finding
	for _, f := range fs {
		if !f.Match.Category.Essential() {
			out = append(out, f)
		}
	}
	return out
}

// askClear opens the confirmation for the non-essential cookies shown
// (tab, search and browser filter), less what the keep list keeps. When
// the view hides some, the dialog says how many there are in all, and
// offers them as a second, explicit answer.
func (m *Model) askClear() tea.Cmd {
	if cmd, busy := m.refuseWhileBusy(); busy {
		return cmd
	}
	if m.keep.err != nil {
		return m.setStatus(sprintf(m.t.UIKeepListBroken, m.keepErrorLine()), statusError)
	}
	shown, all := nonEssential(m.rows.visible), nonEssential(m.data.findings)
	remove, kept := splitKept(shown, m.keep.rules)
	allRemove, allKept := splitKept(all, m.keep.rules)
	if len(allRemove) == 0 {
		if len(all) == 0 {
			return m.setStatus(m.t.UINothingToClear, statusInfo)
		}
		return m.setStatus(m.t.UIAllKept, statusInfo)
	}
	var title string
	if len(remove) == 0 {
		title = m.t.N(m.t.UIConfirmClearNoneShown, len(allRemove))
	} else if len(allRemove) == len(remove) {
		title = m.t.N(m.t.UIConfirmClear, len(remove))
	} else {
		title = m.t.Nf(m.t.UIConfirmClearShown, len(remove), len(remove), len(allRemove))
	}
	c := newConfirm(title, remove, kept, m.keep.rules, m.t)
	if len(allRemove) > len(remove) {
		c.all, c.allKept = allRemove, allKept
	}
	m.openDialog(c)
	return nil
}

func (m *Model) openDialog(c *confirmDialog) {
	m.dialog = c
	m.setState(stateConfirm)
}

// answerConfirm: y deletes what the dialog lists, a every non-essential
// cookie when it offers that, every other key cancels.
func (m Model) answerConfirm(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	c := m.dialog
	m.dialog = nil
	m.setState(stateBrowse)
	var cookies []inspect.Cookie
	switch {
	case key.Matches(msg, m.keys.Confirm) && len(c.remove) > 0:
		cookies = c.cookies(c.remove)
	case key.Matches(msg, m.keys.ConfirmAll) && c.wider():
		cookies = c.cookies(c.all)
	default:
		return m, m.setStatus(m.t.Cancelled, statusInfo)
	}
	m.task = task{kind: taskDeleting, msg: fmt.Sprintf(m.t.UIDeleting, m.t.CookieCount(len(cookies)))}
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
