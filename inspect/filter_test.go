package inspect

import (
	"errors"
	"testing"

	"github.com/ofgl/ofgl-cookies/catalog"
)

func TestParseCategoryFilter(t *testing.T) {
	for _, f := range CategoryFilters() {
		got, err := ParseCategoryFilter(f.String())
		if err != nil || got != f {
			t.Errorf("ParseCategoryFilter(%q) = %v, %v", f.String(), got, err)
		}
	}
	if f, err := ParseCategoryFilter("Non-Essential"); err != nil || f != NonEssential {
		t.Errorf("case: %v, %v", f, err)
	}
	_, err := ParseCategoryFilters([]string{"statistics", "ſtatistics"})
	var ce *CategoryFilterError
	if !errors.As(err, &ce) || ce.Name != "ſtatistics" {
		t.Errorf("a look-alike name: %v", err)
	}
}

// Each filter selects what its name says; undeclared keeps every cookie
// the charter does not declare, wherever a guess placed it.
func TestCategoryFilterMatches(t *testing.T) {
	c := catalog.Default()
	declared := c.Match("data.ofgl.fr", "sessionid", false)     // necessary, charter
	guessed := c.Match("data.ofgl.fr", "_pk_id.1.ab", false)    // statistics, guess
	partition := c.Match("tracker.example", "trk_chips", true)  // third-party, partition
	unknown := c.Match("data.ofgl.fr", "ofgl_session", false)   // undeclared, none
	necessaryGuess := c.Match("data.ofgl.fr", "__cf_bm", false) // a guess never makes one necessary
	tests := []struct {
		f    CategoryFilter
		want [5]bool
	}{
		{OfCategory(catalog.Necessary), [5]bool{true, false, false, false, false}},
		{NonEssential, [5]bool{false, true, true, true, true}},
		{OfCategory(catalog.Statistics), [5]bool{false, true, false, false, false}},
		{OfCategory(catalog.ThirdParty), [5]bool{false, false, true, false, false}},
		{OfCategory(catalog.FirstParty), [5]bool{false, false, false, false, false}},
		{OfCategory(catalog.Undeclared), [5]bool{false, true, true, true, true}},
	}
	for _, tc := range tests {
		for i, m := range []catalog.Match{declared, guessed, partition, unknown, necessaryGuess} {
			if got := tc.f.Matches(m); got != tc.want[i] {
				t.Errorf("%v.Matches(%d: %v from %v) = %v", tc.f, i, m.Category, m.Source, got)
			}
		}
	}
	var n CategoryCounts
	for _, m := range []catalog.Match{declared, guessed, partition, unknown, necessaryGuess} {
		n.Add(m)
	}
	if n.Total != 5 || n.Undeclared != 4 || n.Guessed != 1 || n.Partitioned != 1 || n.Of(catalog.Undeclared) != 2 ||
		n.Matching(NonEssential) != 4 || n.Matching(OfCategory(catalog.Undeclared)) != 4 {
		t.Errorf("counts %+v", n)
	}
}
