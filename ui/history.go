package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/ofgl/ofgl-cookies/inspect"
)

// historyView is the deletion batches, newest first, as `undo --list`
// lists them: when, how many cookies, from which stores, and whether
// they are undone; u or enter undoes the one under the cursor.
func (m Model) historyView(w, h int) string {
	t, st := m.t, m.styles
	hs := m.hist
	title := st.bold.Render(fmt.Sprintf(t.UIHistoryTitle, len(hs.batches)))
	switch {
	case !hs.loaded:
		return title + "\n\n" + m.spinner.View() + " " + t.UIHistoryLoading
	case hs.err != nil:
		return title + "\n\n" + st.errLine.Render(fmt.Sprintf(t.UIHistoryFailed, t.Error(hs.err)))
	case len(hs.batches) == 0:
		return title + "\n\n" + t.UIHistoryEmpty
	}
	const whenW, countW = 16, 8
	stateW := 0
	rows := make([][3]string, len(hs.batches))
	for i := range hs.batches {
		b := &hs.batches[i]
		rows[i] = [3]string{b.Created.In(m.loc).Format("2006-01-02 15:04"), fmt.Sprint(b.Cookies()), m.batchState(b)}
		stateW = max(stateW, ansi.StringWidth(rows[i][2]), ansi.StringWidth(t.UIHistoryState))
	}
	storesW := max(w-whenW-countW-stateW-6, 10)
	line := func(when, count, stores, state string) string {
		return padRight(when, whenW) + "  " + padRight(count, countW) + "  " + padRight(state, stateW) + "  " + ansi.Truncate(stores, storesW, "…")
	}
	out := []string{title, st.bold.Render(line(t.UIHistoryWhen, t.UIHistoryCookies, t.UIHistoryStores, t.UIHistoryState))}
	// A window of rows around the cursor.
	room := max(h-len(out), 1)
	from := min(max(hs.cursor-room/2, 0), max(len(rows)-room, 0))
	for i := from; i < len(rows) && i < from+room; i++ {
		l := line(rows[i][0], rows[i][1], batchStores(&hs.batches[i]), rows[i][2])
		if i == hs.cursor {
			l = st.table.Selected.Render(padRight(l, w))
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// batchState says whether a batch is undone, can be undone, or not.
func (m Model) batchState(b *inspect.Batch) string {
	t := m.t
	switch {
	case b.Done():
		when := ""
		if b.Undone != nil {
			when = b.Undone.In(m.loc).Format(time.DateTime[:16])
		}
		return strings.TrimSpace(fmt.Sprintf(t.UIHistoryUndone, when))
	case b.Status == inspect.BatchPending:
		return t.UIHistoryPending
	case b.Undoable():
		return t.UIHistoryUndoable
	}
	return t.UIHistoryNothing
}

// batchStores names the browser and profile of every store of a batch,
// each with the cookies deleted there.
func batchStores(b *inspect.Batch) string {
	var parts []string
	for _, s := range b.Stores {
		var names []string
		for _, c := range s.CookieNames() {
			names = append(names, clean(c.Name))
		}
		if len(names) == 0 {
			continue
		}
		where := clean(browserKey{s.Store.Browser, s.Store.Profile}.String())
		parts = append(parts, where+": "+strings.Join(names, ", "))
	}
	return strings.Join(parts, " · ")
}
