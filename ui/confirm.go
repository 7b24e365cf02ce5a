package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// confirmDialog asks before a deletion, saying exactly which cookies go
// from which browser, profile and store. Only y (and the language's own
// yes letter) confirms what it lists; a clear whose view hides other
// non-essential cookies also offers them all on a, named as such; every
// other key, Enter included, cancels, as in gh-dash and k9s.
type confirmDialog struct {
	title  string
	remove []inspect.Finding
	kept   []inspect.Finding
	rules  []inspect.KeepRule
	// all and allKept are the wider choice of a clear: every
	// non-essential cookie of every store; nil when it is remove.
	all, allKept []inspect.Finding
}

func newConfirm(title string, remove, kept []inspect.Finding, rules []inspect.KeepRule, t *i18n.Strings) *confirmDialog {
	return &confirmDialog{title: title, remove: remove, kept: kept, rules: rules}
}

// wider says whether the dialog offers more than the rows shown.
func (c *confirmDialog) wider() bool { return len(c.all) > len(c.remove) }

// cookies is what an answer deletes.
func (c *confirmDialog) cookies(fs []inspect.Finding) []inspect.Cookie {
	out := make([]inspect.Cookie, len(fs))
	for i, f := range fs {
		out[i] = f.Cookie
	}
	return out
}

// hint names the answers.
func (c *confirmDialog) hint(t *i18n.Strings) string {
	switch {
	case c.wider() && len(c.remove) == 0:
		return t.N(t.UIConfirmHintAllOnly, len(c.all))
	case c.wider():
		return t.Nf(t.UIConfirmHintAll, len(c.remove), len(c.remove), len(c.all))
	}
	return t.UIConfirmHint
}

// view renders the dialog in at most width x height cells.
func (c *confirmDialog) view(width, height int, t *i18n.Strings, st styles) string {
	inner := max(width-4, 10) // the dialog's border and padding
	var lines []string
	lines = append(lines, st.warn.Render(c.title), "")
	// One group per store, in the order of the findings.
	type group struct {
		where string
		cs    []inspect.Finding
	}
	var groups []*group
	byPath := map[string]*group{}
	for _, f := range c.remove {
		g := byPath[f.Store.Path]
		if g == nil {
			where := browserKey{f.Store.Browser, f.Store.Profile}.String() + " · " + filepath.Base(f.Store.Path)
			g = &group{where: clean(where)}
			byPath[f.Store.Path] = g
			groups = append(groups, g)
		}
		g.cs = append(g.cs, f)
	}
	// render packs the names into lines, and records for each line how
	// many cookies it names and from which group, to say what a cut hides.
	render := func(withHost bool) (body []string, held, from []int) {
		for gi, g := range groups {
			body = append(body, st.bold.Render(fmt.Sprintf(t.UIConfirmFrom, g.where, len(g.cs))))
			held, from = append(held, 0), append(from, gi)
			line, n := "", 0
			flush := func() {
				if n > 0 {
					body, held, from = append(body, "  "+line), append(held, n), append(from, gi)
				}
				line, n = "", 0
			}
			for i, f := range g.cs {
				name := clean(f.Name)
				if withHost {
					name += " (" + clean(f.Host) + ")"
				}
				if i < len(g.cs)-1 {
					name += ","
				}
				if n > 0 && lipgloss.Width(line)+1+lipgloss.Width(name) > inner-2 {
					flush()
				}
				if n > 0 {
					line += " "
				}
				line += name
				n++
			}
			flush()
		}
		return body, held, from
	}
	var tail []string
	if len(c.kept) > 0 {
		var names []string
		for _, f := range c.kept {
			if r, ok := inspect.Kept(c.rules, f.Cookie); ok {
				names = append(names, clean(f.Name)+" ("+report.KeepRule(r)+")")
			}
		}
		tail = append(tail, "", ansi.Wrap(fmt.Sprintf(t.UIConfirmKept, strings.Join(names, ", ")), inner, " "))
	}
	tail = append(tail, "", st.bold.Render(ansi.Wrap(c.hint(t), inner, " ")))
	tailLines := strings.Split(strings.Join(tail, "\n"), "\n")
	room := height - 2 - len(lines) - len(tailLines) // 2: the border
	body, held, from := render(true)
	if len(body) > room {
		body, held, from = render(false) // names only
	}
	if len(body) > room {
		cut := max(room-1, 0)
		hidden := 0
		var where []string
		for i := cut; i < len(body); i++ {
			hidden += held[i]
			if w := groups[from[i]].where; held[i] > 0 && (len(where) == 0 || where[len(where)-1] != w) {
				where = append(where, w)
			}
		}
		body = append(body[:cut:cut], st.dim.Render(t.Nf(t.UIConfirmMore, hidden, hidden, strings.Join(where, ", "))))
	}
	lines = append(append(lines, body...), tailLines...)
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, inner, "…")
	}
	return st.dialog.Width(min(width, inner+4)).Render(strings.Join(lines, "\n"))
}
