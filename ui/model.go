package ui

import (
	"context"
	"slices"
	"sort"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/audit"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// How long a status stays: errors longer, they may need reading twice.
const (
	statusInfoFor  = 6 * time.Second
	statusErrorFor = 15 * time.Second
)

// Minimum terminal size; below it the screen is one line saying so.
const (
	minTermWidth  = 50
	minTermHeight = 14
	// wideWidth puts the detail pane beside the table instead of below.
	wideWidth = 100
)

// Model is the root model of the cookie browser. Its state says what the
// screen shows; the rest is grouped by what changes it: the loader, the
// findings it published, the rows the query shows, the selection, the
// keep list, the running task and the status line. All I/O goes through
// its Backend in tea.Cmds.
type Model struct {
	ctx     context.Context
	backend Backend
	t       *i18n.Strings
	lang    i18n.Lang
	site    string
	cat     *catalog.Catalog
	demo    bool
	now     func() time.Time
	loc     *time.Location

	// keys are the screen's keys, helpKeys the ? screen's; both are built
	// once and only switched on and off.
	keys, helpKeys keyMap
	styles         styles
	isDark         bool
	width, height  int

	state  state
	load   loader
	data   findingSet
	keep   keepState
	rows   rowSet
	search textinput.Model
	table  cookieTable
	sel    selection
	// detailOffset is the first line of the full details shown.
	detailOffset int
	dialog       *confirmDialog
	hist         history
	task         task
	status       statusLine

	help    help.Model
	helpV   viewport.Model
	storesV viewport.Model
	auditV  viewport.Model // the audit page
	spinner spinner.Model
}

// findingSet is what the last load published: the stores and findings,
// in inspect's order, with what is worked out once per change of them
// rather than every frame (entries[i] is findings[i]'s; natural is the
// table's width with every column whole).
type findingSet struct {
	stores   []inspect.StoreStatus
	findings []inspect.Finding
	entries  []entry
	natural  int
	// audits holds each cookie's audit findings, by cookieKey.
	audits map[string][]audit.Finding
}

// rowSet is the query and the rows it shows, with their counts.
type rowSet struct {
	q          query
	browserIdx int // into browsers(findings); -1 is every browser
	visible    []inspect.Finding
	visEntries []*entry // of visible
	// tabCounts are the rows each tab would show under the other
	// filters; lineCounts sum up the rows of every tab under them.
	tabCounts  [numTabs]int
	lineCounts inspect.CategoryCounts
}

// New builds the model; opts.Backend must be set (Run sets it). The
// first load is prepared here and started by Init.
func New(opts Options) Model {
	return newModel(context.Background(), opts)
}

func newModel(ctx context.Context, opts Options) Model {
	t := i18n.For(opts.Lang)
	cat := opts.Catalog
	if cat == nil {
		cat = catalog.Default()
	}
	site := opts.Site.Host
	if site == "" {
		site = cat.Site.Host
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	loc := opts.Location
	if loc == nil {
		loc = time.Local
	}
	m := Model{
		ctx: ctx, backend: opts.Backend, t: t, lang: opts.Lang, site: site, cat: cat,
		demo: opts.Demo, now: now, loc: loc,
		keys: newKeyMap(t), helpKeys: newKeyMap(t), isDark: true,
		rows:    rowSet{browserIdx: -1},
		keep:    keepState{kept: map[string]bool{}},
		sel:     newSelection(),
		status:  statusLine{clearAfter: clearStatusAfter},
		help:    help.New(),
		spinner: spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		helpV:   viewport.New(),
		storesV: viewport.New(),
		auditV:  viewport.New(),
	}
	m.search = textinput.New()
	m.search.Prompt = t.UISearchPrompt
	m.search.Placeholder = t.UISearchPlaceholder
	m.search.CharLimit = 200
	m.applyStyles()
	m.table = newCookieTable(m.keys, m.styles)
	m.data.natural = naturalWidth(cellWidths{}, t) // no finding yet
	m.load.first = m.startLoad()
	m.syncKeys()
	return m
}

// Init starts the first load at once, and asks the terminal for its
// background without ever waiting for the answer: dark until told.
func (m Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.load.first)
}

// startLoad is the only way a load begins (first load, r, after a
// deletion or an undo). It cancels the load before it.
func (m *Model) startLoad() tea.Cmd {
	ctx, gen := m.load.start(m.ctx)
	return tea.Batch(listStores(ctx, m.backend, gen), loadKeep(m.backend), m.spinner.Tick)
}

func (m *Model) applyStyles() {
	m.styles = newStyles(m.isDark)
	m.help.Styles = m.styles.help
	m.table.model.SetStyles(m.styles.table)
	ts := m.search.Styles()
	ts.Focused.Prompt = m.styles.bold
	ts.Blurred.Prompt = m.styles.bold
	ts.Cursor.Blink = false // a steady cursor: no timer while typing
	m.search.SetStyles(ts)
}

// Update implements tea.Model. After every message the keys are switched
// on and off for the state it leaves.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.update(msg)
	nm := next.(Model)
	nm.syncKeys()
	return nm, cmd
}

// syncKeys enables the keys that can act now, in the screen's and the ?
// screen's key maps.
func (m *Model) syncKeys() {
	busy := m.task.running() || m.load.loading()
	wider := m.dialog != nil && m.dialog.wider()
	m.keys.enable(m.state, busy, wider)
	m.helpKeys.enableHelp(busy)
	if m.state == stateHelp {
		m.updateHelpView()
	}
}

func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.BackgroundColorMsg:
		m.isDark = msg.IsDark()
		m.applyStyles()
		m.refreshRows()
		return m, nil
	case spinner.TickMsg:
		// Let the spinner stop when nothing runs; startLoad and the
		// actions start it again.
		if !m.load.loading() && !m.task.running() && m.sel.revealingKey == "" {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.MouseWheelMsg:
		return m.handleWheel(msg)
	case tea.PasteMsg:
		if m.state == stateSearch {
			var cmd tea.Cmd
			m.search, cmd = m.search.Update(msg)
			m.rows.q.search = m.search.Value()
			m.refresh()
			return m, cmd
		}
		return m, nil
	}
	return m.handleMsg(msg)
}

// handleMsg handles the answers of the Cmds.
func (m Model) handleMsg(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case storesListedMsg:
		if msg.gen != m.load.gen {
			return m, nil
		}
		if msg.err != nil {
			m.load.finish(msg.err)
			return m, nil
		}
		m.load.refs, m.load.ch = msg.refs, msg.ch
		m.updateStoresView()
		return m, waitStore(msg.ch, msg.gen)
	case storeReadMsg:
		if msg.gen != m.load.gen {
			return m, nil
		}
		m.load.add(msg, m.t, m.loc)
		// The first load shows stores as they come; a reload keeps the old
		// rows until the new ones are complete, so nothing flickers.
		if !m.load.loadedOnce() {
			m.publish()
		}
		return m, waitStore(m.load.ch, msg.gen)
	case loadDoneMsg:
		if msg.gen != m.load.gen {
			return m, nil
		}
		m.load.finish(nil)
		m.publish()
		return m, nil
	case keepLoadedMsg:
		m.keep.rules, m.keep.err = msg.rules, msg.err
		m.keep.update(m.data.findings, m.data.entries)
		m.refreshRows()
		return m, nil
	case keepToggledMsg:
		if msg.err != nil {
			return m, m.setStatus(m.keepToggleError(msg), statusError)
		}
		m.keep.rules, m.keep.err = msg.rules, nil
		m.keep.update(m.data.findings, m.data.entries)
		m.refreshRows()
		text := m.t.KeepRemoved
		if msg.added {
			text = m.t.KeepAdded
		}
		return m, m.setStatus(sprintf(text, report.KeepRule(msg.rule)), statusInfo)
	case revealedMsg:
		return m.revealed(msg)
	case deletedMsg:
		m.task = task{}
		text, kind := deletionStatus(msg, m.t)
		for _, s := range msg.result.Stores {
			for _, c := range s.Deleted {
				delete(m.sel.marks, cookieKey(c))
			}
		}
		return m, tea.Batch(m.setStatus(text, kind), m.startLoad())
	case undoneMsg:
		m.task = task{}
		text, kind := undoStatus(msg, m.t)
		cmds := []tea.Cmd{m.setStatus(text, kind), m.startLoad()}
		if m.state == stateHistory {
			cmds = append(cmds, listBatches(m.ctx, m.backend))
		}
		return m, tea.Batch(cmds...)
	case batchesMsg:
		m.hist.batches, m.hist.err, m.hist.loaded = msg.batches, msg.err, true
		m.hist.move(0)
		return m, nil
	case clearStatusMsg:
		if m.status.clear(msg.seq) {
			m.layout()
		}
		return m, nil
	}
	// Messages of the search input's cursor blink, and any other.
	if m.state == stateSearch {
		var cmd tea.Cmd
		m.search, cmd = m.search.Update(msg)
		return m, cmd
	}
	return m, nil
}

// revealed shows a value read for v, only for the cookie still selected:
// a value never lingers on screen for a row the user left.
func (m Model) revealed(msg revealedMsg) (tea.Model, tea.Cmd) {
	if msg.key != m.sel.revealingKey {
		return m, nil
	}
	m.sel.revealingKey = ""
	if msg.key != m.sel.key {
		return m, nil
	}
	if msg.err != nil {
		return m, m.setStatus(sprintf(m.t.UIRevealFailed, m.t.Error(msg.err)), statusError)
	}
	c := msg.cookie
	m.sel.revealedKey, m.sel.revealed = msg.key, &c
	return m, nil
}

// publish shows the stores and findings read so far.
func (m *Model) publish() {
	l := &m.load
	d := &m.data
	d.stores = append([]inspect.StoreStatus(nil), l.stores...)
	sort.SliceStable(d.stores, func(i, j int) bool {
		a, b := d.stores[i], d.stores[j]
		if a.Browser != b.Browser {
			return a.Browser < b.Browser
		}
		if a.Profile != b.Profile {
			return a.Profile < b.Profile
		}
		return a.Path < b.Path
	})
	// In inspect's order, as inspect.SortFindings would leave them; the
	// entries follow their findings.
	d.findings = make([]inspect.Finding, len(l.order))
	d.entries = make([]entry, len(l.order))
	var longest cellWidths
	for i, j := range l.order {
		d.findings[i], d.entries[i] = l.findings[j], l.entries[j]
		longest.add(&d.entries[i])
	}
	d.natural = naturalWidth(longest, m.t)
	d.audits = auditsByCookie(d.findings, m.cat, m.now())
	m.updateAuditView()
	if !l.loading() {
		// Marks of cookies that are gone are dropped.
		live := make(map[string]bool, len(d.entries))
		for i := range d.entries {
			live[d.entries[i].key] = true
		}
		m.sel.keepOnly(live)
	}
	// A browser filter whose browser is gone falls back to every browser.
	q := &m.rows.q
	if q.browser != nil {
		found := false
		for i, b := range browsers(d.findings) {
			if b == *q.browser {
				m.rows.browserIdx, found = i, true
			}
		}
		if !found && !l.loading() {
			q.browser, m.rows.browserIdx = nil, -1
		}
	}
	m.keep.update(d.findings, d.entries)
	// The table's share of the width depends on the findings.
	m.applyQuery()
	m.layout()
}

// mergeOrder extends order, the indices of a prefix of findings in
// inspect's order, to every index of findings: the new ones are sorted
// and merged in, the older first among equals, so the result is what a
// stable sort of all the findings gives. Each store is sorted once as it
// comes instead of every finding at each publish. order is not modified.
func mergeOrder(findings []inspect.Finding, order []int) []int {
	added := make([]int, 0, len(findings)-len(order))
	for i := len(order); i < len(findings); i++ {
		added = append(added, i)
	}
	cmp := func(i, j int) int { return compareFindings(&findings[i], &findings[j]) }
	slices.SortStableFunc(added, cmp)
	out := make([]int, 0, len(findings))
	for len(order) > 0 && len(added) > 0 {
		if cmp(added[0], order[0]) < 0 {
			out, added = append(out, added[0]), added[1:]
		} else {
			out, order = append(out, order[0]), order[1:]
		}
	}
	return append(append(out, order...), added...)
}

// refresh recomputes the visible rows, keeping the selected cookie.
func (m *Model) refresh() {
	m.applyQuery()
	m.refreshRows()
}

// applyQuery works out the visible rows and the counts.
func (m *Model) applyQuery() {
	r := &m.rows
	idx := r.q.apply(m.data.findings, m.data.entries)
	r.visible = make([]inspect.Finding, len(idx))
	r.visEntries = make([]*entry, len(idx))
	for i, j := range idx {
		r.visible[i], r.visEntries[i] = m.data.findings[j], &m.data.entries[j]
	}
	r.tabCounts, r.lineCounts = r.q.counts(m.data.findings, m.data.entries)
}

// refreshRows re-renders the rows (marks, keep flags) and re-selects.
func (m *Model) refreshRows() {
	prev := m.table.model.Cursor()
	m.table.setRows(m.rows.visible, m.rows.visEntries, m.rows.q, m.sel.marks, m.keep.kept, m.data.audits, m.t, m.styles)
	if !m.load.loadedOnce() && !m.sel.userMoved {
		// While the first stores stream in, stay on the first row rather
		// than follow whichever cookie came first.
		m.table.selectKey("", 0)
	} else {
		m.table.selectKey(m.sel.key, prev)
	}
	m.syncSelection()
}

// syncSelection records the selected cookie.
func (m *Model) syncSelection() { m.sel.selectKey(m.table.selectedKey()) }

// setStatus shows a status line and schedules its clearing.
func (m *Model) setStatus(text string, kind statusKind) tea.Cmd {
	cmd := m.status.set(text, kind)
	m.layout() // a long status takes lines from the body
	return cmd
}
