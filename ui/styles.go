package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/table"
	"charm.land/lipgloss/v2"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// styles is every style of the UI, rebuilt when the terminal tells its
// background. Colour never carries meaning alone: categories are words,
// the selected row is reversed, warnings say what they are.
type styles struct {
	title, dim, bold, label, warn, errLine, ok lipgloss.Style
	tabActive, tabInactive                     lipgloss.Style
	necessary, nonEssential, undeclared        lipgloss.Style
	pane, dialog                               lipgloss.Style
	table                                      table.Styles
	help                                       help.Styles
}

// newStyles takes the program's one palette (report.NewPalette) for a
// dark or a light background. The renderer downsamples the colours, and
// drops them for NO_COLOR, keeping bold, faint and reverse.
func newStyles(isDark bool) styles {
	p := report.NewPalette(isDark)
	accent, subtle, border := p.Accent, p.Subtle, p.Border
	green, amber, red := p.Necessary, p.NonEssential, p.Undeclared
	s := styles{
		title:        lipgloss.NewStyle().Bold(true).Foreground(accent),
		dim:          lipgloss.NewStyle().Foreground(subtle),
		bold:         lipgloss.NewStyle().Bold(true),
		label:        lipgloss.NewStyle().Bold(true),
		warn:         lipgloss.NewStyle().Bold(true).Foreground(amber),
		errLine:      lipgloss.NewStyle().Bold(true).Foreground(red),
		ok:           lipgloss.NewStyle().Foreground(green),
		tabActive:    lipgloss.NewStyle().Bold(true).Reverse(true).Padding(0, 1),
		tabInactive:  lipgloss.NewStyle().Padding(0, 1).Foreground(subtle),
		necessary:    lipgloss.NewStyle().Foreground(green),
		nonEssential: lipgloss.NewStyle().Foreground(amber),
		undeclared:   lipgloss.NewStyle().Foreground(red).Bold(true),
		pane:         lipgloss.NewStyle().Border(lipgloss.NormalBorder(), false, false, false, true).BorderForeground(border).PaddingLeft(1),
		dialog:       lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(amber).Padding(0, 1),
		help:         help.DefaultStyles(isDark),
	}
	// Cells stay plain (no colour) so that the selected row's reverse
	// video shows whole: bubbles issue #729.
	s.table = table.Styles{
		Header:   lipgloss.NewStyle().Bold(true).PaddingRight(1),
		Cell:     lipgloss.NewStyle().PaddingRight(1),
		Selected: lipgloss.NewStyle().Reverse(true).Bold(true),
	}
	return s
}

// category colours a category word in the detail pane and the header.
func (s styles) category(m catalog.Match) lipgloss.Style {
	switch {
	case !m.Declared:
		return s.undeclared
	case m.Category.Essential():
		return s.necessary
	}
	return s.nonEssential
}
