package report

import (
	"strings"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// CountSegment is one figure of a count line in words, with its category
// so that a screen can colour it (the words stay: never colour alone).
type CountSegment struct {
	Category catalog.Category
	N        int
	Text     string // "11 necessary", "1 nécessaire"
}

// CountSegments renders the five figures of n in display order: necessary,
// statistics, first-party, third-party, then the undeclared cookies
// nothing places ("unclassified"). Their N add up to n.Total.
func CountSegments(t *i18n.Strings, n inspect.CategoryCounts) []CountSegment {
	lines := n.Lines()
	out := make([]CountSegment, len(lines))
	for i, l := range lines {
		out[i] = CountSegment{l.Category, l.N, t.CategoryCount(l.Category, l.N)}
	}
	return out
}

// CountOfWhich is the figure that is a part of the line, not a term of
// it: "(22 of them undeclared)"; "" when no cookie is undeclared.
func CountOfWhich(t *i18n.Strings, n inspect.CategoryCounts) string {
	if n.Undeclared == 0 {
		return ""
	}
	return t.N(t.CountLineOf, n.Undeclared)
}

// CountLine is the whole line in plain words: "33 cookies: 11 necessary ·
// 5 statistics · 0 first-party · 4 third-party · 13 unclassified (22 of
// them undeclared)". The figures after the colon add up to the first.
func CountLine(t *i18n.Strings, n inspect.CategoryCounts) string {
	segs := CountSegments(t, n)
	words := make([]string, len(segs))
	for i, s := range segs {
		words[i] = s.Text
	}
	line := t.N(t.CountLineTotal, n.Total) + " " + strings.Join(words, " · ")
	if of := CountOfWhich(t, n); of != "" {
		line += " " + of
	}
	return line
}
