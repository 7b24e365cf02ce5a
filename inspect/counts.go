package inspect

import "github.com/ofgl/ofgl-cookies/catalog"

// CategoryCounts counts a set of findings by category, so that every line
// built from it adds up: each finding falls in exactly one of the five
// categories of catalog.Categories (Undeclared holding the undeclared
// cookies nothing places elsewhere), and the figures below Total are
// parts of it, never added to it.
type CategoryCounts struct {
	Total int
	// ByCategory has one figure per catalog.Category; they sum to Total.
	ByCategory [5]int
	// Of which: the cookies the charter does not declare, wherever they
	// are placed (so ByCategory[Undeclared] <= Undeclared <= Total), and
	// among them those a guess or a partition placed in a category.
	Undeclared, Guessed, Partitioned int
}

// CountCategories counts the findings the filter keeps (all of them for a
// zero Filter). The UI's header and tabs and the CLI's summaries call it,
// so their figures agree.
func CountCategories(findings []Finding, f Filter) CategoryCounts {
	var n CategoryCounts
	for i := range findings {
		x := &findings[i]
		if !f.Keep(*x) {
			continue
		}
		n.Add(x.Match)
	}
	return n
}

// Add counts one more cookie of this classification.
func (n *CategoryCounts) Add(m catalog.Match) {
	n.Total++
	if c := int(m.Category); c >= 0 && c < len(n.ByCategory) {
		n.ByCategory[c]++
	}
	if !m.Declared {
		n.Undeclared++
	}
	switch m.Source {
	case catalog.SourceGuess:
		n.Guessed++
	case catalog.SourcePartition:
		n.Partitioned++
	}
}

// Of returns the number of cookies placed in category c.
func (n CategoryCounts) Of(c catalog.Category) int {
	if c < 0 || int(c) >= len(n.ByCategory) {
		return 0
	}
	return n.ByCategory[c]
}

// Matching returns the number of counted cookies a category filter (a
// tab) selects, without counting again: NonEssential is Total less the
// necessary ones, OfCategory(Undeclared) every undeclared cookie.
func (n CategoryCounts) Matching(f CategoryFilter) int {
	c, ok := f.Category()
	switch {
	case !ok:
		return n.Total - n.Of(catalog.Necessary)
	case c == catalog.Undeclared:
		return n.Undeclared
	}
	return n.Of(c)
}

// CountLine is one figure of a line of counts: a category and how many
// cookies it holds.
type CountLine struct {
	Category catalog.Category
	N        int
}

// Lines returns the five figures in display order (catalog.Categories:
// necessary, statistics, first-party, third-party, then the undeclared
// cookies nothing places). They add up to Total; Undeclared, the "of
// which" figure, is not one of them.
func (n CategoryCounts) Lines() []CountLine {
	out := make([]CountLine, 0, len(n.ByCategory))
	for _, c := range catalog.Categories() {
		out = append(out, CountLine{c, n.Of(c)})
	}
	return out
}
