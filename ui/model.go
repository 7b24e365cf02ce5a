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

// page is what the body shows.
type page int

const (
	pageCookies page = iota
	pageStores
	pageHelp
	pageAudit
)

// busyKind is the long operation running, if any: one at a time.
type busyKind int

const (
	busyNone busyKind = iota
	busyDeleting
	busyUndoing
)

// statusKind colours the status line; the words say the same.
type statusKind int

const (
	statusInfo statusKind = iota
	statusError
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

// Model is the root model of the cookie browser. It composes the table,
// the detail pane, the tabs and header, the confirmation dialog, the
// search input, the help and the stores view; all I/O goes through its
// Backend in tea.Cmds.
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

	keys   keyMap
	styles styles
	isDark bool
	width  int
	height int

	// Loading: gen numbers loads; answers of older loads are dropped.
	gen          int
	firstLoad    tea.Cmd // Init's: Init cannot change the model
	cancelLoad   context.CancelFunc
	loading      bool
	loadedOnce   bool
	loadErr      error
	refs         []inspect.StoreRef
	loadCh       <-chan storeReadMsg
	storesDone   int
	pendStores   []inspect.StoreStatus
	pendFindings []inspect.Finding
	pendEntries  []entry // of pendFindings, worked out as each store comes
	pendOrder    []int   // indices of pendFindings in inspect's order
	stores       []inspect.StoreStatus
	findings     []inspect.Finding
	// What publish works out once per change of the findings, rather than
	// every frame: entries[i] is findings[i]'s, counts the header's counts
	// per category, natural the table's width with every column whole.
	entries []entry
	counts  inspect.CategoryCounts
	natural int
	// audits holds each cookie's audit findings, by cookieKey.
	audits map[string][]audit.Finding

	keep    []inspect.KeepRule
	keepErr error
	kept    map[string]bool // cookieKey -> a keep rule keeps it
	marks   map[string]bool // cookieKey -> marked with space

	q          query
	browserIdx int // into browsers(findings); -1 is every browser
	searching  bool
	search     textinput.Model
	visible    []inspect.Finding
	visEntries []*entry // of visible
	table      cookieTable
	selKey     string
	zoom       bool // enter: the detail pane takes the whole body
	userMoved  bool // the user moved the cursor
	zoomOffset int  // first line of the full details shown

	revealedKey  string
	revealed     *inspect.Cookie
	revealingKey string

	page    page
	help    help.Model
	storesV viewport.Model
	auditV  viewport.Model // the audit page
	confirm *confirmDialog
	busy    busyKind
	busyMsg string
	spinner spinner.Model

	status     string
	statusKind statusKind
	statusSeq  int
	// clearAfter schedules the clearing of a status; tests stub it.
	clearAfter func(time.Duration, int) tea.Cmd
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
		keys: newKeyMap(t), isDark: true, browserIdx: -1,
		kept: map[string]bool{}, marks: map[string]bool{},
		help:       help.New(),
		spinner:    spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		storesV:    viewport.New(),
		auditV:     viewport.New(),
		clearAfter: clearStatusAfter,
	}
	m.search = textinput.New()
	m.search.Prompt = t.UISearchPrompt
	m.search.Placeholder = t.UISearchPlaceholder
	m.search.CharLimit = 200
	m.applyStyles()
	m.table = newCookieTable(m.keys, m.styles)
	m.natural = naturalWidth(cellWidths{}, t) // no finding yet
	m.firstLoad = m.startLoad()
	return m
}

// Init starts the first load at once, and asks the terminal for its
// background without ever waiting for the answer: dark until told.
func (m Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.firstLoad)
}

// startLoad is the only way a load begins (first load, r, after a
// deletion or an undo). It cancels the load before it.
func (m *Model) startLoad() tea.Cmd {
	if m.cancelLoad != nil {
		m.cancelLoad()
	}
	ctx, cancel := context.WithCancel(m.ctx)
	m.cancelLoad = cancel
	m.gen++
	m.loading, m.loadErr = true, nil
	m.refs, m.storesDone = nil, 0
	m.pendStores, m.pendFindings, m.pendEntries, m.pendOrder = nil, nil, nil, nil
	return tea.Batch(listStores(ctx, m.backend, m.gen), loadKeep(m.backend), m.spinner.Tick)
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

// Update implements tea.Model.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
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
		if !m.loading && m.busy == busyNone && m.revealingKey == "" {
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
		if m.searching {
			var cmd tea.Cmd
			m.search, cmd = m.search.Update(msg)
			m.q.search = m.search.Value()
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
		if msg.gen != m.gen {
			return m, nil
		}
		if msg.err != nil {
			m.loading, m.loadErr = false, msg.err
			m.loadedOnce = true
			return m, nil
		}
		m.refs, m.loadCh = msg.refs, msg.ch
		m.updateStoresView()
		return m, waitStore(msg.ch, msg.gen)
	case storeReadMsg:
		if msg.gen != m.gen {
			return m, nil
		}
		m.storesDone++
		m.pendStores = append(m.pendStores, msg.status)
		m.pendFindings = append(m.pendFindings, msg.findings...)
		m.pendEntries = append(m.pendEntries, newEntries(msg.findings, m.t, m.loc)...)
		m.pendOrder = mergeOrder(m.pendFindings, m.pendOrder)
		// The first load shows stores as they come; a reload keeps the old
		// rows until the new ones are complete, so nothing flickers.
		if !m.loadedOnce {
			m.publish()
		}
		return m, waitStore(m.loadCh, msg.gen)
	case loadDoneMsg:
		if msg.gen != m.gen {
			return m, nil
		}
		m.loading, m.loadedOnce = false, true
		m.publish()
		return m, nil
	case keepLoadedMsg:
		m.keep, m.keepErr = msg.rules, msg.err
		m.updateKept()
		m.refreshRows()
		return m, nil
	case keepToggledMsg:
		if msg.err != nil {
			return m, m.setStatus(m.keepToggleError(msg), statusError)
		}
		m.keep, m.keepErr = msg.rules, nil
		m.updateKept()
		m.refreshRows()
		text := m.t.KeepRemoved
		if msg.added {
			text = m.t.KeepAdded
		}
		return m, m.setStatus(sprintf(text, report.KeepRule(msg.rule)), statusInfo)
	case revealedMsg:
		if msg.key != m.revealingKey {
			return m, nil
		}
		m.revealingKey = ""
		// Only for the cookie still selected: a value never lingers on
		// screen for a row the user left.
		if msg.key != m.selKey {
			return m, nil
		}
		if msg.err != nil {
			return m, m.setStatus(sprintf(m.t.UIRevealFailed, inspect.OneLine(msg.err.Error())), statusError)
		}
		c := msg.cookie
		m.revealedKey, m.revealed = msg.key, &c
		return m, nil
	case deletedMsg:
		m.busy = busyNone
		text, kind := deletionStatus(msg, m.t)
		for _, s := range msg.result.Stores {
			for _, c := range s.Deleted {
				delete(m.marks, cookieKey(c))
			}
		}
		return m, tea.Batch(m.setStatus(text, kind), m.startLoad())
	case undoneMsg:
		m.busy = busyNone
		text, kind := undoStatus(msg, m.t)
		return m, tea.Batch(m.setStatus(text, kind), m.startLoad())
	case clearStatusMsg:
		if msg.seq == m.statusSeq {
			m.status = ""
			m.layout()
		}
		return m, nil
	}
	// Messages of the search input's cursor blink, and any other.
	if m.searching {
		var cmd tea.Cmd
		m.search, cmd = m.search.Update(msg)
		return m, cmd
	}
	return m, nil
}

// publish shows the stores and findings read so far.
func (m *Model) publish() {
	m.stores = append([]inspect.StoreStatus(nil), m.pendStores...)
	sort.SliceStable(m.stores, func(i, j int) bool {
		a, b := m.stores[i], m.stores[j]
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
	m.findings = make([]inspect.Finding, len(m.pendOrder))
	m.entries = make([]entry, len(m.pendOrder))
	var longest cellWidths
	for i, j := range m.pendOrder {
		m.findings[i], m.entries[i] = m.pendFindings[j], m.pendEntries[j]
		longest.add(&m.entries[i])
	}
	m.counts = inspect.CountCategories(m.findings, inspect.Filter{})
	m.natural = naturalWidth(longest, m.t)
	m.audits = auditsByCookie(m.findings, m.cat, m.now())
	m.updateAuditView()
	if !m.loading {
		// Marks of cookies that are gone are dropped.
		live := make(map[string]bool, len(m.entries))
		for i := range m.entries {
			live[m.entries[i].key] = true
		}
		for k := range m.marks {
			if !live[k] {
				delete(m.marks, k)
			}
		}
	}
	// A browser filter whose browser is gone falls back to every browser.
	if m.q.browser != nil {
		found := false
		for i, b := range browsers(m.findings) {
			if b == *m.q.browser {
				m.browserIdx, found = i, true
			}
		}
		if !found && !m.loading {
			m.q.browser, m.browserIdx = nil, -1
		}
	}
	m.updateKept()
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

// applyQuery works out the visible rows.
func (m *Model) applyQuery() {
	idx := m.q.apply(m.findings, m.entries)
	m.visible = make([]inspect.Finding, len(idx))
	m.visEntries = make([]*entry, len(idx))
	for i, j := range idx {
		m.visible[i], m.visEntries[i] = m.findings[j], &m.entries[j]
	}
}

// updateKept records which findings a keep rule keeps. It runs when the
// findings or the rules change, not on every refresh.
func (m *Model) updateKept() {
	m.kept = map[string]bool{}
	if len(m.keep) == 0 {
		return
	}
	for i := range m.findings {
		if _, ok := inspect.Kept(m.keep, m.findings[i].Cookie); ok {
			m.kept[m.entries[i].key] = true
		}
	}
}

// refreshRows re-renders the rows (marks, keep flags) and re-selects.
func (m *Model) refreshRows() {
	prev := m.table.model.Cursor()
	m.table.setRows(m.visible, m.visEntries, m.q, m.marks, m.kept, m.audits, m.t)
	if !m.loadedOnce && !m.userMoved {
		// While the first stores stream in, stay on the first row rather
		// than follow whichever cookie came first.
		m.table.selectKey("", 0)
	} else {
		m.table.selectKey(m.selKey, prev)
	}
	m.syncSelection()
}

// syncSelection records the selected cookie and hides a value revealed
// for another one.
func (m *Model) syncSelection() {
	key := m.table.selectedKey()
	if key != m.selKey {
		m.selKey = key
		m.revealed, m.revealedKey = nil, ""
	}
}

// setStatus shows a status line and schedules its clearing.
func (m *Model) setStatus(text string, kind statusKind) tea.Cmd {
	m.statusSeq++
	m.status, m.statusKind = text, kind
	m.layout() // a long status takes lines from the body
	d := statusInfoFor
	if kind == statusError {
		d = statusErrorFor
	}
	return m.clearAfter(d, m.statusSeq)
}
