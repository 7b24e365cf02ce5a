package i18n

import (
	"fmt"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
)

// Category names a category in the table's language, as a table cell
// says it: "necessary", "undeclared" ("nécessaire", "non déclaré"). It is
// the one place a category becomes a word.
func (s *Strings) Category(c catalog.Category) string {
	if w, ok := s.CategoryWords[c]; ok {
		return w
	}
	return c.String()
}

// CategoryCount is one figure of a line of counts, agreeing with n:
// "11 necessary", "1 nécessaire", "11 nécessaires". For Undeclared it
// names the undeclared cookies nothing places in a category
// ("unclassified").
func (s *Strings) CategoryCount(c catalog.Category, n int) string {
	if m, ok := s.CategoryCounts[c]; ok {
		return s.N(m, n)
	}
	return fmt.Sprintf("%d %s", n, c)
}

// MatchCategory names a classification: the category, marked
// "(undeclared)" when the charter does not declare a cookie that a guess
// or a partition placed in a category.
func (s *Strings) MatchCategory(m catalog.Match) string {
	label := s.Category(m.Category)
	if !m.Declared && m.Category != catalog.Undeclared {
		label += " (" + s.Category(catalog.Undeclared) + ")"
	}
	return label
}

// TabLabel is the title of a category tab.
func (s *Strings) TabLabel(f inspect.CategoryFilter) string {
	c, ok := f.Category()
	if !ok {
		return s.UITabNonEssential
	}
	switch c {
	case catalog.Necessary:
		return s.UITabNecessary
	case catalog.Statistics:
		return s.UITabStatistics
	case catalog.FirstParty:
		return s.UITabFirstParty
	case catalog.ThirdParty:
		return s.UITabThirdParty
	}
	return s.UITabUndeclared
}

// CategoryFilterError renders a --category value that names no filter.
func (s *Strings) CategoryFilterError(e *inspect.CategoryFilterError) string {
	names := ""
	for i, f := range inspect.CategoryFilters() {
		if i > 0 {
			names += ", "
		}
		names += f.String()
	}
	return fmt.Sprintf(s.ErrBadCategory, e.Name, names)
}
