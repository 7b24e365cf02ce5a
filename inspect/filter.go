package inspect

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/ofgl/ofgl-cookies/catalog"
)

// CategoryFilter is one value of --category and one category tab: a
// catalog.Category, or NonEssential (every cookie the charter does not
// call necessary). OfCategory(catalog.Undeclared) selects every cookie the
// charter does not declare, wherever a guess places it.
type CategoryFilter int

// NonEssential selects every cookie whose category is not Necessary.
const NonEssential CategoryFilter = -1

// OfCategory is the filter of one category.
func OfCategory(c catalog.Category) CategoryFilter { return CategoryFilter(c) }

// CategoryFilters returns the values --category accepts, in display order:
// necessary, non-essential, statistics, first-party, third-party,
// undeclared.
func CategoryFilters() []CategoryFilter {
	return []CategoryFilter{OfCategory(catalog.Necessary), NonEssential, OfCategory(catalog.Statistics),
		OfCategory(catalog.FirstParty), OfCategory(catalog.ThirdParty), OfCategory(catalog.Undeclared)}
}

// Category returns the filter's category, false for NonEssential.
func (f CategoryFilter) Category() (catalog.Category, bool) {
	if f == NonEssential {
		return 0, false
	}
	return catalog.Category(f), true
}

// String returns the name --category takes: "non-essential" or the
// category's name.
func (f CategoryFilter) String() string {
	if f == NonEssential {
		return "non-essential"
	}
	return catalog.Category(f).String()
}

// Matches tells whether a classification falls under the filter:
// NonEssential is everything but necessary, Undeclared every cookie the
// charter does not declare (those a guess or a partition places in
// another category included), any other category the cookies placed in
// it, declared or not.
func (f CategoryFilter) Matches(m catalog.Match) bool {
	c, ok := f.Category()
	switch {
	case !ok:
		return !m.Category.Essential()
	case c == catalog.Undeclared:
		return !m.Declared
	}
	return m.Category == c
}

// CategoryFilterError is a --category value that names no filter.
type CategoryFilterError struct{ Name string }

// Error names the value and the accepted ones.
func (e *CategoryFilterError) Error() string {
	names := make([]string, 0, 6)
	for _, f := range CategoryFilters() {
		names = append(names, f.String())
	}
	return fmt.Sprintf("unknown category %q (expected one of %s)", e.Name, strings.Join(names, ", "))
}

// ParseCategoryFilter reads one --category value, ignoring ASCII case. An
// unknown name gives a *CategoryFilterError.
func ParseCategoryFilter(s string) (CategoryFilter, error) {
	for _, f := range CategoryFilters() {
		if asciiEqualFold(s, f.String()) {
			return f, nil
		}
	}
	return 0, &CategoryFilterError{Name: s}
}

// asciiEqualFold compares ignoring ASCII case only: strings.EqualFold
// would take "ſtatistics" (long s) for "statistics".
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// ParseCategoryFilters reads every --category value; the first unknown one
// gives a *CategoryFilterError.
func ParseCategoryFilters(names []string) ([]CategoryFilter, error) {
	out := make([]CategoryFilter, 0, len(names))
	for _, n := range names {
		f, err := ParseCategoryFilter(n)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// Filter selects findings; empty fields select everything.
type Filter struct {
	Categories []CategoryFilter // a finding matching one is kept
	Browser    string           // browser name, case-insensitive
	Profile    string           // profile display name or directory name, case-insensitive
	Names      []string         // exact cookie names
}

// Keep reports whether the filter selects the finding.
func (f Filter) Keep(x Finding) bool {
	if !f.keepPlace(x) {
		return false
	}
	if len(f.Categories) == 0 {
		return true
	}
	for _, c := range f.Categories {
		if c.Matches(x.Match) {
			return true
		}
	}
	return false
}

// keepPlace is Keep without the categories: browser, profile and names.
func (f Filter) keepPlace(x Finding) bool {
	if f.Browser != "" && !strings.EqualFold(f.Browser, x.Store.Browser) {
		return false
	}
	if f.Profile != "" && !strings.EqualFold(f.Profile, x.Store.Profile) &&
		!strings.EqualFold(f.Profile, filepath.Base(x.Store.ProfileDir)) {
		return false
	}
	if len(f.Names) > 0 {
		found := false
		for _, n := range f.Names {
			if n == x.Name {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// Apply returns the findings the filter keeps.
func (f Filter) Apply(in []Finding) []Finding {
	out := make([]Finding, 0, len(in))
	for _, x := range in {
		if f.Keep(x) {
			out = append(out, x)
		}
	}
	return out
}
