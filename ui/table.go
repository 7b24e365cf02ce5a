package ui

import (
	"time"

	"charm.land/bubbles/v2/table"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ofgl/ofgl-cookies/inspect"
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
)

// cookieTable is the bubbles table of the visible findings. It hides two
// quirks of bubbles' table: SetCursor does not scroll (select does), and
// its default keys page on d and space (keyMap.tableKeys rebinds them).
type cookieTable struct {
	model table.Model
	rows  []inspect.Finding
	cols  []column
	width int
}

func newCookieTable(k keyMap, st styles) cookieTable {
	m := table.New(table.WithKeyMap(k.tableKeys()), table.WithStyles(st.table), table.WithFocused(true))
	return cookieTable{model: m}
}

// Update moves the cursor on the movement keys and the mouse wheel.
func (c cookieTable) Update(msg tea.Msg) (cookieTable, tea.Cmd) {
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

// selectKey puts the cursor on the cookie of key, or on the same row
// number when it is gone, scrolling it into view.
func (c *cookieTable) selectKey(key string, fallback int) {
	idx := -1
	for i, f := range c.rows {
		if cookieKey(f.Cookie) == key {
			idx = i
			break
		}
	}
	if idx < 0 {
		idx = min(max(fallback, 0), len(c.rows)-1)
	}
	c.model.GotoTop()
	if idx > 0 {
		c.model.MoveDown(idx)
	}
}

// setSize lays the table out in width x height cells.
func (c *cookieTable) setSize(width, height int) {
	c.width = width
	c.model.SetWidth(width)
	c.model.SetHeight(height)
}

// setRows replaces the rows and columns; the caller then selects.
func (c *cookieTable) setRows(rows []inspect.Finding, q query, marks, kept map[string]bool, t *i18n.Strings, loc *time.Location) {
	c.rows = rows
	c.cols = chooseColumns(c.width, t)
	titles := map[column]string{
		colMark: "", colName: t.ColName, colHost: t.ColHost, colBrowser: t.UIColBrowserProfile,
		colCategory: t.ColCategory, colDeclared: t.ColDeclared, colExpires: t.ColExpires,
	}
	sorted := map[sortColumn]column{sortName: colName, sortHost: colHost, sortStore: colBrowser,
		sortCategory: colCategory, sortDeclared: colDeclared, sortExpires: colExpires}[q.sort]
	widths := columnWidths(c.width, c.cols, rows, t)
	cols := make([]table.Column, len(c.cols))
	for i, col := range c.cols {
		title := titles[col]
		if col == sorted {
			title += "▲"
		}
		cols[i] = table.Column{Title: title, Width: widths[i]}
	}
	trows := make([]table.Row, len(rows))
	for i, f := range rows {
		key := cookieKey(f.Cookie)
		r := make(table.Row, len(c.cols))
		for j, col := range c.cols {
			r[j] = cell(col, f, key, marks, kept, t, loc)
			if col == colBrowser && lipgloss.Width(r[j]) > widths[j] {
				r[j] = shortBrowser(f.Store, widths[j])
			}
		}
		trows[i] = r
	}
	// Rows first when shrinking, columns first when growing: the table
	// renders on each call and must never see rows wider than its columns.
	c.model.SetRows(nil)
	c.model.SetColumns(cols)
	c.model.SetRows(trows)
}

// cell is the plain text of one cell: no colour, so the selected row's
// reverse video is never hidden by a cell's own style.
func cell(col column, f inspect.Finding, key string, marks, kept map[string]bool, t *i18n.Strings, loc *time.Location) string {
	switch col {
	case colMark:
		switch {
		case marks[key]:
			return "✓"
		case kept[key]:
			return "k"
		}
		return " "
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

// shortBrowser fits browser/profile in width by cutting the browser's
// name first: the profile is what tells two rows apart.
func shortBrowser(ref inspect.StoreRef, width int) string {
	b := clean(ref.Browser)
	if ref.Profile == "" {
		return b
	}
	if len(b) > 3 {
		b = b[:3]
	}
	return ansi.Truncate(b+"/"+clean(ref.Profile), width, "…")
}

// chooseColumns drops the least needed columns on narrow terminals.
func chooseColumns(width int, t *i18n.Strings) []column {
	cols := []column{colMark, colName, colCategory, colExpires}
	need := 0
	for _, c := range cols {
		need += colMinWidth(c, t) + 1
	}
	for _, opt := range []column{colHost, colBrowser, colDeclared} {
		if w := colMinWidth(opt, t) + 1; need+w <= width {
			need += w
			cols = append(cols, opt)
		}
	}
	// Display order.
	order := []column{colMark, colName, colHost, colBrowser, colCategory, colDeclared, colExpires}
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
	case colMark:
		return 1
	case colName:
		return 12
	case colHost:
		return 12
	case colBrowser:
		return 10
	case colCategory:
		w := lipgloss.Width(t.ColCategory)
		for _, v := range t.Categories {
			w = max(w, lipgloss.Width(v))
		}
		return w
	case colDeclared:
		return max(lipgloss.Width(t.ColDeclared)+1, lipgloss.Width(t.Yes), lipgloss.Width(t.No))
	case colExpires:
		return max(len(time.DateOnly), lipgloss.Width(t.ColExpires)+1, lipgloss.Width(t.Session))
	}
	return 0
}

// columnWidths gives the fixed columns their width and shares the rest
// among name, host and browser, never wider than their longest cell.
func columnWidths(width int, cols []column, rows []inspect.Finding, t *i18n.Strings) []int {
	widths := make([]int, len(cols))
	rest := width
	flex := map[column]int{} // longest content of each flexible column
	for i, c := range cols {
		widths[i] = colMinWidth(c, t)
		rest -= widths[i] + 1
		switch c {
		case colName, colHost, colBrowser:
			longest := lipgloss.Width(map[column]string{colName: t.ColName, colHost: t.ColHost, colBrowser: t.UIColBrowserProfile}[c]) + 1
			for _, f := range rows {
				longest = max(longest, lipgloss.Width(cell(c, f, "", nil, nil, t, time.UTC)))
			}
			flex[c] = longest
		}
	}
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

// naturalWidth is the width the table needs to show every column whole.
func naturalWidth(rows []inspect.Finding, t *i18n.Strings) int {
	all := []column{colMark, colName, colHost, colBrowser, colCategory, colDeclared, colExpires}
	w := 0
	for _, c := range columnWidths(1<<16, all, rows, t) {
		w += c + 1
	}
	return w
}

// view renders the table in exactly its height.
func (c cookieTable) view() string {
	return c.model.View()
}
