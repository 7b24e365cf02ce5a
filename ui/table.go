package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/table"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/audit"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// column is one table column the layout may show.
type column int

const (
	colMark column = iota
	colName
	colHost
	colBrowser
	colCategory
	colDeclared
	colExpires
	colAudit // the worst audit finding: "✗" error, "!" warning
)

// numColumns is the number of columns a row may have.
const numColumns = int(colAudit) + 1

// entry is what the table and the filters need of one finding, worked out
// once when its store is read: measuring every cookie on each refresh or
// frame made a keystroke cost tens of milliseconds at 10,000 cookies. It
// depends on the finding and on the language and time zone, which are
// fixed for the model's life.
type entry struct {
	key    string             // cookieKey
	cells  [numColumns]string // cell of each column but colMark, which follows the marks
	widths [numColumns]int    // cell widths of the flexible columns (name, host, browser)
	tabs   uint8              // bit i: the finding shows in tab i
	match  catalog.Match      // what colours its category cell
	// lowerName and lowerHost are what the search matches.
	lowerName, lowerHost string
}

func newEntry(f *inspect.Finding, t *i18n.Strings, loc *time.Location) entry {
	e := entry{key: cookieKey(f.Cookie), lowerName: strings.ToLower(f.Name), lowerHost: strings.ToLower(f.Host)}
	for c := colName; c <= colExpires; c++ {
		e.cells[c] = cell(c, f, t, loc)
	}
	for _, c := range []column{colName, colHost, colBrowser} {
		e.widths[c] = cellWidth(e.cells[c])
	}
	for tab := tabAll; tab < numTabs; tab++ {
		if tab.matches(f.Match) {
			e.tabs |= 1 << tab
		}
	}
	e.match = f.Match
	return e
}

// inTab says whether the finding shows in tab i.
func (e *entry) inTab(i tabFilter) bool { return e.tabs&(1<<i) != 0 }

// newEntries works out the entries of findings, in the same order.
func newEntries(findings []inspect.Finding, t *i18n.Strings, loc *time.Location) []entry {
	out := make([]entry, len(findings))
	for i := range findings {
		out[i] = newEntry(&findings[i], t, loc)
	}
	return out
}

// cellWidth is lipgloss.Width of one cell. Cleaned printable ASCII, the
// usual case, takes one cell a byte and skips the grapheme segmentation.
func cellWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return lipgloss.Width(s)
		}
	}
	return len(s)
}

// cellWidths holds the width of the longest cell of each flexible column
// (name, host, browser) among some rows.
type cellWidths [numColumns]int

// add takes the row of e into account.
func (w *cellWidths) add(e *entry) {
	for _, c := range []column{colName, colHost, colBrowser} {
		w[c] = max(w[c], e.widths[c])
	}
}

// cookieTable is the bubbles table of the visible findings. It hides two
// quirks of bubbles' table: SetCursor does not scroll (select does), and
// its default keys page on d and space (keyMap.tableKeys rebinds them).
//
// Bubbles' table renders its rows on every setter and move, so setRows
// sets everything else while the table is empty, where rendering is free.
type cookieTable struct {
	model   table.Model
	rows    []inspect.Finding
	entries []*entry // of each row
	cols    []column
	width   int
	height  int
	// shownW and shownH are the size the bubbles table was last given.
	shownW, shownH int
	// fresh: setRows just ran, the cursor is before the first row and the
	// view at the top; selectKey saves a move then.
	fresh bool
}

func newCookieTable(k keyMap, st styles) cookieTable {
	m := table.New(table.WithKeyMap(k.tableKeys()), table.WithStyles(st.table), table.WithFocused(true))
	return cookieTable{model: m}
}

// Update moves the cursor on the movement keys and the mouse wheel.
func (c cookieTable) Update(msg tea.Msg) (cookieTable, tea.Cmd) {
	c.fresh = false
	if m, ok := msg.(tea.MouseWheelMsg); ok {
		switch m.Button {
		case tea.MouseWheelUp:
			c.model.MoveUp(1)
		case tea.MouseWheelDown:
			c.model.MoveDown(1)
		}
		return c, nil
	}
	var cmd tea.Cmd
	c.model, cmd = c.model.Update(msg)
	return c, cmd
}

// selected is the finding under the cursor.
func (c cookieTable) selected() (inspect.Finding, bool) {
	i := c.model.Cursor()
	if i < 0 || i >= len(c.rows) {
		return inspect.Finding{}, false
	}
	return c.rows[i], true
}

// selectedKey is the cookieKey of the finding under the cursor, or "".
func (c cookieTable) selectedKey() string {
	i := c.model.Cursor()
	if i < 0 || i >= len(c.entries) {
		return ""
	}
	return c.entries[i].key
}

// selectKey puts the cursor on the cookie of key, or on the same row
// number when it is gone, scrolling it into view.
func (c *cookieTable) selectKey(key string, fallback int) {
	idx := -1
	for i, e := range c.entries {
		if e.key == key {
			idx = i
			break
		}
	}
	if idx < 0 {
		idx = min(max(fallback, 0), len(c.rows)-1)
	}
	if c.fresh {
		// From the cursor at -1 and the view at the top, one move lands
		// exactly where GotoTop and MoveDown(idx) would: bubbles' MoveDown
		// scrolls the same from there whatever its count.
		c.fresh = false
		c.model.MoveDown(idx + 1)
		return
	}
	c.model.GotoTop()
	if idx > 0 {
		c.model.MoveDown(idx)
	}
}

// setSize lays the table out in width x height cells; setRows applies it.
func (c *cookieTable) setSize(width, height int) {
	c.width, c.height = width, height
}

// setRows replaces the rows and columns; entries are the rows' entries.
// The caller then selects.
func (c *cookieTable) setRows(rows []inspect.Finding, entries []*entry, q query, marks, kept map[string]bool, audits map[string][]audit.Finding, t *i18n.Strings, st styles) {
	c.rows, c.entries = rows, entries
	c.cols = chooseColumns(c.width, t)
	titles := map[column]string{
		colMark: "", colAudit: "", colName: t.ColName, colHost: t.ColHost, colBrowser: t.UIColBrowserProfile,
		colCategory: t.ColCategory, colDeclared: t.ColDeclared, colExpires: t.ColExpires,
	}
	sorted := map[sortColumn]column{sortName: colName, sortHost: colHost, sortStore: colBrowser,
		sortCategory: colCategory, sortDeclared: colDeclared, sortExpires: colExpires}[q.sort]
	var longest cellWidths
	for _, e := range entries {
		longest.add(e)
	}
	widths := columnWidths(c.width, c.cols, longest, t)
	cols := make([]table.Column, len(c.cols))
	short := false // every browser cell abbreviated, the same way
	for i, col := range c.cols {
		title := titles[col]
		if col == colBrowser && widths[i] < longest[colBrowser] {
			short = true
		}
		if col == colBrowser && widths[i] < lipgloss.Width(title)+1 {
			title = t.UIColProfileShort
		}
		if col == sorted {
			if q.reverse {
				title += "▼"
			} else {
				title += "▲"
			}
		}
		cols[i] = table.Column{Title: title, Width: widths[i]}
	}
	// One backing array for every cell: 10,000 rows, one allocation.
	n := len(c.cols)
	cells := make([]string, len(rows)*n)
	trows := make([]table.Row, len(rows))
	shortCells := map[browserKey]string{} // a browser cell cut to its column, once per store
	type catKey struct {
		word                string
		declared, essential bool
	}
	catCells := map[catKey]string{} // what styles.category tells apart
	for i, e := range entries {
		r := table.Row(cells[i*n : (i+1)*n : (i+1)*n])
		for j, col := range c.cols {
			switch {
			case col == colMark:
				r[j] = markCell(e.key, marks, kept)
			case col == colAudit:
				r[j] = auditCell(audits[e.key])
			case col == colBrowser && short:
				b := browserKey{rows[i].Store.Browser, rows[i].Store.Profile}
				s, ok := shortCells[b]
				if !ok {
					s = shortBrowser(rows[i].Store, widths[j])
					shortCells[b] = s
				}
				r[j] = s
			case col == colCategory:
				k := catKey{e.cells[col], e.match.Declared, e.match.Category.Essential()}
				s, ok := catCells[k]
				if !ok {
					s = colourWord(e.cells[col], st.category(e.match))
					catCells[k] = s
				}
				r[j] = s
			default:
				r[j] = e.cells[col]
			}
		}
		trows[i] = r
	}
	// Empty the table first: it renders on each call and must never see
	// rows wider than its columns; and, empty, it renders nothing while
	// it is given its columns and size.
	c.model.SetRows(nil)
	c.model.SetColumns(cols)
	if c.width > 0 && (c.width != c.shownW || c.height != c.shownH) {
		c.model.SetWidth(c.width)
		c.model.SetHeight(c.height)
		c.shownW, c.shownH = c.width, c.height
	}
	c.model.SetRows(trows)
	c.fresh = true
}

// colourWord gives a cell its category's colour by its foreground alone,
// ended by the default foreground rather than a full reset: the selected
// row's reverse video then shows whole across it (a full reset in a cell
// is what hides it: bubbles issue #729). The word stays, so colour is
// never the only sign.
func colourWord(word string, style lipgloss.Style) string {
	fg := style.GetForeground()
	if _, none := fg.(lipgloss.NoColor); none {
		return word
	}
	return ansi.Style{}.ForegroundColor(fg).String() + word + ansi.Style{}.ForegroundColor(nil).String()
}

// cell is the plain text of one cell but the mark (markCell): no colour,
// so the selected row's reverse video is never hidden by a cell's own
// style.
func cell(col column, f *inspect.Finding, t *i18n.Strings, loc *time.Location) string {
	switch col {
	case colName:
		return clean(f.Name)
	case colHost:
		// As list prints it: the partition and the container tell apart
		// cookies of the same name and host.
		h := f.Host
		if f.PartitionSite != "" {
			h += " [" + f.PartitionSite + "]"
		}
		if f.Container != "" {
			h += " {" + f.Container + "}"
		}
		return clean(h)
	case colBrowser:
		return clean(browserOf(f.Cookie).String())
	case colCategory:
		return categoryWord(f.Match, t)
	case colDeclared:
		if f.Match.Declared {
			return t.Yes
		}
		return t.No
	case colExpires:
		if f.Session {
			return t.Session
		}
		return f.Expires.In(loc).Format(time.DateOnly)
	}
	return ""
}

// markCell is the mark column: marked (✓), kept by a rule (K, the keep
// key), or neither.
func markCell(key string, marks, kept map[string]bool) string {
	switch {
	case marks[key]:
		return "✓"
	case kept[key]:
		return "K"
	}
	return " "
}

// browserAbbrev is each browser's short name, the same in every row;
// chrome and chromium must differ.
var browserAbbrev = map[string]string{
	"chromium": "chm", "chrome": "chr", "firefox": "ff", "edge": "edg", "brave": "brv",
	"opera": "opr", "vivaldi": "viv", "safari": "saf", "librewolf": "lbw", "file": "file",
}

// shortBrowser fits browser/profile in width by abbreviating the
// browser's name first: the profile is what tells two rows apart.
func shortBrowser(ref inspect.StoreRef, width int) string {
	b := clean(ref.Browser)
	if a, ok := browserAbbrev[strings.ToLower(b)]; ok {
		b = a
	} else if len(b) > 3 {
		b = b[:3]
	}
	if ref.Profile == "" {
		return ansi.Truncate(b, width, "…")
	}
	return ansi.Truncate(b+"/"+clean(ref.Profile), width, "…")
}

// chooseColumns drops the least needed columns on narrow terminals.
func chooseColumns(width int, t *i18n.Strings) []column {
	// A short browser/profile marker at every width: two rows of the
	// same cookie in two profiles must never look the same.
	cols := []column{colMark, colAudit, colName, colBrowser, colCategory, colExpires}
	need := 0
	for _, c := range cols {
		need += colMinWidth(c, t) + 1
	}
	// The optional columns come after a whole browser/profile marker.
	need += browserMarkerWidth - colMinWidth(colBrowser, t)
	for _, opt := range []column{colHost, colDeclared} {
		if w := colMinWidth(opt, t) + 1; need+w <= width {
			need += w
			cols = append(cols, opt)
		}
	}
	// Display order.
	order := []column{colMark, colName, colHost, colBrowser, colCategory, colDeclared, colExpires, colAudit}
	var out []column
	for _, o := range order {
		for _, c := range cols {
			if c == o {
				out = append(out, c)
			}
		}
	}
	return out
}

// colMinWidth is a column's narrowest useful width, without its padding.
func colMinWidth(c column, t *i18n.Strings) int {
	switch c {
	case colMark, colAudit:
		return 1
	case colName:
		return 12
	case colHost:
		return 12
	case colBrowser:
		return 8
	case colCategory:
		w := lipgloss.Width(t.ColCategory)
		for _, c := range catalog.Categories() {
			w = max(w, lipgloss.Width(t.Category(c)))
		}
		return w
	case colDeclared:
		return max(lipgloss.Width(t.ColDeclared)+1, lipgloss.Width(t.Yes), lipgloss.Width(t.No))
	case colExpires:
		return max(len(time.DateOnly), lipgloss.Width(t.ColExpires)+1, lipgloss.Width(t.Session))
	}
	return 0
}

// browserMarkerWidth is what the browser/profile column gets before the
// other flexible columns grow: an abbreviated browser and a profile name.
const browserMarkerWidth = 14

// columnWidths gives the fixed columns their width and shares the rest
// among name, host and browser, never wider than their longest cell
// among the rows.
func columnWidths(width int, cols []column, longest cellWidths, t *i18n.Strings) []int {
	widths := make([]int, len(cols))
	rest := width
	flex := map[column]int{} // longest content of each flexible column
	for i, c := range cols {
		widths[i] = colMinWidth(c, t)
		rest -= widths[i] + 1
		switch c {
		case colName, colHost, colBrowser:
			title := lipgloss.Width(map[column]string{colName: t.ColName, colHost: t.ColHost, colBrowser: t.UIColBrowserProfile}[c]) + 1
			flex[c] = max(title, longest[c])
		}
	}
	// What tells rows apart first: a browser/profile marker (chm/Work),
	// then the whole name; the rest grows round robin below.
	growTo := func(col column, want int) {
		for i, c := range cols {
			if c == col {
				grow := min(max(want-widths[i], 0), max(rest, 0))
				widths[i] += grow
				rest -= grow
			}
		}
	}
	growTo(colBrowser, min(flex[colBrowser], browserMarkerWidth))
	growTo(colName, flex[colName])
	// Grow the flexible columns one cell at a time, round robin, until
	// each shows its longest cell or the width is used up.
	for rest > 0 {
		grew := false
		for i, c := range cols {
			if want, ok := flex[c]; ok && widths[i] < want && rest > 0 {
				widths[i]++
				rest--
				grew = true
			}
		}
		if !grew {
			break
		}
	}
	return widths
}

// naturalWidth is the width the table needs to show every column whole,
// longest being measured over every finding.
func naturalWidth(longest cellWidths, t *i18n.Strings) int {
	all := []column{colMark, colAudit, colName, colHost, colBrowser, colCategory, colDeclared, colExpires}
	w := 0
	for _, c := range columnWidths(1<<16, all, longest, t) {
		w += c + 1
	}
	return w
}

// view renders the table in exactly its height.
func (c cookieTable) view() string {
	return c.model.View()
}
