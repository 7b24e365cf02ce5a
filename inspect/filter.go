package inspect

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/ofgl/ofgl-cookies/catalog"
)

// CategoryFilters are the values --category accepts, in display order.
var CategoryFilters = []string{"necessary", "non-essential", "statistics", "first-party", "third-party", "undeclared"}

// Filter selects findings; empty fields select everything.
type Filter struct {
	Categories []string // any of CategoryFilters; a finding matching one is kept
	Browser    string   // browser name, case-insensitive
	Profile    string   // profile display name or directory name, case-insensitive
	Names      []string // exact cookie names
}

// Validate checks the category names.
func (f Filter) Validate() error {
	for _, c := range f.Categories {
		if !validCategoryFilter(c) {
			return fmt.Errorf("unknown category %q (expected one of %s)", c, strings.Join(CategoryFilters, ", "))
		}
	}
	return nil
}

func validCategoryFilter(c string) bool {
	for _, v := range CategoryFilters {
		if strings.EqualFold(v, c) {
			return true
		}
	}
	return false
}

// Keep reports whether the filter selects the finding.
func (f Filter) Keep(x Finding) bool {
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
	if len(f.Categories) == 0 {
		return true
	}
	for _, c := range f.Categories {
		if MatchesCategory(x.Match, c) {
			return true
		}
	}
	return false
}

// MatchesCategory tells whether a classification falls under a category
// filter: "non-essential" is everything but necessary, "undeclared" is every
// cookie the charter does not declare (third-party ones included).
func MatchesCategory(m catalog.Match, filter string) bool {
	switch strings.ToLower(filter) {
	case "non-essential":
		return !m.Category.Essential()
	case "undeclared":
		return !m.Declared
	}
	return strings.EqualFold(m.Category.String(), filter)
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
