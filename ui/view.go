package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// Fixed parts of the screen: four header lines (title, counts, tabs,
// filters); the footer has one line, or up to maxStatusLines for a long
// status such as a refusal naming what to close.
const (
	headerLines    = 4
	maxStatusLines = 3
)

// View implements tea.Model. The alternate screen, the mouse and the
// window title are declared here, as Bubble Tea v2 wants.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = m.t.UITitle
	return v
}

// render is the whole screen as text; tests compare it, ANSI stripped.
func (m Model) render() string {
	if m.width == 0 || m.height == 0 {
		// Before the first size: one line, at once.
		return m.t.UITitle + " · " + m.site + " · " + m.t.UIDiscovering
	}
	if m.tooSmall() {
		return ansi.Truncate(fmt.Sprintf(m.t.UITooSmall, m.width, m.height, minTermWidth, minTermHeight), m.width, "…")
	}
	parts := []string{m.headerView(), m.bodyView(), m.footerView()}
	return strings.Join(parts, "\n")
}

func (m Model) tooSmall() bool {
	return m.width > 0 && m.height > 0 && (m.width < minTermWidth || m.height < minTermHeight)
}

func (m Model) bodyHeight() int { return max(m.height-headerLines-len(m.footerLines()), 1) }

// detailWidth is the detail pane's width beside the table, or 0 when the
// pane goes below it: a third of the screen, and whatever the table
// cannot use.
func (m Model) detailWidth() int {
	if m.width < wideWidth {
		return 0
	}
	dw := max(m.width*3/10, 30, m.width-m.data.natural)
	return min(dw, m.width-minTermWidth)
}

// tableSize is the table's share of the body.
func (m Model) tableSize() (int, int) {
	h := m.bodyHeight()
	if dw := m.detailWidth(); dw > 0 {
		return m.width - dw, h
	}
	return m.width, max(h/2+1, 4)
}

// layout sizes the children; it runs when the size or the page changes,
// never on every frame.
func (m *Model) layout() {
	if m.width > 0 {
		m.help.SetWidth(m.width)
		m.search.SetWidth(max(m.width-lipgloss.Width(m.search.Prompt)-2, 10))
		m.storesV.SetWidth(m.width)
		m.storesV.SetHeight(max(m.bodyHeight()-1, 1))
		m.helpV.SetWidth(m.width)
		m.helpV.SetHeight(max(m.bodyHeight()-1, 1))
		m.auditV.SetWidth(m.width)
		m.auditV.SetHeight(max(m.bodyHeight()-1, 1))
		w, h := m.tableSize()
		m.table.setSize(w, h)
	}
	m.refreshRows()
	m.updateStoresView()
	m.updateAuditView()
}

// headerView: title and totals, counts per category, tabs, filters.
func (m Model) headerView() string {
	t, st := m.t, m.styles
	left := st.title.Render(t.UITitle)
	if m.demo {
		left += " " + st.warn.Render("("+t.UIDemoBadge+")")
	}
	left += st.dim.Render(" · ") + st.bold.Render(m.site)
	var right string
	switch {
	case m.load.loading() && m.load.refs == nil:
		right = m.spinner.View() + " " + t.UIDiscovering
	case m.load.loading():
		right = m.spinner.View() + " " + t.Nf(t.UIReading, len(m.load.refs), m.load.done, len(m.load.refs))
	default:
		right = fmt.Sprintf(t.UIHeaderCounts, t.CookieCount(len(m.data.findings)), t.StoreCount(len(m.data.stores)))
	}
	if n := m.failedStores(); n > 0 {
		right += "  " + st.warn.Render("⚠ "+t.N(t.UIStoresFailed, n))
	}
	line1 := left + "   " + right

	line2 := m.countLine()

	lines := []string{line1, line2, m.tabsView(), m.filtersView()}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.width, "…")
	}
	return strings.Join(lines, "\n")
}

// countLine is the header's cookies per category, which add up to the
// total it stands under: every cookie, or, with a browser or search
// filter, the cookies that filter keeps, which it then says. The figures
// are inspect's CategoryCounts, worded as list words them.
func (m Model) countLine() string {
	t, st := m.t, m.styles
	n := m.rows.lineCounts
	build := func(skipZero bool) string {
		var cs []string
		for _, seg := range report.CountSegments(t, n) {
			if skipZero && seg.N == 0 {
				continue
			}
			style := st.nonEssential
			switch seg.Category {
			case catalog.Necessary:
				style = st.necessary
			case catalog.Undeclared:
				style = st.undeclared
			}
			cs = append(cs, style.Render(seg.Text))
		}
		line := strings.Join(cs, st.dim.Render(" · "))
		if of := report.CountOfWhich(t, n); of != "" {
			line += " " + st.dim.Render(of)
		}
		if m.rows.q.filtered() {
			line = st.bold.Render(t.Nf(t.UICountsFiltered, n.Total, n.Total, len(m.data.findings))) + " " + line
		}
		return line
	}
	// On a narrow terminal the empty categories go first: what is left
	// still adds up, and no count is cut.
	line := build(false)
	if lipgloss.Width(line) > m.width && n.Total > 0 {
		line = build(true)
	}
	return line
}

func (m Model) failedStores() int {
	n := 0
	for _, s := range m.data.stores {
		if !s.OK {
			n++
		}
	}
	return n
}

// tabsView shows the seven tabs, or a window of them around the active
// one when they do not fit.
func (m Model) tabsView() string {
	labels := tabLabels(m.t)
	tabs := make([]string, len(labels))
	for i, l := range labels {
		text := fmt.Sprintf("%d %s %d", i+1, l, m.rows.tabCounts[i])
		if tabFilter(i) == m.rows.q.tab {
			tabs[i] = m.styles.tabActive.Render(text)
		} else {
			tabs[i] = m.styles.tabInactive.Render(text)
		}
	}
	from, to := int(m.rows.q.tab), int(m.rows.q.tab)+1
	width := func(a, b int) int {
		w := 0
		for _, s := range tabs[a:b] {
			w += lipgloss.Width(s)
		}
		if a > 0 {
			w += 2
		}
		if b < len(tabs) {
			w += 2
		}
		return w
	}
	for grew := true; grew; {
		grew = false
		if to < len(tabs) && width(from, to+1) <= m.width {
			to++
			grew = true
		}
		if from > 0 && width(from-1, to) <= m.width {
			from--
			grew = true
		}
	}
	s := strings.Join(tabs[from:to], "")
	if from > 0 {
		s = m.styles.dim.Render("‹ ") + s
	}
	if to < len(tabs) {
		s += m.styles.dim.Render(" ›")
	}
	return s
}

// filtersView is the search input while typing, else the active filters
// on the left and the marks and sort on the right.
func (m Model) filtersView() string {
	if m.state == stateSearch {
		return m.search.View()
	}
	t, st := m.t, m.styles
	q := m.rows.q
	var filters []string
	if q.browser != nil {
		filters = append(filters, fmt.Sprintf(t.UIFilterBrowser, q.browser.String()))
	}
	if q.search != "" {
		filters = append(filters, fmt.Sprintf(t.UIFilterSearch, q.search))
	}
	left := ""
	if len(filters) > 0 {
		left = st.bold.Render(t.UIFilters+" ") + st.warn.Render(strings.Join(filters, " · "))
	}
	var right []string
	if n := len(m.sel.marks); n > 0 {
		right = append(right, st.bold.Render("✓ "+t.N(t.UIMarked, n)))
	}
	if n := len(m.rows.visible); n > 0 {
		right = append(right, st.bold.Render(fmt.Sprintf("%d/%d", m.table.model.Cursor()+1, n)))
	}
	sortName := strings.ToLower(m.sortName())
	if q.reverse {
		sortName += " ▼"
	}
	right = append(right, st.dim.Render(fmt.Sprintf(t.UISortBy, sortName)))
	r := strings.Join(right, st.dim.Render(" · "))
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(r)
	if gap < 1 {
		return left + " " + r
	}
	return left + strings.Repeat(" ", gap) + r
}

func (m Model) sortName() string {
	t := m.t
	return []string{t.UIColBrowserProfile, t.ColName, t.ColHost, t.ColCategory, t.ColDeclared, t.ColExpires}[m.rows.q.sort]
}

// bodyView is the state's screen, in exactly bodyHeight lines.
func (m Model) bodyView() string {
	w, h := m.width, m.bodyHeight()
	switch m.state {
	case stateHelp:
		title := m.styles.bold.Render(m.t.UIHelpTitle)
		return fitBlock(title+"\n"+m.helpV.View(), w, h)
	case stateStores:
		title := m.styles.bold.Render(fmt.Sprintf(m.t.UIStoresTitle, len(m.storeLines())))
		return fitBlock(title+"\n"+m.storesV.View(), w, h)
	case stateHistory:
		return fitBlock(m.historyView(w, h), w, h)
	case stateAudit:
		title := m.styles.bold.Render(fmt.Sprintf(m.t.UIAuditTitle, m.site, m.cat.Name()))
		return fitBlock(title+"\n"+m.auditV.View(), w, h)
	case stateConfirm:
		dialog := m.dialog.view(min(w, 100), h, m.t, m.styles)
		return fitBlock(lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, dialog), w, h)
	}
	if msg := m.emptyMessage(); msg != "" {
		return fitBlock("\n"+msg, w, h)
	}
	in := m.detailInput()
	if m.state == stateDetails {
		lines := detailLines(in, w, m.t, m.styles)
		off := min(m.detailOffset, max(len(lines)-h, 0))
		return fitBlock(strings.Join(lines[off:], "\n"), w, h)
	}
	tw, th := m.tableSize()
	tableView := m.tableView(tw, th)
	in.maxLines = paneFieldLines
	if dw := m.detailWidth(); dw > 0 {
		inner := dw - m.styles.pane.GetHorizontalFrameSize()
		lines := fitLines(detailLines(in, inner, m.t, m.styles), h, m.styles.dim.Render(m.t.UIMoreDetails))
		pane := m.styles.pane.Height(h).Render(fitBlock(strings.Join(lines, "\n"), inner, h))
		return fitBlock(lipgloss.JoinHorizontal(lipgloss.Top, tableView, pane), w, h)
	}
	dh := h - th - 1
	lines := fitLines(detailLines(in, w, m.t, m.styles), dh, m.styles.dim.Render(m.t.UIMoreDetails))
	sep := m.styles.dim.Render(strings.Repeat("─", w))
	return fitBlock(tableView+"\n"+sep+"\n"+strings.Join(lines, "\n"), w, h)
}

// paneFieldLines is the most lines one field takes in the detail pane
// beside or below the table; enter shows every line.
const paneFieldLines = 3

// updateHelpView refills the ? screen: its content follows the width and
// what the keys can do now.
func (m *Model) updateHelpView() {
	m.helpV.SetContent(m.fullHelp())
}

// fullHelp lays the help's groups out side by side, and on more rows
// when they do not fit: help.FullHelpView would cut the last ones.
func (m Model) fullHelp() string {
	var rows []string
	var row []string
	rowWidth := 0
	for _, group := range m.helpKeys.FullHelp() {
		block := m.help.FullHelpView([][]key.Binding{group})
		w := lipgloss.Width(block) + 4
		if len(row) > 0 && rowWidth+w > m.width {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowWidth = nil, 0
		}
		row = append(row, block+"    ")
		rowWidth += w
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	return strings.Join(rows, "\n\n")
}

// tableView is the table, or its header and a line saying why no row
// shows.
func (m Model) tableView(w, h int) string {
	if len(m.rows.visible) == 0 {
		head := strings.SplitN(m.table.view(), "\n", 2)[0]
		why := m.t.UINoneInTab
		if m.rows.q.filtered() {
			why = m.t.UINoMatch
		}
		return fitBlock(head+"\n"+m.styles.dim.Render(why), w, h)
	}
	return fitBlock(m.table.view(), w, h)
}

// emptyMessage says plainly why there is nothing to show, if so.
func (m Model) emptyMessage() string {
	t, st := m.t, m.styles
	switch {
	case m.load.err != nil:
		return st.errLine.Render(fmt.Sprintf(t.UIDiscoverFailed, t.Error(m.load.err)))
	case len(m.data.findings) > 0:
		return ""
	case m.load.loading():
		return m.spinner.View() + " " + t.UILoadingTable
	case len(m.data.stores) == 0:
		return st.bold.Render(t.UIStoresNone) + "\n\n" + t.UIDemoHint
	}
	msg := t.Nf(t.UINoCookies, len(m.data.stores), m.site, len(m.data.stores))
	if n := m.failedStores(); n > 0 {
		msg += "\n" + st.warn.Render("⚠ "+t.N(t.UIStoresFailed, n))
	}
	return st.bold.Render(msg) + "\n\n" + t.UIDemoHint
}

func (m Model) detailInput() detailInput {
	f, ok := m.table.selected()
	in := detailInput{finding: f, ok: ok, cat: m.cat, lang: m.lang, now: m.now(), loc: m.loc}
	if !ok {
		return in
	}
	key := m.table.selectedKey()
	if m.sel.revealedKey == key {
		in.revealed = m.sel.revealed
	}
	in.revealing = m.sel.revealingKey == key
	in.audit, in.site = m.data.audits[key], m.site
	if r, kept := inspect.Kept(m.keep.rules, f.Cookie); kept {
		in.keptBy = &r
	}
	return in
}

// footerView: the running operation, else the status, else short help.
func (m Model) footerView() string {
	return strings.Join(m.footerLines(), "\n")
}

func (m Model) footerLines() []string {
	st := m.styles
	var s string
	switch {
	case m.task.running():
		s = m.spinner.View() + " " + m.task.msg
	case m.status.text != "" && m.width > 0:
		style := st.bold
		if m.status.kind == statusError {
			style = st.errLine
		}
		lines := strings.Split(ansi.Wrap(m.status.text, m.width, " "), "\n")
		if len(lines) > maxStatusLines {
			lines = lines[:maxStatusLines]
			lines[maxStatusLines-1] = ansi.Truncate(lines[maxStatusLines-1]+" …", m.width, "…")
		}
		for i, l := range lines {
			lines[i] = style.Render(l)
		}
		return lines
	default:
		// The keys of the state, most needed first; the disabled ones
		// are hidden.
		s = m.help.ShortHelpView(m.keys.ShortHelp())
	}
	return []string{ansi.Truncate(s, m.width, "…")}
}

// storeLines describes every store: those read, then those still read.
func (m Model) storeLines() []string {
	t, st := m.t, m.styles
	var out []string
	seen := map[string]bool{}
	for _, s := range m.data.stores {
		seen[s.Path] = true
		status := fmt.Sprintf(t.StoreRead, t.CookieCount(s.Count))
		if !s.OK {
			status = st.warn.Render("⚠ " + fmt.Sprintf(t.StoreFailed, m.t.Error(s.Err)))
		} else if s.Note != "" {
			status += " (" + m.t.Note(s.Note) + ")"
		}
		out = append(out, storeLine(s.StoreRef, status, m.width, st))
	}
	if m.load.loading() {
		for _, r := range m.load.refs {
			if !seen[r.Path] {
				out = append(out, storeLine(r, st.dim.Render(t.UIStoresPending), m.width, st))
			}
		}
	}
	return out
}

func storeLine(r inspect.StoreRef, status string, width int, st styles) string {
	who := st.bold.Render(clean(browserKey{r.Browser, r.Profile}.String()))
	path := st.dim.Render(ansi.Wrap(clean(r.Path), max(width-4, 10), "/"))
	return who + "  " + status + "\n    " + strings.ReplaceAll(path, "\n", "\n    ")
}

// updateStoresView refills the stores page after a read or a resize.
func (m *Model) updateStoresView() {
	lines := m.storeLines()
	content := strings.Join(lines, "\n")
	switch {
	case m.load.err != nil:
		// The listing failed: "no store found" would tell another story.
		content = m.styles.errLine.Render(fmt.Sprintf(m.t.UIDiscoverFailed, m.t.Error(m.load.err)))
	case len(lines) == 0 && !m.load.loading():
		content = m.t.UIStoresNone + "\n\n" + m.t.UIDemoHint
	}
	m.storesV.SetContent(content)
}

// fitBlock cuts or pads s to exactly w x h cells, so that the pieces of
// the screen never wrap or shift.
func fitBlock(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		// Measured once when it fits, as most lines do (Truncate would
		// measure it to return it unchanged); l holds no "\n".
		lw := ansi.StringWidth(l)
		if lw > w {
			l = ansi.Truncate(l, w, "")
			lw = ansi.StringWidth(l)
		}
		if pad := w - lw; pad > 0 {
			l += strings.Repeat(" ", pad)
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}
