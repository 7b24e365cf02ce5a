package report

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Palette is the one set of colours of the program: the commands' output
// and the interactive UI take theirs from it. The category colours are
// the terminal's own green, yellow and red, which its theme already fits
// to a light or a dark background, so that a category reads the same in
// `list` and in the UI; the UI's chrome (accent, subtle text, borders)
// is picked for the background the terminal reports.
type Palette struct {
	Necessary, NonEssential, Undeclared color.Color // also ok, warning and error
	Accent, Subtle, Border              color.Color
}

// NewPalette is the palette for a dark or a light background.
func NewPalette(isDark bool) Palette {
	ld := lipgloss.LightDark(isDark)
	return Palette{
		Necessary:    lipgloss.Green,
		NonEssential: lipgloss.Yellow,
		Undeclared:   lipgloss.Red,
		Accent:       ld(lipgloss.Color("#1F5FAF"), lipgloss.Color("#7EB6FF")),
		Subtle:       ld(lipgloss.Color("#6E7781"), lipgloss.Color("#8B949E")),
		Border:       ld(lipgloss.Color("#8C959F"), lipgloss.Color("#484F58")),
	}
}
